package org.dicom2fhir.batch;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/** The little JSON the batch files need: quoted strings (the resources themselves come from the writers). */
final class Json {
    private Json() {
    }

    /** A JSON string literal, quotes included (jackson-core's escaping; it comes with the delivery module). */
    static String quote(String value) {
        return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(value)) + '"';
    }
}
