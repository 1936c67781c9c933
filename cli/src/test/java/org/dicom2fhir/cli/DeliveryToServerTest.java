package org.dicom2fhir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.dicom2fhir.delivery.FhirTestServer;
import org.dicom2fhir.delivery.FhirTestServer.Fault;
import org.dicom2fhir.delivery.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --post} with {@code --validate} and {@code --split} against HAPI's plain RestfulServer on Jetty 12 (the
 * delivery module's test server): what is invalid is never sent, and one study's failure leaves the others
 * delivered. The command's other server tests (token, faults, TLS, R5, JPA) are it-fhir-jpa's.
 */
class DeliveryToServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static FhirTestServer server;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startServer(@TempDir Path certificates) throws Exception {
        server = FhirTestServer.start(TestCertificates.generate(certificates));
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void clean() {
        server.faults.reset();
        server.r4Store.clear();
    }

    @Test
    void aStudyTheValidatorFindsInvalid_isNotSent_exit6_andReportedInvalid() throws Exception {
        Path dir = tmp.resolve("study");
        Studies.writeStudyA(dir);
        Path report = tmp.resolve("report.json");

        CliRun run = CliRun.of("--post", server.httpBase("r4"), "--validate", "--report", report.toString(),
                "--plugins", PluginJar.writeInto(tmp.resolve("plugins")).toString(), "-w", "test-invalid",
                dir.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(6);
        JsonNode delivery = JSON.readTree(report.toFile()).path("delivery").get(0);
        assertThat(delivery.path("outcome").asText()).isEqualTo("invalid");
        assertThat(delivery.path("httpStatus").asInt()).isZero();
        assertThat(server.faults.posts()).as("nothing sent").isZero();
        String everything = run.stderr() + Files.readString(report);
        for (String value : Studies.PATIENT_DATA) {
            assertThat(everything).doesNotContain(value);
        }
    }

    @Test
    void split_sendsOneTransactionPerStudy_andARejectedOneLeavesTheOtherDelivered() throws Exception {
        Path dir = tmp.resolve("two");
        Studies.study(Studies.STUDY_A, 1, 1, 2).writeTo(dir.resolve("a"));
        Studies.study(Studies.STUDY_B, 2, 1, 2).writeTo(dir.resolve("b"));
        Path report = tmp.resolve("report.json");
        // server check, then per study (in UID order) the version search and the transaction: A's is refused
        server.faults.add(pass(), pass(), Fault.status(400, null));

        CliRun run = CliRun.of("--post", server.httpBase("r4"), "--split", "--report", report.toString(),
                dir.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(8);
        assertThat(run.stdoutBytes()).isEmpty();
        JsonNode deliveries = JSON.readTree(report.toFile()).path("delivery");
        assertThat(deliveries).hasSize(2);
        assertThat(deliveries.get(0).path("studyInstanceUid").asText()).isEqualTo(Studies.STUDY_A);
        assertThat(deliveries.get(0).path("outcome").asText()).isEqualTo("rejected");
        assertThat(deliveries.get(1).path("studyInstanceUid").asText()).isEqualTo(Studies.STUDY_B);
        assertThat(deliveries.get(1).path("outcome").asText()).isEqualTo("created");
        assertThat(server.faults.posts()).as("one transaction per study").isEqualTo(2);
        assertThat(run.stderr()).contains("study " + Studies.STUDY_A + " not delivered: rejected (HTTP 400)")
                .contains("1 created").contains("1 rejected");
    }

    private static Fault pass() {
        return Fault.delay(Duration.ZERO);
    }
}
