package org.dicom2fhir.delivery;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads only the wanted parts of a JSON document with jackson-core's streaming parser, skipping the rest
 * unparsed into objects (a 10 MB transaction Bundle costs no tree). Paths name fields from the top, arrays with
 * {@code []}: {@code entry[].response.status}. Objects become maps, arrays lists, scalars strings.
 */
final class JsonSubset {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private final Set<String> wanted;
    private final Set<String> prefixes = new HashSet<>();

    JsonSubset(Set<String> paths) {
        this.wanted = Set.copyOf(paths);
        for (String path : paths) {
            for (int i = 0; i < path.length(); i++) {
                char c = path.charAt(i);
                if (c == '.' || c == '[') {
                    prefixes.add(path.substring(0, i));
                }
            }
        }
    }

    /**
     * @return the wanted parts of the top-level object
     * @throws IOException when the document is not JSON or not an object (the message never quotes it)
     */
    Map<String, Object> read(byte[] json) throws IOException {
        try (JsonParser parser = FACTORY.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            return object(parser, "", false);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            // jackson's messages may quote the document (patient data): keep only where it broke
            throw new IOException(e.getLocation() == null ? "not valid JSON"
                    : "not valid JSON (at byte " + e.getLocation().getByteOffset() + ")");
        }
    }

    /** @param all inside a wanted path: everything is kept */
    private Map<String, Object> object(JsonParser parser, String path, boolean all) throws IOException {
        Map<String, Object> map = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            String child = path.isEmpty() ? name : path + "." + name;
            JsonToken token = parser.nextToken();
            if (all || wanted.contains(child) || prefixes.contains(child)) {
                map.put(name, value(parser, token, child, all || wanted.contains(child)));
            } else {
                parser.skipChildren();
            }
        }
        return map;
    }

    private Object value(JsonParser parser, JsonToken token, String path, boolean all) throws IOException {
        switch (token) {
            case START_OBJECT:
                return object(parser, path, all);
            case START_ARRAY:
                List<Object> list = new ArrayList<>();
                for (JsonToken item = parser.nextToken(); item != JsonToken.END_ARRAY; item = parser.nextToken()) {
                    list.add(value(parser, item, path + "[]", all));
                }
                return list;
            case VALUE_NULL:
                return null;
            default:
                return parser.getText();
        }
    }

    /** The string at a dotted path of nested maps, or null. */
    static String string(Map<String, Object> map, String dottedPath) {
        Object value = map;
        for (String name : dottedPath.split("\\.")) {
            if (!(value instanceof Map)) {
                return null;
            }
            value = ((Map<?, ?>) value).get(name);
        }
        return value instanceof String ? (String) value : null;
    }

    /** The list at a field of a map, the maps in it only; empty when absent. */
    static List<Map<String, Object>> objects(Map<String, Object> map, String name) {
        List<Map<String, Object>> objects = new ArrayList<>();
        if (map != null && map.get(name) instanceof List) {
            for (Object item : (List<?>) map.get(name)) {
                if (item instanceof Map) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> object = (Map<String, Object>) item;
                    objects.add(object);
                }
            }
        }
        return objects;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Map<String, Object> map, String name) {
        return map != null && map.get(name) instanceof Map ? (Map<String, Object>) map.get(name) : null;
    }
}
