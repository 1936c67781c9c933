package org.dicom2fhir.reader.part10;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dicom2fhir.reader.part10.Failures.failure;
import static org.dicom2fhir.reader.part10.Failures.limitOf;

import java.nio.file.Path;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.dicom2fhir.api.Limit;
import org.dicom2fhir.api.ReasonCode;
import org.dicom2fhir.api.WarningCode;
import org.dicom2fhir.api.dicom.DicomDataSet;
import org.dicom2fhir.api.dicom.DicomElement;
import org.dicom2fhir.api.dicom.DicomReadResult;
import org.dicom2fhir.api.dicom.NotDicomException;
import org.dicom2fhir.api.dicom.ReadDamage;
import org.dicom2fhir.api.dicom.ReadOptions;
import org.dicom2fhir.api.dicom.Tags;
import org.dicom2fhir.api.spi.DicomReader;
import org.dicom2fhir.testkit.DicomFileSpec;
import org.dicom2fhir.testkit.DicomFileWriter;
import org.dicom2fhir.testkit.DicomObject;
import org.dicom2fhir.testkit.Fixtures;
import org.dicom2fhir.testkit.GeneratedStudy;
import org.dicom2fhir.testkit.StudyGenerator;
import org.dicom2fhir.testkit.TransferSyntax;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Files written by testkit's writer (another module's code): every transfer syntax, the named bad inputs, whole studies. */
class TestkitFilesTest {
    private final DicomReader reader = new Part10ReaderProvider().create();

    private static void assertFixtureUids(DicomDataSet ds) {
        assertThat(ds.string(Tags.SOP_CLASS_UID)).isEqualTo(Fixtures.SOP_CLASS_UID);
        assertThat(ds.string(Tags.SOP_INSTANCE_UID)).isEqualTo(Fixtures.SOP_INSTANCE_UID);
        assertThat(ds.string(Tags.STUDY_INSTANCE_UID)).isEqualTo(Fixtures.STUDY_INSTANCE_UID);
        assertThat(ds.string(Tags.SERIES_INSTANCE_UID)).isEqualTo(Fixtures.SERIES_INSTANCE_UID);
    }

    @ParameterizedTest
    @EnumSource(TransferSyntax.class)
    void readsEveryTransferSyntaxTestkitWrites(TransferSyntax ts) throws Exception {
        DicomObject ds = Fixtures.dataSet();
        byte[] withPixels = DicomFileWriter.toBytes(ds, DicomFileSpec.of(ts).withPixelData(new byte[512]));
        byte[] undefined = DicomFileWriter.toBytes(ds.copy().setSequence(Tags.PROCEDURE_CODE_SEQUENCE,
                new DicomObject().set(Tags.CODE_VALUE, "SH", "P1")), DicomFileSpec.of(ts).withUndefinedLengths(true));

        for (byte[] file : new byte[][] {Fixtures.valid(ts), withPixels, undefined}) {
            DicomReadResult r = reader.read(file, ReadOptions.defaults());
            assertThat(r.transferSyntaxUid()).isEqualTo(ts.uid());
            assertThat(r.warnings()).isEmpty();
            assertFixtureUids(r.dataSet());
            assertSameAttributes(ds, r.dataSet(), ts.explicitVr());
            assertThat(r.dataSet().contains(Tags.PIXEL_DATA)).isFalse();
        }
        assertThat(reader.read(undefined, ReadOptions.defaults()).dataSet().items(Tags.PROCEDURE_CODE_SEQUENCE))
                .singleElement().satisfies(i -> assertThat(i.string(Tags.CODE_VALUE)).isEqualTo("P1"));
    }

    @ParameterizedTest
    @EnumSource(value = TransferSyntax.class, names = {"IMPLICIT_VR_LITTLE_ENDIAN", "EXPLICIT_VR_LITTLE_ENDIAN", "EXPLICIT_VR_BIG_ENDIAN"})
    void readsRawDataSets(TransferSyntax ts) throws Exception {
        DicomReadResult r = reader.read(Fixtures.rawDataSet(ts), ReadOptions.defaults());

        assertThat(r.transferSyntaxUid()).isEqualTo(ts.uid());
        assertFixtureUids(r.dataSet());
    }

    @Test
    void readsTheNamedEdgeCases() throws Exception {
        assertFixtureUids(reader.read(Fixtures.trailingZeroPadding(999), ReadOptions.defaults()).dataSet());

        DicomDataSet odd = reader.read(Fixtures.oddLengthValues(), ReadOptions.defaults()).dataSet();
        assertThat(odd.string(Tags.PATIENT_ID)).isEqualTo("ODD");
        assertThat(odd.string(Tags.ACCESSION_NUMBER)).isEqualTo("A-1");
        assertThat(odd.string(Tags.STUDY_DESCRIPTION)).isEqualTo("Fixture study");

        DicomReadResult unknown = reader.read(Fixtures.unknownTransferSyntax(), ReadOptions.defaults());
        assertFixtureUids(unknown.dataSet());
        assertThat(unknown.warnings()).extracting(w -> w.code()).contains(WarningCode.TRANSFER_SYNTAX);

        DicomReadResult dicomdir = reader.read(Fixtures.dicomdir(), ReadOptions.defaults());
        assertThat(dicomdir.fileMeta().string(Tags.MEDIA_STORAGE_SOP_CLASS_UID)).isEqualTo(Fixtures.DICOMDIR_SOP_CLASS_UID);
        assertThat(dicomdir.dataSet().items(0x00041220)).hasSize(4);

        byte[] afterUidsFile = Fixtures.declaredLengthPastEofAfterUids();
        DicomReadResult afterUids = reader.read(afterUidsFile, ReadOptions.defaults());
        assertFixtureUids(afterUids.dataSet());
        assertThat(afterUids.warnings()).isEmpty();
        assertThat(afterUids.damage()).isEqualTo(new ReadDamage(ReasonCode.LENGTH_EXCEEDS_FILE, 0x00291001,
                afterUidsFile.length - 16 - 12, "Element (0029,1001) at byte " + (afterUidsFile.length - 28)
                        + " declares a length of 4294967280 bytes but only 28 bytes are left."));

        byte[] noDelimiterFile = Fixtures.undefinedLengthSequenceWithoutDelimiter(false);
        DicomReadResult noDelimiter = reader.read(noDelimiterFile, ReadOptions.defaults());
        assertFixtureUids(noDelimiter.dataSet());
        assertThat(noDelimiter.warnings()).isEmpty();
        assertThat(noDelimiter.damage()).isEqualTo(new ReadDamage(ReasonCode.TRUNCATED, 0x0040A730, noDelimiterFile.length,
                "The file ends inside an item of sequence (0040,A730) at byte " + noDelimiterFile.length + "."));
    }

    @Test
    void failsOrSkipsTheNamedBadInputs() {
        ReadOptions uidsOnly = ReadOptions.defaults().withTags(Tags.STUDY_INSTANCE_UID, Tags.SERIES_INSTANCE_UID);
        assertThatThrownBy(() -> reader.read(Fixtures.empty(), ReadOptions.defaults())).isInstanceOf(NotDicomException.class);
        assertThatThrownBy(() -> reader.read(Fixtures.notDicom(), ReadOptions.defaults())).isInstanceOf(NotDicomException.class);
        assertThat(failure(() -> reader.read(Fixtures.declaredLengthPastEof(), uidsOnly))).isEqualTo(ReasonCode.LENGTH_EXCEEDS_FILE);
        assertThat(failure(() -> reader.read(Fixtures.undefinedLengthSequenceWithoutDelimiter(true), uidsOnly)))
                .isEqualTo(ReasonCode.TRUNCATED);
        assertThat(limitOf(() -> reader.read(Fixtures.deeplyNested(65), ReadOptions.defaults())))
                .isEqualTo(Limit.MAX_NESTING_DEPTH);
        assertThat(failure(() -> reader.read(Fixtures.deeplyNested(64), ReadOptions.defaults()))).isNull();
        assertThat(limitOf(() -> reader.read(Fixtures.deeplyNested(100_000), ReadOptions.defaults())))
                .isEqualTo(Limit.MAX_NESTING_DEPTH);
        assertThat(limitOf(() -> reader.read(Fixtures.deflateBomb(100), ReadOptions.defaults())))
                .isEqualTo(Limit.MAX_INFLATED_BYTES);
        assertThat(failure(() -> reader.read(Fixtures.deflateBomb(10), ReadOptions.defaults()))).isNull();
    }

    @Test
    void everyTruncationOfTheValidFixtureEndsCleanly() {
        byte[] whole = Fixtures.valid(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        for (int cut = 0; cut <= whole.length; cut++) {
            byte[] part = Fixtures.truncatedValid(cut);
            ReasonCode reason = failure(() -> reader.read(part, ReadOptions.defaults()));
            if (cut < 132) {
                assertThat(reason).as("cut at %d", cut).isEqualTo(ReasonCode.NOT_DICOM);
            } else if (cut == whole.length) {
                assertThat(reason).isNull();
            } else {
                assertThat(reason).as("cut at %d", cut).isNotEqualTo(ReasonCode.NOT_DICOM);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ISO_IR 100", "ISO_IR 101", "ISO_IR 144", "ISO_IR 126", "ISO_IR 192", "GB18030", "GBK",
        "\\ISO 2022 IR 87", "ISO 2022 IR 13\\ISO 2022 IR 87", "\\ISO 2022 IR 149", "\\ISO 2022 IR 58", "\\ISO 2022 IR 159"})
    void readsWhatTestkitEncodesInEachCharacterSet(String charset) throws Exception {
        String name = switch (charset) {
            case "ISO_IR 100" -> "Buc^Jérôme";
            case "ISO_IR 101" -> "Łódź^Żółć";
            case "ISO_IR 144" -> "Люксембург^Иван";
            case "ISO_IR 126" -> "Διονυσιος";
            case "ISO_IR 192" -> "Wang^XiaoDong=王^小東";
            case "GB18030", "GBK", "\\ISO 2022 IR 58" -> "Wang^XiaoDong=王^小东";
            case "\\ISO 2022 IR 87" -> "Yamada^Tarou=山田^太郎=やまだ^たろう";
            case "ISO 2022 IR 13\\ISO 2022 IR 87" -> "ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう";
            case "\\ISO 2022 IR 149" -> "Hong^Gildong=洪^吉洞=홍^길동";
            case "\\ISO 2022 IR 159" -> "Yamada^丂";
            default -> throw new IllegalArgumentException(charset);
        };
        DicomObject ds = Fixtures.dataSet()
                .set(Tags.SPECIFIC_CHARACTER_SET, "CS", charset.split("\\\\", -1))
                .set(Tags.PATIENT_NAME, "PN", name)
                .set(Tags.STUDY_DESCRIPTION, "LO", name.replace('^', ' ').replace('=', ' '), "second")
                .set(Tags.DOCUMENT_TITLE, "ST", "line one\r\n" + name);

        DicomReadResult r = reader.read(DicomFileWriter.toBytes(ds, DicomFileSpec.of(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN)),
                ReadOptions.defaults());

        assertThat(r.dataSet().string(Tags.PATIENT_NAME)).isEqualTo(name);
        assertThat(r.dataSet().strings(Tags.STUDY_DESCRIPTION)).containsExactly(name.replace('^', ' ').replace('=', ' '), "second");
        assertThat(r.dataSet().string(Tags.DOCUMENT_TITLE)).isEqualTo("line one\r\n" + name);
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void readsAGeneratedStudyAttributeForAttribute(@TempDir Path dir) throws Exception {
        GeneratedStudy study = StudyGenerator.builder().seed(11).series(3).instancesPerSeries(4)
                .headerBytes(StudyGenerator.REALISTIC_HEADER_BYTES).pixelData(32, 32)
                .transferSyntaxes(TransferSyntax.values()).build();
        List<Path> files = study.writeTo(dir);

        SoftAssertions soft = new SoftAssertions();
        int i = 0;
        for (int s = 0; s < study.series().size(); s++) {
            for (int k = 0; k < study.series().get(s).sopInstanceUids().size(); k++) {
                Path file = files.get(i++);
                TransferSyntax ts = study.transferSyntax(s, k);
                DicomReadResult r = reader.read(file, ReadOptions.defaults());
                soft.assertThat(r.warnings()).as("%s warnings", file).isEmpty();
                soft.assertThat(r.dataSet().string(Tags.SOP_INSTANCE_UID)).isEqualTo(study.series().get(s).sopInstanceUids().get(k));
                DicomObject expected = study.instance(s, k);
                soft.check(() -> assertSameAttributes(expected, r.dataSet(), ts.explicitVr()));
            }
        }
        soft.assertAll();
    }

    /** Every top-level element testkit wrote is read back with the same values (group 0002 goes to the meta). */
    static void assertSameAttributes(DicomObject expected, DicomDataSet actual, boolean explicitVr) {
        for (int tag : expected.tags()) {
            if (Tags.group(tag) == 0x0002) {
                continue;
            }
            DicomElement e = actual.get(tag);
            assertThat(e).as("%s present", Tags.format(tag)).isNotNull();
            if (!explicitVr && VrDictionary.lookup(tag) == null) {
                continue; // implicit VR: an unknown (private) tag is opaque
            }
            String vr = expected.vr(tag);
            if ("SQ".equals(vr)) {
                List<DicomObject> items = expected.getSequence(tag);
                assertThat(e.items()).as("%s items", Tags.format(tag)).hasSameSizeAs(items);
                for (int n = 0; n < items.size(); n++) {
                    assertSameAttributes(items.get(n), e.items().get(n), explicitVr);
                }
            } else if (expected.getBytes(tag) == null && expected.getString(tag) != null && !isBulk(vr)) {
                List<String> values = switch (vr) {
                    case "LT", "ST", "UT", "UR" -> expected.getString(tag).isEmpty() ? List.of() : List.of(expected.getString(tag));
                    default -> expected.getStrings(tag);
                };
                assertThat(e.values()).as("%s %s values", Tags.format(tag), vr).isEqualTo(values);
            }
        }
    }

    private static boolean isBulk(String vr) {
        return List.of("OB", "OD", "OF", "OL", "OV", "OW", "UN").contains(vr);
    }
}
