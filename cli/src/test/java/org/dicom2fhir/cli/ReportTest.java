package org.dicom2fhir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code --report} file: the format of {@link ReportJson}, every file once, written also when the run fails. */
class ReportTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void everyFileOnceWithItsDispositionAndTotals() throws Exception {
        Path dir = tmp.resolve("study");
        Studies.writeStudyA(dir.resolve("series"));
        Studies.writeJunk(dir, "notes.txt");
        Studies.writeTruncated(dir.resolve("bad"), "IM0042");
        Path report = tmp.resolve("report.json");

        CliRun run = CliRun.of("--report", report.toString(), "--timezone", "+01:00", dir.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(4);
        JsonNode json = JSON.readTree(report.toFile());
        assertThat(json.path("studyDir").asText()).isEqualTo(dir.toString());
        List<String> paths = new ArrayList<>();
        json.path("files").forEach(f -> paths.add(f.path("path").asText()));
        assertThat(paths).hasSize(8).doesNotHaveDuplicates().allSatisfy(p -> assertThat(p).doesNotStartWith("/").doesNotContain("\\"));
        assertThat(paths).contains("notes.txt", "bad/IM0042");

        JsonNode notes = file(json, "notes.txt");
        assertThat(notes.path("disposition").asText()).isEqualTo("skipped");
        assertThat(notes.path("reason").asText()).isEqualTo("NOT_DICOM");
        assertThat(notes.path("message").asText()).isNotBlank();

        JsonNode broken = file(json, "bad/IM0042");
        assertThat(broken.path("disposition").asText()).isEqualTo("failed");
        assertThat(broken.path("reason").asText()).matches("[A-Z_]+");
        assertThat(broken.path("message").asText()).isNotBlank();

        json.path("files").forEach(f -> {
            if (f.path("disposition").asText().equals("included")) {
                assertThat(f.has("warnings")).isTrue();
                assertThat(f.has("reason")).isFalse();
                assertThat(f.path("path").asText()).startsWith("series/");
            }
        });
        assertThat(json.path("warnings").isArray()).isTrue();
        JsonNode totals = json.path("totals");
        assertThat(totals.path("files").asInt()).isEqualTo(8);
        assertThat(totals.path("included").asInt()).isEqualTo(6);
        assertThat(totals.path("skipped").asInt()).isEqualTo(1);
        assertThat(totals.path("failed").asInt()).isEqualTo(1);
        assertThat(totals.path("studies").asInt()).isEqualTo(1);
        assertThat(totals.path("series").asInt()).isEqualTo(2);
        assertThat(totals.path("instances").asInt()).isEqualTo(6);

        String text = Files.readString(report);
        for (String value : Studies.PATIENT_DATA) {
            assertThat(text).doesNotContain(value);
        }
    }

    @Test
    void writtenWhenSeveralStudiesStopTheRun() throws Exception {
        Path dir = tmp.resolve("mixed");
        Studies.writeStudyA(dir.resolve("a"));
        Studies.writeStudyB(dir.resolve("b"));
        Path report = tmp.resolve("report.json");

        CliRun run = CliRun.of("--report", report.toString(), dir.toString());

        assertThat(run.exitCode()).isEqualTo(5);
        JsonNode json = JSON.readTree(report.toFile());
        assertThat(json.path("files")).hasSize(8);
        assertThat(json.path("totals").path("included").asInt()).isEqualTo(8);
    }

    @Test
    void writtenWhenValidationFails() throws Exception {
        Path dir = tmp.resolve("study");
        Studies.writeStudyA(dir);
        Path report = tmp.resolve("report.json");

        CliRun run = CliRun.of("--report", report.toString(), "--plugins", PluginJar.writeInto(tmp.resolve("p")).toString(),
                "-w", "test-invalid", "--validate", dir.toString());

        assertThat(run.exitCode()).isEqualTo(6);
        assertThat(JSON.readTree(report.toFile()).path("totals").path("instances").asInt()).isEqualTo(6);
    }

    @Test
    void notWrittenWhenTheFolderWasNeverScanned() {
        Path report = tmp.resolve("report.json");

        assertThat(CliRun.of("--report", report.toString(), tmp.resolve("missing").toString()).exitCode()).isEqualTo(7);
        assertThat(report).doesNotExist();
    }

    private static JsonNode file(JsonNode report, String path) {
        for (JsonNode f : report.path("files")) {
            if (f.path("path").asText().equals(path)) {
                return f;
            }
        }
        throw new AssertionError("no report entry for " + path);
    }
}
