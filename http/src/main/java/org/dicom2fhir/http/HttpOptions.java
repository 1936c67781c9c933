package org.dicom2fhir.http;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509KeyManager;

/**
 * The settings every network side of dicom2fhir shares (the FHIR delivery, the DICOMweb source), with their
 * defaults: connect timeout 10 s, request timeout 120 s, 3 retries within 5 min, backoff 1 s to 30 s, the JVM's
 * trust, proxies from {@link System#getenv()}. Mutable and not thread-safe, like a builder; {@link #settings}
 * makes the immutable {@link HttpSettings}.
 */
public final class HttpOptions {
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout = Duration.ofSeconds(120);
    private int retries = 3;
    private Duration retryMaxTime = Duration.ofMinutes(5);
    private Duration backoffBase = Duration.ofSeconds(1);
    private Duration backoffCap = Duration.ofSeconds(30);
    private Path caCertificates;
    private Map<String, String> proxyEnvironment = System.getenv();
    private X509KeyManager clientCertificate;
    private double maxRequestsPerSecond;

    /** TCP connection set-up (default 10 s); a connect timeout is retried. */
    public HttpOptions connectTimeout(Duration timeout) {
        this.connectTimeout = Objects.requireNonNull(timeout, "timeout");
        return this;
    }

    /** Until the response's headers (default 120 s); not retried. */
    public HttpOptions requestTimeout(Duration timeout) {
        this.requestTimeout = Objects.requireNonNull(timeout, "timeout");
        return this;
    }

    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** Retries after the first attempt (default 3); 0 disables retrying. */
    public HttpOptions retries(int retries) {
        this.retries = retries;
        return this;
    }

    /** No retry starts later than this after the first attempt (default 5 min). */
    public HttpOptions retryMaxTime(Duration maxTime) {
        this.retryMaxTime = Objects.requireNonNull(maxTime, "maxTime");
        return this;
    }

    /** Full-jitter backoff: the n-th retry waits up to min(cap, base * 2^(n-1)) (default 1 s, 30 s). */
    public HttpOptions backoff(Duration base, Duration cap) {
        this.backoffBase = Objects.requireNonNull(base, "base");
        this.backoffCap = Objects.requireNonNull(cap, "cap");
        return this;
    }

    /** A PEM file of CA certificates trusted in addition to the JVM's (never instead of them). */
    public HttpOptions caCertificates(Path pemFile) {
        this.caCertificates = Objects.requireNonNull(pemFile, "pemFile");
        return this;
    }

    /**
     * Where HTTPS_PROXY, HTTP_PROXY and NO_PROXY are read (default: {@link System#getenv()}); an empty map means
     * direct connections.
     */
    public HttpOptions proxyEnvironment(Map<String, String> environment) {
        this.proxyEnvironment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
        return this;
    }

    /** The client certificate of mutual TLS, as a key manager (see {@link KeyFiles}), or null for none (the default). */
    public HttpOptions clientCertificate(X509KeyManager keyManager) {
        this.clientCertificate = keyManager;
        return this;
    }

    /**
     * At most this many requests start per second, shared by every request of one transport (retries and token
     * requests included); 0 for no limit (the default).
     */
    public HttpOptions maxRequestsPerSecond(double perSecond) {
        this.maxRequestsPerSecond = perSecond;
        return this;
    }

    /**
     * @param credentials what every request's {@code Authorization} header carries, or null
     * @throws HttpSetupException when the CA file cannot be read or holds no certificate, or a proxy variable is
     *         not a proxy URL
     * @throws IllegalArgumentException for settings out of range
     */
    public HttpSettings settings(Credentials credentials) {
        SSLContext ssl = null;
        if (caCertificates != null || clientCertificate != null) {
            try {
                ssl = TrustedCertificates.context(caCertificates, clientCertificate);
            } catch (IOException e) {
                String what = clientCertificate == null ? "cannot use the CA certificates: " : "";
                throw new HttpSetupException(what + e.getMessage(), e);
            }
        }
        EnvironmentProxySelector proxies;
        try {
            proxies = EnvironmentProxySelector.fromEnvironment(proxyEnvironment);
        } catch (IllegalArgumentException e) {
            throw new HttpSetupException(e.getMessage(), e);
        }
        return new HttpSettings(connectTimeout, requestTimeout, retries, retryMaxTime, backoffBase, backoffCap,
                credentials, ssl, proxies, maxRequestsPerSecond);
    }

    /**
     * A server's base URL: {@code http://} or {@code https://} with a host, no user information (credentials in a
     * URL end up in messages and logs), no query or fragment, trailing slashes removed.
     *
     * @param what the URL's role for the messages, e.g. "the FHIR base URL"
     * @throws IllegalArgumentException saying what is wrong
     */
    public static URI checkedBase(String url, String what) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new IllegalArgumentException(what + " must be http://host/... or https://host/...");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException(what + " must not carry user information");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(what + " must have no query or fragment: " + url);
        }
        String text = uri.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return URI.create(text);
    }
}
