package org.dicom2fhir.http;

/**
 * What a request's {@code Authorization} header carries: a {@link BearerToken} or {@link BasicCredentials}. Neither
 * prints its secret ({@code toString} is redacted), and no message of dicom2fhir quotes it.
 */
public sealed interface Authorization permits BearerToken, BasicCredentials {
    /** The header's value; for the request only, never for a message or a log. */
    String headerValue();

    /** What to check when the server answers 401 or 403, e.g. "the bearer token". */
    String kind();
}
