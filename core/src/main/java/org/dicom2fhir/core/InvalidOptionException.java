package org.dicom2fhir.core;

import org.dicom2fhir.api.Dicom2FhirException;

/** An option of the converter has a value that cannot work (a bad endpoint URL, a non-positive thread count...). */
public class InvalidOptionException extends Dicom2FhirException {
    private static final long serialVersionUID = 1L;

    public InvalidOptionException(String message) {
        super(message);
    }

    public InvalidOptionException(String message, Throwable cause) {
        super(message, cause);
    }
}
