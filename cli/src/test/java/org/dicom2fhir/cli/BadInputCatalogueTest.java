package org.dicom2fhir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.dicom2fhir.api.dicom.Tags;
import org.dicom2fhir.testkit.BadInputs;
import org.dicom2fhir.testkit.Fixtures;
import org.dicom2fhir.testkit.TransferSyntax;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * docs/reliability.md's bad-input classes 1-23, each converted by the command in a folder next to one valid
 * instance ({@code valid.dcm}, where meaningful): the disposition, reason code, message and warnings of
 * every file in the {@code --report} JSON, the exit code, and no patient value in the report or on
 * standard error.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BadInputCatalogueTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VALID = "valid.dcm";
    private static final String NOT_DICOM_MESSAGE = "(?i).*(no DICM marker|empty).*";
    private static final String DUPLICATE_MESSAGE = "another copy of SOP Instance " + Fixtures.SOP_INSTANCE_UID + ", already included from a\\.dcm";

    @TempDir
    Path tmp;

    /** What one file's report entry must say ({@code reason} and {@code message} are patterns); a null {@code reason} or {@code warning} is not checked; warning "*": any warning. */
    record Expect(String path, String disposition, String reason, String message, String warning) {
        static Expect included(String path) {
            return new Expect(path, "included", null, null, null);
        }

        static Expect includedWarning(String path, String warningCode) {
            return new Expect(path, "included", null, null, warningCode);
        }

        static Expect skipped(String path, String reason, String messageRegex) {
            return new Expect(path, "skipped", reason, messageRegex, null);
        }

        static Expect failed(String path, String reason, String messageRegex) {
            return new Expect(path, "failed", reason, messageRegex, null);
        }
    }

    @FunctionalInterface
    interface FolderSetup {
        void write(Path dir) throws IOException;
    }

    /** One row of the catalogue: a folder, the command's extra options, the exit code and each file's entry. */
    record Case(String name, FolderSetup setup, List<String> options, int exitCode, List<Expect> files,
            List<String> runWarnings) {
        Case(String name, FolderSetup setup, List<String> options, int exitCode, List<Expect> files) {
            this(name, setup, options, exitCode, files, List.of());
        }

        /**
         * Run-level warnings (mapping warnings are said once per run, not per file), as patterns over
         * "CODE: message"; a leading {@code !} means no warning may match.
         */
        Case withRunWarnings(String... patterns) {
            return new Case(name, setup, options, exitCode, files, List.of(patterns));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static Case bad(String name, String file, byte[] bytes, int exitCode, Expect expect) {
        return new Case(name, dir -> {
            Files.write(dir.resolve(VALID), valid());
            Files.write(dir.resolve(file), bytes);
        }, List.of(), exitCode, List.of(expect, Expect.included(VALID)));
    }

    private static byte[] valid() {
        return BadInputs.otherInstance(Fixtures.SOP_INSTANCE_UID + ".100");
    }

    static Stream<Case> catalogue() {
        List<Case> cases = new ArrayList<>();
        // 1: declared lengths past the end of the file
        cases.add(bad("01 length 0xFFFFFFF0 before the UIDs", "len.dcm", Fixtures.declaredLengthPastEof(), 4,
                Expect.failed("len.dcm", "LENGTH_EXCEEDS_FILE", ".*\\(0009,1001\\).*")));
        cases.add(bad("01 length 0xFFFFFFFE before the UIDs", "len.dcm", BadInputs.maximalDeclaredLength(), 4,
                Expect.failed("len.dcm", "LENGTH_EXCEEDS_FILE", ".*\\(0009,1001\\).*")));
        cases.add(bad("01 length past the end after the UIDs", "len.dcm", Fixtures.declaredLengthPastEofAfterUids(), 0,
                Expect.includedWarning("len.dcm", "LENGTH_EXCEEDS_FILE")));
        // 2: undefined lengths without delimiters
        cases.add(bad("02 EOF inside a sequence before the UIDs", "seq.dcm", Fixtures.undefinedLengthSequenceWithoutDelimiter(true), 4,
                Expect.failed("seq.dcm", "TRUNCATED", ".*\\(0008,1032\\) at byte \\d+.*")));
        cases.add(bad("02 EOF inside a sequence after the UIDs", "seq.dcm", Fixtures.undefinedLengthSequenceWithoutDelimiter(false), 0,
                Expect.includedWarning("seq.dcm", "TRUNCATED")));
        // 3, 4
        cases.add(bad("03 delimiters inside encapsulated pixel data", "px.dcm", BadInputs.delimitersInsideEncapsulatedPixelData(), 0,
                Expect.included("px.dcm")));
        cases.add(bad("04 empty items, empty values, trailing zeros", "zeros.dcm", BadInputs.noProgressBytes(), 0,
                Expect.included("zeros.dcm")));
        // 5, 6: limits
        cases.add(bad("05 sequences nested 5,000 deep", "deep.dcm", Fixtures.deeplyNested(5000), 4,
                Expect.failed("deep.dcm", "NESTING_TOO_DEEP", "Sequence \\(0040,A730\\) at byte \\d+ nests deeper than the limit of 64 levels\\.")));
        cases.add(bad("06 deflate bomb of 100 MiB", "bomb.dcm", Fixtures.deflateBomb(100), 4,
                Expect.failed("bomb.dcm", "INFLATED_TOO_LARGE", ".*inflates past the limit of 67108864 bytes.*")));
        // 7: VR codes
        cases.add(bad("07 unknown VR on a dictionary tag", "vr.dcm", BadInputs.unknownVrOnDictionaryTag(), 0,
                Expect.includedWarning("vr.dcm", "*")));
        cases.add(bad("07 invalid VR on a private tag", "vr.dcm", BadInputs.unknownVrOnPrivateTag(), 0,
                Expect.includedWarning("vr.dcm", "*")));
        cases.add(bad("07 unknown VR in the File Meta", "vr.dcm", BadInputs.unknownVrInFileMeta(), 4,
                Expect.failed("vr.dcm", null, ".*\\(0002,0002\\).*")));
        // 8
        cases.add(bad("08 odd lengths and NUL padding", "odd.dcm", Fixtures.oddLengthValues(), 0, Expect.included("odd.dcm")));
        // 9: truncation in each part of a file
        byte[] whole = Fixtures.valid(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        cases.add(bad("09 cut inside the preamble", "cut.dcm", Arrays.copyOf(whole, 100), 0,
                Expect.skipped("cut.dcm", "NOT_DICOM", NOT_DICOM_MESSAGE)));
        cases.add(bad("09 cut inside the File Meta", "cut.dcm", Arrays.copyOf(whole, 200), 4,
                Expect.failed("cut.dcm", "TRUNCATED|LENGTH_EXCEEDS_FILE", ".*byte \\d+.*")));
        cases.add(bad("09 cut before the UIDs", "cut.dcm", Arrays.copyOf(whole, whole.length - 200), 4,
                Expect.failed("cut.dcm", "TRUNCATED|LENGTH_EXCEEDS_FILE", ".*byte \\d+.*")));
        byte[] withPixels = org.dicom2fhir.testkit.DicomFileWriter.toBytes(Fixtures.dataSet(),
                org.dicom2fhir.testkit.DicomFileSpec.of(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN).withPixelData(new byte[4096]));
        cases.add(bad("09 cut inside the pixel data", "cut.dcm", Arrays.copyOf(withPixels, withPixels.length - 1000), 0,
                Expect.included("cut.dcm")));
        // 10: no preamble, no File Meta
        cases.add(bad("10 raw implicit VR little endian", "raw.dcm", Fixtures.rawImplicitLittleEndian(), 0, Expect.included("raw.dcm")));
        cases.add(bad("10 raw explicit VR little endian", "raw.dcm", Fixtures.rawExplicitLittleEndian(), 0, Expect.included("raw.dcm")));
        cases.add(bad("10 raw explicit VR big endian", "raw.dcm", Fixtures.rawExplicitBigEndian(), 0, Expect.included("raw.dcm")));
        // 11: not DICOM
        cases.add(bad("11 text", "notes.txt", Fixtures.notDicom(), 0, Expect.skipped("notes.txt", "NOT_DICOM", NOT_DICOM_MESSAGE)));
        cases.add(bad("11 JPEG named .dcm", "photo.dcm", BadInputs.jpeg(), 0, Expect.skipped("photo.dcm", "NOT_DICOM", NOT_DICOM_MESSAGE)));
        cases.add(bad("11 .DS_Store", ".DS_Store", BadInputs.dsStore(), 0, Expect.skipped(".DS_Store", "NOT_DICOM", NOT_DICOM_MESSAGE)));
        cases.add(bad("11 empty file", "empty", Fixtures.empty(), 0, Expect.skipped("empty", "NOT_DICOM", NOT_DICOM_MESSAGE)));
        cases.add(new Case("11 huge sparse non-DICOM file", dir -> {
            Files.write(dir.resolve(VALID), valid());
            BadInputs.writeHugeNotDicom(dir.resolve("huge.bin"), 1L << 30);
        }, List.of(), 0, List.of(Expect.skipped("huge.bin", "NOT_DICOM", NOT_DICOM_MESSAGE), Expect.included(VALID))));
        // 12
        cases.add(bad("12 DICOMDIR", "DICOMDIR", Fixtures.dicomdir(), 0, Expect.skipped("DICOMDIR", "DICOMDIR", ".*DICOMDIR.*not followed.*")));
        // 13: links and special files
        cases.add(new Case("13 symlink to a valid file, a symlink loop, a link to a folder", dir -> {
            Files.write(dir.resolve(VALID), valid());
            Files.createSymbolicLink(dir.resolve("link.dcm"), dir.resolve(VALID));
            BadInputs.writeSymlinkLoop(dir);
            Files.createSymbolicLink(dir.resolve("up"), dir);
        }, List.of(), 0, List.of(Expect.skipped("link.dcm", "SYMLINK", "symbolic link, not followed"), Expect.skipped("loop-a", "SYMLINK", "symbolic link, not followed"),
                Expect.skipped("loop-b", "SYMLINK", "symbolic link, not followed"), Expect.skipped("up", "SYMLINK", "symbolic link, not followed"), Expect.included(VALID))));
        cases.add(new Case("13 FIFO", dir -> {
            Files.write(dir.resolve(VALID), valid());
            BadInputs.writeFifo(dir.resolve("pipe"));
        }, List.of(), 0, List.of(Expect.skipped("pipe", "SPECIAL_FILE", ".*FIFO.*not opened"), Expect.included(VALID))));
        // 14: character sets
        cases.add(bad("14 unknown character set", "cs.dcm", BadInputs.unknownCharacterSet(), 0, Expect.includedWarning("cs.dcm", "*")));
        cases.add(bad("14 bytes invalid in UTF-8", "cs.dcm", BadInputs.bytesInvalidForCharacterSet(), 0, Expect.includedWarning("cs.dcm", "*")));
        // 15: UIDs
        cases.add(new Case("15 padded UIDs", dir -> Files.write(dir.resolve("pad.dcm"), BadInputs.paddedUids()),
                List.of(), 0, List.of(Expect.included("pad.dcm"))));
        cases.add(bad("15 Series UID over 64 characters", "uid.dcm", BadInputs.overlongSeriesUid(), 4,
                Expect.failed("uid.dcm", "INVALID_UID", "\\(0020,000E\\).*")));
        cases.add(bad("15 SOP Instance UID with illegal characters", "uid.dcm", BadInputs.illegalSopInstanceUid(), 4,
                Expect.failed("uid.dcm", "INVALID_UID", "\\(0008,0018\\).*")));
        cases.add(new Case("15 Study UID with illegal characters", dir -> Files.write(dir.resolve("uid.dcm"), BadInputs.illegalStudyUid()),
                List.of(), 0, List.of(Expect.included("uid.dcm"))));
        // 16: missing attributes
        cases.add(new Case("16 no Modality", dir -> Files.write(dir.resolve("nomod.dcm"), BadInputs.missingModality()),
                List.of(), 0, List.of(Expect.included("nomod.dcm"))).withRunWarnings("MISSING_MODALITY: .*"));
        cases.add(bad("16 no Patient ID", "nopid.dcm", BadInputs.missingPatientId(), 0, Expect.included("nopid.dcm")));
        cases.add(bad("16 SOP Class only in the File Meta", "meta.dcm", BadInputs.sopClassOnlyInFileMeta(), 0,
                Expect.includedWarning("meta.dcm", "*")));
        cases.add(bad("16 no SOP Class anywhere", "nosop.dcm", BadInputs.missingSopClass(), 4,
                Expect.failed("nosop.dcm", "MISSING_SOP_CLASS", ".*\\(0008,0016\\).*\\(0002,0002\\).*")));
        cases.add(bad("16 no Series Instance UID", "nouid.dcm", Fixtures.missingUid(Tags.SERIES_INSTANCE_UID), 4,
                Expect.failed("nouid.dcm", "MISSING_UIDS", ".*\\(0020,000E\\).*")));
        // 17, 18, 19: several files
        cases.add(new Case("17 study-level values that disagree", BadInputs::writeDisagreeingStudy, List.of(), 0,
                List.of(Expect.included("IM1"), Expect.included("IM2"), Expect.included("IM3")))
                .withRunWarnings("CONFLICTING_VALUES: .*\\(0008,0050\\).*", "CONFLICTING_VALUES: .*\\(0010,0040\\).*"));
        cases.add(new Case("18 a file copied twice", dir -> {
            Files.write(dir.resolve("a.dcm"), Fixtures.valid(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
            Files.write(dir.resolve("b.dcm"), Fixtures.valid(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN));
        }, List.of(), 0, List.of(Expect.included("a.dcm"), Expect.skipped("b.dcm", "DUPLICATE_INSTANCE", DUPLICATE_MESSAGE))));
        cases.add(new Case("18 an instance reused in another series", dir -> {
            Files.write(dir.resolve("a.dcm"), Fixtures.valid(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
            Files.write(dir.resolve("b.dcm"), BadInputs.sameInstanceInAnotherSeries());
        }, List.of(), 0, List.of(Expect.included("a.dcm"), new Expect("b.dcm", "skipped", "DUPLICATE_INSTANCE", DUPLICATE_MESSAGE, "DUPLICATE_DIFFERS"))));
        FolderSetup twoStudies = dir -> {
            Files.write(dir.resolve("a.dcm"), Fixtures.valid(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
            Files.write(dir.resolve("b.dcm"), BadInputs.instanceOfAnotherStudy(1));
            Files.write(dir.resolve("c.dcm"), BadInputs.instanceOfAnotherStudy(2));
        };
        List<Expect> threeIncluded = List.of(Expect.included("a.dcm"), Expect.included("b.dcm"), Expect.included("c.dcm"));
        cases.add(new Case("19 several studies", twoStudies, List.of(), 5, threeIncluded));
        cases.add(new Case("19 several studies, split", twoStudies, List.of("--split"), 0, threeIncluded));
        // 20: dates and times
        cases.add(new Case("20 invalid dates and times", dir -> Files.write(dir.resolve("dates.dcm"), BadInputs.invalidDatesAndTimes()),
                List.of(), 0, List.of(Expect.included("dates.dcm")))
                .withRunWarnings("INVALID_DATE: \\(0008,0020\\).*", "INVALID_DATE: \\(0008,0021\\).*"));
        cases.add(new Case("20 invalid time", dir -> Files.write(dir.resolve("time.dcm"), BadInputs.invalidTime()),
                List.of(), 0, List.of(Expect.included("time.dcm"))).withRunWarnings("INVALID_TIME: \\(0008,0030\\).*"));
        cases.add(new Case("20 legacy dates and times", dir -> Files.write(dir.resolve("dates.dcm"), BadInputs.legacyDatesAndTimes()),
                List.of(), 0, List.of(Expect.included("dates.dcm"))).withRunWarnings("!INVALID_.*"));
        // 21: folders that hold no study (the path cases are in folderProblems)
        cases.add(new Case("21 empty folder", dir -> { }, List.of(), 3, List.of()));
        cases.add(new Case("21 only junk", dir -> {
            Files.write(dir.resolve("notes.txt"), Fixtures.notDicom());
            Files.write(dir.resolve("DICOMDIR"), Fixtures.dicomdir());
        }, List.of(), 3, List.of(Expect.skipped("notes.txt", "NOT_DICOM", NOT_DICOM_MESSAGE), Expect.skipped("DICOMDIR", "DICOMDIR", ".*DICOMDIR.*not followed.*"))));
        // 22: a smaller "huge" folder (the 100,000-file run is HugeFolderTest, tagged "huge")
        cases.add(new Case("22 a folder of 2,000 small files", dir -> BadInputs.writeHugeFolder(dir, 2000), List.of(), 0, List.of()));
        // 23: transfer syntaxes
        cases.add(bad("23 private transfer syntax, detectable", "ts.dcm", BadInputs.privateTransferSyntax(), 0,
                Expect.includedWarning("ts.dcm", "*")));
        cases.add(bad("23 no transfer syntax, detectable", "ts.dcm", BadInputs.missingTransferSyntax(), 0,
                Expect.includedWarning("ts.dcm", "*")));
        cases.add(bad("23 unknown transfer syntax, undetectable", "ts.dcm", BadInputs.undetectableTransferSyntax(), 4,
                Expect.failed("ts.dcm", "UNSUPPORTED_TRANSFER_SYNTAX", "(?i).*transfer syntax.*")));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void eachBadInputEndsAsDocumented(Case c) throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("study"));
        c.setup().write(dir);
        Path reportFile = tmp.resolve("report.json");
        List<String> args = new ArrayList<>(c.options());
        args.addAll(List.of("--report", reportFile.toString(), dir.toString()));

        CliRun run = CliRun.of(args.toArray(String[]::new));

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(c.exitCode());
        assertThat(run.stderr()).as("no stack trace").doesNotContain("\tat ").doesNotContain("Exception");
        String reportText = Files.readString(reportFile);
        for (String value : BadInputs.PATIENT_VALUES) {
            assertThat(reportText).as("report").doesNotContain(value);
            assertThat(run.stderr()).as("stderr").doesNotContain(value);
        }
        JsonNode report = JSON.readTree(reportText);
        assertEveryFileOnce(dir, report);
        List<String> runWarnings = new ArrayList<>();
        report.path("warnings").forEach(w -> runWarnings.add(w.path("code").asText() + ": " + w.path("message").asText()));
        for (String pattern : c.runWarnings()) {
            if (pattern.startsWith("!")) {
                assertThat(runWarnings).as(reportText).noneMatch(w -> w.matches(pattern.substring(1)));
            } else {
                assertThat(runWarnings).as(reportText).anyMatch(w -> w.matches(pattern));
            }
        }
        for (Expect e : c.files()) {
            JsonNode file = file(report, e.path());
            assertThat(file.path("disposition").asText()).as(e.path() + " in " + reportText).isEqualTo(e.disposition());
            if (e.reason() != null) {
                assertThat(file.path("reason").asText()).as(e.path() + " in " + reportText).matches(e.reason());
            }
            if (!e.disposition().equals("included")) {
                assertThat(file.path("message").asText()).as(e.path()).isNotBlank().matches("(?s)" + e.message())
                        .doesNotContain(tmp.toString());
            }
            if (e.warning() != null) {
                List<String> codes = new ArrayList<>();
                file.path("warnings").forEach(w -> codes.add(w.path("code").asText()));
                assertThat(codes).as(e.path() + " warnings in " + reportText).isNotEmpty();
                if (!e.warning().equals("*")) {
                    assertThat(codes).as(e.path() + " warnings in " + reportText).contains(e.warning());
                }
            }
        }
    }

    /** Every regular file under the folder is in the report exactly once (links and FIFOs too: they are entries). */
    private static void assertEveryFileOnce(Path dir, JsonNode report) throws IOException {
        List<String> reported = new ArrayList<>();
        report.path("files").forEach(f -> reported.add(f.path("path").asText()));
        assertThat(reported).doesNotHaveDuplicates();
        List<String> onDisk;
        try (Stream<Path> s = Files.list(dir)) {
            onDisk = s.filter(p -> !Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                    .map(p -> p.getFileName().toString()).toList();
        }
        assertThat(reported).containsAll(onDisk);
        assertThat(report.path("totals").path("files").asInt()).isEqualTo(reported.size());
    }

    private static JsonNode file(JsonNode report, String path) {
        for (JsonNode f : report.path("files")) {
            if (f.path("path").asText().equals(path)) {
                return f;
            }
        }
        throw new AssertionError(path + " is not in the report: " + report);
    }

    @Test
    void unreadableFileFails() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("study"));
        Files.write(dir.resolve(VALID), valid());
        Path locked = Files.write(dir.resolve("locked.dcm"), BadInputs.otherInstance(Fixtures.SOP_INSTANCE_UID + ".7"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        Assumptions.assumeFalse(Files.isReadable(locked), "the tests run as root, who reads any file");
        Path reportFile = tmp.resolve("report.json");

        CliRun run = CliRun.of("--report", reportFile.toString(), dir.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(4);
        JsonNode f = file(JSON.readTree(reportFile.toFile()), "locked.dcm");
        assertThat(f.path("disposition").asText()).isEqualTo("failed");
        assertThat(f.path("reason").asText()).isEqualTo("UNREADABLE");
    }

    @Test
    void class21_aFileOrAMissingPathIsExit7WithOneSentence() throws Exception {
        Path file = Files.write(tmp.resolve("file.dcm"), valid());
        CliRun onFile = CliRun.of(file.toString());
        CliRun missing = CliRun.of(tmp.resolve("missing").toString());

        assertThat(onFile.exitCode()).isEqualTo(7);
        assertThat(missing.exitCode()).isEqualTo(7);
        for (CliRun run : List.of(onFile, missing)) {
            assertThat(run.stderr().strip().lines()).as(run.toString()).hasSize(1);
            assertThat(run.stderr()).doesNotContain("Exception");
        }
    }

    @Test
    void class21_emptyAndJunkFoldersSayWhyInOneSentence() throws Exception {
        Path empty = Files.createDirectory(tmp.resolve("empty"));
        Path junk = Files.createDirectory(tmp.resolve("junk"));
        Files.write(junk.resolve("notes.txt"), Fixtures.notDicom());

        CliRun onEmpty = CliRun.of(empty.toString());
        CliRun onJunk = CliRun.of(junk.toString());

        assertThat(onEmpty.exitCode()).isEqualTo(3);
        assertThat(onJunk.exitCode()).isEqualTo(3);
        assertThat(onEmpty.stderr()).contains("no files");
        assertThat(onJunk.stderr()).contains("NOT_DICOM");
    }
}
