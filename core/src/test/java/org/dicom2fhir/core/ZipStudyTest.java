package org.dicom2fhir.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.dicom2fhir.api.Limits;
import org.dicom2fhir.api.ReasonCode;
import org.dicom2fhir.api.spi.WriteOptions;
import org.dicom2fhir.testkit.Fixtures;
import org.dicom2fhir.testkit.SampleStudy;
import org.dicom2fhir.testkit.StudyGenerator;
import org.dicom2fhir.testkit.TransferSyntax;
import org.dicom2fhir.testkit.Zips;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Studies shipped as ZIP archives, read in place through the part10 reader's stream entry: the same
 * ImagingStudy as the folder they were made from, every entry in the report as {@code archive!/name},
 * and the archive's own damage and limits as reason codes.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ZipStudyTest {
    @TempDir
    Path tmp;

    private static Converter converter(boolean split, Limits limits) {
        return Converter.builder().reader("part10").writer("hapi").split(split).limits(limits).build();
    }

    private static String json(ConversionResult result) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        result.writeTo(out, WriteOptions.json());
        return out.toString(StandardCharsets.UTF_8);
    }

    private static List<String> dispositions(ConversionReport report, String prefix) {
        return report.files().stream().map(f -> f.path().substring(prefix.length()) + " " + f.disposition()
                + (f.reason() == null ? "" : " " + f.reason())).toList();
    }

    private static ConversionReport reportOf(Converter converter, Path study) throws IOException {
        try {
            return converter.convert(study).report();
        } catch (NoDicomFilesException e) {
            return e.report();
        }
    }

    private static Path instanceFile(Path dir, String name, long seed) throws IOException {
        List<Path> files = StudyGenerator.builder().seed(seed).series(1).instancesPerSeries(1).build().writeTo(dir);
        return Files.move(files.get(0), dir.resolve(name));
    }

    @Test
    void aZipOfTheSampleStudyGivesTheSameImagingStudyAsTheFolder() throws IOException {
        Path folder = tmp.resolve("ct-chest");
        SampleStudy.write(folder);
        Path zip = Zips.zipFolder(folder, tmp.resolve("ct-chest.zip"));
        Converter converter = converter(false, Limits.defaults());

        ConversionResult fromFolder = converter.convert(folder);
        ConversionResult fromZip = converter.convert(zip);

        assertThat(json(fromZip)).isEqualTo(json(fromFolder));
        assertThat(fromZip.report().files()).allSatisfy(f -> assertThat(f.path()).startsWith("ct-chest.zip!/"));
        assertThat(dispositions(fromZip.report(), "ct-chest.zip!/")).isEqualTo(dispositions(fromFolder.report(), ""))
                .hasSize(12);
        FhirValidity.assertValid(fromZip.studies().get(0));
    }

    @Test
    void aZipOfThePydicomTestFilesGivesTheSameStudiesAsTheFolder() throws IOException {
        Path folder = PydicomCorpusTest.copyCorpus(tmp.resolve("pydicom"));
        Path zip = Zips.zipFolder(folder, tmp.resolve("pydicom.zip"));
        Converter converter = converter(true, Limits.defaults());

        ConversionResult fromFolder = converter.convert(folder);
        ConversionResult fromZip = converter.convert(zip);

        assertThat(json(fromZip)).isEqualTo(json(fromFolder));
        assertThat(dispositions(fromZip.report(), "pydicom.zip!/")).isEqualTo(dispositions(fromFolder.report(), ""));
        assertThat(fromZip.studies()).hasSizeGreaterThan(20).allSatisfy(FhirValidity::assertValid);
    }

    @Test
    void aZipInsideAStudyFolderIsReadInPlaceBesideThePlainFiles() throws IOException {
        Path folder = Files.createDirectories(tmp.resolve("study"));
        Path staging = Files.createDirectories(tmp.resolve("staging"));
        GeneratedStudyFiles.write(staging.resolve("in-zip"), folder.resolve("plain"));
        Zips.zipFolder(staging.resolve("in-zip"), folder.resolve("more.zip"));

        ConversionResult result = converter(false, Limits.defaults()).convert(folder);

        assertThat(result.report().files()).extracting(FileReport::path)
                .containsExactly("more.zip!/0/0.dcm", "more.zip!/0/1.dcm", "plain/1/0.dcm", "plain/1/1.dcm");
        assertThat(result.report().totals().included()).isEqualTo(4);
        assertThat(result.studies().get(0).numberOfSeries()).isEqualTo(2);
        assertThat(Files.list(folder).map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("more.zip", "plain");
    }

    @Test
    void aZipInsideAZipIsSkippedUnopenedAndTheOtherEntriesAreRead() throws IOException {
        Path inner = Zips.write(tmp.resolve("inner.zip"), List.of(
                Zips.Entry.of("hidden.dcm", Fixtures.valid(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN))));
        Path outer = Zips.write(tmp.resolve("outer.zip"), List.of(
                Zips.Entry.of("a.dcm", Files.readAllBytes(instanceFile(tmp, "one.dcm", 1))),
                Zips.Entry.of("inner.zip", Files.readAllBytes(inner))));

        ConversionResult result = converter(false, Limits.defaults()).convert(outer);

        assertThat(dispositions(result.report(), "outer.zip!/"))
                .containsExactly("a.dcm INCLUDED", "inner.zip SKIPPED NESTED_ARCHIVE");
        assertThat(result.report().files().get(1).message()).contains("not opened");
    }

    @Test
    void anEncryptedEntryFailsAndTheOtherEntriesAreRead() throws IOException {
        byte[] valid = Files.readAllBytes(instanceFile(tmp, "one.dcm", 2));
        Path zip = Zips.write(tmp.resolve("s.zip"), List.of(
                new Zips.Entry("a-secret.dcm", out -> out.write(valid), true),
                Zips.Entry.of("b.dcm", valid)));

        ConversionResult result = converter(false, Limits.defaults()).convert(zip);

        assertThat(dispositions(result.report(), "s.zip!/"))
                .containsExactly("a-secret.dcm FAILED ENCRYPTED", "b.dcm INCLUDED");
        assertThat(result.report().hasFailures()).isTrue();
    }

    @Test
    void aTruncatedZipFailsAsTruncatedAndOtherFilesOfTheFolderAreStillRead() throws IOException {
        Path folder = Files.createDirectories(tmp.resolve("study"));
        instanceFile(folder, "a.dcm", 3);
        Path staging = Files.createDirectories(tmp.resolve("staging"));
        GeneratedStudyFiles.write(staging, staging);
        byte[] whole = Files.readAllBytes(Zips.zipFolder(staging, tmp.resolve("whole.zip")));
        Files.write(folder.resolve("cut.zip"), java.util.Arrays.copyOf(whole, whole.length / 2));

        ConversionResult result = converter(false, Limits.defaults()).convert(folder);

        assertThat(dispositions(result.report(), "")).containsExactly("a.dcm INCLUDED", "cut.zip FAILED TRUNCATED");
        assertThat(result.report().files().get(1).message()).contains("end of central directory");
    }

    @Test
    void anArchiveWithMoreEntriesThanTheLimitIsNotOpened() throws IOException {
        List<Zips.Entry> entries = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            entries.add(Zips.Entry.of("e" + i, new byte[0]));
        }
        Path zip = Zips.write(tmp.resolve("many.zip"), entries);

        ConversionReport atTen = reportOf(converter(false, Limits.defaults().withMaxArchiveEntries(10)), zip);
        ConversionReport atEleven = reportOf(converter(false, Limits.defaults().withMaxArchiveEntries(11)), zip);

        assertThat(dispositions(atTen, "")).containsExactly("many.zip FAILED TOO_MANY_ENTRIES");
        assertThat(atTen.files().get(0).message()).contains("--max-zip-entries");
        assertThat(atEleven.files()).hasSize(11).allSatisfy(f -> assertThat(f.reason()).isEqualTo(ReasonCode.NOT_DICOM));
    }

    @Test
    void oneHundredThousandEmptyEntriesAreEachReportedAsNotDicom() throws IOException {
        List<Zips.Entry> entries = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            entries.add(Zips.Entry.of(String.format("d%03d/e%05d", i / 1000, i), new byte[0]));
        }
        Path zip = Zips.write(tmp.resolve("empty-entries.zip"), entries);

        long start = System.nanoTime();
        ConversionReport report = reportOf(converter(false, Limits.defaults()), zip);
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(report.files()).hasSize(100_000)
                .allSatisfy(f -> assertThat(f.reason()).isEqualTo(ReasonCode.NOT_DICOM));
        assertThat(report.files().get(0).path()).isEqualTo("empty-entries.zip!/d000/e00000");
        assertThat(millis).as("milliseconds").isLessThan(60_000);
        assertThat(dispositions(reportOf(converter(false, Limits.defaults().withMaxArchiveEntries(99_999)), zip), ""))
                .containsExactly("empty-entries.zip FAILED TOO_MANY_ENTRIES");
    }

    @Test
    void aZipBombOfOneGibibyteOfZerosIsSkippedAfterItsFirstBytesAndNeverInflatedWhole() throws IOException {
        byte[] valid = Files.readAllBytes(instanceFile(tmp, "one.dcm", 4));
        Path zip = Zips.write(tmp.resolve("bomb.zip"), List.of(
                new Zips.Entry("a-zeros.dcm", Zips.zeros(1L << 30), false),
                Zips.Entry.of("b.dcm", valid)));
        assertThat(Files.size(zip)).as("compressed size").isLessThan(8L << 20);

        long start = System.nanoTime();
        ConversionResult result = converter(false, Limits.defaults()).convert(zip);
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(dispositions(result.report(), "bomb.zip!/")).element(1).isEqualTo("b.dcm INCLUDED");
        assertThat(result.report().files().get(0).reason()).isEqualTo(ReasonCode.NOT_DICOM);
        assertThat(millis).as("milliseconds (inflating 1 GiB takes longer)").isLessThan(10_000);
        FhirValidity.assertValid(result.studies().get(0));
    }

    @Test
    void entriesPastTheArchiveReadLimitFailAndAreNotInflated() throws IOException {
        List<Zips.Entry> entries = new ArrayList<>();
        long total = 0;
        for (int i = 0; i < 3; i++) {
            byte[] bytes = Files.readAllBytes(instanceFile(tmp, i + ".dcm", 10 + i));
            entries.add(Zips.Entry.of("e" + i + ".dcm", bytes));
            total += bytes.length;
        }
        Path zip = Zips.write(tmp.resolve("three.zip"), entries);

        ConversionReport spent = reportOf(converter(true, Limits.defaults().withMaxArchiveReadBytes(1)), zip);
        ConversionReport enough = reportOf(converter(true, Limits.defaults().withMaxArchiveReadBytes(total)), zip);

        assertThat(dispositions(spent, "three.zip!/")).containsExactly("e0.dcm FAILED ARCHIVE_READ_TOO_LARGE",
                "e1.dcm FAILED ARCHIVE_READ_TOO_LARGE", "e2.dcm FAILED ARCHIVE_READ_TOO_LARGE");
        assertThat(spent.files().get(0).message()).contains("while this entry was read", "--max-zip-read-mib");
        assertThat(spent.files().get(1).message()).contains("not read");
        assertThat(dispositions(enough, "three.zip!/")).containsExactly("e0.dcm INCLUDED", "e1.dcm INCLUDED",
                "e2.dcm INCLUDED");
    }

    @Test
    void entryNamesWithDotDotOrAbsolutePathsAreReportedAsTheyAreAndNothingIsWritten() throws IOException {
        Path work = Files.createDirectories(tmp.resolve("work"));
        byte[] valid = Files.readAllBytes(instanceFile(tmp, "one.dcm", 6));
        Path zip = Zips.write(work.resolve("evil.zip"), List.of(
                Zips.Entry.of("../../escaped.dcm", valid), Zips.Entry.of("/absolute.dcm", Fixtures.notDicom())));

        ConversionResult result = converter(false, Limits.defaults()).convert(zip);

        assertThat(dispositions(result.report(), "evil.zip!/"))
                .containsExactly("../../escaped.dcm INCLUDED", "/absolute.dcm SKIPPED NOT_DICOM");
        try (Stream<Path> all = Files.walk(tmp)) {
            assertThat(all.map(p -> p.getFileName().toString())).doesNotContain("escaped.dcm", "absolute.dcm");
        }
    }

    @Test
    void anArchiveWithoutFileEntriesIsReportedOnce() throws IOException {
        Path zip = Zips.write(tmp.resolve("folders-only.zip"), List.of(Zips.Entry.of("dir/", new byte[0])));

        assertThatThrownBy(() -> converter(false, Limits.defaults()).convert(zip))
                .isInstanceOfSatisfying(NoDicomFilesException.class, e -> assertThat(dispositions(e.report(), ""))
                        .containsExactly("folders-only.zip SKIPPED NOT_DICOM"));
    }

    /** Two series of two instances of one study, split between two folders (the first series in {@code a}). */
    private static final class GeneratedStudyFiles {
        static void write(Path a, Path b) throws IOException {
            var study = StudyGenerator.builder().seed(77).series(2).instancesPerSeries(2).build();
            for (int s = 0; s < 2; s++) {
                for (int i = 0; i < 2; i++) {
                    Path target = (s == 0 ? a : b).resolve(s + "/" + i + ".dcm");
                    Files.createDirectories(target.getParent());
                    org.dicom2fhir.testkit.DicomFileWriter.write(target, study.instance(s, i), study.fileSpec(s, i));
                }
            }
        }
    }
}
