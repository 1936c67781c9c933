package org.dicom2fhir.it.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.dicom2fhir.delivery.FhirTestServer;
import org.dicom2fhir.delivery.FhirTestServer.Fault;
import org.dicom2fhir.delivery.TestCertificates;
import org.dicom2fhir.testkit.StudyGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dicom2fhir batch --post}: into HAPI FHIR's JPA server (counted afterwards by uncached searches), and into
 * the plain RestfulServer of the delivery tests for faults.
 */
class BatchPostTest {
    /** The testkit's (0010,0024): Universal Entity ID of type UUID. */
    private static final String PATIENT_SYSTEM = "urn:uuid:9b3a6f0e-3c4d-4b8a-9a57-2f1d6c0e8b11";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JpaFhirServer jpa;
    private static String base;
    private static FhirTestServer plain;
    private static HttpClient http;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startServers(@TempDir Path temp) throws Exception {
        jpa = JpaFhirServer.r4(temp.resolve("jpa"));
        base = jpa.start();
        plain = FhirTestServer.start(TestCertificates.generate(Files.createDirectories(temp.resolve("certificates"))));
        System.out.println("JpaFhirServer start-up: " + jpa.startUpTime().toMillis() + " ms; FhirTestServer: "
                + plain.startUp.toMillis() + " ms");
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterAll
    static void stopServers() throws Exception {
        if (jpa != null) {
            jpa.close();
        }
        if (plain != null) {
            plain.close();
        }
    }

    /** {@code studies} studies over two roots, of {@code patients} patients (IDs prefix + index), seeded. */
    private List<Path> archive(String name, int studies, int patients, String prefix, long seed) throws Exception {
        Path r0 = tmp.resolve(name).resolve("r0");
        Path r1 = tmp.resolve(name).resolve("r1");
        for (int i = 0; i < studies; i++) {
            int patient = i % patients;
            StudyGenerator.builder().seed(seed + i).series(1).instancesPerSeries(2).noPixelData()
                    .patient("Tersk^Wolla" + patient, prefix + patient, "F", "19710203").build()
                    .writeTo((i % 2 == 0 ? r0 : r1).resolve("s" + i));
        }
        return List.of(r0, r1);
    }

    private CommandRun batch(List<String> options, List<Path> roots) throws Exception {
        List<String> args = new ArrayList<>(List.of("batch"));
        args.addAll(options);
        roots.forEach(r -> args.add(r.toString()));
        return CommandRun.run(tmp, Map.of(), args.toArray(String[]::new));
    }

    @Test
    void twentyStudiesOfThreePatients_concurrently_giveThreePatients_andARunAgainCreatesNothing() throws Exception {
        String prefix = "BPX" + System.nanoTime() % 1_000_000 + "-";
        List<Path> roots = archive("three", 20, 3, prefix, 100);
        Path state = tmp.resolve("state");
        List<String> options = List.of("--post", base, "--patient", "bundle", "--post-concurrency", "8", "--state",
                state.toString());

        CommandRun first = batch(options, roots);
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.stdout()).isEmpty();
        List<JsonNode> lines = reportLines(state);
        assertThat(lines).filteredOn(l -> l.has("delivery")).hasSize(20)
                .allSatisfy(l -> assertThat(l.path("delivery").path("outcome").asText()).isEqualTo("created"));
        assertThat(count("ImagingStudy?_summary=count")).isGreaterThanOrEqualTo(20);
        for (int p = 0; p < 3; p++) {
            assertThat(count("Patient?_summary=count&identifier=" + URLEncoder.encode(PATIENT_SYSTEM + "|" + prefix + p,
                    StandardCharsets.UTF_8))).as("Patients of patient %s", p).isEqualTo(1);
        }
        long studiesAfterFirst = count("ImagingStudy?_summary=count");

        CommandRun again = batch(options, roots);
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(reportLines(state)).filteredOn(l -> l.has("delivery"))
                .allSatisfy(l -> assertThat(l.path("delivery").path("outcome").asText()).isEqualTo("unchanged"));
        assertThat(count("ImagingStudy?_summary=count")).isEqualTo(studiesAfterFirst);
        for (int p = 0; p < 3; p++) {
            assertThat(count("Patient?_summary=count&identifier=" + URLEncoder.encode(PATIENT_SYSTEM + "|" + prefix + p,
                    StandardCharsets.UTF_8))).isEqualTo(1);
        }
        String report = Files.readString(state.resolve("report.ndjson"));
        for (String value : List.of(prefix, "Tersk", "Wolla", "19710203")) {
            assertThat(first.stderr() + again.stderr() + report).doesNotContain(value);
        }
    }

    @Test
    void aServerFailingOneRequestInTen_stillGetsEveryStudy() throws Exception {
        plain.faults.reset();
        plain.r4Store.clear();
        List<Path> roots = archive("faults", 30, 30, "FLT-", 300);
        // one request in ten answered 503, seeded; the retries get through
        SplittableRandom random = new SplittableRandom(11);
        List<Fault> faults = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            faults.add(random.nextInt(10) == 0 ? Fault.status(503, "0") : Fault.delay(Duration.ZERO));
        }
        plain.faults.add(faults.toArray(Fault[]::new));
        Path state = tmp.resolve("state");

        CommandRun run = batch(List.of("--post", plain.httpBase("r4"), "--state", state.toString(), "--retries", "5"),
                roots);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(reportLines(state)).filteredOn(l -> l.has("delivery")).hasSize(30)
                .allSatisfy(l -> assertThat(l.path("delivery").path("outcome").asText()).isEqualTo("created"));
        assertThat(plain.faults.seen()).as("some requests were refused and retried").hasSizeGreaterThan(61);
    }

    @Test
    void studiesUnreachableAfterTheRetries_areReported_exit8_andTheSameCommandDeliversThemLater() throws Exception {
        plain.faults.reset();
        plain.r4Store.clear();
        List<Path> roots = archive("unreachable", 6, 6, "UNR-", 600);
        Path state = tmp.resolve("state");
        List<String> options = List.of("--post", plain.httpBase("r4"), "--state", state.toString(), "--retries", "0",
                "--post-concurrency", "1");
        // the server check passes; then every transaction is refused 503 (the version searches pass)
        List<Fault> faults = new ArrayList<>(List.of(Fault.delay(Duration.ZERO)));
        for (int i = 0; i < 6; i++) {
            faults.add(Fault.delay(Duration.ZERO));
            faults.add(Fault.status(503, null));
        }
        plain.faults.add(faults.toArray(Fault[]::new));

        CommandRun failed = batch(options, roots);

        assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(8);
        assertThat(failed.stderr()).contains("6 studies were not delivered");
        assertThat(reportLines(state)).filteredOn(l -> l.has("delivery"))
                .allSatisfy(l -> assertThat(l.path("delivery").path("outcome").asText()).isEqualTo("unreachable"));

        CommandRun later = batch(options, roots);

        assertThat(later.exitCode()).as(later.toString()).isZero();
        assertThat(reportLines(state)).filteredOn(l -> l.has("delivery")).hasSize(6)
                .allSatisfy(l -> assertThat(l.path("delivery").path("outcome").asText()).isEqualTo("created"));
    }

    private static List<JsonNode> reportLines(Path dir) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("report.ndjson"), StandardCharsets.UTF_8)) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }

    /** The total of an uncached search. */
    private static long count(String search) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/" + search))
                .header("Cache-Control", "no-cache").header("Accept", "application/fhir+json").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("total").asLong();
    }
}
