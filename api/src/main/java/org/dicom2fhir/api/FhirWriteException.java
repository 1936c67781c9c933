package org.dicom2fhir.api;

/**
 * A FHIR model library rejected or failed to serialise the study. The message is ours and free of
 * values; the library's own exception is the cause (its message may quote values: do not show it
 * unredacted).
 */
public class FhirWriteException extends Dicom2FhirException {
    private static final long serialVersionUID = 1L;

    public FhirWriteException(String message, Throwable cause) {
        super(message, cause);
    }

    public FhirWriteException(String message) {
        super(message);
    }
}
