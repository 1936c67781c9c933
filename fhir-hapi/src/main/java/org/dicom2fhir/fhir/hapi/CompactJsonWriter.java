package org.dicom2fhir.fhir.hapi;

import ca.uhn.fhir.parser.json.BaseJsonLikeWriter;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * HAPI's JSON writer interface straight onto a jackson-core generator, for {@link R4Json}'s compact output: HAPI's
 * {@code JacksonWriter} sends every value through {@code writeObjectField} (a type dispatch per value); this calls the
 * typed methods, which write the same characters. Pretty output stays with HAPI's writer and its pretty printer.
 */
final class CompactJsonWriter extends BaseJsonLikeWriter {
    private final JsonGenerator json;

    CompactJsonWriter(JsonGenerator json) {
        this.json = json;
    }

    @Override
    public BaseJsonLikeWriter init() {
        return this;
    }

    @Override
    public BaseJsonLikeWriter flush() {
        return this;
    }

    @Override
    public void close() throws IOException {
        json.close();
    }

    @Override
    public BaseJsonLikeWriter beginObject() throws IOException {
        json.writeStartObject();
        return this;
    }

    @Override
    public BaseJsonLikeWriter beginObject(String name) throws IOException {
        json.writeObjectFieldStart(name);
        return this;
    }

    @Override
    public BaseJsonLikeWriter beginArray(String name) throws IOException {
        json.writeArrayFieldStart(name);
        return this;
    }

    @Override
    public BaseJsonLikeWriter write(String value) throws IOException {
        json.writeString(value);
        return this;
    }

    @Override
    public BaseJsonLikeWriter write(BigInteger value) throws IOException {
        json.writeNumber(value);
        return this;
    }

    @Override
    public BaseJsonLikeWriter write(BigDecimal value) throws IOException {
        json.writeNumber(value);
        return this;
    }

    @Override
    public BaseJsonLikeWriter write(long value) throws IOException {
        json.writeNumber(value);
        return this;
    }

    @Override
    public BaseJsonLikeWriter write(double value) throws IOException {
        json.writeNumber(value);
        return this;
    }

    @Override
    public BaseJsonLikeWriter write(Boolean value) throws IOException {
        json.writeBoolean(value);
        return this;
    }

    @Override
    public BaseJsonLikeWriter write(boolean value) throws IOException {
        json.writeBoolean(value);
        return this;
    }

    @Override
    public BaseJsonLikeWriter writeNull() throws IOException {
        json.writeNull();
        return this;
    }

    @Override
    public BaseJsonLikeWriter write(String name, String value) throws IOException {
        json.writeStringField(name, value);
        return this;
    }

    @Override
    public BaseJsonLikeWriter write(String name, BigInteger value) throws IOException {
        json.writeFieldName(name);
        json.writeNumber(value);
        return this;
    }

    @Override
    public BaseJsonLikeWriter write(String name, BigDecimal value) throws IOException {
        json.writeNumberField(name, value);
        return this;
    }

    @Override
    public BaseJsonLikeWriter write(String name, long value) throws IOException {
        json.writeNumberField(name, value);
        return this;
    }

    @Override
    public BaseJsonLikeWriter write(String name, double value) throws IOException {
        json.writeNumberField(name, value);
        return this;
    }

    @Override
    public BaseJsonLikeWriter write(String name, Boolean value) throws IOException {
        json.writeFieldName(name);
        json.writeBoolean(value);
        return this;
    }

    @Override
    public BaseJsonLikeWriter write(String name, boolean value) throws IOException {
        json.writeBooleanField(name, value);
        return this;
    }

    @Override
    public BaseJsonLikeWriter endObject() throws IOException {
        json.writeEndObject();
        return this;
    }

    @Override
    public BaseJsonLikeWriter endArray() throws IOException {
        json.writeEndArray();
        return this;
    }

    @Override
    public BaseJsonLikeWriter endBlock() throws IOException {
        json.writeEndObject();
        return this;
    }
}
