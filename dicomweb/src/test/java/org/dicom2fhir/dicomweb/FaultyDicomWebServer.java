package org.dicom2fhir.dicomweb;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * A DICOMweb server that misbehaves on request, for what Orthanc will not do: a servlet on Jetty 12, on 127.0.0.1
 * at a free port. Each path ({@code /dicom-web/studies/1.2.3/metadata}) answers the replies queued for it, one per
 * request, the last one again and again; a path without replies answers 404. With {@link #requireToken} every
 * request without {@code Authorization: Bearer <token>} is answered 401.
 */
public final class FaultyDicomWebServer implements AutoCloseable {
    /**
     * One answer.
     *
     * @param status the HTTP status
     * @param contentType the Content-Type, or null for none
     * @param body the body as written (gzipped first when {@code gzip})
     * @param gzip compress the body and say so ({@code Content-Encoding: gzip})
     * @param sendBytes how many bytes of the (compressed) body are sent before the reply ends as {@code end} says
     * @param end what happens after {@code sendBytes}
     * @param encoding a Content-Encoding to claim without encoding anything, or null
     */
    public record Reply(int status, String contentType, byte[] body, boolean gzip, int sendBytes, End end, String encoding) {
        public static Reply json(byte[] body) {
            return new Reply(200, DicomWebStudy.DICOM_JSON, body, false, Integer.MAX_VALUE, End.COMPLETE, null);
        }

        public static Reply status(int status) {
            return new Reply(status, "text/plain", ("status " + status).getBytes(), false, Integer.MAX_VALUE, End.COMPLETE, null);
        }

        public Reply gzipped() {
            return new Reply(status, contentType, body, true, sendBytes, end, null);
        }

        /** The headers and the first bytes, then silence until the server closes. */
        public Reply stallingAfter(int bytes) {
            return new Reply(status, contentType, body, gzip, bytes, End.STALL, encoding);
        }

        /** The headers (with the whole body's length) and the first bytes, then the connection is dropped. */
        public Reply droppedAfter(int bytes) {
            return new Reply(status, contentType, body, gzip, bytes, End.DROP, encoding);
        }

        /** Claims a Content-Encoding the body does not have. */
        public Reply claimingEncoding(String contentEncoding) {
            return new Reply(status, contentType, body, false, sendBytes, end, contentEncoding);
        }

        public Reply withContentType(String type) {
            return new Reply(status, type, body, gzip, sendBytes, end, encoding);
        }
    }

    public enum End {
        COMPLETE, STALL, DROP
    }

    private final Server server;
    private final ServerConnector connector;
    private final Map<String, Deque<Reply>> replies = new HashMap<>();
    private final List<String> requests = new ArrayList<>();
    private final List<String> authorizations = new ArrayList<>();
    private final List<String> acceptEncodings = new ArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile String token;

    private FaultyDicomWebServer(Path pkcs12KeyStore, String password) throws Exception {
        server = new Server();
        if (pkcs12KeyStore == null) {
            connector = new ServerConnector(server);
        } else {
            SslContextFactory.Server tls = new SslContextFactory.Server();
            tls.setKeyStorePath(pkcs12KeyStore.toString());
            tls.setKeyStoreType("PKCS12");
            tls.setKeyStorePassword(password);
            connector = new ServerConnector(server, tls);
        }
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addServlet(new ServletHolder(new Servlet()), "/*");
        server.setHandler(context);
        server.start();
    }

    public static FaultyDicomWebServer start() throws Exception {
        return new FaultyDicomWebServer(null, null);
    }

    /** Over https only, with the server certificate of a PKCS#12 key store (the delivery's TestCertificates make one). */
    public static FaultyDicomWebServer startTls(Path pkcs12KeyStore, String password) throws Exception {
        return new FaultyDicomWebServer(pkcs12KeyStore, password);
    }

    public String base() {
        return (connector.getDefaultProtocol().startsWith("SSL") ? "https" : "http") + "://127.0.0.1:"
                + connector.getLocalPort() + "/dicom-web";
    }

    /** Queues replies for a path below the base, e.g. {@code /studies/1.2.3/metadata}. */
    public synchronized FaultyDicomWebServer on(String path, Reply... answers) {
        replies.computeIfAbsent("/dicom-web" + path, p -> new ArrayDeque<>()).addAll(List.of(answers));
        return this;
    }

    public FaultyDicomWebServer requireToken(String bearerToken) {
        this.token = bearerToken;
        return this;
    }

    /** The paths (with queries) requested so far, in order. */
    public synchronized List<String> requests() {
        return List.copyOf(requests);
    }

    public synchronized List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    public synchronized List<String> acceptEncodings() {
        return List.copyOf(acceptEncodings);
    }

    private synchronized Reply next(HttpServletRequest request) {
        String path = request.getRequestURI();
        requests.add(path + (request.getQueryString() == null ? "" : "?" + request.getQueryString()));
        authorizations.add(String.valueOf(request.getHeader("Authorization")));
        acceptEncodings.add(String.valueOf(request.getHeader("Accept-Encoding")));
        if (token != null && !("Bearer " + token).equals(request.getHeader("Authorization"))) {
            return Reply.status(401);
        }
        Deque<Reply> queue = replies.get(path);
        if (queue == null || queue.isEmpty()) {
            return Reply.status(404);
        }
        return queue.size() > 1 ? queue.poll() : queue.peek();
    }

    private final class Servlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            Reply reply = next(request);
            byte[] body = reply.body();
            if (reply.gzip()) {
                ByteArrayOutputStream zipped = new ByteArrayOutputStream();
                try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
                    gzip.write(body);
                }
                body = zipped.toByteArray();
                response.setHeader("Content-Encoding", "gzip");
            }
            if (reply.encoding() != null) {
                response.setHeader("Content-Encoding", reply.encoding());
            }
            response.setStatus(reply.status());
            if (reply.contentType() != null) {
                response.setContentType(reply.contentType());
            }
            response.setContentLength(body.length);
            OutputStream out = response.getOutputStream();
            out.write(body, 0, Math.min(body.length, reply.sendBytes()));
            out.flush();
            if (reply.end() == End.STALL) {
                try {
                    closing.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            } else if (reply.end() == End.DROP) {
                // a failure after the response was committed: Jetty aborts the connection, short of its length
                throw new IOException("connection dropped by the test");
            }
        }
    }

    @Override
    public void close() throws Exception {
        closing.countDown();
        server.stop();
    }
}
