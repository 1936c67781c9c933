package org.dicom2fhir.delivery;

import org.dicom2fhir.api.Dicom2FhirException;

/**
 * The server could not be checked or asked (unreachable, an unexpected status, a FHIR version no configured
 * writer produces), or the client's settings are unusable. Messages name URLs, statuses and files, never a
 * response body or a token.
 */
public final class DeliveryException extends Dicom2FhirException {
    private static final long serialVersionUID = 1L;

    DeliveryException(String message) {
        super(message);
    }

    DeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
