package org.dicom2fhir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.dicom2fhir.api.spi.OutputFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The options of --post and the patient modes without a FHIR server: usage errors, the dry runs, and a server
 * that does not answer (exit 8, the report's delivery array). Deliveries to real servers: it-fhir-jpa.
 */
class DeliveryOptionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SYSTEM = "urn:oid:1.2.826.0.1.3680043.8.498.77";

    @TempDir
    Path tmp;

    private Path study() throws IOException {
        Path dir = tmp.resolve("study");
        Studies.writeStudyA(dir);
        return dir;
    }

    static List<List<String>> usageErrors() {
        return List.of(
                List.of("--post", "http://127.0.0.1:9/fhir", "--id", "random"),
                List.of("--subject", "Patient/1"),
                List.of("--patient", "bundle", "--subject", "Patient/1"),
                List.of("--patient", "reference"),
                List.of("--post", "http://127.0.0.1:9/fhir", "--match", "id", "--server-ids"),
                List.of("--fhir-token-file", "token.txt"),
                List.of("--ca-cert", "ca.pem"),
                List.of("--connect-timeout", "5"),
                List.of("--timeout", "5"),
                List.of("--retries", "0"),
                List.of("--retry-max-time", "5"),
                List.of("--match", "id"),
                List.of("--server-ids"),
                List.of("--patient", "bundle", "--split"),
                List.of("--patient", "reference", "--subject", "#p"),
                List.of("--post", "ftp://example.org/fhir"),
                List.of("--patient", "everyone"),
                List.of("--retries", "-1", "--post", "http://127.0.0.1:9/fhir"),
                List.of("--max-requests-per-second", "5"),
                List.of("--merge"),
                List.of("--post", "http://127.0.0.1:9/fhir", "--merge", "--match", "id"),
                List.of("--max-requests-per-second", "0", "--post", "http://127.0.0.1:9/fhir"),
                List.of("--client-cert", "client.p12"),
                List.of("--fhir-oauth-token-url", "https://auth.example.org/token"),
                List.of("--post", "http://127.0.0.1:9/fhir", "--fhir-oauth-token-url", "https://auth.example.org/token"),
                List.of("--post", "http://127.0.0.1:9/fhir", "--fhir-oauth-client-file", "client.properties"),
                List.of("--post", "http://127.0.0.1:9/fhir", "--fhir-oauth-token-url", "https://auth.example.org/token",
                        "--fhir-smart-client-id", "c", "--fhir-smart-kid", "k"),
                List.of("--post", "http://127.0.0.1:9/fhir", "--fhir-oauth-token-url", "https://auth.example.org/token",
                        "--fhir-oauth-client-file", "client.properties", "--fhir-token-file", "token.txt"),
                List.of("--post", "http://127.0.0.1:9/fhir", "--client-cert-password-file", "password.txt"));
    }

    @ParameterizedTest
    @MethodSource("usageErrors")
    void exit2_forCombinationsThatMakeNoSense(List<String> options) throws Exception {
        String[] args = java.util.stream.Stream.concat(options.stream(), java.util.stream.Stream.of(study().toString()))
                .toArray(String[]::new);

        CliRun run = CliRun.of(args);

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.stdoutBytes()).isEmpty();
        assertThat(run.stderr()).contains("Try 'dicom2fhir --help'");
    }

    @Test
    void dryRunOfBundle_writesTheTransactionThatWouldBePosted() throws Exception {
        CliRun run = CliRun.of("--patient", "bundle", "--patient-id-system", SYSTEM, study().toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode bundle = JSON.readTree(run.stdoutBytes());
        assertThat(bundle.path("type").asText()).isEqualTo("transaction");
        JsonNode entries = bundle.path("entry");
        assertThat(entries).hasSize(2);
        assertThat(entries.get(0).path("request").path("method").asText()).isEqualTo("POST");
        assertThat(entries.get(0).path("request").path("ifNoneExist").asText()).startsWith("identifier=");
        assertThat(entries.get(1).path("request").path("url").asText())
                .isEqualTo("ImagingStudy?identifier=urn:dicom:uid|urn:oid:" + Studies.STUDY_A);
        assertThat(entries.get(1).path("resource").path("subject").path("reference").asText())
                .isEqualTo(entries.get(0).path("fullUrl").asText());
        assertThat(entries.get(1).path("resource").path("contained").findValuesAsText("resourceType"))
                .doesNotContain("Patient");
        assertThat(FhirValidation.errors(run.stdoutBytes(), OutputFormat.JSON)).isEmpty();
    }

    @Test
    void dryRunOfBundle_refusesAPatientIdWithoutSystem_exit8() throws Exception {
        Path report = tmp.resolve("report.json");
        Path dir = tmp.resolve("no-system");
        Studies.writeStudyA(dir, Studies.issuerWithoutSystem(), Studies.issuerWithoutSystem());

        // --patient-id-system is for Patient IDs with no issuer at all: this one names an issuer
        CliRun run = CliRun.of("--patient", "bundle", "--patient-id-system", SYSTEM, "--report", report.toString(),
                dir.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(8);
        assertThat(run.stdoutBytes()).isEmpty();
        assertThat(run.stderr()).contains("study " + Studies.STUDY_A + " not delivered: not-sent: NO_PATIENT_SYSTEM");
        JsonNode delivery = JSON.readTree(report.toFile()).path("delivery");
        assertThat(delivery).hasSize(1);
        assertThat(delivery.get(0).path("outcome").asText()).isEqualTo("not-sent");
        assertThat(delivery.get(0).path("reason").asText()).isEqualTo("NO_PATIENT_SYSTEM");
        assertNoPatientData(run.stderr() + Files.readString(report));
    }

    @Test
    void dryRunOfReference_refusesAStudyWhoseInstancesDisagreeOnThePatient() throws Exception {
        Path dir = tmp.resolve("conflict");
        Studies.writeStudyA(dir, new org.dicom2fhir.testkit.DicomObject(), new org.dicom2fhir.testkit.DicomObject()
                .set(org.dicom2fhir.api.dicom.Tags.PATIENT_ID, "LO", "OTHER-ID-99"));

        CliRun run = CliRun.of("--patient", "reference", "--subject", "Patient/123", dir.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(8);
        assertThat(run.stdoutBytes()).isEmpty();
        assertThat(run.stderr()).contains("not-sent: PATIENT_CONFLICT").doesNotContain("OTHER-ID-99");
    }

    @Test
    void dryRunOfReference_writesTheStudyWithoutAContainedPatient() throws Exception {
        CliRun run = CliRun.of("--patient", "reference", "--subject", "Patient/123", study().toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode study = JSON.readTree(run.stdoutBytes());
        assertThat(study.path("resourceType").asText()).isEqualTo("ImagingStudy");
        assertThat(study.path("subject").path("reference").asText()).isEqualTo("Patient/123");
        assertThat(run.stdout()).doesNotContain(Studies.FAMILY).doesNotContain(Studies.PATIENT_ID);
        assertThat(FhirValidation.errors(run.stdoutBytes(), OutputFormat.JSON)).isEmpty();
    }

    @Test
    void postToAServerThatDoesNotAnswer_exit8_nothingOnStandardOutput_reportSaysWhy() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        Path report = tmp.resolve("report.json");
        String token = "sEcReT-t0ken-4711";

        CliRun run = CliRun.withEnvironment(Map.of("DICOM2FHIR_FHIR_TOKEN", token), "--post",
                "http://127.0.0.1:" + closedPort + "/fhir", "--retries", "0", "--connect-timeout", "2",
                "--report", report.toString(), study().toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(8);
        assertThat(run.stdoutBytes()).isEmpty();
        assertThat(run.stderr()).contains("not delivered: not-sent: " + Deliveries.SERVER_CHECK_FAILED)
                .contains("posted 1 study to http://127.0.0.1:" + closedPort + "/fhir: 1 not-sent");
        JsonNode delivery = JSON.readTree(report.toFile()).path("delivery").get(0);
        assertThat(delivery.path("studyInstanceUid").asText()).isEqualTo(Studies.STUDY_A);
        assertThat(delivery.path("httpStatus").asInt()).isZero();
        assertThat(delivery.path("outcome").asText()).isEqualTo("not-sent");
        String everything = run.stderr() + Files.readString(report);
        assertThat(everything).doesNotContain(token);
        assertNoPatientData(everything);
    }

    @Test
    void postWithOutput_writesTheConvertedResourceThere() throws Exception {
        Path out = tmp.resolve("study.json");

        CliRun run = CliRun.of("--post", "http://127.0.0.1:9/fhir", "--retries", "0", "-o", out.toString(),
                study().toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(8);
        assertThat(JSON.readTree(out.toFile()).path("resourceType").asText()).isEqualTo("ImagingStudy");
    }

    @Test
    void anUnreadableTokenFile_exit7() throws Exception {
        CliRun run = CliRun.of("--post", "http://127.0.0.1:9/fhir", "--fhir-token-file",
                tmp.resolve("missing-token").toString(), study().toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(7);
        assertThat(run.stderr()).contains("cannot read the token file");
    }

    @Test
    void anUnreadableClientCertificateOrOAuthClientFile_exit7_namingWhichFile() throws Exception {
        CliRun certificate = CliRun.of("--post", "http://127.0.0.1:9/fhir", "--client-cert",
                tmp.resolve("missing.p12").toString(), study().toString());
        assertThat(certificate.exitCode()).as(certificate.toString()).isEqualTo(7);
        assertThat(certificate.stderr()).contains("cannot read the client certificate");

        CliRun client = CliRun.of("--post", "http://127.0.0.1:9/fhir", "--fhir-oauth-token-url",
                "http://127.0.0.1:9/token", "--fhir-oauth-client-file", tmp.resolve("missing").toString(),
                study().toString());
        assertThat(client.exitCode()).as(client.toString()).isEqualTo(7);
        assertThat(client.stderr()).contains("cannot read the OAuth2 client file");
    }

    @Test
    void anOAuthClientFileWithoutSecret_orATokenUrlInClearElsewhere_exit2() throws Exception {
        Path file = tmp.resolve("client.properties");
        java.nio.file.Files.writeString(file, "client_id=x\nclient_secret=s3cr3t-value\n");
        CliRun clear = CliRun.of("--post", "http://127.0.0.1:9/fhir", "--fhir-oauth-token-url",
                "http://auth.example.org/token", "--fhir-oauth-client-file", file.toString(), study().toString());
        assertThat(clear.exitCode()).as(clear.toString()).isEqualTo(2);
        assertThat(clear.stderr()).contains("https").doesNotContain("s3cr3t-value");

        java.nio.file.Files.writeString(file, "client_id=x\n");
        CliRun noSecret = CliRun.of("--post", "http://127.0.0.1:9/fhir", "--fhir-oauth-token-url",
                "https://auth.example.org/token", "--fhir-oauth-client-file", file.toString(), study().toString());
        assertThat(noSecret.exitCode()).as(noSecret.toString()).isEqualTo(2);
        assertThat(noSecret.stderr()).contains("client_secret");
    }

    private static void assertNoPatientData(String text) {
        for (String value : Studies.PATIENT_DATA) {
            assertThat(text).doesNotContain(value);
        }
    }
}
