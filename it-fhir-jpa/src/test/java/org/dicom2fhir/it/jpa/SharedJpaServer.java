package org.dicom2fhir.it.jpa;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One HAPI JPA server (R4, H2 in memory) for the test classes that extend with this: started before the first of
 * them, stopped (and its temporary folder deleted) when the whole test run ends. Its start-up is the most expensive
 * part of these tests (15 s to over a minute on the 2-core machine, by its load), and the classes using it keep to
 * Study Instance UIDs and patient IDs of their own.
 */
final class SharedJpaServer implements BeforeAllCallback {
    private static volatile JpaFhirServer server;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** The server's FHIR base URL; in or after a class's {@code @BeforeAll}. */
    static String base() {
        return server().baseUrl();
    }

    static JpaFhirServer server() {
        JpaFhirServer started = server;
        if (started == null) {
            throw new IllegalStateException("not started: extend the test class with SharedJpaServer");
        }
        return started;
    }

    /** A request of the test itself (what the server holds), FHIR JSON, answered within 60 s. */
    static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.header("Accept", "application/fhir+json").timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(SharedJpaServer.class, key -> Running.start(), Running.class);
    }

    /** Closed by JUnit when the run ends. */
    private record Running(JpaFhirServer jpa, Path folder) implements ExtensionContext.Store.CloseableResource {
        static Running start() {
            try {
                Path folder = Files.createTempDirectory("shared-jpa-");
                JpaFhirServer jpa = JpaFhirServer.r4(folder);
                jpa.start();
                // HAPI builds its CapabilityStatement on the first request: warmed up here, without the command's
                // 120 s request timeout (on a machine loaded by other builds that first answer took over 2 minutes)
                long warmUp = System.nanoTime();
                HttpResponse<String> metadata = HTTP.send(HttpRequest.newBuilder(java.net.URI.create(jpa.baseUrl()
                        + "/metadata")).header("Accept", "application/fhir+json").timeout(Duration.ofMinutes(10)).build(),
                        HttpResponse.BodyHandlers.ofString());
                System.out.println("shared JpaFhirServer start-up: " + jpa.startUpTime().toMillis() + " ms, first "
                        + "metadata answer (HTTP " + metadata.statusCode() + ") " + (System.nanoTime() - warmUp) / 1_000_000
                        + " ms");
                server = jpa;
                return new Running(jpa, folder);
            } catch (IOException e) {
                throw new IllegalStateException("the JPA server did not start or answer", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() throws IOException {
            server = null;
            try {
                jpa.close();
            } finally {
                Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                        Files.delete(file);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                        Files.delete(dir);
                        return FileVisitResult.CONTINUE;
                    }
                });
            }
        }
    }
}
