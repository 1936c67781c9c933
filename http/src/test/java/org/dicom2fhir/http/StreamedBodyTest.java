package org.dicom2fhir.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link HttpTransport#open} against the JDK's own HTTP server on 127.0.0.1. */
class StreamedBodyTest {
    private HttpServer server;
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger calls = new AtomicInteger();
    private HttpTransport transport;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/whole", exchange -> {
            byte[] body = "x".repeat(100_000).getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/stalls", exchange -> {
            exchange.sendResponseHeaders(200, 0); // chunked
            OutputStream out = exchange.getResponseBody();
            out.write("[{".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            try {
                release.await(30, TimeUnit.SECONDS); // then nothing more: the client must give up on its own
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.createContext("/busy-once", exchange -> {
            boolean first = calls.incrementAndGet() == 1;
            byte[] body = (first ? "busy" : "done").getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(first ? 503 : 200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        // generous timeouts until the headers (a loaded machine is slow to answer); the stall has its own idle timeout
        transport = new HttpTransport(new HttpSettings(Duration.ofSeconds(60), Duration.ofSeconds(60), 2,
                Duration.ofSeconds(30), Duration.ofMillis(1), Duration.ofMillis(5), null, null, null), false);
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Test
    void aBodyIsReadAsItArrives() throws Exception {
        try (HttpStream answer = transport.open(transport.request(uri("/whole")).GET().build(), Duration.ofSeconds(60));
                InputStream body = answer.body()) {
            assertThat(answer.status()).isEqualTo(200);
            assertThat(body.readAllBytes()).hasSize(100_000);
        }
    }

    @Test
    void aBodyThatStopsArrivingFailsAfterTheIdleTimeoutInsteadOfHanging() throws Exception {
        long start = System.nanoTime();
        try (HttpStream answer = transport.open(transport.request(uri("/stalls")).GET().build(), Duration.ofMillis(300))) {
            InputStream body = answer.body();
            assertThat(body.read()).isEqualTo('[');
            assertThat(body.read()).isEqualTo('{');
            assertThatThrownBy(body::read).isInstanceOf(StalledBodyException.class).hasMessageContaining("sent nothing more");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void aRetriableStatusIsRetriedAndItsBodyDropped() throws Exception {
        try (HttpStream answer = transport.open(transport.request(uri("/busy-once")).GET().build(), Duration.ofSeconds(60))) {
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.attempts()).isEqualTo(2);
            assertThat(new String(answer.body().readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("done");
        }
    }
}
