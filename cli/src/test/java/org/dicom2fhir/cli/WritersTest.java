package org.dicom2fhir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.dicom2fhir.api.spi.FhirRelease;
import org.dicom2fhir.api.spi.OutputFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every writer the CLI ships: the same R4 FHIR from hapi and ibm, valid R5 from hapi-r5. */
class WritersTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;
    Path study;

    @BeforeEach
    void writeStudy() throws IOException {
        study = tmp.resolve("study");
        Studies.writeStudyA(study);
    }

    @Test
    void ibmAndHapiGiveTreeEqualJson() throws IOException {
        CliRun hapi = CliRun.of("-w", "hapi", "--timezone", "Europe/Berlin", study.toString());
        CliRun ibm = CliRun.of("-w", "ibm", "--timezone", "Europe/Berlin", study.toString());

        assertThat(hapi.exitCode()).as(hapi.toString()).isZero();
        assertThat(ibm.exitCode()).as(ibm.toString()).isZero();
        JsonNode hapiTree = JSON.readTree(hapi.stdoutBytes());
        assertThat(JSON.readTree(ibm.stdoutBytes())).isEqualTo(hapiTree);
        assertThat(FhirValidation.errors(ibm.stdoutBytes(), OutputFormat.JSON)).isEmpty();
    }

    @Test
    void ibmSplitBundleEqualsHapis() throws IOException {
        Studies.writeStudyB(study.resolve("other"));
        CliRun hapi = CliRun.of("-w", "hapi", "--split", study.toString());
        CliRun ibm = CliRun.of("-w", "ibm", "--split", study.toString());

        assertThat(ibm.exitCode()).as(ibm.toString()).isZero();
        assertThat(JSON.readTree(ibm.stdoutBytes())).isEqualTo(JSON.readTree(hapi.stdoutBytes()));
        assertThat(JSON.readTree(ibm.stdoutBytes()).path("entry")).hasSize(2);
    }

    @Test
    void ibmWritesValidXml() {
        CliRun ibm = CliRun.of("-w", "ibm", "--format", "xml", study.toString());

        assertThat(ibm.exitCode()).as(ibm.toString()).isZero();
        assertThat(FhirValidation.errors(ibm.stdoutBytes(), OutputFormat.XML)).isEmpty();
    }

    @Test
    void hapiR5WritesR5ThatTheR5ValidatorAccepts() throws IOException {
        CliRun r5 = CliRun.of("-w", "hapi-r5", "--validate", study.toString());

        assertThat(r5.exitCode()).as(r5.toString()).isZero();
        assertThat(r5.stderr()).contains("5.0.0");
        JsonNode tree = JSON.readTree(r5.stdoutBytes());
        assertThat(tree.path("modality").get(0).has("coding")).isTrue(); // R5: CodeableConcept
        assertThat(FhirValidation.errors(r5.stdoutBytes(), OutputFormat.JSON, FhirRelease.R5)).isEmpty();
    }

    @Test
    void listBackendsShowsEveryShippedWriterWithItsFhirVersion() {
        CliRun run = CliRun.of("--list-backends");

        assertThat(run.stdout()).containsPattern("(?m)^  hapi .*4\\.0\\.1").containsPattern("(?m)^  ibm .*4\\.0\\.1")
                .containsPattern("(?m)^  hapi-r5 .*5\\.0\\.0");
    }
}
