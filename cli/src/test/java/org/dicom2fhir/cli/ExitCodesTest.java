package org.dicom2fhir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.dicom2fhir.api.spi.OutputFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every exit code of the command (as --help lists them), and the order that decides between several (2, 7, 5, 3, 8, 6, 4, 0; 1 for bugs; 8 in DeliveryOptionsTest). */
class ExitCodesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Path study() throws IOException {
        Path dir = tmp.resolve("study");
        Studies.writeStudyA(dir);
        return dir;
    }

    private Path twoStudies() throws IOException {
        Path dir = tmp.resolve("mixed");
        Studies.writeStudyA(dir.resolve("a"));
        Studies.writeStudyB(dir.resolve("b"));
        return dir;
    }

    private static void assertNoPatientData(String text) {
        for (String value : Studies.PATIENT_DATA) {
            assertThat(text).doesNotContain(value);
        }
    }

    @Test
    void exit0_writesTheImagingStudyAndASummary() throws Exception {
        CliRun run = CliRun.of(study().toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode resource = JSON.readTree(run.stdoutBytes());
        assertThat(resource.path("resourceType").asText()).isEqualTo("ImagingStudy");
        assertThat(resource.path("numberOfInstances").asInt()).isEqualTo(6);
        assertThat(FhirValidation.errors(run.stdoutBytes(), OutputFormat.JSON)).isEmpty();
        assertThat(run.stderr()).endsWith("converted 1 study: 2 series, 6 instances; skipped 0 files, failed 0" + System.lineSeparator());
        assertNoPatientData(run.stderr());
    }

    @Test
    void exit0_whenJunkIsSkipped() throws Exception {
        Path dir = study();
        Studies.writeJunk(dir, "notes.txt");

        CliRun run = CliRun.of(dir.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stderr()).contains("skipped 1 file, failed 0");
    }

    @Test
    void exit2_unknownOption() throws Exception {
        CliRun run = CliRun.of("--no-such-option", study().toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stdoutBytes()).isEmpty();
        assertThat(run.stderr()).contains("--no-such-option").contains("--help");
    }

    @Test
    void exit2_missingStudyDir() {
        CliRun run = CliRun.of("--pretty");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains("missing STUDY_DIR");
    }

    @Test
    void exit2_twoStudyDirs() throws Exception {
        CliRun run = CliRun.of(study().toString(), tmp.resolve(Studies.FAMILY).toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains("exactly one STUDY_DIR").doesNotContain(Studies.FAMILY);
    }

    @Test
    void exit2_unknownReaderListsTheAvailableNames() throws Exception {
        CliRun run = CliRun.of("-r", "nosuchreader", study().toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.stderr()).contains("nosuchreader").contains("part10");
        assertThat(run.stdoutBytes()).isEmpty();
    }

    @Test
    void exit2_unknownWriterListsTheAvailableNames() throws Exception {
        CliRun run = CliRun.of("--writer", "nosuchwriter", study().toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.stderr()).contains("nosuchwriter").contains("hapi");
    }

    @Test
    void exit2_pluginWriterIsUnknownWithoutItsPluginFolder() throws Exception {
        CliRun run = CliRun.of("-w", "test-invalid", study().toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    }

    @Test
    void exit2_badOptionValues() throws Exception {
        String dir = study().toString();
        assertThat(CliRun.of("--timezone", "Mars/Olympus", dir).exitCode()).isEqualTo(2);
        assertThat(CliRun.of("--format", "yaml", dir).exitCode()).isEqualTo(2);
        assertThat(CliRun.of("--id", "sequential", dir).exitCode()).isEqualTo(2);
        assertThat(CliRun.of("--max-dir-depth", "0", dir).exitCode()).isEqualTo(2);
        assertThat(CliRun.of("--max-nesting", "many", dir).exitCode()).isEqualTo(2);
        assertThat(CliRun.of("-q", "-v", dir).exitCode()).isEqualTo(2);
        assertThat(CliRun.of("--plugins", tmp.resolve("no-such-folder").toString(), dir).exitCode()).isEqualTo(2);
        assertThat(CliRun.of("--report", "-", dir).exitCode()).isEqualTo(2);
        String same = tmp.resolve("same.json").toString();
        assertThat(CliRun.of("--report", same, "-o", same, dir).exitCode()).isEqualTo(2);
    }

    @Test
    void exit2_invalidEndpoint() throws Exception {
        String dir = study().toString();
        for (String bad : new String[] {"ftp://pacs.example.org/dicomweb", "https://pacs.example.org/dicomweb/",
                "https://pacs.example.org/dicomweb/studies", "https://pacs.example.org/dicomweb?x=1", "pacs/dicomweb"}) {
            CliRun run = CliRun.of("--endpoint", bad, dir);
            assertThat(run.exitCode()).as(bad + "\n" + run).isEqualTo(2);
            assertThat(run.stdoutBytes()).isEmpty();
        }
    }

    @Test
    void exit3_emptyFolder() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));

        CliRun run = CliRun.of(empty.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        assertThat(run.stdoutBytes()).isEmpty();
        assertThat(run.stderr()).contains("nothing in STUDY_DIR is DICOM").contains("no files");
    }

    @Test
    void exit3_onlyJunkAndTheReportIsStillWritten() throws Exception {
        Path dir = tmp.resolve("junk");
        Studies.writeJunk(dir, "a.txt");
        Studies.writeJunk(dir.resolve("sub"), "b.jpg");
        Path report = tmp.resolve("report.json");

        CliRun run = CliRun.of("--report", report.toString(), dir.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        assertThat(run.stdoutBytes()).isEmpty();
        assertThat(run.stderr()).contains("2 NOT_DICOM");
        JsonNode json = JSON.readTree(report.toFile());
        assertThat(json.path("totals").path("skipped").asInt()).isEqualTo(2);
    }

    @Test
    void exit4_failedFilesAreListedAndTheRestIsWritten() throws Exception {
        Path dir = study();
        Studies.writeTruncated(dir, "broken.dcm");

        CliRun run = CliRun.of("--verbose", dir.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(4);
        JsonNode resource = JSON.readTree(run.stdoutBytes());
        assertThat(resource.path("numberOfInstances").asInt()).isEqualTo(6);
        assertThat(run.stderr()).containsPattern("failed: broken\\.dcm: .+ \\[[A-Z_]+\\]")
                .contains("skipped 0 files, failed 1");
        assertNoPatientData(run.stderr());
    }

    @Test
    void exit4_whenEveryDicomFileFailed() throws Exception {
        Path dir = tmp.resolve("broken");
        Studies.writeTruncated(dir, "one.dcm");
        Studies.writeJunk(dir, "readme.txt");

        CliRun run = CliRun.of(dir.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(4);
        assertThat(run.stdoutBytes()).isEmpty();
        assertThat(run.stderr()).contains("failed: one.dcm").contains("nothing was written");
    }

    @Test
    void exit5_severalStudiesListsEachUidWithItsFileCount() throws Exception {
        CliRun run = CliRun.of(twoStudies().toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(5);
        assertThat(run.stdoutBytes()).isEmpty();
        assertThat(run.stderr()).contains(Studies.STUDY_A + " (6 files)").contains(Studies.STUDY_B + " (2 files)")
                .contains("--split");
        assertNoPatientData(run.stderr());
    }

    @Test
    void exit5_winsOverFailedFiles() throws Exception {
        Path dir = twoStudies();
        Studies.writeTruncated(dir, "broken.dcm");

        assertThat(CliRun.of(dir.toString()).exitCode()).isEqualTo(5);
    }

    @Test
    void exit6_validationErrorsAreCountedWithLocationsAndTheOutputIsStillWritten() throws Exception {
        Path plugins = PluginJar.writeInto(tmp.resolve("plugins"));
        Path output = tmp.resolve("out.json");

        CliRun run = CliRun.of("--plugins", plugins.toString(), "-w", "test-invalid", "--validate",
                "-o", output.toString(), study().toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(6);
        assertThat(run.stderr()).containsPattern("the result has \\d+ validation errors? against the FHIR 4\\.0\\.1")
                .contains("ImagingStudy.status").contains("the output was written anyway");
        assertThat(Files.readString(output)).contains(Studies.FAMILY);
        assertNoPatientData(run.stderr());
    }

    @Test
    void exit6_verboseShowsTheValidatorsFindingsByStructureOnly() throws Exception {
        Path plugins = PluginJar.writeInto(tmp.resolve("plugins"));
        Path output = tmp.resolve("out.json");

        // the HAPI validator quotes the invalid status, the patient's family name, in its messages
        CliRun run = CliRun.of("--plugins", plugins.toString(), "-w", "test-invalid", "--validate", "--verbose",
                "-o", output.toString(), study().toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(6);
        assertThat(run.stderr()).containsPattern("validation error at ImagingStudy\\.status: \\S")
                .contains(ValidationFindings.TEXTS_NOT_SHOWN);
        assertThat(Files.readString(output)).contains(Studies.FAMILY);
        assertThat(run.stdoutBytes()).isEmpty();
        assertNoPatientData(run.stderr());
    }

    @Test
    void exit6_winsOverFailedFiles() throws Exception {
        Path plugins = PluginJar.writeInto(tmp.resolve("plugins"));
        Path dir = study();
        Studies.writeTruncated(dir, "broken.dcm");

        CliRun run = CliRun.of("--plugins", plugins.toString(), "-w", "test-invalid", "--validate", dir.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(6);
        assertThat(run.stderr()).contains("failed: broken.dcm");
    }

    @Test
    void exit7_missingStudyDir() {
        CliRun run = CliRun.of(tmp.resolve("no-such-folder").toString());

        assertThat(run.exitCode()).isEqualTo(7);
        assertThat(run.stderr()).contains("STUDY_DIR does not exist").doesNotContain("no-such-folder");
    }

    @Test
    void exit7_aFileAsStudyDir() throws Exception {
        Path file = Studies.writeJunk(tmp, "file.txt");

        CliRun run = CliRun.of(file.toString());

        assertThat(run.exitCode()).isEqualTo(7);
        assertThat(run.stderr()).contains("not a folder nor a ZIP archive");
    }

    @Test
    void exit7_outputInAMissingFolder() throws Exception {
        CliRun run = CliRun.of("-o", tmp.resolve("missing/out.json").toString(), study().toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(7);
        assertThat(run.stderr()).contains("cannot write the output file");
        assertThat(run.stdoutBytes()).isEmpty();
    }

    @Test
    void exit7_outputIsAFolder() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("a-folder"));

        assertThat(CliRun.of("-o", folder.toString(), study().toString()).exitCode()).isEqualTo(7);
    }

    @Test
    void exit7_reportInAMissingFolder() throws Exception {
        CliRun run = CliRun.of("--report", tmp.resolve("missing/report.json").toString(), study().toString());

        assertThat(run.exitCode()).isEqualTo(7);
        assertThat(run.stderr()).contains("cannot write the report file");
    }

    @Test
    void exit7_whenWritingFailsHalfWayAndTheReportIsStillWritten() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(Path.of("/dev/full")), "needs /dev/full");
        Path report = tmp.resolve("report.json");

        CliRun run = CliRun.of("-o", "/dev/full", "--report", report.toString(), study().toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(7);
        assertThat(run.stderr()).contains("cannot write the output file: no space left on device").doesNotContain("Exception");
        assertThat(JSON.readTree(report.toFile()).path("totals").path("instances").asInt()).isEqualTo(6);
    }

    @Test
    void exit7_winsOverSeveralStudies() throws Exception {
        assertThat(CliRun.of("-o", tmp.resolve("missing/out.json").toString(), twoStudies().toString()).exitCode())
                .isEqualTo(7);
    }

    @Test
    void exit2_winsOverAMissingStudyDir() {
        String missing = tmp.resolve("no-such-folder").toString();

        assertThat(CliRun.of("--bogus", missing).exitCode()).isEqualTo(2);
        assertThat(CliRun.of("-w", "nosuchwriter", missing).exitCode()).isEqualTo(2);
        assertThat(CliRun.of("--endpoint", "not a url", missing).exitCode()).isEqualTo(2);
    }

    @Test
    void exit1_aBugSaysSoWithoutClassNamesOrValues() throws Exception {
        Path plugins = PluginJar.writeInto(tmp.resolve("plugins"));

        CliRun run = CliRun.of("--plugins", plugins.toString(), "-w", "test-crash", study().toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.stderr()).contains("internal error").contains("bug").contains("report it")
                .doesNotContain("IllegalStateException").doesNotContain("\tat ");
        assertNoPatientData(run.stderr());
        assertThat(run.stdoutBytes()).isEmpty();
    }

    @Test
    void exit1_verboseShowsTheStackTraceButNotTheForeignMessage() throws Exception {
        Path plugins = PluginJar.writeInto(tmp.resolve("plugins"));

        CliRun run = CliRun.of("--verbose", "--plugins", plugins.toString(), "-w", "test-crash", study().toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).contains("IllegalStateException").contains("\tat ").contains("Caused by: ");
        assertNoPatientData(run.stderr());
    }

    @Test
    void pluginsFromTheEnvironmentVariable() throws Exception {
        Path plugins = PluginJar.writeInto(tmp.resolve("plugins"));

        CliRun run = CliRun.withEnvironment(Map.of(Plugins.ENVIRONMENT_VARIABLE, plugins.toString()),
                "-w", "test-invalid", study().toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdout()).contains("\"status\":\"" + Studies.FAMILY + "\"");
    }
}
