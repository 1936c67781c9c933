package org.dicom2fhir.api;

/**
 * Base of our unchecked exceptions: misuse, configuration, and failures of a backend library that
 * were wrapped so that no raw third-party exception escapes. Messages never carry patient data.
 */
public class Dicom2FhirException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public Dicom2FhirException(String message) {
        super(message);
    }

    public Dicom2FhirException(String message, Throwable cause) {
        super(message, cause);
    }
}
