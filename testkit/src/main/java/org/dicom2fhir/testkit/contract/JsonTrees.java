package org.dicom2fhir.testkit.contract;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.dicom2fhir.api.spi.FhirRelease;

/**
 * FHIR JSON as Jackson trees: equal trees mean the same FHIR whatever the key order and white space
 * (object equality ignores key order, array order counts, as it does in FHIR).
 */
public final class JsonTrees {
    /** Strict: duplicate keys and trailing garbage are errors, not silently resolved. */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final String GOLDEN_ROOT = "/org/dicom2fhir/testkit/contract/golden/";

    private JsonTrees() {
    }

    /** Parses UTF-8 JSON (strictly: duplicate keys fail). */
    public static JsonNode read(byte[] json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("not well-formed JSON", e);
        }
    }

    /** The expected output of the {@link NeutralStudies} fixture {@code name} in that release. */
    public static JsonNode golden(FhirRelease release, String name) {
        String path = GOLDEN_ROOT + release.name().toLowerCase(Locale.ROOT) + "/" + name + ".json";
        try (InputStream in = JsonTrees.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no golden " + path + " in testkit");
            }
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the golden " + path, e);
        }
    }

    /**
     * The places where two trees differ, as JSON pointers with both values, at most {@code limit};
     * empty when the trees are equal. For readable assertion messages.
     */
    public static List<String> differences(JsonNode expected, JsonNode actual, int limit) {
        List<String> out = new ArrayList<>();
        collect("", expected, actual, out, limit);
        return out;
    }

    private static void collect(String pointer, JsonNode expected, JsonNode actual, List<String> out, int limit) {
        if (out.size() >= limit || expected.equals(actual)) {
            return;
        }
        if (expected.isObject() && actual.isObject()) {
            TreeSet<String> keys = new TreeSet<>();
            expected.fieldNames().forEachRemaining(keys::add);
            actual.fieldNames().forEachRemaining(keys::add);
            for (String key : keys) {
                String child = pointer + "/" + key;
                if (!actual.has(key)) {
                    add(out, limit, child + ": missing (expected " + abbreviate(expected.get(key)) + ")");
                } else if (!expected.has(key)) {
                    add(out, limit, child + ": unexpected " + abbreviate(actual.get(key)));
                } else {
                    collect(child, expected.get(key), actual.get(key), out, limit);
                }
            }
        } else if (expected.isArray() && actual.isArray()) {
            if (expected.size() != actual.size()) {
                add(out, limit, pointer + ": " + actual.size() + " items, expected " + expected.size());
            }
            Iterator<JsonNode> e = expected.elements();
            Iterator<JsonNode> a = actual.elements();
            for (int i = 0; e.hasNext() && a.hasNext(); i++) {
                collect(pointer + "/" + i, e.next(), a.next(), out, limit);
            }
        } else {
            add(out, limit, pointer + ": " + abbreviate(actual) + ", expected " + abbreviate(expected));
        }
    }

    private static void add(List<String> out, int limit, String difference) {
        if (out.size() < limit) {
            out.add(difference);
        }
    }

    private static String abbreviate(JsonNode node) {
        String text = node.toString();
        return text.length() <= 120 ? text : text.substring(0, 117) + "...";
    }

    /** Not for parsing FHIR: exposed for fakes and tests that build trees. */
    static ObjectMapper mapper() {
        return MAPPER;
    }
}
