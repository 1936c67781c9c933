package org.dicom2fhir.http;

/**
 * What goes into a request's {@code Authorization} header: a fixed bearer token, HTTP Basic credentials, or a
 * token obtained from an OAuth2 token endpoint and renewed before it expires. Asked before every attempt (a retry that waited may need a renewed
 * token). Implementations never print a secret, a key or a token.
 */
public interface Credentials {
    /**
     * The header's value to send now.
     *
     * @param tokenRequests sends a request to a token endpoint without credentials (for the tokens' own requests)
     * @throws TransportException when no token could be obtained (the message names the token endpoint and its
     *         refusal, never a secret)
     */
    String authorization(Exchange tokenRequests) throws TransportException;

    /**
     * The server answered 401 to a request carrying {@code authorization}.
     *
     * @return true when a renewed value may be accepted (the request is then sent once more), false for a fixed token
     */
    boolean refused(String authorization);

    /** What to check when the server answers 401 or 403, e.g. "the bearer token". */
    default String kind() {
        return "the credentials";
    }

    /** Sends one request (with the transport's retries and pacing) and returns the final answer. */
    @FunctionalInterface
    interface Exchange {
        HttpAnswer send(java.net.http.HttpRequest request) throws TransportException;
    }
}
