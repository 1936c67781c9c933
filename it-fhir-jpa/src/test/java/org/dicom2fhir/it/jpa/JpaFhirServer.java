package org.dicom2fhir.it.jpa;

import ca.uhn.fhir.rest.server.RestfulServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * A complete HAPI FHIR JPA server for integration tests: HAPI's JPA storage on an H2 database, its
 * RESTful server (every resource provider, and the system provider for transactions) on an embedded
 * Jetty 12 bound to 127.0.0.1 on a free port. Plain Spring ({@link JpaServerConfig}), no Spring Boot.
 *
 * <pre>{@code
 * try (JpaFhirServer server = JpaFhirServer.r4(tempDir)) {
 *     String base = server.start();          // http://127.0.0.1:<port>/fhir
 *     ...
 * }
 * }</pre>
 *
 * <p>Storage behaviour the tests rely on (see {@link JpaServerConfig#storageSettings()}): searches are never
 * served from HAPI's search cache, clients may assign any id, an update that changes nothing creates no
 * version. {@link #close()} stops Jetty and the Spring context and drops the database; only the data
 * folder given remains (the caller's temporary folder).
 */
public final class JpaFhirServer implements AutoCloseable {

    /** The FHIR releases this harness can serve: the Spring configuration of each. */
    public enum Release {
        R4(JpaServerR4Config.class);

        private final Class<?> configuration;

        Release(Class<?> configuration) {
            this.configuration = configuration;
        }
    }

    /** Where the database lives: in memory (the default; faster) or in a file under the data folder. */
    public enum Database {
        MEMORY, FILE
    }

    /** What the Spring configuration needs to know of this server (a bean registered before the refresh). */
    record Settings(Release release, Path dataFolder, Database database, String databaseName) {
        String jdbcUrl() {
            return switch (database) {
                // kept until close() shuts it down: HAPI's pool may briefly hold no connection
                case MEMORY -> "jdbc:h2:mem:" + databaseName + ";DB_CLOSE_DELAY=-1";
                // closed with the pool's last connection; no shutdown hook of H2's own
                case FILE -> "jdbc:h2:file:" + dataFolder.resolve("h2").resolve(databaseName).toAbsolutePath()
                        + ";DB_CLOSE_ON_EXIT=FALSE";
            };
        }
    }

    private static final String FHIR_PATH = "/fhir";

    private final Settings settings;
    private AnnotationConfigApplicationContext context;
    private Server jetty;
    private String baseUrl;
    private Duration startUpTime;

    private JpaFhirServer(Release release, Path dataFolder, Database database) {
        this.settings = new Settings(Objects.requireNonNull(release), Objects.requireNonNull(dataFolder),
                Objects.requireNonNull(database), "fhir-" + UUID.randomUUID());
    }

    /** An R4 server with its database in memory; {@code dataFolder} (a temporary folder) holds any files. */
    public static JpaFhirServer r4(Path dataFolder) {
        return new JpaFhirServer(Release.R4, dataFolder, Database.MEMORY);
    }

    public static JpaFhirServer create(Release release, Path dataFolder, Database database) {
        return new JpaFhirServer(release, dataFolder, database);
    }

    /**
     * Starts the Spring context (HAPI's JPA storage, the schema created by Hibernate) and then Jetty.
     * Returns the FHIR base URL, {@code http://127.0.0.1:<port>/fhir}. A failed start leaves nothing
     * running.
     */
    public synchronized String start() {
        if (baseUrl != null) {
            throw new IllegalStateException("already started: " + baseUrl);
        }
        if (context != null) {
            throw new IllegalStateException("closed");
        }
        long started = System.nanoTime();
        try {
            Files.createDirectories(settings.dataFolder());
            context = new AnnotationConfigApplicationContext();
            // HAPI's scheduler service reads this from the Spring environment: no Quartz schedulers, so no
            // background jobs (reindexing, cache refreshes, batch2 maintenance) run beside the tests
            context.getEnvironment().getPropertySources()
                    .addFirst(new MapPropertySource("jpa-fhir-server", Map.of("scheduling_disabled", "true")));
            context.registerBean(Settings.class, () -> settings);
            context.register(settings.release().configuration);
            context.refresh();

            QueuedThreadPool threads = new QueuedThreadPool(32, 2);
            threads.setName("jpa-fhir-jetty");
            jetty = new Server(threads);
            ServerConnector connector = new ServerConnector(jetty);
            connector.setHost("127.0.0.1");
            connector.setPort(0);
            jetty.addConnector(connector);
            ServletContextHandler handler = new ServletContextHandler("/");
            handler.addServlet(new ServletHolder("fhir", context.getBean(RestfulServer.class)), FHIR_PATH + "/*");
            jetty.setHandler(handler);
            jetty.setStopTimeout(5_000);
            jetty.start();

            baseUrl = "http://127.0.0.1:" + connector.getLocalPort() + FHIR_PATH;
            startUpTime = Duration.ofNanos(System.nanoTime() - started);
            return baseUrl;
        } catch (RuntimeException | Error e) {
            stopAfterFailedStart(e);
            throw e;
        } catch (Exception e) {
            stopAfterFailedStart(e);
            throw new IllegalStateException("the FHIR JPA server did not start", e);
        }
    }

    private void stopAfterFailedStart(Throwable failure) {
        try {
            stop();
        } catch (Exception suppressed) {
            failure.addSuppressed(suppressed);
        }
    }

    /** The FHIR base URL; only after {@link #start()}. */
    public synchronized String baseUrl() {
        if (baseUrl == null) {
            throw new IllegalStateException("not started");
        }
        return baseUrl;
    }

    /** A HAPI interceptor on the RESTful server (a test's hook into the requests); only after {@link #start()}. */
    public synchronized void registerInterceptor(Object interceptor) {
        context.getBean(RestfulServer.class).getInterceptorService().registerInterceptor(interceptor);
    }

    public synchronized void unregisterInterceptor(Object interceptor) {
        context.getBean(RestfulServer.class).getInterceptorService().unregisterInterceptor(interceptor);
    }

    /** How long {@link #start()} took (Spring context and Jetty), or null before it returned. */
    public synchronized Duration startUpTime() {
        return startUpTime;
    }

    public Release release() {
        return settings.release();
    }

    /**
     * Stops Jetty, closes the Spring context and drops the database. Idempotent. A failure to stop any of
     * them is thrown (an {@link IllegalStateException}) after the others have been stopped.
     */
    @Override
    public synchronized void close() {
        try {
            stop();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("the FHIR JPA server did not stop cleanly", e);
        }
    }

    private void stop() throws Exception {
        Exception failure = null;
        if (jetty != null) {
            try {
                jetty.stop();
                jetty.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = e;
            } catch (Exception e) {
                failure = e;
            }
            jetty = null;
        }
        if (context != null) {
            try {
                context.close();
            } catch (RuntimeException e) {
                failure = add(failure, e);
            }
        }
        if (settings.database() == Database.MEMORY) {
            // DB_CLOSE_DELAY=-1 keeps an in-memory database for the JVM's life: drop it
            try (Connection connection = DriverManager.getConnection(settings.jdbcUrl() + ";IFEXISTS=TRUE", "sa", "");
                    Statement statement = connection.createStatement()) {
                statement.execute("SHUTDOWN");
            } catch (java.sql.SQLException e) {
                if (e.getErrorCode() != org.h2.api.ErrorCode.DATABASE_NOT_FOUND_WITH_IF_EXISTS_1) {
                    failure = add(failure, e);
                }
            }
        }
        baseUrl = null;
        if (failure != null) {
            throw failure;
        }
    }

    private static Exception add(Exception first, Exception next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }
}
