package org.dicom2fhir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.dicom2fhir.api.spi.OutputFormat;
import org.dicom2fhir.testkit.Zips;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Studies as they are shipped, through the command: a ZIP archive as STUDY_DIR or inside a folder, and
 * the hostile archives, each with its documented dispositions and exit code, nothing written beside the
 * output, no patient value on standard error, and every resource written valid for validator-hapi.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ShippedStudiesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** What a run gave: its exit code and its report (path -> "disposition REASON"). */
    private record Outcome(CliRun run, Map<String, String> files) {
    }

    private Outcome run(Path study, String... options) throws Exception {
        Path out = tmp.resolve("out-" + System.nanoTime());
        Files.createDirectories(out);
        Path report = out.resolve("report.json");
        Path resource = out.resolve("study.json");
        List<String> args = new ArrayList<>(List.of(options));
        args.addAll(List.of("--report", report.toString(), "-o", resource.toString(), study.toString()));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        Map<String, String> files = new LinkedHashMap<>();
        if (Files.exists(report)) {
            for (JsonNode f : JSON.readTree(report.toFile()).path("files")) {
                files.put(f.path("path").asText(), (f.path("disposition").asText() + " " + f.path("reason").asText("")).strip());
            }
        }
        assertThat(run.stderr()).as(run.toString()).doesNotContain(Studies.PATIENT_DATA).doesNotContain("Exception");
        if (Files.exists(resource)) {
            assertThat(FhirValidation.errors(Files.readAllBytes(resource), OutputFormat.JSON)).as(run.toString()).isEmpty();
        }
        try (Stream<Path> written = Files.list(out)) {
            assertThat(written.map(p -> p.getFileName().toString())).isSubsetOf("report.json", "study.json");
        }
        return new Outcome(run, files);
    }

    private Path studyFolder(String name) throws Exception {
        Path dir = tmp.resolve(name);
        Studies.writeStudyA(dir);
        return dir;
    }

    @Test
    void aZipArchiveAsStudyDirConvertsLikeTheFolder() throws Exception {
        Path folder = studyFolder("study");
        Path zip = Zips.zipFolder(folder, tmp.resolve("study.zip"));

        Outcome fromFolder = run(folder);
        Outcome fromZip = run(zip);

        assertThat(fromZip.run().exitCode()).as(fromZip.run().toString()).isZero();
        assertThat(fromZip.files()).hasSameSizeAs(fromFolder.files()).allSatisfy((path, disposition) -> {
            assertThat(path).startsWith("study.zip!/");
            assertThat(disposition).isEqualTo(fromFolder.files().get(path.substring("study.zip!/".length())));
        });
    }

    @Test
    void anEncryptedEntryFailsWithExit4AndTheRestIsConverted() throws Exception {
        Path folder = studyFolder("study");
        Path zip = Zips.zipFolder(folder, tmp.resolve("plain.zip"));
        byte[] first;
        try (Stream<Path> files = Files.walk(folder)) {
            first = Files.readAllBytes(files.filter(Files::isRegularFile).sorted().findFirst().orElseThrow());
        }
        Path dir = Files.createDirectories(tmp.resolve("with-secret"));
        Files.copy(zip, dir.resolve("a.zip"));
        Zips.write(dir.resolve("b-secret.zip"), List.of(new Zips.Entry("secret.dcm", out -> out.write(first), true)));

        Outcome outcome = run(dir);

        assertThat(outcome.run().exitCode()).as(outcome.run().toString()).isEqualTo(4);
        assertThat(outcome.files()).containsEntry("b-secret.zip!/secret.dcm", "failed ENCRYPTED")
                .allSatisfy((path, disposition) -> assertThat(path.startsWith("a.zip!/") == disposition.equals("included")).isTrue());
    }

    @Test
    void aTruncatedZipAloneFailsWithExit4() throws Exception {
        byte[] whole = Files.readAllBytes(Zips.zipFolder(studyFolder("study"), tmp.resolve("whole.zip")));
        Path cut = Files.write(tmp.resolve("cut.zip"), java.util.Arrays.copyOf(whole, whole.length - 30));

        Outcome outcome = run(cut);

        assertThat(outcome.run().exitCode()).as(outcome.run().toString()).isEqualTo(4);
        assertThat(outcome.files()).containsExactly(Map.entry("cut.zip", "failed TRUNCATED"));
    }

    @Test
    void aZipInsideAZipIsSkippedAndTheZipLimitFlagsReachTheArchive() throws Exception {
        Path folder = studyFolder("study");
        Path inner = Zips.zipFolder(folder, tmp.resolve("inner.zip"));
        Path dir = Files.createDirectories(tmp.resolve("outer"));
        Files.copy(inner, dir.resolve("outer.zip"));
        Zips.write(dir.resolve("with-nested.zip"), List.of(Zips.Entry.of("nested.zip", Files.readAllBytes(inner))));

        Outcome outcome = run(dir);
        Outcome tooMany = run(dir, "--max-zip-entries", "1");
        Outcome tooMuch = run(dir, "--max-zip-read-mib", "1");

        assertThat(outcome.run().exitCode()).as(outcome.run().toString()).isZero();
        assertThat(outcome.files()).containsEntry("with-nested.zip!/nested.zip", "skipped NESTED_ARCHIVE");
        assertThat(tooMany.run().exitCode()).isEqualTo(4);
        assertThat(tooMany.files()).containsExactly(Map.entry("outer.zip", "failed TOO_MANY_ENTRIES"),
                Map.entry("with-nested.zip!/nested.zip", "skipped NESTED_ARCHIVE"));
        assertThat(tooMuch.run().exitCode()).isZero(); // a few KiB read from each entry
    }
}
