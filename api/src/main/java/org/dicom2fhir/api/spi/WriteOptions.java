package org.dicom2fhir.api.spi;

import java.util.Objects;

/** How to serialise: JSON or XML, compact or pretty. */
public record WriteOptions(OutputFormat format, boolean pretty) {
    public WriteOptions {
        Objects.requireNonNull(format, "format");
    }

    public static WriteOptions json() {
        return new WriteOptions(OutputFormat.JSON, false);
    }

    public static WriteOptions prettyJson() {
        return new WriteOptions(OutputFormat.JSON, true);
    }
}
