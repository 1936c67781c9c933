package org.dicom2fhir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import javax.xml.parsers.DocumentBuilderFactory;
import org.dicom2fhir.api.spi.OutputFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** The options of the command (as --help lists them), end to end; every resource written is checked by the FHIR validator. */
class OptionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;
    Path study;

    @BeforeEach
    void writeStudy() throws IOException {
        study = tmp.resolve("study");
        Studies.writeStudyA(study);
    }

    private static JsonNode validJson(CliRun run) throws IOException {
        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode node = JSON.readTree(run.stdoutBytes());
        assertThat(FhirValidation.errors(run.stdoutBytes(), OutputFormat.JSON)).as(run.stdout()).isEmpty();
        return node;
    }

    @Test
    void helpAndVersionGoToStandardOutput() {
        CliRun help = CliRun.of("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.stdout()).contains("Usage: dicom2fhir [OPTIONS] STUDY_DIR").contains("--validate")
                .contains("the output is still written").contains("Exit codes");
        assertThat(help.stderr()).isEmpty();

        CliRun version = CliRun.of("-V");
        assertThat(version.exitCode()).isZero();
        assertThat(version.stdout()).startsWith("dicom2fhir ").doesNotContain("${");
    }

    @Test
    void listBackendsNamesTheBuiltInOnes() {
        CliRun run = CliRun.of("--list-backends");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdout()).contains("readers:").containsPattern("(?m)^  part10 ")
                .contains("writers:").containsPattern("(?m)^  hapi ").contains("validators:").contains("4.0.1");
        // the releases are a column of their own, from the providers' typed values
        assertThat(run.stdout()).containsPattern("(?m)^writers:\\n(  .*\\n)*  hapi +FHIR 4\\.0\\.1 +HAPI ")
                .containsPattern("(?m)^  hapi-r5 +FHIR 5\\.0\\.0 +HAPI ")
                .containsPattern("(?m)^validators:\\n(  .*\\n)*  hapi +FHIR 4\\.0\\.1, 5\\.0\\.0 +HAPI ")
                .doesNotContainPattern("(?m)^  part10 +FHIR");
    }

    @Test
    void listBackendsIncludesPlugins() throws Exception {
        Path plugins = PluginJar.writeInto(tmp.resolve("plugins"));

        CliRun run = CliRun.of("--list-backends", "--plugins", plugins.toString());

        assertThat(run.stdout()).contains("test-invalid").contains("test-crash");
    }

    @Test
    void compactByDefaultAndPrettyOnRequest() throws Exception {
        CliRun compact = CliRun.of(study.toString());
        CliRun pretty = CliRun.of("--pretty", study.toString());

        assertThat(compact.stdout().strip()).doesNotContain("\n");
        assertThat(pretty.stdout()).contains("\n  ");
        assertThat(validJson(pretty)).isEqualTo(validJson(compact));
    }

    @Test
    void theResourceEndsWithOneLineEndOnStandardOutputAndInAFile() throws Exception {
        Path file = tmp.resolve("study.json");
        Path mixed = tmp.resolve("mixed");
        Studies.writeStudyA(mixed.resolve("a"));
        Studies.writeStudyB(mixed.resolve("b"));

        List<CliRun> runs = List.of(CliRun.of(study.toString()), CliRun.of("--pretty", study.toString()),
                CliRun.of("--format", "xml", study.toString()), CliRun.of("--format", "xml", "--pretty", study.toString()),
                CliRun.of("-w", "ibm", study.toString()), CliRun.of("--split", mixed.toString()),
                CliRun.of("--validate", study.toString()));
        for (CliRun run : runs) {
            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.stdout()).as(run.toString()).endsWith("\n").doesNotEndWith("\n\n");
        }
        assertThat(CliRun.of("-o", file.toString(), study.toString()).exitCode()).isZero();
        assertThat(Files.readString(file)).endsWith("}\n");
        assertThat(CliRun.of("-o", file.toString(), "--format", "xml", study.toString()).exitCode()).isZero();
        assertThat(Files.readString(file)).endsWith(">\n");
    }

    @Test
    void xmlFormat() throws Exception {
        CliRun run = CliRun.of("--format", "xml", study.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        Document xml = DocumentBuilderFactory.newDefaultInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(run.stdoutBytes()));
        assertThat(xml.getDocumentElement().getLocalName() == null ? xml.getDocumentElement().getNodeName()
                : xml.getDocumentElement().getLocalName()).isEqualTo("ImagingStudy");
        assertThat(FhirValidation.errors(run.stdoutBytes(), OutputFormat.XML)).isEmpty();
    }

    @Test
    void splitWritesACollectionBundle() throws Exception {
        Path mixed = tmp.resolve("mixed");
        Studies.writeStudyA(mixed.resolve("a"));
        Studies.writeStudyB(mixed.resolve("b"));

        JsonNode bundle = validJson(CliRun.of("--split", mixed.toString()));

        assertThat(bundle.path("resourceType").asText()).isEqualTo("Bundle");
        assertThat(bundle.path("type").asText()).isEqualTo("collection");
        assertThat(bundle.path("entry")).hasSize(2);
        assertThat(bundle.path("entry").get(0).path("resource").path("resourceType").asText()).isEqualTo("ImagingStudy");
    }

    @Test
    void splitWithOneStudyIsABundleToo() throws Exception {
        JsonNode bundle = validJson(CliRun.of("--split", study.toString()));

        assertThat(bundle.path("resourceType").asText()).isEqualTo("Bundle");
        assertThat(bundle.path("entry")).hasSize(1);
    }

    @Test
    void idDerivedFromTheStudyUidByDefaultAndRandomOnRequest() throws Exception {
        String expected = UUID.nameUUIDFromBytes(("dicom2fhir:" + Studies.STUDY_A).getBytes(StandardCharsets.UTF_8)).toString();

        assertThat(validJson(CliRun.of(study.toString())).path("id").asText()).isEqualTo(expected);
        assertThat(validJson(CliRun.of("--id", "uid", study.toString())).path("id").asText()).isEqualTo(expected);
        String random1 = validJson(CliRun.of("--id", "random", study.toString())).path("id").asText();
        String random2 = validJson(CliRun.of("--id", "RANDOM", study.toString())).path("id").asText();
        assertThat(random1).isNotEqualTo(expected).isNotEqualTo(random2);
    }

    @Test
    void timezoneGivesStartedAnOffset() throws Exception {
        String withoutZone = validJson(CliRun.of(study.toString())).path("started").asText();
        String withOffset = validJson(CliRun.of("--timezone", "+01:00", study.toString())).path("started").asText();
        String withName = validJson(CliRun.of("--timezone", "America/New_York", study.toString())).path("started").asText();
        String withSystem = validJson(CliRun.of("--timezone", "system", study.toString())).path("started").asText();

        assertThat(withoutZone).doesNotContain("T");
        assertThat(withOffset).contains("T").endsWith("+01:00").startsWith(withoutZone);
        assertThat(withName).contains("T").containsPattern("-0[45]:00$");
        assertThat(withSystem).contains("T");
    }

    @Test
    void endpointIsContainedAndReferenced() throws Exception {
        String url = "https://pacs.example.org/dicomweb";

        JsonNode study = validJson(CliRun.of("--endpoint", url, this.study.toString()));

        assertThat(study.path("endpoint").get(0).path("reference").asText()).isEqualTo("#endpoint");
        assertThat(study.path("contained").findValuesAsText("address")).containsExactly(url);
    }

    @Test
    void validateSucceedsOnAGoodStudy() throws Exception {
        CliRun run = CliRun.of("--validate", study.toString());

        validJson(run);
        assertThat(run.stderr()).contains("validated: no errors");
    }

    @Test
    void quietPrintsNoSummaryButStillTheFailures() throws Exception {
        Studies.writeTruncated(study, "broken.dcm");

        CliRun run = CliRun.of("-q", study.toString());

        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.stderr()).contains("failed: broken.dcm").doesNotContain("converted");
    }

    @Test
    void verboseListsSkippedFilesWithoutPatientData() throws Exception {
        Studies.writeJunk(study, "notes.txt");

        CliRun run = CliRun.of("-v", study.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.stderr()).contains("skipped: notes.txt: ").contains("[NOT_DICOM]");
        for (String value : Studies.PATIENT_DATA) {
            assertThat(run.stderr()).doesNotContain(value);
        }
    }

    @Test
    void limitsAreApplied() throws Exception {
        Path deep = tmp.resolve("deep");
        Studies.writeStudyA(deep.resolve("level1/level2"));

        // files of study A sit in S01/, S02/: level1/level2/S01/I0001.dcm is at depth 4
        CliRun shallow = CliRun.of("--max-dir-depth", "3", deep.toString());
        CliRun enough = CliRun.of("--max-dir-depth", "4", "--max-nesting", "8", "--max-inflated-mib", "1", deep.toString());

        assertThat(shallow.exitCode()).as(shallow.toString()).isEqualTo(3);
        assertThat(shallow.stderr()).contains("TOO_DEEP");
        assertThat(enough.exitCode()).as(enough.toString()).isZero();
    }

    @Test
    void outputToDevNull() throws Exception {
        Path devNull = Path.of("/dev/null");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(devNull));

        CliRun run = CliRun.of("-o", "/dev/null", study.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdoutBytes()).isEmpty();
        assertThat(Files.isRegularFile(devNull)).isFalse();
    }

    @Test
    void dashMeansStandardOutput() throws Exception {
        validJson(CliRun.of("-o", "-", study.toString()));
    }
}
