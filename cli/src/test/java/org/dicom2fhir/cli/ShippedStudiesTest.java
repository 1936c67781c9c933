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
 * Studies as they are shipped, through the command: a ZIP archive or DICOM JSON as STUDY_DIR or inside
 * a folder, and the hostile archives and JSON files, each with its documented dispositions and exit code, nothing written beside the
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

    /** A DICOM JSON instance written by hand, with the patient data that must never reach standard error. */
    private static String instance(String sopInstanceUid, String extraAttributes) {
        return "{\"00080016\":{\"vr\":\"UI\",\"Value\":[\"1.2.840.10008.5.1.4.1.1.2\"]},"
                + "\"00080018\":{\"vr\":\"UI\",\"Value\":[\"" + sopInstanceUid + "\"]},"
                + "\"00080060\":{\"vr\":\"CS\",\"Value\":[\"CT\"]},"
                + "\"00100010\":{\"vr\":\"PN\",\"Value\":[{\"Alphabetic\":\"" + Studies.FAMILY + "^" + Studies.GIVEN + "\"}]},"
                + "\"00100020\":{\"vr\":\"LO\",\"Value\":[\"" + Studies.PATIENT_ID + "\"]},"
                + extraAttributes
                + "\"0020000D\":{\"vr\":\"UI\",\"Value\":[\"" + Studies.STUDY_A + "\"]},"
                + "\"0020000E\":{\"vr\":\"UI\",\"Value\":[\"" + Studies.STUDY_A + ".1\"]},"
                + "\"00200013\":{\"vr\":\"IS\",\"Value\":[1]}}";
    }

    @Test
    void aDicomJsonArrayAsStudyDirGivesOneInstancePerEntry() throws Exception {
        Path json = Files.writeString(tmp.resolve("metadata.json"), "[" + instance(Studies.STUDY_A + ".1.1", "") + ","
                + instance(Studies.STUDY_A + ".1.2", "") + "]");

        Outcome outcome = run(json);

        assertThat(outcome.run().exitCode()).as(outcome.run().toString()).isZero();
        assertThat(outcome.files()).containsExactly(Map.entry("metadata.json#0", "included"),
                Map.entry("metadata.json#1", "included"));
    }

    @Test
    void jsonThatIsNotDicomJsonIsSkippedBesideTheStudy() throws Exception {
        Path dir = studyFolder("study");
        Files.writeString(dir.resolve("package.json"), "{\"name\": \"viewer\", \"version\": \"1.0.0\"}");
        Files.writeString(dir.resolve("deep.json"), "[".repeat(100_000) + "]".repeat(100_000));

        Outcome outcome = run(dir);
        Outcome alone = run(dir.resolve("package.json"));

        assertThat(outcome.run().exitCode()).as(outcome.run().toString()).isZero();
        assertThat(outcome.files()).containsEntry("package.json", "skipped NOT_DICOM").containsEntry("deep.json", "skipped NOT_DICOM");
        assertThat(alone.run().exitCode()).isEqualTo(3);
    }

    @Test
    void cutAndDeeplyNestedDicomJsonFailWithExit4AndTheOtherInstancesAreRead() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("json-study"));
        String whole = instance(Studies.STUDY_A + ".1.1", "");
        Files.writeString(dir.resolve("a.json"), whole);
        Files.writeString(dir.resolve("b-cut.json"), "[" + instance(Studies.STUDY_A + ".1.2", "") + ","
                + whole.substring(0, whole.indexOf("0020000D")));
        StringBuilder deep = new StringBuilder();
        for (int i = 0; i < 100_000; i++) {
            deep.append("\"0040A730\":{\"vr\":\"SQ\",\"Value\":[{");
        }
        deep.append("}]}".repeat(100_000)).append(',');
        Files.writeString(dir.resolve("c-deep.json"), instance(Studies.STUDY_A + ".1.3", deep.toString()));

        Outcome outcome = run(dir);

        assertThat(outcome.run().exitCode()).as(outcome.run().toString()).isEqualTo(4);
        assertThat(outcome.files()).containsExactly(Map.entry("a.json#0", "included"), Map.entry("b-cut.json#0", "included"),
                Map.entry("b-cut.json#1", "failed TRUNCATED"), Map.entry("c-deep.json#0", "failed NESTING_TOO_DEEP"));
    }

    @Test
    void aTenMegabyteStringValueIsReadAndTheLimitsReachTheJsonSource() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("large"));
        Files.writeString(dir.resolve("large.json"), instance(Studies.STUDY_A + ".1.1",
                "\"00181030\":{\"vr\":\"LO\",\"Value\":[\"" + "p".repeat(10_000_000) + "\"]},"));

        Outcome outcome = run(dir);
        Outcome limited = run(dir, "--max-header-mib", "8");

        assertThat(outcome.run().exitCode()).as(outcome.run().toString()).isZero();
        assertThat(outcome.files()).containsExactly(Map.entry("large.json#0", "included"));
        assertThat(limited.run().exitCode()).isEqualTo(4);
        assertThat(limited.files()).containsExactly(Map.entry("large.json#0", "failed HEADER_TOO_LARGE"));
    }

    @Test
    void aZipBombOfOneGibibyteOfZerosIsSkippedAndTheStudyBesideItConverted() throws Exception {
        Path folder = studyFolder("study");
        Path dir = Files.createDirectories(tmp.resolve("bomb"));
        Zips.zipFolder(folder, dir.resolve("study.zip"));
        Zips.write(dir.resolve("zeros.zip"), List.of(new Zips.Entry("IMG0001", Zips.zeros(1L << 30), false)));

        long start = System.nanoTime();
        Outcome outcome = run(dir);

        assertThat(outcome.run().exitCode()).as(outcome.run().toString()).isZero();
        assertThat(outcome.files()).containsEntry("zeros.zip!/IMG0001", "skipped NOT_DICOM");
        assertThat((System.nanoTime() - start) / 1_000_000).as("milliseconds").isLessThan(60_000);
    }

    @Test
    void oneHundredThousandEmptyEntriesAreNothingToConvertAndALowerEntryLimitRefusesTheArchive() throws Exception {
        List<Zips.Entry> entries = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            entries.add(Zips.Entry.of("e" + i, new byte[0]));
        }
        Path zip = Zips.write(tmp.resolve("empty-entries.zip"), entries);

        Outcome outcome = run(zip);
        Outcome refused = run(zip, "--max-zip-entries", "50000");

        assertThat(outcome.run().exitCode()).as(outcome.run().toString()).isEqualTo(3);
        assertThat(outcome.files()).hasSize(100_000).allSatisfy((path, disposition) -> assertThat(disposition)
                .isEqualTo("skipped NOT_DICOM"));
        assertThat(refused.run().exitCode()).isEqualTo(4);
        assertThat(refused.files()).containsExactly(Map.entry("empty-entries.zip", "failed TOO_MANY_ENTRIES"));
    }
}
