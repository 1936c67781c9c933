package org.dicom2fhir.dicomweb;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A real PACS for the tests: Debian's Orthanc with its DICOMweb plugin, started as a process of its own (never the
 * Debian service) with a generated configuration: a free HTTP port, the DICOM server off, a temporary storage
 * folder, {@code RemoteAccessAllowed: false}, optionally HTTP Basic authentication. Stopped by its process id.
 *
 * <p>Where Orthanc is not installed the tests are skipped with a message, unless the environment variable
 * {@value #REQUIRED_VARIABLE} is {@code required} (CI's {@code .ci/run} sets it): then they fail.
 */
public final class OrthancServer implements AutoCloseable {
    public static final String REQUIRED_VARIABLE = "DICOM2FHIR_IT_ORTHANC";
    private static final Path EXECUTABLE = Path.of("/usr/sbin/Orthanc");
    /** Where Debian's orthanc-dicomweb puts the plugin (dpkg -L orthanc-dicomweb). */
    private static final List<Path> PLUGIN_FOLDERS = List.of(Path.of("/usr/share/orthanc/plugins"), Path.of("/usr/lib/orthanc"));

    private final Process process;
    private final int port;
    private final String authorization;
    private final Path log;
    /** From the process start until it answered. */
    public final Duration startUp;

    private OrthancServer(Process process, int port, String authorization, Path log, Duration startUp) {
        this.process = process;
        this.port = port;
        this.authorization = authorization;
        this.log = log;
        this.startUp = startUp;
    }

    /** Skips the calling test where Orthanc is absent, or fails it where {@value #REQUIRED_VARIABLE}=required. */
    public static void assumeInstalled() {
        String missing = !Files.isExecutable(EXECUTABLE) ? "Orthanc (" + EXECUTABLE + ")"
                : plugin() == null ? "Orthanc's DICOMweb plugin (orthanc-dicomweb)" : null;
        if (missing == null) {
            return;
        }
        String message = missing + " is not installed (apt-get install orthanc orthanc-dicomweb)";
        if ("required".equals(System.getenv(REQUIRED_VARIABLE))) {
            Assertions.fail(message + ", and " + REQUIRED_VARIABLE + "=required");
        }
        Assumptions.abort(message + "; the tests against a real PACS are skipped");
    }

    /** Orthanc without authentication. */
    public static OrthancServer start(Path folder) throws Exception {
        return start(folder, null, null);
    }

    /**
     * @param user with {@code password}: HTTP Basic authentication on, this one user registered; null for none
     */
    public static OrthancServer start(Path folder, String user, String password) throws Exception {
        assumeInstalled();
        Path storage = Files.createDirectories(folder.resolve("storage"));
        int port = freePort();
        String users = user == null ? "" : "\"AuthenticationEnabled\": true, \"RegisteredUsers\": {\"" + user + "\": \""
                + password + "\"},";
        String config = "{\"Name\": \"dicom2fhir-test\", \"HttpPort\": " + port + ", \"DicomServerEnabled\": false,"
                + " \"DicomPort\": " + freePort() + ", \"RemoteAccessAllowed\": false, " + users
                + " \"StorageDirectory\": \"" + storage + "\", \"IndexDirectory\": \"" + storage + "\","
                + " \"HttpCompressionEnabled\": true, \"HttpsVerifyPeers\": true, \"ConcurrentJobs\": 1,"
                + " \"Plugins\": [\"" + plugin() + "\"], \"DicomWeb\": {\"Enable\": true, \"Root\": \"/dicom-web/\"}}";
        Path configFile = Files.writeString(folder.resolve("orthanc.json"), config);
        Path log = folder.resolve("orthanc.log");
        long start = System.nanoTime();
        Process process = new ProcessBuilder(EXECUTABLE.toString(), configFile.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        String auth = user == null ? null
                : "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        OrthancServer server = new OrthancServer(process, port, auth, log, Duration.ZERO);
        server.awaitAnswer();
        return new OrthancServer(process, port, auth, log, Duration.ofNanos(System.nanoTime() - start));
    }

    private void awaitAnswer() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                Assertions.fail("Orthanc ended at start (exit " + process.exitValue() + "): " + logTail());
            }
            try {
                if (client.send(request("/system").GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(20);
        }
        close();
        Assertions.fail("Orthanc did not answer within 30 s: " + logTail());
    }

    /** The DICOMweb base URL, {@code http://127.0.0.1:<port>/dicom-web}. */
    public String dicomWebBase() {
        return "http://127.0.0.1:" + port + "/dicom-web";
    }

    /** The study URL of the dicom2fhir command. */
    public String studyUrl(String studyUid) {
        return dicomWebBase() + "/studies/" + studyUid;
    }

    /** {@code POST /instances}: the HTTP status (200 stored, 400 refused). */
    public int upload(Path file) throws IOException, InterruptedException {
        HttpRequest request = request("/instances").POST(HttpRequest.BodyPublishers.ofFile(file)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Uploads every regular file of a folder; returns the files Orthanc refused (relative paths, sorted). */
    public List<String> uploadFolder(Path folder) throws IOException, InterruptedException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
        }
        List<String> refused = new java.util.ArrayList<>();
        for (Path file : files) {
            if (upload(file) != 200) {
                refused.add(folder.relativize(file).toString());
            }
        }
        return refused;
    }

    /** A GET of Orthanc's own REST API, e.g. {@code /studies}: the body. */
    public String get(String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static Path plugin() {
        for (Path folder : PLUGIN_FOLDERS) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> files = Files.list(folder)) {
                Path found = files.filter(f -> f.getFileName().toString().startsWith("libOrthancDicomWeb.so"))
                        .sorted().findFirst().orElse(null);
                if (found != null) {
                    return found;
                }
            } catch (IOException e) {
                // look in the next folder
            }
        }
        return null;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Stops Orthanc by its process id (SIGTERM, then SIGKILL after 10 s). */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    public Map<String, String> info() {
        return Map.of("port", String.valueOf(port), "pid", String.valueOf(process.pid()));
    }
}
