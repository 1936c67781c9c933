package org.dicom2fhir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.dicom2fhir.api.spi.OutputFormat;
import org.dicom2fhir.delivery.TestCertificates;
import org.dicom2fhir.dicomweb.DicomWebStudy;
import org.dicom2fhir.dicomweb.FaultyDicomWebServer;
import org.dicom2fhir.dicomweb.FaultyDicomWebServer.Reply;
import org.dicom2fhir.dicomweb.OrthancServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command with a DICOMweb study URL as STUDY_DIR: Orthanc for the study, the fault servlet for the token and TLS
 * (with the delivery's test certificates).
 */
class DicomWebCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SAMPLE_UID = "2.25.269364087422272050427759780864141531954";

    @TempDir
    Path tmp;

    @Test
    void aStudyUrlConvertsLikeItsFolderWithTheEndpointAtItsBaseUnlessEndpointSaysOtherwise() throws Exception {
        try (OrthancServer orthanc = OrthancServer.start(Files.createDirectories(tmp.resolve("orthanc")))) {
            assertThat(orthanc.uploadFolder(Path.of("..", "samples", "ct-chest"))).isEmpty();
            Path report = tmp.resolve("report.json");
            CliRun web = CliRun.of(orthanc.studyUrl(SAMPLE_UID), "--report", report.toString());
            assertThat(web.exitCode()).as(web.stderr()).isZero();
            assertThat(FhirValidation.errors(web.stdoutBytes(), OutputFormat.JSON)).isEmpty();
            JsonNode tree = JSON.readTree(web.stdoutBytes());
            assertThat(tree.path("contained").findValue("address").asText()).isEqualTo(orthanc.dicomWebBase());
            assertThat(Files.readString(report)).contains("\"metadata#0\"");

            CliRun folder = CliRun.of("--endpoint", orthanc.dicomWebBase(), "../samples/ct-chest");
            assertThat(tree).isEqualTo(JSON.readTree(folder.stdoutBytes()));

            CliRun overridden = CliRun.of("--endpoint", "https://pacs.example.org/wado", orthanc.studyUrl(SAMPLE_UID));
            assertThat(JSON.readTree(overridden.stdoutBytes()).path("contained").findValue("address").asText())
                    .isEqualTo("https://pacs.example.org/wado");

            CliRun missing = CliRun.of(orthanc.studyUrl("1.2.3.404"));
            assertThat(missing.exitCode()).isEqualTo(7);
            assertThat(missing.stderr()).contains("HTTP 404").contains("1.2.3.404");
        }
    }

    @Test
    void theBearerTokenComesFromTheEnvironmentOrAFileAndIsNeverPrinted() throws Exception {
        String study = "1.2.826.0.1.3680043.8.498.16";
        try (FaultyDicomWebServer server = FaultyDicomWebServer.start()) {
            server.requireToken("s3cret-16").on("/studies/" + study + "/metadata", Reply.json(oneInstance(study)));
            String url = server.base() + "/studies/" + study;
            CliRun fromEnvironment = CliRun.withEnvironment(Map.of(DicomWebStudy.TOKEN_VARIABLE, "s3cret-16"), url, "-v");
            assertThat(fromEnvironment.exitCode()).as(fromEnvironment.stderr()).isZero();
            Path tokenFile = Files.writeString(tmp.resolve("token"), "s3cret-16\n");
            CliRun fromFile = CliRun.of("--dicomweb-token-file", tokenFile.toString(), url);
            assertThat(fromFile.exitCode()).isZero();
            CliRun without = CliRun.withEnvironment(Map.of(), url);
            assertThat(without.exitCode()).isEqualTo(7);
            assertThat(without.stderr()).contains("HTTP 401").contains("--dicomweb-token-file");
            for (CliRun run : new CliRun[] {fromEnvironment, fromFile, without}) {
                assertThat(run.stderr()).doesNotContain("s3cret");
                assertThat(new String(run.stdoutBytes(), StandardCharsets.UTF_8)).doesNotContain("s3cret");
            }
        }
    }

    @Test
    void overHttpsTheServerIsTrustedThroughCaCertAndOtherwiseRefused() throws Exception {
        TestCertificates certificates = TestCertificates.generate(Files.createDirectories(tmp.resolve("certs")));
        String study = "1.2.826.0.1.3680043.8.498.17";
        try (FaultyDicomWebServer server = FaultyDicomWebServer.startTls(certificates.localhostKeyStore(),
                TestCertificates.PASSWORD)) {
            server.on("/studies/" + study + "/metadata", Reply.json(oneInstance(study)));
            String url = server.base() + "/studies/" + study;
            assertThat(url).startsWith("https://127.0.0.1:");
            CliRun trusted = CliRun.of("--ca-cert", certificates.caPem().toString(), url);
            assertThat(trusted.exitCode()).as(trusted.stderr()).isZero();
            CliRun untrusted = CliRun.of("--retries", "0", url);
            assertThat(untrusted.exitCode()).isEqualTo(7);
            assertThat(untrusted.stderr()).contains("TLS handshake failed");
        }
    }

    private static byte[] oneInstance(String study) {
        return ("[{"
                + "\"00080016\":{\"vr\":\"UI\",\"Value\":[\"1.2.840.10008.5.1.4.1.1.2\"]},"
                + "\"00080018\":{\"vr\":\"UI\",\"Value\":[\"" + study + ".1.1\"]},"
                + "\"0020000D\":{\"vr\":\"UI\",\"Value\":[\"" + study + "\"]},"
                + "\"0020000E\":{\"vr\":\"UI\",\"Value\":[\"" + study + ".1\"]}}]").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void urlsThatAreNoStudyUrlAndDicomwebOptionsWithoutOneAreUsageErrors() throws Exception {
        CliRun noStudy = CliRun.of("https://pacs.example.org/dicom-web");
        assertThat(noStudy.exitCode()).isEqualTo(2);
        assertThat(noStudy.stderr()).contains("/studies/<StudyInstanceUID>");
        Path credentials = Files.writeString(tmp.resolve("c"), "u:p\n");
        CliRun folderWithCredentials = CliRun.of("--dicomweb-credentials-file", credentials.toString(), "../samples/ct-chest");
        assertThat(folderWithCredentials.exitCode()).isEqualTo(2);
        assertThat(folderWithCredentials.stderr()).contains("is an option of a DICOMweb study URL");
        CliRun timeoutWithFolder = CliRun.of("--timeout", "5", "../samples/ct-chest");
        assertThat(timeoutWithFolder.exitCode()).isEqualTo(2);
        CliRun unreadableCredentials = CliRun.of("--dicomweb-credentials-file", tmp.resolve("absent").toString(),
                "http://127.0.0.1:9/dicom-web/studies/1.2.3");
        assertThat(unreadableCredentials.exitCode()).isEqualTo(7);
    }
}
