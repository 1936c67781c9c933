package org.dicom2fhir.http;

/**
 * No HTTP answer: the connection could not be made or kept, TLS failed, or the answer did not come in time.
 * The message names the URL and the kind of failure, never a body or a token.
 */
public final class TransportException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What went wrong, for callers that act on it. */
    public enum Kind {
        /** refused, reset, closed, unresolvable host, connect timeout: retried until the retries ran out */
        CONNECTION,
        /** certificate not trusted, host name mismatch, protocol failure: never retried */
        TLS,
        /** no response headers within the request timeout: never retried */
        TIMEOUT,
        /** the calling thread was interrupted (its interrupt flag is set again) */
        INTERRUPTED,
        /** no token: the token endpoint refused the client or gave no usable answer (its own failures keep their kind) */
        AUTHORIZATION
    }

    private final Kind kind;
    private final int attempts;

    TransportException(Kind kind, String message, int attempts, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.attempts = attempts;
    }

    public Kind kind() {
        return kind;
    }

    /** Requests sent (or tried), including the failed one. */
    public int attempts() {
        return attempts;
    }
}
