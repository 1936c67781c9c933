package org.dicom2fhir.api.spi;

import java.util.Objects;

/**
 * One finding of a validator. The message may quote values of the resource: redact before logging.
 */
public record ValidationIssue(Severity severity, String location, String message) {
    public enum Severity {
        FATAL, ERROR, WARNING, INFORMATION
    }

    public ValidationIssue {
        Objects.requireNonNull(severity, "severity");
        location = location == null ? "" : location;
        message = message == null ? "" : message;
    }

    /** ERROR or FATAL: what "zero errors" counts. */
    public boolean isError() {
        return severity == Severity.ERROR || severity == Severity.FATAL;
    }
}
