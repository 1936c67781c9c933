package org.dicom2fhir.delivery;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.ImagingStudy;

/**
 * A real FHIR server for the tests: HAPI's plain RestfulServer (R4 at {@code /r4}, R5 at {@code /r5}, each with an
 * in-memory store that accepts transactions)
 * on Jetty 12 (ee10), listening on 127.0.0.1 at free ports: plain http, https with a certificate for 127.0.0.1,
 * and https with a certificate for another host name (both signed by the test CA of {@link TestCertificates}).
 * A HAPI interceptor injects faults and checks the bearer token.
 */
public final class FhirTestServer implements AutoCloseable {
    public final InMemoryTransactions r4Store;
    public final InMemoryR5Transactions r5Store;
    public final Faults faults = new Faults();
    /** The OAuth2 token endpoint at {@link #tokenUrl()}, in the same Jetty. */
    public final TestTokenEndpoint tokens = new TestTokenEndpoint();
    private final Server server;
    private final ServerConnector http;
    private final ServerConnector https;
    private final ServerConnector httpsOtherHost;
    private final ServerConnector httpsClientAuth;
    /** the certificates of its https connectors */
    public final TestCertificates certificates;
    /** measured in start() */
    public final Duration startUp;

    private FhirTestServer(TestCertificates certificates) throws Exception {
        this.certificates = certificates;
        long start = System.nanoTime();
        FhirContext r4 = FhirContext.forR4();
        r4Store = new InMemoryTransactions(r4);
        RestfulServer r4Server = new RestfulServer(r4);
        r4Server.registerProvider(r4Store);
        r4Server.registerProvider(new ImagingStudySearch(r4Store));
        r4Server.registerInterceptor(faults);
        FhirContext r5 = FhirContext.forR5();
        r5Store = new InMemoryR5Transactions(r5);
        RestfulServer r5Server = new RestfulServer(r5);
        r5Server.registerProvider(r5Store);
        r5Server.registerProvider(new InMemoryR5Transactions.ImagingStudySearch(r5Store));

        server = new Server();
        http = connector(new ServerConnector(server));
        https = connector(new ServerConnector(server, tls(certificates.localhostKeyStore())));
        httpsOtherHost = connector(new ServerConnector(server, tls(certificates.otherHostKeyStore())));
        SslContextFactory.Server clientAuth = tls(certificates.localhostKeyStore());
        clientAuth.setNeedClientAuth(true);
        clientAuth.setTrustStore(certificates.caTrustStore());
        httpsClientAuth = connector(new ServerConnector(server, clientAuth));
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        ServletHolder r4Holder = new ServletHolder(r4Server);
        r4Holder.setInitOrder(1); // initialised by start(), so that the measurement includes HAPI's set-up
        context.addServlet(r4Holder, "/r4/*");
        ServletHolder r5Holder = new ServletHolder(r5Server);
        r5Holder.setInitOrder(2);
        context.addServlet(r5Holder, "/r5/*");
        context.addServlet(new ServletHolder(tokens), "/token");
        server.setHandler(context);
        server.start();
        startUp = Duration.ofNanos(System.nanoTime() - start);
    }

    public static FhirTestServer start(TestCertificates certificates) throws Exception {
        return new FhirTestServer(certificates);
    }

    /**
     * Certificates generated into {@code folder}, then the server; both times printed (to the surefire output file).
     * {@link #certificates} holds them.
     */
    public static FhirTestServer startWithNewCertificates(Path folder) throws Exception {
        long start = System.nanoTime();
        TestCertificates certificates = TestCertificates.generate(folder);
        long certificatesDone = System.nanoTime();
        FhirTestServer server = new FhirTestServer(certificates);
        System.out.printf("certificates %d ms, RestfulServer start-up %d ms%n",
                (certificatesDone - start) / 1_000_000, server.startUp.toMillis());
        return server;
    }

    public String httpBase(String release) {
        return "http://127.0.0.1:" + http.getLocalPort() + "/" + release;
    }

    public String httpsBase() {
        return "https://127.0.0.1:" + https.getLocalPort() + "/r4";
    }

    public String httpsOtherHostBase() {
        return "https://127.0.0.1:" + httpsOtherHost.getLocalPort() + "/r4";
    }

    /** The R4 server on a connector that requires a client certificate signed by the test CA (mutual TLS). */
    public String httpsClientAuthBase() {
        return "https://127.0.0.1:" + httpsClientAuth.getLocalPort() + "/r4";
    }

    /** The token endpoint, over plain http (on the loopback address, which the client allows). */
    public String tokenUrl() {
        return "http://127.0.0.1:" + http.getLocalPort() + "/token";
    }

    private ServerConnector connector(ServerConnector connector) {
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        return connector;
    }

    private static SslContextFactory.Server tls(Path keyStore) {
        SslContextFactory.Server factory = new SslContextFactory.Server();
        factory.setKeyStorePath(keyStore.toString());
        factory.setKeyStoreType("PKCS12");
        factory.setKeyStorePassword(TestCertificates.PASSWORD);
        return factory;
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    /** GET ImagingStudy?identifier=system|value */
    public static final class ImagingStudySearch implements IResourceProvider {
        private final InMemoryTransactions store;

        ImagingStudySearch(InMemoryTransactions store) {
            this.store = store;
        }

        @Override
        public Class<? extends IBaseResource> getResourceType() {
            return ImagingStudy.class;
        }

        @Search
        public List<IBaseResource> search(@RequiredParam(name = ImagingStudy.SP_IDENTIFIER) TokenParam identifier) {
            return new ArrayList<>(store.search("ImagingStudy", "identifier=" + identifier.getSystem() + "|" + identifier.getValue()));
        }
    }

    /** One injected fault, used by the next request. */
    public interface Fault {
        /** @return true to let the request through after the fault (a delay), false when the fault answered it */
        boolean apply(HttpServletRequest request, HttpServletResponse response) throws Exception;

        static Fault status(int status, String retryAfter) {
            return (request, response) -> {
                response.setStatus(status);
                if (retryAfter != null) {
                    response.setHeader("Retry-After", retryAfter);
                }
                if (status >= 300 && status < 400) {
                    response.setHeader("Location", "https://elsewhere.example.org/fhir");
                }
                response.setContentType("text/plain");
                response.getOutputStream().write(("injected " + status).getBytes(StandardCharsets.US_ASCII));
                return false;
            };
        }

        /** An answer with this body (an OperationOutcome, say). */
        static Fault body(int status, String json) {
            return (request, response) -> {
                response.setStatus(status);
                response.setContentType("application/fhir+json");
                response.getOutputStream().write(json.getBytes(StandardCharsets.UTF_8));
                return false;
            };
        }

        /** The connection is closed without a response (a crashed server or a proxy cutting it). */
        static Fault drop() {
            return (request, response) -> {
                ServletContextRequest.getServletContextRequest(request).getConnectionMetaData().getConnection()
                        .getEndPoint().close();
                return false;
            };
        }

        /** The request is processed after a delay (a slow server): it still happens after a client's timeout. */
        static Fault delay(Duration delay) {
            return (request, response) -> {
                Thread.sleep(delay.toMillis());
                return true;
            };
        }
    }

    /** What one request looked like, for assertions. */
    public record Seen(String method, String path, String protocol, String contentType, String accept, String cacheControl,
            String upgrade, String authorization, long nanoTime, TestTokenEndpoint.Verdict token) {
    }

    @Interceptor
    public static final class Faults {
        private final ConcurrentLinkedDeque<Fault> queue = new ConcurrentLinkedDeque<>();
        private final List<Seen> seen = Collections.synchronizedList(new ArrayList<>());
        private volatile String requiredToken;
        private volatile TestTokenEndpoint tokenIssuer;

        public void reset() {
            queue.clear();
            seen.clear();
            requiredToken = null;
            tokenIssuer = null;
        }

        /** Only tokens of this endpoint that have not expired are let through; others are answered 401. */
        public void requireTokensOf(TestTokenEndpoint issuer) {
            tokenIssuer = issuer;
        }

        public void add(Fault... faults) {
            queue.addAll(List.of(faults));
        }

        public void requireToken(String token) {
            requiredToken = token;
        }

        public List<Seen> seen() {
            synchronized (seen) {
                return List.copyOf(seen);
            }
        }

        public long posts() {
            return seen().stream().filter(s -> s.method().equals("POST")).count();
        }

        @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_PROCESSED)
        public boolean incoming(HttpServletRequest request, HttpServletResponse response) throws Exception {
            long now = System.nanoTime();
            TestTokenEndpoint issuer = tokenIssuer;
            TestTokenEndpoint.Verdict verdict = issuer == null ? null : issuer.check(request.getHeader("Authorization"));
            seen.add(new Seen(request.getMethod(), request.getRequestURI(), request.getProtocol(),
                    request.getHeader("Content-Type"), request.getHeader("Accept"), request.getHeader("Cache-Control"),
                    request.getHeader("Upgrade"), request.getHeader("Authorization"), now, verdict));
            String token = requiredToken;
            if (token != null && !("Bearer " + token).equals(request.getHeader("Authorization"))
                    || verdict != null && verdict != TestTokenEndpoint.Verdict.VALID) {
                response.setStatus(401);
                response.setHeader("WWW-Authenticate", "Bearer");
                response.setContentType("application/fhir+json");
                response.getOutputStream().write(("{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\","
                        + "\"code\":\"login\",\"diagnostics\":\"no valid token\"}]}").getBytes(StandardCharsets.UTF_8));
                return false;
            }
            Fault fault = queue.poll();
            return fault == null || fault.apply(request, response);
        }
    }

}
