package org.dicom2fhir.reader.part10;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.dicom2fhir.api.ReasonCode;
import org.dicom2fhir.api.WarningCode;
import org.dicom2fhir.api.dicom.DicomReadException;
import org.dicom2fhir.api.dicom.DicomReadResult;
import org.dicom2fhir.api.dicom.NotDicomException;
import org.dicom2fhir.api.dicom.ReadOptions;
import org.dicom2fhir.api.dicom.Tags;
import org.dicom2fhir.api.spi.DicomReader;
import org.dicom2fhir.codec.internal.Encoding;
import org.dicom2fhir.codec.internal.TransferSyntaxes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Files without preamble or File Meta: the encoding comes from the first element. */
class NoFileMetaTest {
    private final DicomReader reader = new Part10ReaderProvider().create();

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void readsARawDataSetInEachEncoding(Encoding enc) throws Exception {
        byte[] raw = DataSetBytes.typical(enc).toBytes();

        DicomReadResult r = reader.read(raw, ReadOptions.defaults());

        assertThat(r.transferSyntaxUid()).isEqualTo(enc.uid());
        assertThat(r.fileMeta().isEmpty()).isTrue();
        TransferSyntaxTest.assertTypical(r.dataSet());
        assertThat(r.warnings()).extracting(w -> w.code()).containsExactly(WarningCode.TRANSFER_SYNTAX);
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void readsARawDataSetStartingWithAGroupLength(Encoding enc) throws Exception {
        byte[] rest = DataSetBytes.typical(enc).toBytes();
        byte[] length = enc.bigEndian() ? new byte[] {0, 0, 0, 10} : new byte[] {10, 0, 0, 0};
        byte[] raw = DataSetBytes.of(enc).raw(0x00080000, "UL", length).bytes(rest).toBytes();

        assertThat(reader.read(raw, ReadOptions.defaults()).dataSet().string(Tags.SOP_INSTANCE_UID)).isEqualTo("1.2.3.4.5.6.7");
    }

    @Test
    void readsAMetaGroupWithoutPreamble() throws Exception {
        byte[] full = DataSetBytes.part10(TransferSyntaxes.IMPLICIT_VR_LITTLE_ENDIAN,
                DataSetBytes.typical(Encoding.IMPLICIT_VR_LITTLE_ENDIAN).toBytes());
        byte[] noPreamble = java.util.Arrays.copyOfRange(full, 132, full.length);
        byte[] dicmOnly = java.util.Arrays.copyOfRange(full, 128, full.length);

        for (byte[] file : new byte[][] {noPreamble, dicmOnly}) {
            DicomReadResult r = reader.read(file, ReadOptions.defaults());
            assertThat(r.transferSyntaxUid()).isEqualTo(TransferSyntaxes.IMPLICIT_VR_LITTLE_ENDIAN);
            assertThat(r.fileMeta().string(Tags.TRANSFER_SYNTAX_UID)).isEqualTo(TransferSyntaxes.IMPLICIT_VR_LITTLE_ENDIAN);
            TransferSyntaxTest.assertTypical(r.dataSet());
        }
    }

    @Test
    void aDataSetRightAfterTheDicmMarkerIsReadWithAWarning() throws Exception {
        byte[] ds = DataSetBytes.typical(Encoding.EXPLICIT_VR_BIG_ENDIAN).toBytes();
        byte[] file = new byte[132 + ds.length];
        System.arraycopy("DICM".getBytes(StandardCharsets.US_ASCII), 0, file, 128, 4);
        System.arraycopy(ds, 0, file, 132, ds.length);

        DicomReadResult r = reader.read(file, ReadOptions.defaults());

        TransferSyntaxTest.assertTypical(r.dataSet());
        assertThat(r.transferSyntaxUid()).isEqualTo(TransferSyntaxes.EXPLICIT_VR_BIG_ENDIAN);
    }

    @Test
    void garbageAfterTheDicmMarkerClaimsDicomAndFails() {
        byte[] file = new byte[400];
        System.arraycopy("DICM".getBytes(StandardCharsets.US_ASCII), 0, file, 128, 4);
        java.util.Arrays.fill(file, 132, 400, (byte) 0x7A);

        assertThatThrownBy(() -> reader.read(file, ReadOptions.defaults()))
                .isInstanceOfSatisfying(DicomReadException.class, e -> {
                    assertThat(e).isNotInstanceOf(NotDicomException.class);
                    assertThat(e.reason()).isEqualTo(ReasonCode.MALFORMED);
                });
    }

    @Test
    void aRawDataSetMustStartWithGroup0008() {
        byte[] raw = DataSetBytes.explicitLittle().text(Tags.PATIENT_NAME, "PN", "Doe^John").text(Tags.PATIENT_ID, "LO", "1").toBytes();

        assertThatThrownBy(() -> reader.read(raw, ReadOptions.defaults())).isInstanceOf(NotDicomException.class);
    }
}
