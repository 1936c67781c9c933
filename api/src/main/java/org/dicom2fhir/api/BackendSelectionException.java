package org.dicom2fhir.api;

/** No backend, several candidates, an unknown name, a duplicate name, or a provider that failed to load. */
public class BackendSelectionException extends Dicom2FhirException {
    private static final long serialVersionUID = 1L;

    public BackendSelectionException(String message) {
        super(message);
    }

    public BackendSelectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
