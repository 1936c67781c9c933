package org.dicom2fhir.dicomweb;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.dicom2fhir.http.HttpStream;

/**
 * QIDO-RS's list of a study's series with their instance counts, to decide between one metadata request and one
 * per series. Only (0020,000E) and (0020,1209) are read; nothing of it is mapped.
 */
final class SeriesListing {
    private static final String SERIES_UID = "0020000E";
    private static final String INSTANCE_COUNT = "00201209";
    private static final Pattern UID = Pattern.compile("[0-9]+(\\.[0-9]+)*");
    /** The QIDO-RS answers' parser: shallow JSON, so a deep nesting is refused early. */
    static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build()).build();

    /** A series and its Number of Series Related Instances. */
    record Series(String uid, long instances) {
    }

    private SeriesListing() {
    }

    /**
     * @return the series, or null when the listing is not there or not usable (a server without QIDO-RS for series,
     *         a series without a count or with a UID that cannot go into a URL): then the study is fetched whole
     * @throws DicomWebException the server cannot be reached
     */
    static List<Series> list(DicomWebStudy study) throws DicomWebException {
        try (HttpStream answer = study.open(study.url().resolve("/series?includefield=" + INSTANCE_COUNT))) {
            String type = answer.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
            if (answer.status() != 200 || !type.contains("json")) {
                return null;
            }
            boolean gzip = answer.headers().firstValue("Content-Encoding").map("gzip"::equalsIgnoreCase).orElse(false);
            return parse(new ResponseBody(answer.body(), gzip, study.maxResponseBytes(), "the request timeout"));
        } catch (DicomWebException e) {
            throw e;
        } catch (IOException e) {
            return null; // broken, cut or too large: the metadata request decides and reports
        }
    }

    static List<Series> parse(InputStream json) throws IOException {
        List<Series> series = new ArrayList<>();
        try (JsonParser parser = FACTORY.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                return null;
            }
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                String uid = null;
                long count = -1;
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String tag = parser.currentName().toUpperCase(Locale.ROOT);
                    parser.nextToken();
                    if (tag.equals(SERIES_UID) || tag.equals(INSTANCE_COUNT)) {
                        String value = firstValue(parser);
                        if (tag.equals(SERIES_UID)) {
                            uid = value;
                        } else if (value != null && value.strip().matches("[0-9]{1,9}")) {
                            count = Long.parseLong(value.strip());
                        }
                    } else {
                        parser.skipChildren();
                    }
                }
                if (uid == null || !UID.matcher(uid).matches() || uid.length() > 64 || count < 0) {
                    return null;
                }
                series.add(new Series(uid, count));
            }
            return parser.currentToken() == JsonToken.END_ARRAY ? series : null;
        }
    }

    /** The first of an attribute's values as text, the parser at the attribute's START_OBJECT; null when none. */
    static String firstValue(JsonParser parser) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return null;
        }
        String first = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            JsonToken t = parser.nextToken();
            if (key.equals("Value") && t == JsonToken.START_ARRAY) {
                JsonToken v = parser.nextToken();
                if (v == JsonToken.VALUE_STRING || v == JsonToken.VALUE_NUMBER_INT) {
                    first = parser.getText();
                }
                while (v != JsonToken.END_ARRAY && v != null) {
                    parser.skipChildren();
                    v = parser.nextToken();
                }
            } else {
                parser.skipChildren();
            }
        }
        return first;
    }
}
