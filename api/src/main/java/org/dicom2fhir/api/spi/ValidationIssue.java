package org.dicom2fhir.api.spi;

import java.util.Objects;

/**
 * One finding of a validator. The message may quote values of the resource: redact before logging.
 *
 * @param location  where in the resource (a FHIRPath-like path), or empty
 * @param message   the validator's sentence, which may quote values
 * @param messageId the validator's identifier of the message template (for HAPI, its i18n key such as
 *                  {@code Terminology_TX_NoValid_2_CC}), or null when it has none; lets callers show
 *                  what kind of finding it is without showing values
 */
public record ValidationIssue(Severity severity, String location, String message, String messageId) {
    public enum Severity {
        FATAL, ERROR, WARNING, INFORMATION
    }

    public ValidationIssue {
        Objects.requireNonNull(severity, "severity");
        location = location == null ? "" : location;
        message = message == null ? "" : message;
    }

    public ValidationIssue(Severity severity, String location, String message) {
        this(severity, location, message, null);
    }

    /** ERROR or FATAL: what "zero errors" counts. */
    public boolean isError() {
        return severity == Severity.ERROR || severity == Severity.FATAL;
    }
}
