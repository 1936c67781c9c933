package org.dicom2fhir.it.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.dicom2fhir.api.spi.FhirRelease;
import org.dicom2fhir.api.spi.OutputFormat;
import org.dicom2fhir.api.spi.ValidationIssue;
import org.dicom2fhir.core.Backends;
import org.dicom2fhir.testkit.GeneratedStudy;
import org.dicom2fhir.testkit.StudyGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --post --merge} against a real FHIR server (HAPI FHIR JPA, R4, H2): series of one study posted from
 * separate folders end as one ImagingStudy, what other clients added to it survives, a re-post changes nothing,
 * a study of another patient is not touched, and two processes merging at the same time (their reads held by a
 * server interceptor until both have read) lose nothing and create no duplicate. The server is shared with
 * {@link CliDeliveryTest} ({@link SharedJpaServer}); each test has a Study Instance UID of its own.
 */
@ExtendWith(SharedJpaServer.class)
class CliMergeTest {
    private static final String FAMILY = "Merganser";
    private static final String GIVEN = "Philippa";
    private static final String BIRTH_DATE = "19710203";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private static String base;

    @TempDir
    Path tmp;

    @BeforeAll
    static void connect() {
        base = SharedJpaServer.base();
    }

    @Test
    void seriesFromTwoFolders_areOneStudy_whatAnotherClientAddedSurvives_andARepostSendsNothing() throws Exception {
        GeneratedStudy study = generated(2).build();
        Path dir = tmp.resolve("study");
        study.writeTo(dir);
        String uid = study.studyInstanceUid();

        CommandRun first = merge("first", dir.resolve("S01"));
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.onlyDelivery().path("outcome").asText()).isEqualTo("created");
        JsonNode created = onlyStudy(uid);
        assertThat(created.path("numberOfSeries").asInt()).isEqualTo(1);

        // another client annotates the study: a note and an extension of its own (version 2)
        ObjectNode annotated = created.deepCopy();
        annotated.putArray("note").addObject().put("text", "second read requested");
        annotated.putArray("extension").addObject().put("url", "https://example.org/fhir/StructureDefinition/workflow")
                .put("valueCode", "in-review");
        put(annotated);
        assertThat(onlyStudy(uid).path("meta").path("versionId").asText()).isEqualTo("2");

        CommandRun second = merge("second", dir.resolve("S02"));
        assertThat(second.exitCode()).as(second.toString()).isZero();
        JsonNode updated = second.onlyDelivery();
        assertThat(updated.path("outcome").asText()).isEqualTo("updated");
        assertThat(updated.path("version").asText()).isEqualTo("3");

        JsonNode merged = onlyStudy(uid);
        assertThat(merged.path("id").asText()).isEqualTo(created.path("id").asText());
        assertThat(merged.path("numberOfSeries").asInt()).isEqualTo(2);
        assertThat(merged.path("numberOfInstances").asInt()).isEqualTo(4);
        assertThat(merged.path("series")).extracting(s -> s.path("uid").asText())
                .containsExactlyInAnyOrder(study.series().get(0).seriesInstanceUid(), study.series().get(1).seriesInstanceUid());
        assertThat(merged.path("modality")).extracting(m -> m.path("code").asText()).containsExactlyInAnyOrder("CT", "MR");
        assertThat(merged.path("note").get(0).path("text").asText()).isEqualTo("second read requested");
        assertThat(merged.path("extension").get(0).path("valueCode").asText()).isEqualTo("in-review");
        // what the merge wrote is valid FHIR R4 (HAPI's validator, base profiles)
        assertThat(Backends.discover(CliMergeTest.class.getClassLoader()).validator("hapi")
                .validate(JSON.writeValueAsBytes(merged), OutputFormat.JSON, FhirRelease.R4).stream()
                .filter(ValidationIssue::isError).toList()).isEmpty();

        // the same folder again, and the first: nothing changes, nothing is sent
        for (String folder : List.of("S02", "S01")) {
            CommandRun again = merge("again-" + folder, dir.resolve(folder));
            assertThat(again.exitCode()).as(again.toString()).isZero();
            assertThat(again.onlyDelivery().path("outcome").asText()).isEqualTo("unchanged");
            assertThat(again.onlyDelivery().path("version").asText()).isEqualTo("3");
        }
        assertThat(onlyStudy(uid).path("meta").path("versionId").asText()).isEqualTo("3");
        for (CommandRun run : List.of(first, second)) {
            run.assertNothingOf(patientData(study));
        }
    }

    @Test
    void withPatientBundle_theSeriesMergeIntoTheStudyOfTheServersPatient_oneStudyOnePatient() throws Exception {
        String patientId = "PIDM" + SEQUENCE.incrementAndGet();
        GeneratedStudy study = generated(2, patientId).build();
        Path dir = tmp.resolve("study");
        study.writeTo(dir);
        String uid = study.studyInstanceUid();

        List<String> outcomes = new ArrayList<>();
        for (String folder : List.of("S01", "S02", "S01")) {
            CommandRun run = merge("bundle-" + outcomes.size(), dir.resolve(folder), "--patient", "bundle");
            assertThat(run.exitCode()).as(run.toString()).isZero();
            outcomes.add(run.onlyDelivery().path("outcome").asText());
            run.assertNothingOf(patientData(study));
        }

        assertThat(outcomes).containsExactly("created", "updated", "unchanged");
        JsonNode merged = onlyStudy(uid);
        assertThat(merged.path("numberOfSeries").asInt()).isEqualTo(2);
        HttpResponse<String> patients = send(HttpRequest.newBuilder(URI.create(base + "/Patient?identifier="
                + URLEncoder.encode(patientId, StandardCharsets.UTF_8)))
                .header("Cache-Control", "no-cache").GET());
        JsonNode entries = JSON.readTree(patients.body()).path("entry");
        assertThat(entries).as("one Patient with the study's patient ID").hasSize(1);
        assertThat(merged.path("subject").path("reference").asText())
                .isEqualTo("Patient/" + entries.get(0).path("resource").path("id").asText());
        assertThat(merged.path("contained").toString()).doesNotContain("\"Patient\"");
    }

    @Test
    void aStudyOnTheServerWithAnotherPatient_isNotTouched_PATIENT_CONFLICT() throws Exception {
        GeneratedStudy study = generated(1).build();
        Path dir = tmp.resolve("study");
        study.writeTo(dir);
        // another client stored the UID for another patient
        ObjectNode other = JSON.createObjectNode().put("resourceType", "ImagingStudy").put("status", "available");
        other.putArray("identifier").addObject().put("system", "urn:dicom:uid").put("value", "urn:oid:" + study.studyInstanceUid());
        String someoneElse = "someone-else-" + SEQUENCE.incrementAndGet();
        other.putObject("subject").put("reference", "Patient/" + someoneElse);
        ObjectNode patient = JSON.createObjectNode().put("resourceType", "Patient").put("id", someoneElse);
        put(patient);
        post(other);

        // the contained Patient, and the Patient entry of --patient bundle (resolved by its identifier on the server)
        for (String mode : List.of("contained", "bundle")) {
            CommandRun run = merge("conflict-" + mode, dir, "--patient", mode);

            assertThat(run.exitCode()).as(run.toString()).isEqualTo(8);
            JsonNode delivery = run.onlyDelivery();
            assertThat(delivery.path("outcome").asText()).isEqualTo("not-sent");
            assertThat(delivery.path("reason").asText()).isEqualTo("PATIENT_CONFLICT");
            JsonNode onServer = onlyStudy(study.studyInstanceUid());
            assertThat(onServer.path("meta").path("versionId").asText()).isEqualTo("1");
            assertThat(onServer.has("series")).isFalse();
            run.assertNothingOf(patientData(study));
        }
    }

    @Test
    void twoProcessesMergingAtOnce_readsHeldUntilBothHaveRead_loseNothing_andCreateOneStudy() throws Exception {
        GeneratedStudy study = generated(4).build();
        Path dir = tmp.resolve("study");
        study.writeTo(dir);
        String uid = study.studyInstanceUid();

        // into a server without the study (the shared server holds other classes' studies): both find nothing, both create conditionally; one creates, the other finds the study
        // (200) or loses the race (HAPI: 409), then reads it and merges
        List<JsonNode> emptyServer = concurrently(uid, dir.resolve("S01"), dir.resolve("S02"));
        assertThat(emptyServer).extracting(d -> d.path("outcome").asText()).containsExactlyInAnyOrder("created", "updated");
        JsonNode second = emptyServer.stream().filter(d -> d.path("outcome").asText().equals("updated")).findFirst()
                .orElseThrow();
        System.out.println("the concurrent conditional create was answered " + second.path("conflicts"));
        assertThat(second.path("conflicts")).hasSize(1);
        assertThat(second.path("conflicts").get(0).asInt()).isIn(200, 409);
        assertThat(onlyStudy(uid).path("numberOfSeries").asInt()).isEqualTo(2);

        // into the study both read at version 2: both update with If-Match 2; one is refused and merges again
        List<JsonNode> existing = concurrently(uid, dir.resolve("S03"), dir.resolve("S04"));
        assertThat(existing).extracting(d -> d.path("outcome").asText()).containsOnly("updated");
        JsonNode retried = existing.stream().filter(d -> d.has("conflicts")).findFirst().orElseThrow(
                () -> new AssertionError("no process reported a conflict: " + existing));
        System.out.println("the If-Match conflict was answered " + retried.path("conflicts"));
        assertThat(retried.path("conflicts").get(0).asInt()).isIn(409, 412);
        assertThat(retried.path("version").asText()).isEqualTo("4");

        JsonNode merged = onlyStudy(uid);
        assertThat(merged.path("numberOfSeries").asInt()).isEqualTo(4);
        assertThat(merged.path("numberOfInstances").asInt()).isEqualTo(8);
        assertThat(merged.path("series")).extracting(s -> s.path("uid").asText()).containsExactlyInAnyOrderElementsOf(
                study.series().stream().map(s -> s.seriesInstanceUid()).toList());
    }

    /**
     * Two processes of the command, each merging one folder, with every read of the study held until both have read;
     * returns their reports' delivery objects.
     */
    private List<JsonNode> concurrently(String uid, Path folderA, Path folderB) throws Exception {
        ReadBarrier barrier = new ReadBarrier(uid);
        SharedJpaServer.server().registerInterceptor(barrier);
        try {
            List<Process> processes = new ArrayList<>();
            List<Path> reports = new ArrayList<>();
            List<Path> outputs = new ArrayList<>();
            long start = System.nanoTime();
            for (Path folder : List.of(folderA, folderB)) {
                Path report = tmp.resolve("report-" + SEQUENCE.incrementAndGet() + ".json");
                Path output = tmp.resolve("process-" + SEQUENCE.incrementAndGet() + ".txt");
                reports.add(report);
                outputs.add(output);
                processes.add(new ProcessBuilder(javaCommand("--post", base, "--merge", "--verbose", "--report",
                        report.toString(), folder.toString())).redirectErrorStream(true).redirectOutput(output.toFile())
                        .start());
            }
            List<JsonNode> deliveries = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                Process process = processes.get(i);
                try {
                    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("process %d ended", i).isTrue();
                } finally {
                    process.destroyForcibly(); // this process only, by its handle (no-op when it ended)
                }
                assertThat(process.exitValue()).as("exit of process %d: %s\n%s", i, Files.readString(outputs.get(i)),
                        Files.exists(reports.get(i)) ? Files.readString(reports.get(i)) : "no report").isZero();
                deliveries.add(JSON.readTree(reports.get(i).toFile()).path("delivery").get(0));
            }
            System.out.println("two processes merged in " + (System.nanoTime() - start) / 1_000_000 + " ms; reads held: "
                    + barrier.held.get() + "; deliveries " + deliveries);
            assertThat(barrier.held.get()).as("both processes' reads were held").isGreaterThanOrEqualTo(2);
            return deliveries;
        } finally {
            SharedJpaServer.server().unregisterInterceptor(barrier);
        }
    }

    private static List<String> javaCommand(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                "org.dicom2fhir.cli.Main"));
        command.addAll(List.of(args));
        return command;
    }

    /** Holds every search of the study until two have arrived (both processes have read), then lets all pass. */
    @Interceptor
    public static final class ReadBarrier {
        private final String uid;
        private final CountDownLatch bothRead = new CountDownLatch(2);
        final AtomicInteger held = new AtomicInteger();

        ReadBarrier(String uid) {
            this.uid = uid;
        }

        @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
        public boolean incoming(HttpServletRequest request) throws InterruptedException {
            String query = request.getQueryString();
            if ("GET".equals(request.getMethod()) && request.getRequestURI().endsWith("/ImagingStudy") && query != null
                    && java.net.URLDecoder.decode(query, StandardCharsets.UTF_8).contains(uid)
                    && bothRead.getCount() > 0) {
                held.incrementAndGet();
                bothRead.countDown();
                bothRead.await(60, TimeUnit.SECONDS);
            }
            return true;
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    private CommandRun merge(String name, Path dir, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("--post", base, "--merge", "--validate", "--report",
                tmp.resolve(name + "-report.json").toString()));
        args.addAll(List.of(more));
        args.add(dir.toString());
        return CommandRun.run(tmp, Map.of(), args.toArray(String[]::new));
    }

    private static StudyGenerator.Builder generated(int series) {
        return generated(series, "PIDM" + SEQUENCE.incrementAndGet());
    }

    private static StudyGenerator.Builder generated(int series, String patientId) {
        long n = SEQUENCE.incrementAndGet();
        return StudyGenerator.builder().seed(n).series(series).instancesPerSeries(2)
                .studyInstanceUid("1.2.826.0.1.3680043.10.545." + System.currentTimeMillis() + "." + n)
                .patient(FAMILY + "^" + GIVEN, patientId, "F", BIRTH_DATE).modalities("CT", "MR").noPixelData();
    }

    private static List<String> patientData(GeneratedStudy study) {
        return List.of(FAMILY, GIVEN, BIRTH_DATE, "1971-02-03", "PIDM");
    }

    private static JsonNode onlyStudy(String uid) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + "/ImagingStudy?identifier="
                + URLEncoder.encode("urn:dicom:uid|urn:oid:" + uid, StandardCharsets.UTF_8))).header("Cache-Control", "no-cache").GET());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        ArrayNode entries = (ArrayNode) JSON.readTree(response.body()).path("entry");
        assertThat(entries).as("one ImagingStudy with the UID").hasSize(1);
        return entries.get(0).path("resource");
    }

    private static void put(ObjectNode resource) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + "/" + resource.path("resourceType").asText()
                + "/" + resource.path("id").asText())).header("Content-Type", "application/fhir+json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(resource))));
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 201);
    }

    private static void post(ObjectNode resource) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + "/" + resource.path("resourceType").asText()))
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(resource))));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return SharedJpaServer.send(request);
    }
}
