package org.dicom2fhir.core;

import org.dicom2fhir.api.WarningCode;
import org.dicom2fhir.api.Limits;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.dicom2fhir.api.Disposition;
import org.dicom2fhir.api.ReasonCode;
import org.dicom2fhir.api.Warning;
import org.dicom2fhir.api.model.InstanceData;
import org.dicom2fhir.api.model.SeriesData;
import org.dicom2fhir.api.model.StudyData;
import org.dicom2fhir.api.spi.WriteOptions;
import org.dicom2fhir.core.internal.pipeline.FolderScannerTestAccess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The folder pipeline: scan, read, group, de-duplicate, split, report. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConverterTest {
    @TempDir
    Path tmp;

    private Path study;

    private Converter.Builder converter() {
        return Converter.builder().reader(new FakeReader()).writer(FakeWriter.provider());
    }

    private Path dir() throws IOException {
        if (study == null) {
            study = Files.createDirectories(tmp.resolve("study"));
        }
        return study;
    }

    private void file(String relative, String content) throws IOException {
        Path p = dir().resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    private void instance(String relative, String studyUid, String seriesUid, String sopUid) throws IOException {
        file(relative, FakeReader.instance(studyUid, seriesUid, sopUid));
    }

    private static List<String> dispositions(ConversionReport report) {
        return report.files().stream()
                .map(f -> f.path() + " " + f.disposition().word() + (f.reason() == null ? "" : " " + f.reason()))
                .toList();
    }

    private static List<String> sopUids(StudyData s) {
        return s.series().stream().flatMap(se -> se.instances().stream()).map(InstanceData::uid).toList();
    }

    @Test
    void convertsOneStudyAndReportsEveryFileOnce() throws IOException {
        instance("S1/I2", "1.2.3", "1.2.3.1", "1.2.3.1.2");
        instance("S1/I1", "1.2.3", "1.2.3.1", "1.2.3.1.1");
        instance("S2/I1", "1.2.3", "1.2.3.2", "1.2.3.2.1");
        file("notes.txt", "not dicom");
        file("DICOMDIR", "throw=DICOMDIR");
        file("broken", "throw=TRUNCATED");

        ConversionResult result = converter().build().convert(dir());

        assertThat(result.split()).isFalse();
        assertThat(result.studies()).hasSize(1);
        StudyData s = result.studies().get(0);
        assertThat(s.numberOfSeries()).isEqualTo(2);
        assertThat(s.numberOfInstances()).isEqualTo(3);
        assertThat(result.resource()).isEqualTo(new FakeImagingStudy(s));
        assertThat(result.resource(FakeImagingStudy.class).study()).isSameAs(s);

        ConversionReport report = result.report();
        assertThat(report.studyDir()).isEqualTo(dir());
        assertThat(dispositions(report)).containsExactly(
                "DICOMDIR skipped DICOMDIR",
                "S1/I1 included",
                "S1/I2 included",
                "S2/I1 included",
                "broken failed TRUNCATED",
                "notes.txt skipped NOT_DICOM");
        assertThat(report.totals()).isEqualTo(new ConversionReport.Totals(6, 3, 2, 1, 1, 2, 3));
        assertThat(report.hasFailures()).isTrue();
        assertThat(report.files(Disposition.FAILED)).singleElement()
                .extracting(FileReport::message).isEqualTo("file ends inside (0010,0010) at byte 912");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        result.writeTo(out, WriteOptions.json());
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(s.id());
    }

    @Test
    void everyKindOfEntryEndsWithExactlyOneReportInSortedOrder() throws Exception {
        instance("a/deep/deeper/x", "1.2.3", "1.2.3.1", "1.2.3.1.9");
        instance("a/i1", "1.2.3", "1.2.3.1", "1.2.3.1.1");
        instance("a/copy-of-i1", "1.2.3", "1.2.3.1", "1.2.3.1.1");
        file("b/junk.jpg", "\u00ff\u00d8 jpeg-ish");
        file("b/bad", "throw=LENGTH_EXCEEDS_FILE");
        file("b/crash", "throw=STACK_OVERFLOW");
        file("b/boom", "throw=RUNTIME");
        file("b/io", "throw=IO");
        Files.createSymbolicLink(dir().resolve("link"), dir().resolve("a/i1"));
        boolean fifo = FolderScannerTestAccess.mkfifo(dir().resolve("pipe"));

        ConversionResult result = converter().limits(Limits.defaults().withMaxDirectoryDepth(2)).build().convert(dir());

        List<String> expected = new ArrayList<>(List.of(
                "a/copy-of-i1 included",
                "a/deep skipped TOO_DEEP",
                "a/i1 skipped DUPLICATE_INSTANCE",
                "b/bad failed LENGTH_EXCEEDS_FILE",
                "b/boom failed UNREADABLE",
                "b/crash failed UNREADABLE",
                "b/io failed UNREADABLE",
                "b/junk.jpg skipped NOT_DICOM",
                "link skipped SYMLINK"));
        if (fifo) {
            expected.add("pipe skipped SPECIAL_FILE");
        }
        assertThat(dispositions(result.report())).containsExactlyElementsOf(expected);
        assertThat(result.report().totals().files()).isEqualTo(expected.size());
        assertThat(result.report().files()).extracting(FileReport::message).allSatisfy(
                m -> assertThat(m == null ? "" : m).doesNotContain(FakeReader.SECRET));
    }

    @Test
    void theFirstCopyInSortedPathOrderWinsAndCopiesAreReported() throws IOException {
        instance("b", "1.2.3", "1.2.3.1", "1.2.3.1.1");
        instance("a", "1.2.3", "1.2.3.1", "1.2.3.1.1");
        instance("c", "1.2.3", "1.2.3.2", "1.2.3.1.1"); // same instance filed under another series
        instance("d", "1.2.3", "1.2.3.2", "1.2.3.2.1");

        ConversionResult result = converter().build().convert(dir());

        assertThat(dispositions(result.report())).containsExactly(
                "a included", "b skipped DUPLICATE_INSTANCE", "c skipped DUPLICATE_INSTANCE", "d included");
        FileReport b = result.report().files().get(1);
        assertThat(b.message()).isEqualTo("another copy of SOP Instance 1.2.3.1.1, already included from a");
        assertThat(b.warnings()).isEmpty();
        FileReport c = result.report().files().get(2);
        assertThat(c.warnings()).singleElement().satisfies(w -> {
            assertThat(w.code()).isEqualTo(WarningCode.DUPLICATE_DIFFERS);
            assertThat(w.message()).contains("series 1.2.3.2").contains("series 1.2.3.1");
        });
        assertThat(result.studies().get(0).numberOfInstances()).isEqualTo(2);
        assertThat(result.report().totals()).isEqualTo(new ConversionReport.Totals(4, 2, 2, 0, 1, 2, 2));
    }

    @Test
    void aCopyFiledUnderAnotherStudyIsSkippedWithAWarningAndMakesNoSecondStudy() throws IOException {
        instance("a", "1.2.3", "1.2.3.1", "1.2.3.1.1");
        instance("b", "1.2.4", "1.2.4.1", "1.2.3.1.1");

        ConversionResult result = converter().build().convert(dir());

        assertThat(result.studies()).hasSize(1);
        assertThat(dispositions(result.report())).containsExactly("a included", "b skipped DUPLICATE_INSTANCE");
        assertThat(result.report().files().get(1).warnings()).singleElement()
                .extracting(Warning::message).asString().contains("study 1.2.4").contains("study 1.2.3");
    }

    @Test
    void severalStudiesWithoutSplitFailNamingEachStudyAndItsFileCount() throws IOException {
        for (int i = 1; i <= 4; i++) {
            instance("x" + i, "1.2.3", "1.2.3.1", "1.2.3.1." + i);
        }
        instance("y1", "1.2.4", "1.2.4.1", "1.2.4.1.1");
        instance("y2", "1.2.4", "1.2.4.1", "1.2.4.1.2");
        file("junk", "junk");

        assertThatThrownBy(() -> converter().build().convert(dir()))
                .isInstanceOfSatisfying(MultipleStudiesException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("STUDY_DIR holds 2 studies: 1.2.3 (4 files), 1.2.4 (2 files);"
                            + " convert them one at a time or use split mode");
                    assertThat(e.filesPerStudy()).isEqualTo(Map.of("1.2.3", 4, "1.2.4", 2));
                    assertThat(e.report().files()).hasSize(7);
                    assertThat(e.report().totals().studies()).isEqualTo(2);
                    assertThat(e.report().totals().series()).isEqualTo(2);
                    assertThat(e.report().totals().skipped()).isEqualTo(1);
                });
    }

    @Test
    void oneFileStudiesAreCountedInTheSingular() throws IOException {
        instance("a", "1.2.10", "1.2.10.1", "1.2.10.1.1");
        instance("b", "1.2.9", "1.2.9.1", "1.2.9.1.1");
        assertThatThrownBy(() -> converter().build().convert(dir()))
                .hasMessage("STUDY_DIR holds 2 studies: 1.2.10 (1 file), 1.2.9 (1 file);"
                        + " convert them one at a time or use split mode");
    }

    @Test
    void splitModeGivesOneStudyPerStudyUidInUidOrder() throws IOException {
        instance("a", "1.2.9", "1.2.9.1", "1.2.9.1.1");
        instance("b", "1.2.10", "1.2.10.1", "1.2.10.1.1");
        instance("c", "1.2.10", "1.2.10.1", "1.2.10.1.2");
        instance("d", "1.2.11", "1.2.11.1", "1.2.11.1.1");

        ConversionResult result = converter().split(true).build().convert(dir());

        assertThat(result.split()).isTrue();
        assertThat(result.studies()).extracting(s -> s.series().get(0).uid())
                .containsExactly("1.2.10.1", "1.2.11.1", "1.2.9.1");
        assertThat(result.resource()).isEqualTo(new FakeBundle(result.studies()));
        assertThat(result.imagingStudies()).hasSize(3);
        assertThat(result.report().totals()).isEqualTo(new ConversionReport.Totals(4, 4, 0, 0, 3, 3, 4));
    }

    @Test
    void splitModeWithOneStudyStillGivesABundle() throws IOException {
        instance("a", "1.2.3", "1.2.3.1", "1.2.3.1.1");
        ConversionResult result = converter().split(true).build().convert(dir());
        assertThat(result.split()).isTrue();
        assertThat(result.resource()).isInstanceOf(FakeBundle.class);
    }

    @Test
    void runLevelWarningsSaidByEveryStudyAppearOnce() throws IOException {
        file("a", FakeReader.instance("1.2.3", "1.2.3.1", "1.2.3.1.1") + "date=20200101\ntime=101010\n");
        file("b", FakeReader.instance("1.2.4", "1.2.4.1", "1.2.4.1.1") + "date=20200101\ntime=101010\n");
        ConversionResult result = converter().split(true).build().convert(dir());
        assertThat(result.report().warnings()).filteredOn(w -> w.code() == WarningCode.NO_TIMEZONE).hasSize(1);
        ConversionResult zoned = converter().split(true).timezone(java.time.ZoneOffset.UTC).build().convert(dir());
        assertThat(zoned.report().warnings()).noneMatch(w -> w.code() == WarningCode.NO_TIMEZONE);
    }

    @Test
    void anEmptyFolderHasNoDicomFiles() throws IOException {
        assertThatThrownBy(() -> converter().build().convert(dir()))
                .isInstanceOfSatisfying(NoDicomFilesException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("STUDY_DIR holds no DICOM files: it is empty.");
                    assertThat(e.report().files()).isEmpty();
                    assertThat(e.report().totals()).isEqualTo(new ConversionReport.Totals(0, 0, 0, 0, 0, 0, 0));
                });
    }

    @Test
    void aFolderOfJunkHasNoDicomFiles() throws IOException {
        file("a.txt", "hello");
        file("b.jpg", "jpeg");
        file("DICOMDIR", "throw=DICOMDIR");
        assertThatThrownBy(() -> converter().build().convert(dir()))
                .isInstanceOfSatisfying(NoDicomFilesException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("STUDY_DIR holds no DICOM files: 3 files found, none of them a DICOM instance.");
                    assertThat(e.report().hasFailures()).isFalse();
                    assertThat(e.report().totals().skipped()).isEqualTo(3);
                });
    }

    @Test
    void onlyFailedFilesSayTheyClaimToBeDicom() throws IOException {
        file("a.txt", "hello");
        file("b", "throw=TRUNCATED");
        file("c", "throw=MISSING_UIDS");
        assertThatThrownBy(() -> converter().build().convert(dir()))
                .isInstanceOfSatisfying(NoDicomFilesException.class, e -> {
                    assertThat(e.getMessage()).contains("2 files claim to be DICOM but failed to read");
                    assertThat(e.report().hasFailures()).isTrue();
                    assertThat(e.report().files()).hasSize(3);
                });
    }

    @Test
    void aMissingFolderIsNoSuchFile() {
        assertThatThrownBy(() -> converter().build().convert(tmp.resolve("missing")))
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining("does not exist");
    }

    @Test
    void aFileIsNotAStudyFolder() throws IOException {
        instance("a", "1.2.3", "1.2.3.1", "1.2.3.1.1");
        assertThatThrownBy(() -> converter().build().convert(dir().resolve("a")))
                .isInstanceOf(NotDirectoryException.class).hasMessageContaining("not a folder");
    }

    @Test
    void progressIsToldTheTotalThenEveryFile() throws IOException {
        for (int i = 0; i < 25; i++) {
            instance(String.format("f%02d", i), "1.2.3", "1.2.3.1", "1.2.3.1." + (i + 1));
        }
        file("junk", "junk");
        List<String> events = new CopyOnWriteArrayList<>();
        converter().build().convert(dir(), RunOptions.defaults().withProgress(new ProgressListener() {
            @Override
            public void filesFound(int total) {
                events.add("found " + total);
            }

            @Override
            public void fileDone(int done) {
                events.add("done " + done);
            }
        }));
        assertThat(events).hasSize(27);
        assertThat(events.get(0)).isEqualTo("found 26");
        assertThat(events.get(26)).isEqualTo("done 26");
    }

    @Test
    void theResultDoesNotDependOnTheNumberOfThreadsOrTimings() throws IOException {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new java.util.Random(42));
        for (int i : order) {
            // copies of some instances, several series, random read delays
            file(String.format("d%d/f%03d", i % 3, i), FakeReader.instance("1.2.3", "1.2.3." + (i % 4),
                    "1.2.3.9." + (i % 100)) + "number=" + (i % 100) + "\ndelayMillis=3\n");
        }
        ConversionResult one = converter().ioThreads(1).build().convert(dir());
        ConversionResult many = converter().ioThreads(16).build().convert(dir());
        assertThat(many.report().files()).isEqualTo(one.report().files());
        assertThat(many.studies()).isEqualTo(one.studies());
        assertThat(one.report().totals().included()).isEqualTo(100);
        assertThat(one.report().totals().skipped()).isEqualTo(20);
    }

    @Test
    void convertIsTheScanPlusTheTwoPublicSteps() throws IOException {
        instance("b/2", "1.2.3", "1.2.3.1", "1.2.3.1.2");
        instance("a/1", "1.2.3", "1.2.3.1", "1.2.3.1.1");
        instance("c/3", "1.2.3", "1.2.3.2", "1.2.3.2.1");
        instance("d/copy", "1.2.3", "1.2.3.2", "1.2.3.2.1");
        Converter c = converter().build();

        List<InstanceFacts> facts = new ArrayList<>();
        for (String rel : List.of("d/copy", "c/3", "b/2", "a/1")) { // any order: a batch engine shuffles
            FileOutcome o = c.readFile(dir().resolve(rel), rel).get(0);
            assertThat(o.included()).isTrue();
            facts.add(o.facts());
        }
        StudyConversion byStep = c.mapStudy(facts);
        ConversionResult whole = c.convert(dir());

        assertThat(byStep.study()).isEqualTo(whole.studies().get(0));
        assertThat(byStep.warnings()).isEqualTo(whole.report().warnings());
        assertThat(byStep.duplicates()).singleElement().satisfies(d -> {
            assertThat(d.path()).isEqualTo("d/copy");
            assertThat(d.reason()).isEqualTo(ReasonCode.DUPLICATE_INSTANCE);
        });
        assertThat(byStep.resource(c.writer())).isEqualTo(whole.resource());
    }

    @Test
    void mapStudyOrdersSeriesAndInstancesDeterministically() throws IOException {
        instance("z", "1.2.3", "1.2.3.1", "1.2.3.1.2");
        instance("y", "1.2.3", "1.2.3.1", "1.2.3.1.1");
        Converter c = converter().build();
        StudyConversion sc = c.mapStudy(List.of(c.readFile(dir().resolve("z"), "z").get(0).facts(),
                c.readFile(dir().resolve("y"), "y").get(0).facts()));
        assertThat(sopUids(sc.study())).containsExactly("1.2.3.1.1", "1.2.3.1.2");
        assertThat(sc.study().series()).extracting(SeriesData::uid).containsExactly("1.2.3.1");
    }

    @Test
    void mapStudyRefusesNothingAndSeveralStudies() throws IOException {
        instance("a", "1.2.3", "1.2.3.1", "1.2.3.1.1");
        instance("b", "1.2.4", "1.2.4.1", "1.2.4.1.1");
        Converter c = converter().build();
        assertThatThrownBy(() -> c.mapStudy(List.of())).isInstanceOf(IllegalArgumentException.class);
        List<InstanceFacts> two = List.of(c.readFile(dir().resolve("a"), "a").get(0).facts(), c.readFile(dir().resolve("b"), "b").get(0).facts());
        assertThatThrownBy(() -> c.mapStudy(two)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the facts hold 2 studies: 1.2.3 (1 file), 1.2.4 (1 file); mapStudy maps one study at a time");
    }

    @Test
    void theEndpointIsCheckedWhenBuilding() {
        assertThatThrownBy(() -> converter().endpoint("ftp://pacs.example.org/dicom-web").build())
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("ftp://pacs.example.org/dicom-web").hasMessageContaining("is not an absolute http or https URL");
        assertThatThrownBy(() -> converter().endpoint("https://pacs.example.org/dicom-web/").build())
                .isInstanceOf(InvalidOptionException.class).hasMessageContaining("ends with a slash");
        assertThatThrownBy(() -> converter().endpoint(" ").build())
                .isInstanceOf(InvalidOptionException.class).hasMessageStartingWith("the endpoint URL is empty");
        assertThatCode(() -> converter().endpoint("https://pacs.example.org/dicom-web").build()).doesNotThrowAnyException();
    }

    @Test
    void theEndpointReachesTheStudy() throws IOException {
        instance("a", "1.2.3", "1.2.3.1", "1.2.3.1.1");
        ConversionResult r = converter().endpoint("https://pacs.example.org/dicom-web").build().convert(dir());
        assertThat(r.studies().get(0).endpoint()).isEqualTo(new org.dicom2fhir.api.model.EndpointData("https://pacs.example.org/dicom-web"));
        ConversionResult without = converter().build().convert(dir());
        assertThat(without.studies().get(0).endpoint()).as("no endpoint unless one is given").isNull();
    }

    @Test
    void aThreadCountBelowOneIsRejected() {
        assertThatThrownBy(() -> converter().ioThreads(0).build())
                .isInstanceOf(InvalidOptionException.class).hasMessageContaining("at least 1");
        assertThat(converter().build().ioThreads()).isEqualTo(Converter.defaultIoThreads())
                .isGreaterThanOrEqualTo(8);
    }

    @Test
    void theIdStrategyIsApplied() throws IOException {
        instance("a", "1.2.3", "1.2.3.1", "1.2.3.1.1");
        String first = converter().build().convert(dir()).studies().get(0).id();
        assertThat(converter().build().convert(dir()).studies().get(0).id()).isEqualTo(first);
        assertThat(converter().idStrategy(IdStrategy.RANDOM).build().convert(dir()).studies().get(0).id())
                .isNotEqualTo(first);
    }

    @Test
    void oneConverterConvertsSeveralFoldersAtOnce() throws Exception {
        Converter c = converter().ioThreads(4).build();
        List<Path> dirs = new ArrayList<>();
        for (int d = 0; d < 4; d++) {
            Path folder = Files.createDirectories(tmp.resolve("s" + d));
            for (int i = 0; i < 30; i++) {
                Files.writeString(folder.resolve("f" + i), FakeReader.instance("1.2." + d, "1.2." + d + ".1",
                        "1.2." + d + ".1." + (i + 1)) + "delayMillis=2\n");
            }
            dirs.add(folder);
        }
        List<java.util.concurrent.Future<ConversionResult>> futures = new ArrayList<>();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            for (Path folder : dirs) {
                futures.add(pool.submit(() -> c.convert(folder)));
            }
            for (int d = 0; d < 4; d++) {
                ConversionResult r = futures.get(d).get();
                String expected = "urn:oid:1.2." + d;
                assertThat(r.studies().get(0).identifiers()).anySatisfy(id -> assertThat(id.value()).isEqualTo(expected));
                assertThat(r.report().totals().included()).isEqualTo(30);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anUnreadableFileInAFolderFails() throws IOException {
        assumeTrue(!FolderScannerTestAccess.isRoot(), "root reads everything");
        instance("a", "1.2.3", "1.2.3.1", "1.2.3.1.1");
        instance("b", "1.2.3", "1.2.3.1", "1.2.3.1.2");
        Files.setPosixFilePermissions(dir().resolve("b"), java.nio.file.attribute.PosixFilePermissions.fromString("---------"));
        ConversionResult r = converter().build().convert(dir());
        assertThat(dispositions(r.report())).containsExactly("a included", "b failed UNREADABLE");
    }
}
