package org.dicom2fhir.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dicom2fhir.api.ReasonCode;
import org.dicom2fhir.api.Warning;
import org.dicom2fhir.api.WarningCode;
import org.dicom2fhir.api.spi.FhirRelease;
import org.dicom2fhir.core.BackendInfo;
import org.dicom2fhir.core.ConversionReport;
import org.dicom2fhir.core.FileReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pieces the command is made of. */
class SmallPartsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void exitCodePrecedence() {
        assertThat(ExitCodes.first(List.of())).isZero();
        assertThat(ExitCodes.first(List.of(4, 6))).isEqualTo(6);
        assertThat(ExitCodes.first(List.of(4, 3))).isEqualTo(3);
        assertThat(ExitCodes.first(List.of(6, 3, 5))).isEqualTo(5);
        assertThat(ExitCodes.first(List.of(5, 7))).isEqualTo(7);
        assertThat(ExitCodes.first(List.of(7, 2, 0))).isEqualTo(2);
        assertThat(ExitCodes.first(List.of(2, 1))).isEqualTo(1);
        assertThatThrownBy(() -> ExitCodes.first(List.of(9))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void jsonStringsSurviveEveryAwkwardCharacter() throws Exception {
        String nasty = "quote\" backslash\\ slash/ nl\n cr\r tab\t nul\u0000 bell\u0007 del\u007f ls\u2028 ps\u2029 "
                + "é 中 😀 lone\ud800 end";
        String literal = JsonText.string(nasty);

        assertThat(literal).doesNotContain("\n").doesNotContain("\u2028");
        String parsed = JSON.readTree(literal).asText();
        assertThat(parsed).isEqualTo(nasty);
        assertThat(JsonText.string(null)).isEqualTo("null");
    }

    @Test
    void reportJsonMatchesTheDocumentedShape() throws Exception {
        ConversionReport report = new ConversionReport(Path.of("/data/x"),
                List.of(FileReport.included("CR1/6154", List.of()),
                        FileReport.included("CR1/6155", List.of(new Warning(WarningCode.INVALID_DATE, "(0008,0020) is not a date"))),
                        FileReport.notIncluded("notes \"1\".txt", ReasonCode.NOT_DICOM, "no DICOM preamble or data set", List.of()),
                        FileReport.notIncluded("IM0042", ReasonCode.TRUNCATED, "file ends inside (0010,0010) at byte 912", List.of())),
                List.of(new Warning(WarningCode.NO_TIMEZONE, "times kept as dates")),
                new ConversionReport.Totals(4, 2, 1, 1, 1, 1, 2));

        JsonNode json = JSON.readTree(ReportJson.render("../the folder", report));

        assertThat(json.path("studyDir").asText()).isEqualTo("../the folder");
        assertThat(json.path("files").get(0).toString()).isEqualTo("{\"path\":\"CR1/6154\",\"disposition\":\"included\",\"warnings\":[]}");
        assertThat(json.path("files").get(1).path("warnings").get(0).path("code").asText()).isEqualTo("INVALID_DATE");
        assertThat(json.path("files").get(2).toString()).isEqualTo("{\"path\":\"notes \\\"1\\\".txt\",\"disposition\":\"skipped\","
                + "\"reason\":\"NOT_DICOM\",\"message\":\"no DICOM preamble or data set\"}");
        assertThat(json.path("files").get(3).path("reason").asText()).isEqualTo("TRUNCATED");
        assertThat(json.path("warnings").get(0).toString()).isEqualTo("{\"code\":\"NO_TIMEZONE\",\"message\":\"times kept as dates\"}");
        assertThat(json.path("totals").toString()).isEqualTo(
                "{\"files\":4,\"included\":2,\"skipped\":1,\"failed\":1,\"studies\":1,\"series\":1,\"instances\":2}");
    }

    @Test
    void reportJsonOfAnEmptyFolder() throws Exception {
        ConversionReport report = new ConversionReport(Path.of("e"), List.of(), List.of(),
                new ConversionReport.Totals(0, 0, 0, 0, 0, 0, 0));

        JsonNode json = JSON.readTree(ReportJson.render("e", report));

        assertThat(json.path("files")).isEmpty();
        assertThat(json.path("warnings")).isEmpty();
    }

    @Test
    void backendListingShowsTheTypedReleasesInAColumn() {
        String listing = BackendListing.render(
                List.of(new BackendInfo("reader", "part10", "built-in reader", Set.of())),
                List.of(new BackendInfo("writer", "hapi", "HAPI", Set.of(FhirRelease.R4)),
                        new BackendInfo("writer", "mute", "says nothing", Set.of())),
                List.of(new BackendInfo("validator", "hapi", "HAPI validator", Set.of(FhirRelease.R5, FhirRelease.R4))));

        assertThat(listing).isEqualTo("""
                readers:
                  part10  built-in reader
                writers:
                  hapi  FHIR 4.0.1  HAPI
                  mute  FHIR ?      says nothing
                validators:
                  hapi  FHIR 4.0.1, 5.0.0  HAPI validator
                """);
        assertThat(BackendListing.render(List.of(), List.of(), List.of()))
                .isEqualTo("readers:\n  (none found)\nwriters:\n  (none found)\nvalidators:\n  (none found)\n");
    }

    @Test
    void stackTracesWithholdForeignMessages() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        Exception error = new IllegalStateException("patient Zebulonova",
                new org.dicom2fhir.api.FhirWriteException("The writer failed at ImagingStudy.series[2]."));

        Redaction.printStackTrace(error, new PrintStream(buffer, true, StandardCharsets.UTF_8));

        String text = buffer.toString(StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("Zebulonova").contains("java.lang.IllegalStateException: (message withheld")
                .contains("Caused by: org.dicom2fhir.api.FhirWriteException: The writer failed at ImagingStudy.series[2].")
                .contains("\tat ");
    }

    @Test
    void terminalDevices() {
        assertThat(Terminal.isTerminalDevice("/dev/pts/3")).isTrue();
        assertThat(Terminal.isTerminalDevice("/dev/tty1")).isTrue();
        assertThat(Terminal.isTerminalDevice("/dev/ttyS0")).isTrue();
        assertThat(Terminal.isTerminalDevice("pipe:[12345]")).isFalse();
        assertThat(Terminal.isTerminalDevice("/tmp/log.txt")).isFalse();
        assertThat(Terminal.isTerminalDevice("/dev/null")).isFalse();
    }

    @Test
    void progressLine() {
        assertThat(ProgressBar.line(0, -1)).isEqualTo("scanning the folder...");
        assertThat(ProgressBar.line(5, 10)).startsWith("reading files [" + "=".repeat(15) + " ".repeat(15) + "] 5/10");
        assertThat(ProgressBar.line(10, 10)).contains("10/10").contains("finishing");
    }

    @Test
    void progressBarIsDrawnWhenForcedAndClearedAtTheEnd() throws Exception {
        Path study = tmp.resolve("study");
        Studies.writeStudyA(study);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Options options = CommandLineParser.parse("--progress", study.toString());

        int code;
        try (PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = new ConversionRun(options, new PrintStream(out, true, StandardCharsets.UTF_8), e, Map.of(), 0).call();
        }

        String text = err.toString(StandardCharsets.UTF_8);
        assertThat(code).isZero();
        int lastDraw = text.lastIndexOf("\r");
        assertThat(lastDraw).as(text).isPositive();
        // the last carriage return ends the clearing; then only the messages follow, the summary last
        assertThat(text.substring(lastDraw + 1)).doesNotContain("reading files").doesNotContain("scanning")
                .endsWith("converted 1 study: 2 series, 6 instances; skipped 0 files, failed 0" + System.lineSeparator());
        assertThat(text.substring(0, lastDraw + 1)).matches("(?s)\\r(scanning|reading|finishing).*\\r +\\r");
        // the run's listener is the bar: it saw the 6 files found and read (drawn once more as it closes)
        assertThat(text.substring(0, lastDraw + 1)).contains("reading files [" + "=".repeat(30) + "] 6/6, finishing...");
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("\r");
    }

    @Test
    void noProgressBarInPipesOrWhenDisabled() throws Exception {
        Path study = tmp.resolve("study");
        Studies.writeStudyA(study);

        assertThat(CliRun.of(study.toString()).stderr()).doesNotContain("\r");
        assertThat(CliRun.of("--no-progress", study.toString()).stderr()).doesNotContain("\r");
    }

    @Test
    void pluginFoldersFromOptionsThenEnvironment() {
        String sep = java.io.File.pathSeparator;
        assertThat(Plugins.folders(List.of("a"), "b" + sep + " " + sep + "c")).containsExactly("a", "b", "c");
        assertThat(Plugins.folders(List.of(), null)).isEmpty();
    }

    @Test
    void standardOutputHoldsBackUntilCommitOrLimit() throws Exception {
        ByteArrayOutputStream target = new ByteArrayOutputStream();
        PrintStream stdout = new PrintStream(target, true, StandardCharsets.UTF_8);

        OutputTarget.HoldBack failed = new OutputTarget.HoldBack(stdout, 10);
        failed.write("12345".getBytes(StandardCharsets.UTF_8));
        failed.flush();
        failed.discard();
        assertThat(target.size()).isZero();

        OutputTarget.HoldBack huge = new OutputTarget.HoldBack(stdout, 10);
        huge.write("0123456789AB".getBytes(StandardCharsets.UTF_8));
        assertThat(target.toString(StandardCharsets.UTF_8)).isEqualTo("0123456789AB");
        huge.write('C');
        huge.release();
        assertThat(target.toString(StandardCharsets.UTF_8)).isEqualTo("0123456789ABC");
    }

    @Test
    void summaryLine() {
        assertThat(RunMessages.summary(new ConversionReport.Totals(19, 17, 2, 0, 1, 3, 17), true))
                .isEqualTo("converted 1 study: 3 series, 17 instances; skipped 2 files, failed 0");
        assertThat(RunMessages.summary(new ConversionReport.Totals(2, 0, 1, 1, 0, 0, 0), false))
                .isEqualTo("converted no study; skipped 1 file, failed 1");
    }
}
