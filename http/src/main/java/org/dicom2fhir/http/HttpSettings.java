package org.dicom2fhir.http;

import java.net.ProxySelector;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * What one {@link HttpTransport} is built with.
 *
 * @param connectTimeout TCP (and proxy CONNECT) set-up; a connect timeout is retried like a refused connection
 * @param requestTimeout from sending the request to the response's headers; a request timeout is NOT retried
 *        (see {@link HttpTransport})
 * @param retries attempts after the first one, for retriable statuses and connection failures
 * @param retryMaxTime no retry starts (or waits) beyond this time after the first attempt began
 * @param backoffBase the first retry's backoff bound; doubled per retry
 * @param backoffCap the largest backoff bound (a server's {@code Retry-After} is honoured beyond it)
 * @param credentials the {@code Authorization} of each request (a bearer token, OAuth2 tokens), or null
 * @param sslContext the TLS context (JVM trust plus any extra CAs), or null for the JVM's default
 * @param proxySelector proxies, or null for direct connections
 * @param maxRequestsPerSecond the most requests started per second (retries and token requests included), 0 for
 *        no limit
 */
public record HttpSettings(Duration connectTimeout, Duration requestTimeout, int retries, Duration retryMaxTime,
        Duration backoffBase, Duration backoffCap, Credentials credentials, SSLContext sslContext,
        ProxySelector proxySelector, double maxRequestsPerSecond) {

    /** Without a request rate limit. */
    public HttpSettings(Duration connectTimeout, Duration requestTimeout, int retries, Duration retryMaxTime,
            Duration backoffBase, Duration backoffCap, Credentials credentials, SSLContext sslContext,
            ProxySelector proxySelector) {
        this(connectTimeout, requestTimeout, retries, retryMaxTime, backoffBase, backoffCap, credentials, sslContext,
                proxySelector, 0);
    }

    public HttpSettings {
        positive(connectTimeout, "connectTimeout");
        positive(requestTimeout, "requestTimeout");
        Objects.requireNonNull(retryMaxTime, "retryMaxTime");
        Objects.requireNonNull(backoffBase, "backoffBase");
        Objects.requireNonNull(backoffCap, "backoffCap");
        if (retries < 0) {
            throw new IllegalArgumentException("retries must not be negative: " + retries);
        }
        if (retryMaxTime.isNegative() || backoffBase.isNegative() || backoffCap.isNegative()) {
            throw new IllegalArgumentException("retryMaxTime, backoffBase and backoffCap must not be negative");
        }
        if (!(maxRequestsPerSecond >= 0) || Double.isInfinite(maxRequestsPerSecond)) {
            throw new IllegalArgumentException("maxRequestsPerSecond must be a positive number (0: no limit): "
                    + maxRequestsPerSecond);
        }
        if (backoffCap.compareTo(backoffBase) < 0) {
            throw new IllegalArgumentException("backoffCap (" + backoffCap + ") is below backoffBase (" + backoffBase + ")");
        }
    }

    private static void positive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + duration);
        }
    }

    /** The credentials are shown as present or absent only (the record's generated toString would call their toString, redacted, too). */
    @Override
    public String toString() {
        return "HttpSettings[connectTimeout=" + connectTimeout + ", requestTimeout=" + requestTimeout + ", retries="
                + retries + ", retryMaxTime=" + retryMaxTime + ", backoff=" + backoffBase + ".." + backoffCap
                + ", credentials=" + (credentials == null ? "none" : "redacted") + ", tls=" + (sslContext != null)
                + ", proxies=" + (proxySelector != null) + ", maxRequestsPerSecond=" + maxRequestsPerSecond + "]";
    }
}
