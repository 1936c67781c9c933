package org.dicom2fhir.dicomweb;

import java.io.IOException;

/**
 * The study cannot be fetched: the server has no such study (404), refuses (401, 403), fails (500, or 503 until the
 * retries ran out), or cannot be reached. The message names the URL and the HTTP status or the kind of failure,
 * never a body or a secret.
 */
public final class DicomWebException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int status;

    DicomWebException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The final HTTP status, or 0 when no answer came. */
    public int status() {
        return status;
    }
}
