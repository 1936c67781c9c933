package org.dicom2fhir.reader.pixelmed;

import static org.assertj.core.api.Assertions.assertThat;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomInputStream;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.dicom2fhir.api.dicom.DicomDataSet;
import org.dicom2fhir.api.dicom.DicomElement;
import org.dicom2fhir.api.dicom.DicomReadResult;
import org.dicom2fhir.api.dicom.ReadOptions;
import org.dicom2fhir.api.dicom.Tags;
import org.dicom2fhir.api.dicom.Vr;
import org.dicom2fhir.testkit.DicomFileSpec;
import org.dicom2fhir.testkit.DicomFileWriter;
import org.dicom2fhir.testkit.DicomObject;
import org.dicom2fhir.testkit.Fixtures;
import org.dicom2fhir.testkit.Oracles;
import org.dicom2fhir.testkit.TransferSyntax;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Where PixelMed 20220618, left to itself, reads a file differently from part10, pydicom and dcmtk,
 * and the correction this reader makes. Each test shows PixelMed's own reading (so that a PixelMed
 * that fixes one shows here, and the correction can go) and this reader's.
 */
class PixelmedDeviationsTest {
    private static final int SMALLEST_IMAGE_PIXEL_VALUE = 0x00280106;

    /** PixelMed reading the whole file its own way, as its documentation shows. */
    private static AttributeList pixelmedAlone(byte[] file) throws Exception {
        AttributeList list = new AttributeList();
        list.read(new DicomInputStream(new ByteArrayInputStream(file)), TagFromName.PixelData);
        return list;
    }

    private static Attribute attribute(AttributeList list, int tag) {
        return list.get(new AttributeTag(tag >>> 16, tag & 0xFFFF));
    }

    private static DicomDataSet ours(byte[] file) throws Exception {
        DicomReadResult r = BothReaders.PIXELMED.read(file, ReadOptions.defaults());
        assertThat(r).isEqualTo(BothReaders.PART10.read(file, ReadOptions.defaults()));
        return r.dataSet();
    }

    private static byte[] withCharset(String charset, String name) {
        DicomObject ds = Fixtures.dataSet().set(Tags.SPECIFIC_CHARACTER_SET, "CS", charset.split("\\\\", -1))
                .set(Tags.PATIENT_NAME, "PN", name)
                .set(Tags.STUDY_DESCRIPTION, "LO", name.replace('^', ' ').replace('=', ' '), "two");
        return DicomFileWriter.toBytes(ds, DicomFileSpec.of(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
    }

    @Test
    void latin9IsUnknownToPixelmedWhichReadsItAsLatin1() throws Exception {
        byte[] file = withCharset("ISO_IR 203", "Šœ€^Ž");
        assertThat(attribute(pixelmedAlone(file), Tags.PATIENT_NAME).getOriginalStringValues()[0].strip())
                .isEqualTo(new String("Šœ€^Ž".getBytes(Charset.forName("ISO-8859-15")), StandardCharsets.ISO_8859_1));
        assertThat(ours(file).string(Tags.PATIENT_NAME)).isEqualTo("Šœ€^Ž");
    }

    @Test
    void koreanWithCodeExtensionsLosesItsBackslashesToTheWonSignInPixelmed() throws Exception {
        byte[] file = withCharset("\\ISO 2022 IR 149", "Hong^Gildong=洪^吉洞=홍^길동");
        String[] pixelmed = attribute(pixelmedAlone(file), Tags.STUDY_DESCRIPTION).getOriginalStringValues();
        assertThat(pixelmed).hasSize(1);
        assertThat(pixelmed[0]).contains("\u20A9");
        assertThat(ours(file).strings(Tags.STUDY_DESCRIPTION)).containsExactly("Hong Gildong 洪 吉洞 홍 길동", "two");
    }

    @Test
    void chineseRedesignatedAfterAComponentDelimiterLeaksItsEscapeSequenceInPixelmed() throws Exception {
        byte[] file = withCharset("\\ISO 2022 IR 58", "Wang^XiaoDong=王^小东");
        assertThat(attribute(pixelmedAlone(file), Tags.PATIENT_NAME).getOriginalStringValues()[0]).contains("$)A");
        assertThat(ours(file).string(Tags.PATIENT_NAME)).isEqualTo("Wang^XiaoDong=王^小东");
    }

    @Test
    void withoutACharacterSetPixelmedDecodesWithTheJvmsDefaultCharset() throws Exception {
        DicomObject ds = Fixtures.dataSet().remove(Tags.SPECIFIC_CHARACTER_SET)
                .setBytes(Tags.PATIENT_NAME, "PN", "Jérôme".getBytes(StandardCharsets.ISO_8859_1));
        byte[] file = DicomFileWriter.toBytes(ds, DicomFileSpec.of(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
        assertThat(ours(file).string(Tags.PATIENT_NAME)).isEqualTo("Jérôme");
        Assumptions.assumeTrue(Charset.defaultCharset().equals(StandardCharsets.UTF_8), "shown under a UTF-8 default charset");
        assertThat(attribute(pixelmedAlone(file), Tags.PATIENT_NAME).getOriginalStringValues()[0]).contains("\uFFFD");
    }

    @Test
    void aSequenceEncodedAsUnWithADefinedLengthStaysUnknownInPixelmed() throws Exception {
        byte[] encoded = DicomFileWriter.toBytes(new DicomObject().setSequence(Tags.PROCEDURE_CODE_SEQUENCE,
                new DicomObject().set(Tags.CODE_VALUE, "SH", "P1")),
                DicomFileSpec.of(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN).withPreamble(false).withFileMeta(false));
        DicomObject ds = Fixtures.dataSet().setBytes(Tags.PROCEDURE_CODE_SEQUENCE, "UN", Arrays.copyOfRange(encoded, 8,
                encoded.length));
        byte[] file = DicomFileWriter.toBytes(ds, DicomFileSpec.of(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
        assertThat(attribute(pixelmedAlone(file), Tags.PROCEDURE_CODE_SEQUENCE)).isNotInstanceOf(SequenceAttribute.class);
        assertThat(ours(file).items(Tags.PROCEDURE_CODE_SEQUENCE)).singleElement()
                .satisfies(item -> assertThat(item.string(Tags.CODE_VALUE)).isEqualTo("P1"));
    }

    @Test
    void aBinaryNumberEncodedAsUnInBigEndianStaysUnknownInPixelmed() throws Exception {
        DicomObject ds = Fixtures.dataSet().setBytes(0x00280010, "UN", new byte[] {0x02, 0x00});
        byte[] file = DicomFileWriter.toBytes(ds, DicomFileSpec.of(TransferSyntax.EXPLICIT_VR_BIG_ENDIAN));
        assertThat(attribute(pixelmedAlone(file), 0x00280010).getVRAsString()).isEqualTo("UN");
        assertThat(ours(file).get(0x00280010)).isEqualTo(DicomElement.ofStrings(0x00280010, Vr.US, List.of("512")));
    }

    @Test
    void anUndefinedLengthElementWithACreatorLikeTagIsNoSequenceToPixelmed() throws Exception {
        // implicit VR: an undefined length makes a sequence (PS3.5 7.5); PixelMed takes (gggg,00xx) of an
        // odd group for a private creator (LO) and reads the nested values into the outer list
        DicomObject ds = Fixtures.dataSet().setSequence(0x00090001, new DicomObject().set(Tags.CODE_VALUE, "SH", "IN"));
        byte[] file = DicomFileWriter.toBytes(ds, DicomFileSpec.of(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN)
                .withUndefinedLengths(true));
        assertThat(attribute(pixelmedAlone(file), 0x00090001) instanceof SequenceAttribute).isFalse();
        assertThat(ours(file).items(0x00090001)).singleElement()
                .satisfies(item -> assertThat(item.string(Tags.CODE_VALUE)).isEqualTo("IN"));
    }

    @Test
    void pydicomAndDcmdumpAgreeOnTheFilesWherePixelmedAndPart10Differed() throws Exception {
        Oracles.assumePydicom();
        Path dir = Oracles.PYDICOM_TEST_FILES;
        Path usOrSs = dir.resolve("MR_small_implicit.dcm");
        Path unSequence = dir.resolve("rtdose_rle.dcm");
        Path nestedPrivate = dir.resolve("nested_priv_SQ.dcm");
        Assumptions.assumeTrue(Files.isRegularFile(usOrSs) && Files.isRegularFile(unSequence) && Files.isRegularFile(nestedPrivate));
        String out = Oracles.python(String.join("\n",
                "import sys, warnings",
                "warnings.simplefilter('ignore')",
                "import pydicom",
                "def vr(e):",
                "    return getattr(e.VR, 'value', e.VR)",
                "a = pydicom.dcmread(sys.argv[1], stop_before_pixels=True)",
                "print(vr(a[0x00280106]), a[0x00280106].value)",
                "b = pydicom.dcmread(sys.argv[2], stop_before_pixels=True)",
                "print(vr(b[0x300C0002]), len(b[0x300C0002].value))",
                "c = pydicom.dcmread(sys.argv[3], stop_before_pixels=True)",
                "print(vr(c[0x00010001]), len(c[0x00010001].value))"),
                usOrSs.toString(), unSequence.toString(), nestedPrivate.toString()).stdoutOrFail();
        assertThat(out.lines().toList()).containsExactly("SS 0", "SQ 1", "SQ 1");

        DicomDataSet mr = BothReaders.PIXELMED.read(usOrSs, ReadOptions.defaults()).dataSet();
        assertThat(mr.get(SMALLEST_IMAGE_PIXEL_VALUE)).isEqualTo(DicomElement.ofStrings(SMALLEST_IMAGE_PIXEL_VALUE, Vr.SS,
                List.of("0")));
        assertThat(BothReaders.PART10.read(usOrSs, ReadOptions.defaults()).dataSet().get(SMALLEST_IMAGE_PIXEL_VALUE))
                .as("part10, fixed: US or SS follows the Pixel Representation").isEqualTo(mr.get(SMALLEST_IMAGE_PIXEL_VALUE));
        assertThat(BothReaders.PIXELMED.read(unSequence, ReadOptions.defaults()).dataSet().items(0x300C0002)).hasSize(1);
        assertThat(BothReaders.PIXELMED.read(nestedPrivate, ReadOptions.defaults()).dataSet().items(0x00010001)).hasSize(1);

        if (Oracles.dcmdumpAvailable()) {
            assertThat(Oracles.dcmdump(usOrSs, "+P", "0028,0106").stdoutOrFail()).startsWith("(0028,0106) SS 0");
        }
    }
}
