package org.dicom2fhir.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpHeaders;

/**
 * The final answer to one request whose body is read as it arrives ({@link HttpTransport#open}). Closing it stops
 * the transfer.
 *
 * @param status the HTTP status
 * @param headers the response headers
 * @param body the body as the server sends it (not decoded: a gzip body is still compressed); may quote patient
 *        data, so never put it in a message or a log
 * @param attempts how many requests were sent, 1 when the first answer was final
 */
public record HttpStream(int status, HttpHeaders headers, InputStream body, int attempts) implements AutoCloseable {
    @Override
    public void close() throws IOException {
        body.close();
    }

    /** Without the body. */
    @Override
    public String toString() {
        return "HttpStream[status=" + status + ", attempts=" + attempts + "]";
    }
}
