package org.dicom2fhir.http;

import java.net.http.HttpHeaders;

/**
 * The final HTTP answer to one request, after any retries.
 *
 * @param status the HTTP status
 * @param headers the response headers
 * @param body the response body (may quote patient data: never put it in a message or a log)
 * @param attempts how many requests were sent, 1 when the first answer was final
 */
public record HttpAnswer(int status, HttpHeaders headers, byte[] body, int attempts) {
    /** Without the body, which may quote patient data. */
    @Override
    public String toString() {
        return "HttpAnswer[status=" + status + ", bodyBytes=" + body.length + ", attempts=" + attempts + "]";
    }
}
