package org.dicom2fhir.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;

/**
 * Sends requests with one shared {@link HttpClient} (connections are reused) and retries what is worth
 * retrying.
 *
 * <p>Retried: the statuses 429, 502, 503 and 504, and connection failures (refused, reset, closed before the
 * answer, connect timeout), with full-jitter exponential backoff or the server's {@code Retry-After}, at most
 * {@link HttpSettings#retries()} times and never beyond {@link HttpSettings#retryMaxTime()}. When a wait would
 * end beyond that time the last answer (or failure) is final.
 *
 * <p>Not retried: a request timeout (the server got the request and may still be working on it: a second copy
 * of a transaction would only queue behind the first one and double the load on a server that is already
 * slow), TLS failures (a certificate does not become trusted by waiting), and every other status.
 *
 * <p>Redirects are never followed: a 3xx is the answer (a POST must not silently turn into a GET elsewhere).
 */
public final class HttpTransport {
    private final HttpClient client;
    private final HttpSettings settings;
    private final RequestPacer pacer;

    /**
     * @param secure true for an https base URL: HTTP/2 may be negotiated by ALPN; plain http stays on HTTP/1.1
     *        (no h2c upgrade request, which some servers and proxies mishandle)
     */
    public HttpTransport(HttpSettings settings, boolean secure) {
        this.settings = Objects.requireNonNull(settings, "settings");
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(secure ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER);
        if (settings.sslContext() != null) {
            builder.sslContext(settings.sslContext()); // host name verification stays on: the client's default
        }
        if (settings.proxySelector() != null) {
            builder.proxy(settings.proxySelector());
        }
        this.client = builder.build();
        this.pacer = settings.maxRequestsPerSecond() > 0 ? new RequestPacer(settings.maxRequestsPerSecond()) : null;
    }

    /**
     * A request to {@code uri} with the request timeout; {@link #send} adds the credentials' {@code Authorization}
     * header to each attempt.
     */
    public HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(settings.requestTimeout());
    }

    /** What to check on a 401 or 403 ("check the bearer token"), or null when the requests carry no credentials. */
    public String authorizationKind() {
        return settings.credentials() == null ? null : settings.credentials().kind();
    }

    /**
     * Sends the request, retrying as described above.
     *
     * @return the final answer: a success, a status that is not retried, or a retriable status whose retries ran out
     * @throws TransportException when no answer came; its message names the method and URL, never a body or token
     */
    public HttpAnswer send(HttpRequest request) throws TransportException {
        return answer(exchange(request, settings.credentials(), HttpResponse.BodyHandlers.ofByteArray(), body -> { }));
    }

    /** As {@link #send(HttpRequest)}, without credentials: the requests to a token endpoint. */
    HttpAnswer sendWithoutCredentials(HttpRequest request) throws TransportException {
        return answer(exchange(request, null, HttpResponse.BodyHandlers.ofByteArray(), body -> { }));
    }

    private static HttpAnswer answer(Exchange<byte[]> exchange) {
        HttpResponse<byte[]> response = exchange.response();
        return new HttpAnswer(response.statusCode(), response.headers(), response.body(), exchange.attempts());
    }

    /**
     * Sends the request, retrying as {@link #send} does, and returns once the final answer's headers are in: its
     * body is read as it arrives. A body that stops arriving for {@code idleTimeout} fails its reader with a
     * {@link StalledBodyException}; the request timeout covers only the time until the headers.
     *
     * @throws TransportException when no answer came
     */
    public HttpStream open(HttpRequest request, Duration idleTimeout) throws TransportException {
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Exchange<InputStream> exchange = exchange(request, settings.credentials(), info -> new StreamedBody(idleTimeout),
                HttpTransport::discard);
        HttpResponse<InputStream> response = exchange.response();
        return new HttpStream(response.statusCode(), response.headers(), response.body(), exchange.attempts());
    }

    /** A final response and the number of requests it took. */
    private record Exchange<T>(HttpResponse<T> response, int attempts) {
    }

    /**
     * The retry loop of both {@link #send} and {@link #open}.
     *
     * @param discard releases the body of an answer that is retried
     */
    private <T> Exchange<T> exchange(HttpRequest request, Credentials credentials, HttpResponse.BodyHandler<T> handler,
            Consumer<T> discard) throws TransportException {
        long start = System.nanoTime();
        long deadline = start + settings.retryMaxTime().toNanos();
        String what = request.method() + " " + request.uri();
        boolean renewed = false;
        for (int attempt = 1; ; attempt++) {
            boolean last = attempt > settings.retries();
            HttpResponse<T> response;
            String authorization = null;
            try {
                HttpRequest sent = request;
                if (credentials != null) {
                    // asked per attempt: a retry after a long wait must not carry a token that expired meanwhile
                    authorization = credentials.authorization(this::sendWithoutCredentials);
                    sent = HttpRequest.newBuilder(request, (name, value) -> true)
                            .setHeader("Authorization", authorization).build();
                }
                if (pacer != null) {
                    pacer.awaitSlot();
                }
                response = client.send(sent, handler);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TransportException(TransportException.Kind.INTERRUPTED, what + ": interrupted", attempt, e);
            } catch (IOException e) {
                TransportException failure = classify(e, what, attempt);
                if (failure.kind() != TransportException.Kind.CONNECTION || last
                        || !waitBeforeRetry(Backoff.fullJitter(settings.backoffBase(), settings.backoffCap(), attempt), deadline)) {
                    throw failure;
                }
                continue;
            }
            int status = response.statusCode();
            if (status == 401 && credentials != null && !renewed && credentials.refused(authorization)) {
                renewed = true; // one renewal and one more attempt; a second 401 is the answer
                discard.accept(response.body());
                continue;
            }
            if (last || !retriable(status)) {
                return new Exchange<>(response, attempt);
            }
            int retry = attempt;
            Duration delay = Backoff.retryAfter(response.headers().firstValue("Retry-After").orElse(null), Instant.now())
                    .orElseGet(() -> Backoff.fullJitter(settings.backoffBase(), settings.backoffCap(), retry));
            if (!waitBeforeRetry(delay, deadline)) {
                return new Exchange<>(response, attempt);
            }
            discard.accept(response.body());
        }
    }

    private static void discard(InputStream body) {
        try {
            body.close();
        } catch (IOException e) {
            // the answer is dropped for a retry: nothing of it is needed
        }
    }

    /** The statuses that say "try again later": too many requests, and a gateway or server that is not available. */
    public static boolean retriable(int status) {
        return status == 429 || status == 502 || status == 503 || status == 504;
    }

    /** Sleeps unless the wait would end beyond the deadline; false when the retry must not happen. */
    private static boolean waitBeforeRetry(Duration delay, long deadline) throws TransportException {
        long wakeUp = System.nanoTime() + delay.toNanos();
        if (wakeUp - deadline > 0) {
            return false;
        }
        try {
            Thread.sleep(delay.toMillis(), (int) (delay.toNanos() % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException(TransportException.Kind.INTERRUPTED, "interrupted while waiting to retry", 0, e);
        }
        return true;
    }

    /** The exception's kind and a message from the JDK's own (never a body: the client has none to quote). */
    private static TransportException classify(IOException e, String what, int attempt) {
        SSLException tls = find(e, SSLException.class);
        if (tls != null) {
            return new TransportException(TransportException.Kind.TLS, what + ": TLS handshake failed: "
                    + innermostMessage(tls) + attempts(attempt), attempt, e);
        }
        if (e instanceof HttpConnectTimeoutException) {
            return new TransportException(TransportException.Kind.CONNECTION, what + ": connect timed out" + attempts(attempt), attempt, e);
        }
        if (e instanceof HttpTimeoutException) {
            return new TransportException(TransportException.Kind.TIMEOUT, what
                    + ": no response within the request timeout (not retried: the server may still be processing it)"
                    + attempts(attempt), attempt, e);
        }
        String kind = find(e, ConnectException.class) != null ? "connection failed" : "connection lost";
        return new TransportException(TransportException.Kind.CONNECTION, what + ": " + kind + ": "
                + innermostMessage(e) + attempts(attempt), attempt, e);
    }

    private static String attempts(int attempt) {
        return attempt == 1 ? " (1 attempt)" : " (" + attempt + " attempts)";
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /**
     * The first line of the deepest message in the cause chain ("PKIX path building failed: ...", "Connection
     * refused"), else the deepest exception's class name (the JDK's ConnectException often has no message).
     */
    private static String innermostMessage(Throwable e) {
        Throwable deepest = e;
        String message = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            deepest = t;
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage().lines().findFirst().orElse("");
            }
        }
        return message == null ? deepest.getClass().getSimpleName() : message;
    }
}
