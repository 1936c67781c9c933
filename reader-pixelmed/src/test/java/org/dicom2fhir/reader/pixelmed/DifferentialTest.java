package org.dicom2fhir.reader.pixelmed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dicom2fhir.reader.pixelmed.BothReaders.MAPPING;
import static org.dicom2fhir.reader.pixelmed.BothReaders.PART10;
import static org.dicom2fhir.reader.pixelmed.BothReaders.PIXELMED;
import static org.dicom2fhir.reader.pixelmed.BothReaders.outcome;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.dicom2fhir.api.dicom.ReadOptions;
import org.dicom2fhir.api.dicom.Tags;
import org.dicom2fhir.reader.pixelmed.BothReaders.Outcome;
import org.dicom2fhir.testkit.DicomFileSpec;
import org.dicom2fhir.testkit.DicomFileWriter;
import org.dicom2fhir.testkit.DicomObject;
import org.dicom2fhir.testkit.Fixtures;
import org.dicom2fhir.testkit.GeneratedStudy;
import org.dicom2fhir.testkit.MappedAttributes;
import org.dicom2fhir.testkit.SampleStudy;
import org.dicom2fhir.testkit.StudyGenerator;
import org.dicom2fhir.testkit.TransferSyntax;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Differential testing: the built-in reader and this one, two independent parsers, read the same
 * files. On every file the built-in reader reads without a warning (a good file), both must give the
 * same transfer syntax, File Meta and data set, both as core asks (the tags the mapping uses) and in
 * full; on every other file both must end the same way. Where they differed, the third opinions
 * (pydicom, dcmdump) decided who was wrong; see PixelmedDeviationsTest and the part10 fixes.
 */
class DifferentialTest {
    /** The top-level tags of the extended mapping, asked for whether or not core asks for them yet. */
    private static final ReadOptions MAPPED = ReadOptions.defaults().withTags(new HashSet<>(MappedAttributes.all().tags()));
    /** The multi-frame case: the shared groups only, the per-frame groups to be skipped. */
    private static final ReadOptions SHARED_GROUPS = ReadOptions.defaults()
            .withTags(Tags.SHARED_FUNCTIONAL_GROUPS_SEQUENCE);

    private static void compare(String name, byte[] bytes, SoftAssertions soft) {
        Map<String, ReadOptions> reads = Map.of("mapping tags", MAPPING, "all tags", ReadOptions.defaults(),
                "mapped attributes", MAPPED, "shared groups", SHARED_GROUPS);
        reads.forEach((what, options) -> {
            Outcome part10 = outcome(() -> PART10.read(bytes, options));
            Outcome pixelmed = outcome(() -> PIXELMED.read(bytes, options));
            soft.assertThat(pixelmed.comparable()).as("%s (%s)", name, what).isEqualTo(part10.comparable());
        });
    }

    /**
     * The extended mapping's attributes (nested sequences, multi-valued names, UT, empty sequence and
     * item) with 200 per-frame items, in every transfer syntax, with defined and undefined lengths; and
     * three-group person names in character sets with code extensions and UTF-8.
     */
    private static void putMappedAttributeFiles(Map<String, byte[]> files) {
        DicomObject mapped = Fixtures.dataSet().putAll(MappedAttributes.all())
                .setSequence(Tags.PER_FRAME_FUNCTIONAL_GROUPS_SEQUENCE, MappedAttributes.perFrameGroups(200));
        for (TransferSyntax ts : TransferSyntax.values()) {
            files.put("mapped attributes " + ts, DicomFileWriter.toBytes(mapped, DicomFileSpec.of(ts)));
            files.put("mapped attributes, undefined lengths " + ts, DicomFileWriter.toBytes(mapped,
                    DicomFileSpec.of(ts).withUndefinedLengths(true).withPixelData(new byte[64])));
            files.put("mapped attributes, undefined-length items " + ts, DicomFileWriter.toBytes(mapped,
                    DicomFileSpec.of(ts).withUndefinedLengthItems(true)));
        }
        for (String[] charset : new String[][] {
            {"\\ISO 2022 IR 87", "Yamada^Tarou=山田^太郎=やまだ^たろう", "Sato^Hanako=佐藤^花子=さとう^はなこ"},
            {"ISO 2022 IR 13\\ISO 2022 IR 87", "ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう", "ｻﾄｳ^ﾊﾅｺ=佐藤^花子=さとう^はなこ"},
            {"\\ISO 2022 IR 149", "Hong^Gildong=洪^吉洞=홍^길동", "Kim^Minsu=金^民洙=김^민수"},
            {"ISO_IR 192", "Wang^XiaoDong=王^小東=ワン^シャオドン", "Yamada^Tarou=山田^太郎=やまだ^たろう"}}) {
            DicomObject ds = Fixtures.dataSet().putAll(MappedAttributes.all())
                    .set(Tags.SPECIFIC_CHARACTER_SET, "CS", charset[0].split("\\\\", -1))
                    .set(Tags.REFERRING_PHYSICIAN_NAME, "PN", charset[1])
                    .setSequence(Tags.REFERRING_PHYSICIAN_IDENTIFICATION_SEQUENCE, MappedAttributes.person(
                            "Example", MappedAttributes.code("R-1", "L", charset[1].replace('^', ' ').replace('=', ' '))))
                    .set(Tags.PERFORMING_PHYSICIAN_NAME, "PN", charset[1], charset[2])
                    .set(Tags.OPERATORS_NAME, "PN", charset[2], "", charset[1])
                    .set(Tags.NAME_OF_PHYSICIANS_READING_STUDY, "PN", charset[2]);
            for (TransferSyntax ts : List.of(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN)) {
                files.put("three-group names " + charset[0] + " " + ts, DicomFileWriter.toBytes(ds, DicomFileSpec.of(ts)));
            }
        }
    }

    /** testkit's files: every transfer syntax, layout, character set, named edge case, generated studies. */
    private static Map<String, byte[]> testkitFiles(Path dir) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (TransferSyntax ts : TransferSyntax.values()) {
            files.put("valid " + ts, Fixtures.valid(ts));
            DicomObject ds = Fixtures.dataSet().setSequence(Tags.PROCEDURE_CODE_SEQUENCE,
                    new DicomObject().set(Tags.CODE_VALUE, "SH", "P1").set(Tags.CODE_MEANING, "LO", "Première"));
            files.put("undefined lengths " + ts, DicomFileWriter.toBytes(ds, DicomFileSpec.of(ts).withUndefinedLengths(true)
                    .withPixelData(new byte[64])));
        }
        for (TransferSyntax ts : List.of(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN,
                TransferSyntax.EXPLICIT_VR_BIG_ENDIAN)) {
            files.put("raw " + ts, Fixtures.rawDataSet(ts));
        }
        putMappedAttributeFiles(files);
        files.put("zero padding", Fixtures.trailingZeroPadding(999));
        files.put("odd lengths", Fixtures.oddLengthValues());
        files.put("unknown transfer syntax", Fixtures.unknownTransferSyntax());
        files.put("DICOMDIR", Fixtures.dicomdir());
        files.put("length past EOF after the UIDs", Fixtures.declaredLengthPastEofAfterUids());
        files.put("length past EOF", Fixtures.declaredLengthPastEof());
        files.put("no delimiter", Fixtures.undefinedLengthSequenceWithoutDelimiter(false));
        files.put("no delimiter before the UIDs", Fixtures.undefinedLengthSequenceWithoutDelimiter(true));
        files.put("nested 64", Fixtures.deeplyNested(64));
        files.put("nested 65", Fixtures.deeplyNested(65));
        for (String[] charset : new String[][] {{"ISO_IR 100", "Buc^Jérôme"}, {"ISO_IR 144", "Люксембург^Иван"},
            {"ISO_IR 192", "Wang^XiaoDong=王^小東"}, {"\\ISO 2022 IR 87", "Yamada^Tarou=山田^太郎=やまだ^たろう"},
            {"\\ISO 2022 IR 149", "Hong^Gildong=洪^吉洞=홍^길동"}, {"ISO_IR 203", "Šœ€^Ž"}, {"GB18030", "Wang^XiaoDong=王^小东"}}) {
            DicomObject ds = Fixtures.dataSet().set(Tags.SPECIFIC_CHARACTER_SET, "CS", charset[0].split("\\\\", -1))
                    .set(Tags.PATIENT_NAME, "PN", charset[1])
                    .set(Tags.STUDY_DESCRIPTION, "LO", charset[1].replace('^', ' ').replace('=', ' '), "two");
            files.put("charset " + charset[0], DicomFileWriter.toBytes(ds, DicomFileSpec.of(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN)));
        }
        List<GeneratedStudy> studies = List.of(SampleStudy.study(),
                StudyGenerator.builder().seed(21).series(6).instancesPerSeries(2)
                        .modalities("CT", "MR", "SR", "KO", "PT", "XA").headerBytes(StudyGenerator.REALISTIC_HEADER_BYTES)
                        .transferSyntaxes(TransferSyntax.values()).build(),
                StudyGenerator.builder().seed(22).series(2).instancesPerSeries(2).patient("Müller^Jürgen", null, null, null)
                        .transferSyntaxes(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN, TransferSyntax.EXPLICIT_VR_BIG_ENDIAN).build(),
                StudyGenerator.builder().seed(23).series(2).instancesPerSeries(2).modalities("CT", "MR")
                        .seriesAttributes(MappedAttributes.all(), MappedAttributes.all().remove(Tags.UDI_SEQUENCE))
                        .headerBytes(StudyGenerator.REALISTIC_HEADER_BYTES).transferSyntaxes(TransferSyntax.values()).build());
        int n = 0;
        for (GeneratedStudy study : studies) {
            Path studyDir = java.nio.file.Files.createDirectories(dir.resolve("study" + n++));
            for (Path file : study.writeTo(studyDir)) {
                files.put(dir.relativize(file).toString(), java.nio.file.Files.readAllBytes(file));
            }
        }
        return files;
    }

    @Test
    void everyTestkitFileReadsAlikeInBothReaders(@TempDir Path dir) throws IOException {
        SoftAssertions soft = new SoftAssertions();
        testkitFiles(dir).forEach((name, bytes) -> {
            compare(name, bytes, soft);
            if (name.startsWith("mapped attributes") || name.startsWith("three-group")) {
                // well-formed files: the readers must agree on a tree, not on a failure
                soft.assertThat(outcome(() -> PART10.read(bytes, ReadOptions.defaults())).good()).as("%s read", name).isTrue();
            }
        });
        soft.assertAll();
    }

    @Test
    void everyGoodPydicomFileReadsAlikeAndNoFileCrashesEither() throws IOException {
        SoftAssertions soft = new SoftAssertions();
        List<String> good = new ArrayList<>();
        for (Path file : BothReaders.pydicomFiles()) {
            String name = file.getParent().getFileName() + "/" + file.getFileName();
            Outcome part10 = outcome(() -> PART10.read(file, ReadOptions.defaults()));
            Outcome pixelmed = outcome(() -> PIXELMED.read(file, ReadOptions.defaults()));
            if (part10.good()) {
                good.add(name);
                soft.assertThat(pixelmed.comparable()).as("%s, all tags", name).isEqualTo(part10.comparable());
                soft.assertThat(outcome(() -> PIXELMED.read(file, MAPPING)).comparable()).as("%s, mapping tags", name)
                        .isEqualTo(outcome(() -> PART10.read(file, MAPPING)).comparable());
            } else {
                // damaged or odd files: the same disposition (a result, or the same reason)
                soft.assertThat(pixelmed.failure()).as("%s: how it ends", name).isEqualTo(part10.failure());
            }
        }
        soft.assertAll();
        assertThat(good).as("good files compared").hasSizeGreaterThan(100);
    }
}
