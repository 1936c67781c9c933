package org.dicom2fhir.http;

/** The CA file or a proxy variable cannot be used; the message says which and why, never a secret. */
public final class HttpSetupException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    HttpSetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
