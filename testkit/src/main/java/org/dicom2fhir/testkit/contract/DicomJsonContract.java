package org.dicom2fhir.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.dicom2fhir.api.Limit;
import org.dicom2fhir.api.ReasonCode;
import org.dicom2fhir.api.dicom.DicomDataSet;
import org.dicom2fhir.api.dicom.DicomElement;
import org.dicom2fhir.api.dicom.DicomReadException;
import org.dicom2fhir.api.dicom.DicomReadResult;
import org.dicom2fhir.api.dicom.LimitExceededException;
import org.dicom2fhir.api.dicom.NotDicomException;
import org.dicom2fhir.api.dicom.ReadOptions;
import org.dicom2fhir.api.dicom.Tags;
import org.dicom2fhir.api.dicom.Vr;
import org.dicom2fhir.api.spi.DicomReader;
import org.dicom2fhir.testkit.DicomFileSpec;
import org.dicom2fhir.testkit.DicomFileWriter;
import org.dicom2fhir.testkit.DicomObject;
import org.dicom2fhir.testkit.Fixtures;
import org.dicom2fhir.testkit.GeneratedStudy;
import org.dicom2fhir.testkit.MappedAttributes;
import org.dicom2fhir.testkit.Oracles;
import org.dicom2fhir.testkit.StudyGenerator;
import org.dicom2fhir.testkit.TransferSyntax;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@link DicomReaderContract} variant for a DICOM JSON source: the contract's fixtures are
 * converted by dcmtk's {@code dcm2json} (an independent writer of PS3.18 Annex F) and the source must
 * read from that JSON every attribute the Part 10 reader reads from the file, with the VR of the file
 * (explicit VR; in implicit VR a private element is opaque, as in the contract), except what the JSON
 * model does not carry: no File Meta, no transfer syntax, no (0008,0005) (JSON is UTF-8), no bulk data.
 * Then what JSON adds: IS and DS as numbers or strings, PN objects, attributes without a Value, JSON
 * that is not DICOM JSON, cuts, deep nesting and the limits. The fixtures' tests are skipped where
 * dcmtk is absent.
 *
 * <pre>
 * class MyJsonSourceContractTest extends DicomJsonContract {
 *     protected DicomReader jsonReader() { return new MyJsonSource(); }
 * }
 * </pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 300, unit = TimeUnit.SECONDS)
public abstract class DicomJsonContract {
    @TempDir
    Path scratch;

    /** The source under test, reading the first instance of a DICOM JSON file. */
    protected abstract DicomReader jsonReader();

    /** dcm2json's JSON of a Part 10 file (the test is skipped without dcmtk). */
    protected final byte[] dcm2json(byte[] part10) {
        Assumptions.assumeTrue(Oracles.dcm2jsonAvailable(), "dcmtk (dcm2json) is not installed");
        try {
            Path in = Files.createTempFile(scratch, "f", ".dcm");
            Path out = in.resolveSibling(in.getFileName() + ".json");
            Files.write(in, part10);
            Oracles.ProcessResult r = Oracles.dcm2json(in, out);
            assertThat(r.exitCode()).as("dcm2json: %s", r.stderr()).isZero();
            return Files.readAllBytes(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private DicomReadResult read(byte[] json, ReadOptions options) throws IOException {
        return jsonReader().read(json, options);
    }

    /** The expected data set as JSON carries it: (0008,0005) at no level. */
    static DicomObject withoutCharacterSets(DicomObject o) {
        DicomObject copy = o.copy().remove(Tags.SPECIFIC_CHARACTER_SET);
        for (int tag : copy.tags()) {
            if ("SQ".equals(copy.vr(tag))) {
                copy.setSequence(tag, copy.getSequence(tag).stream().map(DicomJsonContract::withoutCharacterSets).toList());
            }
        }
        return copy;
    }

    /**
     * The contract's data set, but for the item with a character set of its own: dcm2json decodes an
     * item's text with the data set's character set (docs/sources.md), so that item is Latin-1 here.
     */
    static DicomObject contractDataSet() {
        return DicomReaderContract.contractDataSet().setSequence(Tags.CONCEPT_NAME_CODE_SEQUENCE, new DicomObject()
                .set(Tags.SPECIFIC_CHARACTER_SET, "CS", "ISO_IR 100").set(Tags.CODE_MEANING, "LO", "Luxembourg"));
    }

    private void assertReadsAsThePart10File(DicomObject expected, DicomFileSpec spec) throws IOException {
        DicomReadResult r = read(dcm2json(DicomFileWriter.toBytes(expected, spec)), ReadOptions.defaults());
        assertThat(r.damage()).as("%s: damage", spec).isNull();
        assertThat(r.warnings()).as("%s: warnings", spec).isEmpty();
        assertThat(r.fileMeta().isEmpty()).as("no File Meta in JSON").isTrue();
        DicomReaderContract.assertAttributes(withoutCharacterSets(expected), r.dataSet(), spec.transferSyntax().explicitVr(),
                spec.toString());
    }

    // ----------------------------------------------------------------------------------------------
    // The contract's fixtures, through dcm2json

    @ParameterizedTest
    @EnumSource(TransferSyntax.class)
    void readsEveryTransferSyntaxAttributeForAttribute(TransferSyntax ts) throws IOException {
        // dcm2json writes no encapsulated Pixel Data: those files go without it
        DicomFileSpec spec = DicomFileSpec.of(ts).withUndefinedLengths(true);
        assertReadsAsThePart10File(contractDataSet(), DicomFileSpec.of(ts));
        assertReadsAsThePart10File(contractDataSet(), ts.encapsulated() ? spec : spec.withPixelData(new byte[16]));
    }

    @Test
    void readsEverySequenceShapeInEveryLayout() throws IOException {
        for (DicomFileSpec spec : DicomReaderContract.sequenceLayouts()) {
            assertReadsAsThePart10File(contractDataSet(), spec);
        }
    }

    @Test
    void readsTheMappedAttributesInEveryLayout() throws IOException {
        for (DicomFileSpec spec : DicomReaderContract.sequenceLayouts()) {
            assertReadsAsThePart10File(Fixtures.dataSet().putAll(MappedAttributes.all()), spec);
        }
    }

    /**
     * What dcm2json 3.6.7 cannot convert (docs/sources.md): with glibc's iconv it refuses ISO 2022 IR 87,
     * IR 159, ISO_IR 203 / ISO 2022 IR 203 and a lone ISO 2022 IR 100, and it decodes the backslash of
     * ISO_IR 13 as a yen sign, joining the values.
     */
    static final List<String> DCM2JSON_CANNOT_CONVERT = List.of("IR 87", "IR 159", "IR 203", "ISO 2022 IR 100", "ISO_IR 13");

    /** Every character set of the contract dcm2json converts. */
    @ParameterizedTest
    @MethodSource("org.dicom2fhir.testkit.contract.DicomReaderContract#characterSets")
    void decodesEveryCharacterSetDcm2jsonConverts(String specificCharacterSet, String name) throws IOException {
        Assumptions.assumeFalse(DCM2JSON_CANNOT_CONVERT.stream().anyMatch(specificCharacterSet::contains)
                && !specificCharacterSet.startsWith("ISO 2022 IR 6\\ISO 2022 IR 100"),
                "dcm2json cannot convert " + specificCharacterSet + " (docs/sources.md)");
        String words = name.replace('^', ' ').replace('=', ' ');
        DicomObject expected = Fixtures.dataSet()
                .set(Tags.SPECIFIC_CHARACTER_SET, "CS", specificCharacterSet.split("\\\\", -1))
                .set(Tags.PATIENT_NAME, "PN", name)
                .set(Tags.STUDY_DESCRIPTION, "LO", words, "second")
                .set(Tags.DOCUMENT_TITLE, "ST", "line one\r\n" + name)
                .setSequence(Tags.PROCEDURE_CODE_SEQUENCE, new DicomObject().set(Tags.CODE_MEANING, "LO", words, "x"));
        assertReadsAsThePart10File(expected, DicomFileSpec.of(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
    }

    @Test
    void tellsPresentButEmptyFromAbsent() throws IOException {
        DicomObject expected = Fixtures.dataSet().setEmpty(Tags.ACCESSION_NUMBER, "SH").setEmpty(Tags.PATIENT_BIRTH_DATE, "DA")
                .setEmpty(Tags.SERIES_NUMBER, "IS").setEmpty(Tags.PROCEDURE_CODE_SEQUENCE, "SQ")
                .remove(Tags.MODALITY).remove(Tags.PATIENT_SEX);
        DicomDataSet ds = read(dcm2json(DicomFileWriter.toBytes(expected, DicomFileSpec.of(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN))),
                ReadOptions.defaults()).dataSet();
        for (int tag : new int[] {Tags.ACCESSION_NUMBER, Tags.PATIENT_BIRTH_DATE, Tags.SERIES_NUMBER}) {
            assertThat(ds.contains(tag)).as("%s present", Tags.format(tag)).isTrue();
            assertThat(ds.get(tag).values()).as("%s values", Tags.format(tag)).isEmpty();
        }
        assertThat(ds.items(Tags.PROCEDURE_CODE_SEQUENCE)).isEmpty();
        assertThat(ds.contains(Tags.MODALITY)).isFalse();
        assertThat(ds.contains(Tags.PATIENT_SEX)).isFalse();
    }

    @Test
    void readsGeneratedStudiesAttributeForAttribute(@TempDir Path dir) throws IOException {
        GeneratedStudy study = StudyGenerator.builder().seed(5).series(4).instancesPerSeries(3)
                .modalities("CT", "MR", "SR", "US").headerBytes(StudyGenerator.REALISTIC_HEADER_BYTES)
                .transferSyntaxes(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN,
                        TransferSyntax.EXPLICIT_VR_BIG_ENDIAN, TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN)
                .build();
        for (int s = 0; s < study.series().size(); s++) {
            for (int k = 0; k < study.series().get(s).sopInstanceUids().size(); k++) {
                assertReadsAsThePart10File(study.instance(s, k), study.fileSpec(s, k));
            }
        }
    }

    @Test
    void materialisesOnlyTheRequestedTopLevelElements() throws IOException {
        byte[] json = dcm2json(DicomFileWriter.toBytes(contractDataSet(),
                DicomFileSpec.of(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN)));
        DicomDataSet all = read(json, ReadOptions.defaults()).dataSet();
        Set<Integer> wanted = Set.of(Tags.PATIENT_NAME, Tags.PROCEDURE_CODE_SEQUENCE, Tags.STUDY_INSTANCE_UID,
                Tags.LATERALITY, Tags.PIXEL_DATA, 0x00280009, Tags.SPECIFIC_CHARACTER_SET);
        DicomReadResult some = read(json, ReadOptions.defaults().withTags(wanted));
        assertThat(some.dataSet().elements()).extracting(DicomElement::tag)
                .containsExactly(Tags.PROCEDURE_CODE_SEQUENCE, Tags.PATIENT_NAME, Tags.STUDY_INSTANCE_UID, 0x00280009);
        for (DicomElement e : some.dataSet().elements()) {
            assertThat(e).as("%s as in a full read", Tags.format(e.tag())).isEqualTo(all.get(e.tag()));
        }
    }

    @Test
    void everyCutEndsInAResultOrADicomReadExceptionAndKeepsOnlyWholeElements() throws IOException {
        byte[] whole = dcm2json(DicomFileWriter.toBytes(contractDataSet(),
                DicomFileSpec.of(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN)));
        DicomDataSet full = read(whole, ReadOptions.defaults()).dataSet();
        for (int cut = 0; cut < whole.length; cut++) {
            byte[] part = Arrays.copyOf(whole, cut);
            try {
                DicomReadResult r = read(part, ReadOptions.defaults());
                for (DicomElement e : r.dataSet().elements()) {
                    assertThat(e).as("cut at %d: %s as in the whole file", cut, Tags.format(e.tag())).isEqualTo(full.get(e.tag()));
                }
                if (r.dataSet().size() < full.size()) {
                    assertThat(r.damage()).as("cut at %d: a short read says where it stopped", cut).isNotNull();
                    assertThat(r.damage().reason()).isIn(ReasonCode.TRUNCATED, ReasonCode.MALFORMED);
                    assertThat(r.damage().offset()).isBetween(0L, (long) cut);
                }
            } catch (NotDicomException e) {
                assertThat(new String(part, StandardCharsets.UTF_8)).as("not DICOM JSON only before the first vr")
                        .doesNotContainPattern("\"vr\"\\s*:\\s*\"[A-Z]{2}\"");
            } catch (DicomReadException e) {
                assertThat(e.reason()).as("cut at %d: %s", cut, e.getMessage()).isIn(ReasonCode.TRUNCATED, ReasonCode.MALFORMED);
            }
        }
    }

    // ----------------------------------------------------------------------------------------------
    // What JSON adds

    private static byte[] utf8(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static final String UIDS = "\"00080016\":{\"vr\":\"UI\",\"Value\":[\"1.2.840.10008.5.1.4.1.1.2\"]},"
            + "\"00080018\":{\"vr\":\"UI\",\"Value\":[\"1.2.3.4\"]}";

    @Test
    void isAndDsAreReadAsNumbersOrStringsAlike() throws IOException {
        DicomDataSet numbers = read(utf8("{" + UIDS + ",\"00200013\":{\"vr\":\"IS\",\"Value\":[7]},"
                + "\"00180050\":{\"vr\":\"DS\",\"Value\":[1.25,-0.5e-3]}}"), ReadOptions.defaults()).dataSet();
        DicomDataSet strings = read(utf8("{" + UIDS + ",\"00200013\":{\"vr\":\"IS\",\"Value\":[\"7\"]},"
                + "\"00180050\":{\"vr\":\"DS\",\"Value\":[\"1.25\",\"-0.5e-3\"]}}"), ReadOptions.defaults()).dataSet();

        assertThat(numbers).isEqualTo(strings);
        assertThat(numbers.strings(0x00180050)).containsExactly("1.25", "-0.5e-3");
        assertThat(numbers.get(0x00200013)).isEqualTo(DicomElement.ofStrings(0x00200013, Vr.IS, List.of("7")));
    }

    @Test
    void personNamesAreReadFromTheirThreeGroups() throws IOException {
        DicomDataSet ds = read(utf8("{" + UIDS + ",\"00100010\":{\"vr\":\"PN\",\"Value\":[{\"Alphabetic\":\"Yamada^Tarou\","
                + "\"Ideographic\":\"山田^太郎\",\"Phonetic\":\"やまだ^たろう\"},{\"Ideographic\":\"洪^吉洞\"},null,{}]}}"),
                ReadOptions.defaults()).dataSet();

        assertThat(ds.strings(Tags.PATIENT_NAME)).containsExactly("Yamada^Tarou=山田^太郎=やまだ^たろう", "=洪^吉洞", "", "");
    }

    @Test
    void attributesWithAVrAndNoValueArePresentButEmpty() throws IOException {
        DicomDataSet ds = read(utf8("{" + UIDS + ",\"00080050\":{\"vr\":\"SH\"},\"00081032\":{\"vr\":\"SQ\"},"
                + "\"00100010\":{\"vr\":\"PN\",\"Value\":[]}}"), ReadOptions.defaults()).dataSet();

        assertThat(ds.get(Tags.ACCESSION_NUMBER)).isEqualTo(DicomElement.ofStrings(Tags.ACCESSION_NUMBER, Vr.SH, List.of()));
        assertThat(ds.get(Tags.PROCEDURE_CODE_SEQUENCE)).isEqualTo(DicomElement.ofItems(Tags.PROCEDURE_CODE_SEQUENCE, List.of()));
        assertThat(ds.get(Tags.PATIENT_NAME).values()).isEmpty();
    }

    @Test
    void jsonThatIsNotDicomJsonIsNotDicom() {
        for (String notDicom : List.of("{}", "[]", "  [ ]  ", "{\"a\":1}", "[1,2]", "[[[[]]]]", "{\"00100010\":\"x\"}",
                "{\"00100010\":{\"Value\":[\"x\"]}}", "{\"0010001\":{\"vr\":\"PN\"}}", "{\"00100010\":{\"vr\":\"ZZ\"}}",
                "{ not json", "[{\"resourceType\":\"ImagingStudy\"}]", "\"text\"", "")) {
            assertThatThrownBy(() -> read(utf8(notDicom), ReadOptions.defaults())).as(notDicom)
                    .isInstanceOf(NotDicomException.class);
        }
    }

    @Test
    void brokenDicomJsonAfterTheFirstAttributeFailsAsMalformed() throws IOException {
        for (String broken : List.of("{\"00080016\":{\"vr\":\"UI\",\"Value\":[\"1.2\"]},\"nope\":{\"vr\":\"SH\"}}",
                "{\"00080016\":{\"vr\":\"UI\",\"Value\":[\"1.2\"]},\"00080050\":{\"vr\":\"SH\",\"Value\":\"x\"}}",
                "{\"00080016\":{\"vr\":\"UI\",\"Value\":[\"1.2\"]},\"00280010\":{\"vr\":\"US\",\"Value\":[\"many\"]}}",
                "{\"00080016\":{\"vr\":\"UI\",\"Value\":[\"1.2\"]},\"00080050\":{\"vr\":\"XX\"}}",
                "{\"00080016\":{\"vr\":\"UI\",\"Value\":[\"1.2\"]} oops }")) {
            DicomReadResult r = read(utf8(broken), ReadOptions.defaults());
            assertThat(r.damage()).as(broken).isNotNull();
            assertThat(r.damage().reason()).as(broken).isEqualTo(ReasonCode.MALFORMED);
            assertThat(r.dataSet().string(Tags.SOP_CLASS_UID)).as("what came before is kept").isEqualTo("1.2");
        }
    }

    @Test
    void sequencesNested200000DeepFailAsTooDeepWithoutCrashing() {
        int depth = 200_000;
        StringBuilder json = new StringBuilder("{" + UIDS);
        for (int i = 0; i < depth; i++) {
            json.append(",\"0040A730\":{\"vr\":\"SQ\",\"Value\":[{\"00080100\":{\"vr\":\"SH\",\"Value\":[\"x\"]}");
        }
        json.append("}]}".repeat(depth)).append('}');
        for (ReadOptions options : List.of(ReadOptions.defaults(), ReadOptions.defaults().withMaxNestingDepth(1_000_000))) {
            assertThatThrownBy(() -> read(utf8(json.toString()), options)).isInstanceOfSatisfying(LimitExceededException.class,
                    e -> assertThat(e.limit()).isEqualTo(Limit.MAX_NESTING_DEPTH));
        }
    }

    @Test
    void limitsFailTheInstanceWhateverWasRead() throws IOException {
        byte[] json = utf8("{" + UIDS + ",\"00081030\":{\"vr\":\"LO\",\"Value\":[\"" + "x".repeat(10 << 20) + "\"]}}");
        assertThatThrownBy(() -> read(json, ReadOptions.defaults().withMaxHeaderBytes(1 << 20)))
                .isInstanceOfSatisfying(LimitExceededException.class, e -> assertThat(e.limit()).isEqualTo(Limit.MAX_HEADER_BYTES));
        assertThat(read(json, ReadOptions.defaults()).dataSet().string(0x00081030)).hasSize(10 << 20);
        byte[] nested = utf8("{" + UIDS + ",\"0040A730\":{\"vr\":\"SQ\",\"Value\":[{\"0040A730\":{\"vr\":\"SQ\",\"Value\":[{}]}}]}}");
        assertThatThrownBy(() -> read(nested, ReadOptions.defaults().withMaxNestingDepth(1)))
                .isInstanceOfSatisfying(LimitExceededException.class, e -> assertThat(e.limit()).isEqualTo(Limit.MAX_NESTING_DEPTH));
        assertThat(read(nested, ReadOptions.defaults().withMaxNestingDepth(2)).dataSet().items(0x0040A730)).hasSize(1);
    }

    @Test
    void messagesNeverQuoteValues() throws IOException {
        List<String> texts = new ArrayList<>();
        String name = "\"00100010\":{\"vr\":\"PN\",\"Value\":[{\"Alphabetic\":\"Fixture^Patient\"}]}";
        for (String bad : List.of("{" + name + ",\"00100020\":{\"vr\":\"LO\",\"Value\":[\"FIXTURE-0001\" FIXTURE-ACC]}}",
                "{" + name + ",\"00100020\":{\"vr\":\"LO\",\"Value\":[\"FIXTURE-0001\"",
                "{" + name + ",\"00100030\":{\"vr\":\"DA\",\"Value\":[19700101x]}}",
                "{" + name + ",\"00100020\":{\"vr\":\"LO\",\"Value\":{\"Fixture study\":1}}}")) {
            try {
                DicomReadResult r = read(utf8(bad), ReadOptions.defaults());
                assertThat(r.damage()).as(bad).isNotNull();
                texts.add(r.damage().message());
            } catch (DicomReadException e) {
                texts.add(e.getMessage());
            }
        }
        for (String text : texts) {
            assertThat(text).isNotBlank();
            for (String value : DicomReaderContract.PATIENT_VALUES) {
                assertThat(text).doesNotContain(value);
            }
        }
    }

    @Test
    void pathsStreamsAndArraysGiveTheSameResultAndTheStreamIsNotClosed(@TempDir Path dir) throws IOException {
        byte[] json = utf8("{" + UIDS + ",\"00100010\":{\"vr\":\"PN\",\"Value\":[{\"Alphabetic\":\"A^B\"}]}}");
        Path file = Files.write(dir.resolve("f.json"), json);
        DicomReadResult fromArray = read(json, ReadOptions.defaults());
        boolean[] closed = {false};
        InputStream in = new FilterInputStream(new ByteArrayInputStream(json)) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        assertThat(jsonReader().read(file, ReadOptions.defaults())).isEqualTo(fromArray);
        assertThat(jsonReader().read(in, ReadOptions.defaults())).isEqualTo(fromArray);
        assertThat(jsonReader().read(DicomReaderContract.trickle(json), ReadOptions.defaults())).isEqualTo(fromArray);
        assertThat(closed[0]).isFalse();
    }

    @Test
    void concurrentReadsGiveTheSameResultsAsSequentialOnes() throws Exception {
        byte[] json = utf8("{" + UIDS + ",\"00100010\":{\"vr\":\"PN\",\"Value\":[{\"Alphabetic\":\"A^B\"}]},"
                + "\"00081032\":{\"vr\":\"SQ\",\"Value\":[{\"00080100\":{\"vr\":\"SH\",\"Value\":[\"P1\"]}}]}}");
        DicomReadResult expected = read(json, ReadOptions.defaults());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                futures.add(pool.submit(() -> {
                    for (int k = 0; k < 300; k++) {
                        if (!read(json, ReadOptions.defaults()).equals(expected)) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : futures) {
                assertThat(f.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
