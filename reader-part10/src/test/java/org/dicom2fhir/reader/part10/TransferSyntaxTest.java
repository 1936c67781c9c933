package org.dicom2fhir.reader.part10;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.dicom2fhir.api.ReasonCode;
import org.dicom2fhir.api.WarningCode;
import org.dicom2fhir.api.dicom.DicomDataSet;
import org.dicom2fhir.api.dicom.DicomReadException;
import org.dicom2fhir.api.dicom.DicomReadResult;
import org.dicom2fhir.api.dicom.ReadOptions;
import org.dicom2fhir.api.dicom.Tags;
import org.dicom2fhir.api.dicom.Vr;
import org.dicom2fhir.api.spi.DicomReader;
import org.dicom2fhir.codec.internal.Encoding;
import org.dicom2fhir.codec.internal.TransferSyntaxes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class TransferSyntaxTest {
    private final DicomReader reader = new Part10ReaderProvider().create();

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void readsEachUncompressedEncoding(Encoding encoding) throws Exception {
        byte[] file = DataSetBytes.part10(encoding.uid(), DataSetBytes.typical(encoding).toBytes());

        DicomReadResult r = reader.read(file, ReadOptions.defaults());

        assertThat(r.transferSyntaxUid()).isEqualTo(encoding.uid());
        assertThat(r.warnings()).isEmpty();
        assertTypical(r.dataSet());
        assertThat(r.fileMeta().string(Tags.TRANSFER_SYNTAX_UID)).isEqualTo(encoding.uid());
        assertThat(r.fileMeta().string(Tags.MEDIA_STORAGE_SOP_INSTANCE_UID)).isEqualTo("1.2.3.4.5.6.7");
        assertThat(r.fileMeta().get(Tags.FILE_META_INFORMATION_GROUP_LENGTH).vr()).isEqualTo(Vr.UL);
    }

    static void assertTypical(DicomDataSet ds) {
        assertThat(ds.string(Tags.SOP_CLASS_UID)).isEqualTo("1.2.840.10008.5.1.4.1.1.7");
        assertThat(ds.string(Tags.SOP_INSTANCE_UID)).isEqualTo("1.2.3.4.5.6.7");
        assertThat(ds.string(Tags.STUDY_INSTANCE_UID)).isEqualTo("1.2.3.4");
        assertThat(ds.string(Tags.SERIES_INSTANCE_UID)).isEqualTo("1.2.3.4.5");
        assertThat(ds.string(Tags.PATIENT_NAME)).isEqualTo("Doe^John");
        assertThat(ds.string(Tags.INSTANCE_NUMBER)).isEqualTo("7");
        assertThat(ds.string(0x00280010)).isEqualTo("2");
        assertThat(ds.get(Tags.PATIENT_NAME).vr()).isEqualTo(Vr.PN);
        assertThat(ds.contains(Tags.PIXEL_DATA)).isFalse();
    }

    @Test
    void readsDeflatedExplicitLittleEndian() throws Exception {
        byte[] dataSet = DataSetBytes.typical(Encoding.EXPLICIT_VR_LITTLE_ENDIAN).toBytes();
        byte[] file = DataSetBytes.part10(TransferSyntaxes.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN, DataSetBytes.deflate(dataSet));

        DicomReadResult r = reader.read(file, ReadOptions.defaults());

        assertThat(r.transferSyntaxUid()).isEqualTo(TransferSyntaxes.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN);
        assertThat(r.warnings()).isEmpty();
        assertTypical(r.dataSet());
    }

    @Test
    void inflatesFromAStreamToo() throws Exception {
        byte[] dataSet = DataSetBytes.typical(Encoding.EXPLICIT_VR_LITTLE_ENDIAN).toBytes();
        byte[] file = DataSetBytes.part10(TransferSyntaxes.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN, DataSetBytes.deflate(dataSet));

        DicomReadResult r = reader.read(new java.io.ByteArrayInputStream(file), ReadOptions.defaults());

        assertTypical(r.dataSet());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.70", "1.2.840.10008.1.2.4.80",
        "1.2.840.10008.1.2.4.90", "1.2.840.10008.1.2.4.91", "1.2.840.10008.1.2.4.201", "1.2.840.10008.1.2.5",
        "1.2.840.10008.1.2.4.100", "1.2.840.10008.1.2.4.107", "1.2.840.10008.1.2.1.98", "1.2.840.10008.1.2.7.1"})
    void readsEncapsulatedTransferSyntaxesAndStopsBeforeTheirFragments(String uid) throws Exception {
        DataSetBytes ds = DataSetBytes.typical(Encoding.EXPLICIT_VR_LITTLE_ENDIAN);
        byte[] withoutPixels = java.util.Arrays.copyOf(ds.toBytes(), ds.size() - 20); // drop the native OW Pixel Data
        DataSetBytes encapsulated = DataSetBytes.explicitLittle().bytes(withoutPixels)
                .header(Tags.PIXEL_DATA, "OB", DataSetBytes.UNDEFINED)
                .marker(DataSetBytes.ITEM, 0)
                .marker(DataSetBytes.ITEM, 4).bytes(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9})
                .marker(DataSetBytes.SEQUENCE_END, 0);
        byte[] file = DataSetBytes.part10(uid, encapsulated.toBytes());

        DicomReadResult r = reader.read(file, ReadOptions.defaults());

        assertThat(r.transferSyntaxUid()).isEqualTo(uid);
        assertThat(r.warnings()).isEmpty();
        assertThat(r.dataSet().string(Tags.SOP_INSTANCE_UID)).isEqualTo("1.2.3.4.5.6.7");
        assertThat(r.dataSet().contains(Tags.PIXEL_DATA)).isFalse();
    }

    @Test
    void readsAnUnknownTransferSyntaxWhoseDataIsExplicitLittleEndian() throws Exception {
        byte[] file = DataSetBytes.part10("1.2.3.4.5.999", DataSetBytes.typical(Encoding.EXPLICIT_VR_LITTLE_ENDIAN).toBytes());

        DicomReadResult r = reader.read(file, ReadOptions.defaults());

        assertTypical(r.dataSet());
        assertThat(r.transferSyntaxUid()).isEqualTo("1.2.3.4.5.999");
        assertThat(r.warnings()).extracting(w -> w.code()).containsExactly(WarningCode.TRANSFER_SYNTAX);
    }

    @Test
    void readsAnUnknownTransferSyntaxWhoseDataIsImplicitLittleEndian() throws Exception {
        byte[] file = DataSetBytes.part10("1.2.840.113619.5.2", DataSetBytes.typical(Encoding.IMPLICIT_VR_LITTLE_ENDIAN).toBytes());

        DicomReadResult r = reader.read(file, ReadOptions.defaults());

        assertTypical(r.dataSet());
    }

    @Test
    void failsAnUnknownTransferSyntaxWhoseDataCannotBeRecognised() {
        byte[] garbage = new byte[64];
        java.util.Arrays.fill(garbage, (byte) 0x5A);
        byte[] file = DataSetBytes.part10("1.2.3.4.5.999", garbage);

        assertThatThrownBy(() -> reader.read(file, ReadOptions.defaults()))
                .isInstanceOfSatisfying(DicomReadException.class,
                        e -> assertThat(e.reason()).isEqualTo(ReasonCode.UNSUPPORTED_TRANSFER_SYNTAX));
    }

    @Test
    void detectsTheEncodingWhenTheTransferSyntaxIsMissing() throws Exception {
        byte[] dataSet = DataSetBytes.typical(Encoding.EXPLICIT_VR_BIG_ENDIAN).toBytes();
        DataSetBytes meta = DataSetBytes.explicitLittle().text(0x00020003, "UI", "1.2.3.4.5.6.7");
        byte[] file = new byte[132 + meta.size() + dataSet.length];
        System.arraycopy("DICM".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, file, 128, 4);
        System.arraycopy(meta.toBytes(), 0, file, 132, meta.size());
        System.arraycopy(dataSet, 0, file, 132 + meta.size(), dataSet.length);

        DicomReadResult r = reader.read(file, ReadOptions.defaults());

        assertTypical(r.dataSet());
        assertThat(r.transferSyntaxUid()).isEqualTo(TransferSyntaxes.EXPLICIT_VR_BIG_ENDIAN);
        assertThat(r.warnings()).extracting(w -> w.code()).containsExactly(WarningCode.TRANSFER_SYNTAX);
    }

    @Test
    void readsImplicitDataUnderAnExplicitTransferSyntaxWithAWarning() throws Exception {
        byte[] file = DataSetBytes.part10(TransferSyntaxes.EXPLICIT_VR_LITTLE_ENDIAN,
                DataSetBytes.typical(Encoding.IMPLICIT_VR_LITTLE_ENDIAN).toBytes());

        DicomReadResult r = reader.read(file, ReadOptions.defaults());

        assertTypical(r.dataSet());
        assertThat(r.transferSyntaxUid()).isEqualTo(TransferSyntaxes.IMPLICIT_VR_LITTLE_ENDIAN);
        assertThat(r.warnings()).extracting(w -> w.code()).containsExactly(WarningCode.TRANSFER_SYNTAX);
    }

    @Test
    void aFileEndingAfterItsMetaGroupHasAnEmptyDataSet() throws Exception {
        byte[] file = DataSetBytes.part10(TransferSyntaxes.EXPLICIT_VR_LITTLE_ENDIAN, new byte[0]);

        DicomReadResult r = reader.read(file, ReadOptions.defaults());

        assertThat(r.dataSet().isEmpty()).isTrue();
        assertThat(r.fileMeta().size()).isEqualTo(6);
    }

    @Test
    void anInvalidVrInTheMetaGroupFails() {
        byte[] file = DataSetBytes.part10(TransferSyntaxes.EXPLICIT_VR_LITTLE_ENDIAN, new byte[0]);
        int vrAt = indexOf(file, "UI".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        file[vrAt] = '?';

        assertThatThrownBy(() -> reader.read(file, ReadOptions.defaults()))
                .isInstanceOfSatisfying(DicomReadException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ReasonCode.MALFORMED);
                    assertThat(e.getMessage()).contains("(0002,0002)").contains("byte");
                });
    }

    @Test
    void theFileMetaGroupIsReadInFullWhateverTagsAreRequested() throws Exception {
        byte[] file = DataSetBytes.part10(TransferSyntaxes.EXPLICIT_VR_LITTLE_ENDIAN,
                DataSetBytes.typical(Encoding.EXPLICIT_VR_LITTLE_ENDIAN).toBytes());

        DicomReadResult r = reader.read(file, ReadOptions.defaults().withTags(Tags.PATIENT_ID));

        assertThat(r.fileMeta().elements()).extracting(e -> e.tag())
                .containsExactly(0x00020000, 0x00020001, 0x00020002, 0x00020003, 0x00020010, 0x00020012);
        assertThat(r.fileMeta().get(0x00020001).values()).isEmpty();
        assertThat(r.dataSet().elements()).extracting(e -> e.tag()).isEqualTo(List.of(Tags.PATIENT_ID));
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
