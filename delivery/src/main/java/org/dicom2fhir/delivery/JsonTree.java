package org.dicom2fhir.delivery;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A whole JSON document as plain Java values, for the merge: objects are {@link LinkedHashMap}s (field order kept),
 * arrays {@link ArrayList}s, strings {@link String}s, booleans {@link Boolean}s, numbers {@link Number} records
 * holding their text exactly as written (so that {@code 1.50} stays {@code 1.50} and equal texts are equal values).
 * Written back compact. Server resources are never turned into a FHIR model: what this code does not know survives.
 */
final class JsonTree {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    /** A JSON number, as written. */
    record Number(String text) {
    }

    private JsonTree() {
    }

    /** @throws IOException when it is not a JSON object (the message never quotes it) */
    static Map<String, Object> parseObject(byte[] json) throws IOException {
        try (JsonParser parser = FACTORY.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            return object(parser);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IOException(e.getLocation() == null ? "not valid JSON"
                    : "not valid JSON (at byte " + e.getLocation().getByteOffset() + ")");
        }
    }

    private static Map<String, Object> object(JsonParser parser) throws IOException {
        Map<String, Object> map = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            map.put(name, value(parser, parser.nextToken()));
        }
        return map;
    }

    private static Object value(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT:
                return object(parser);
            case START_ARRAY:
                List<Object> list = new ArrayList<>();
                for (JsonToken item = parser.nextToken(); item != JsonToken.END_ARRAY; item = parser.nextToken()) {
                    list.add(value(parser, item));
                }
                return list;
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return new Number(parser.getText());
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                return parser.getText();
        }
    }

    static byte[] write(Map<String, Object> object) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            write(generator, object);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
        return out.toByteArray();
    }

    private static void write(JsonGenerator generator, Object value) throws IOException {
        if (value instanceof Map<?, ?> map) {
            generator.writeStartObject();
            for (Map.Entry<?, ?> field : map.entrySet()) {
                generator.writeFieldName((String) field.getKey());
                write(generator, field.getValue());
            }
            generator.writeEndObject();
        } else if (value instanceof List<?> list) {
            generator.writeStartArray();
            for (Object item : list) {
                write(generator, item);
            }
            generator.writeEndArray();
        } else if (value instanceof Number number) {
            generator.writeNumber(number.text());
        } else if (value instanceof Boolean bool) {
            generator.writeBoolean(bool);
        } else if (value == null) {
            generator.writeNull();
        } else {
            generator.writeString((String) value);
        }
    }

    /** A deep copy (the merge never changes the server's tree it compares with). */
    @SuppressWarnings("unchecked")
    static <T> T copy(T value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put((String) k, copy(v)));
            return (T) copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(copy(v)));
            return (T) copy;
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Object value) {
        return value instanceof Map ? (Map<String, Object>) value : null;
    }

    /** The maps of an array field; empty when absent. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> objects(Map<String, Object> map, String name) {
        List<Map<String, Object>> objects = new ArrayList<>();
        if (map != null && map.get(name) instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map) {
                    objects.add((Map<String, Object>) item);
                }
            }
        }
        return objects;
    }

    static String string(Map<String, Object> map, String name) {
        return map != null && map.get(name) instanceof String s ? s : null;
    }
}
