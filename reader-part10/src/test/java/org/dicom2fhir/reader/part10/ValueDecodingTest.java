package org.dicom2fhir.reader.part10;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.dicom2fhir.api.dicom.DicomDataSet;
import org.dicom2fhir.api.dicom.ReadOptions;
import org.dicom2fhir.api.dicom.Tags;
import org.dicom2fhir.api.dicom.Vr;
import org.dicom2fhir.api.spi.DicomReader;
import org.dicom2fhir.codec.internal.Encoding;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ValueDecodingTest {
    private final DicomReader reader = new Part10ReaderProvider().create();

    private static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private DicomDataSet read(Encoding enc, DataSetBytes ds) throws Exception {
        return reader.read(DataSetBytes.part10(enc.uid(), ds.toBytes()), ReadOptions.defaults()).dataSet();
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void textIsSplitAndTrimmedPerVr(Encoding enc) throws Exception {
        DicomDataSet ds = read(enc, DataSetBytes.of(enc)
                .raw(Tags.IMAGE_TYPE, "CS", ascii(" ORIGINAL \\PRIMARY\\\\AXIAL "))
                .raw(Tags.SOP_INSTANCE_UID, "UI", ascii("1.2.3\0"))
                .raw(Tags.STUDY_DATE, "DA", ascii("20200101 "))
                .raw(Tags.ACCESSION_NUMBER, "SH", ascii(" A1 "))
                .raw(Tags.MODALITY, "CS", ascii("  "))
                .raw(Tags.PATIENT_NAME, "PN", ascii("Doe^John=\\Roe^Jane "))
                .raw(Tags.PATIENT_ID, "LO", ascii("ID\0"))
                .raw(Tags.SERIES_NUMBER, "IS", ascii(" 12"))
                .raw(0x00180050, "DS", ascii(" 1.5 \\-2e3"))
                .raw(Tags.DOCUMENT_TITLE, "ST", ascii("  a\\b  "))
                .raw(0x00081030, "LO", new byte[0])
                .raw(Tags.UNIVERSAL_ENTITY_ID, "UT", ascii(" x\\y \0"))
                .raw(0x00081190, "UR", ascii("http://x/a\\b ")));

        assertThat(ds.strings(Tags.IMAGE_TYPE)).containsExactly("ORIGINAL", "PRIMARY", "", "AXIAL");
        assertThat(ds.string(Tags.SOP_INSTANCE_UID)).isEqualTo("1.2.3");
        assertThat(ds.string(Tags.STUDY_DATE)).isEqualTo("20200101");
        assertThat(ds.string(Tags.ACCESSION_NUMBER)).isEqualTo(" A1"); // SH: leading spaces are kept
        assertThat(ds.strings(Tags.MODALITY)).containsExactly("");
        assertThat(ds.strings(Tags.PATIENT_NAME)).containsExactly("Doe^John", "Roe^Jane");
        assertThat(ds.string(Tags.PATIENT_ID)).isEqualTo("ID");
        assertThat(ds.string(Tags.SERIES_NUMBER)).isEqualTo("12");
        assertThat(ds.strings(0x00180050)).containsExactly("1.5", "-2e3");
        assertThat(ds.strings(Tags.DOCUMENT_TITLE)).containsExactly("  a\\b");
        assertThat(ds.get(0x00081030).values()).isEmpty(); // present, empty
        assertThat(ds.strings(Tags.UNIVERSAL_ENTITY_ID)).containsExactly(" x\\y");
        assertThat(ds.strings(0x00081190)).containsExactly("http://x/a\\b");
    }

    /**
     * Text of a VR that uses the character set is split and trimmed alike whether it is plain ASCII (split on the
     * bytes) or holds a Latin-1 letter (decoded first): only the letter differs.
     */
    @ParameterizedTest
    @EnumSource(Encoding.class)
    void plainAndDecodedTextAreSplitAndTrimmedAlike(Encoding enc) throws Exception {
        for (String letter : new String[] {"o", "\u00f6"}) {
            DicomDataSet ds = read(enc, DataSetBytes.of(enc)
                    .raw(Tags.SPECIFIC_CHARACTER_SET, "CS", ascii("ISO_IR 100"))
                    .raw(Tags.ACCESSION_NUMBER, "SH", latin1(" A" + letter + " \0"))
                    .raw(Tags.PATIENT_NAME, "PN", latin1("D" + letter + "e^John=\\ Roe^Jane==  \\"))
                    .raw(Tags.PATIENT_ID, "LO", latin1("I" + letter + "\\ \\J \0"))
                    .raw(Tags.DOCUMENT_TITLE, "ST", latin1("  " + letter + "\\b  ")));

            assertThat(ds.string(Tags.ACCESSION_NUMBER)).isEqualTo(" A" + letter);
            assertThat(ds.strings(Tags.PATIENT_NAME)).containsExactly("D" + letter + "e^John", " Roe^Jane", "");
            assertThat(ds.strings(Tags.PATIENT_ID)).containsExactly("I" + letter, "", "J");
            assertThat(ds.strings(Tags.DOCUMENT_TITLE)).containsExactly("  " + letter + "\\b");
        }
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void binaryNumbersAreRenderedAsDecimalStrings(Encoding enc) throws Exception {
        java.nio.ByteOrder order = enc.bigEndian() ? java.nio.ByteOrder.BIG_ENDIAN : java.nio.ByteOrder.LITTLE_ENDIAN;
        java.nio.ByteBuffer us = java.nio.ByteBuffer.allocate(4).order(order).putShort((short) 65535).putShort((short) 3);
        java.nio.ByteBuffer ss = java.nio.ByteBuffer.allocate(2).order(order).putShort((short) -2);
        java.nio.ByteBuffer ul = java.nio.ByteBuffer.allocate(4).order(order).putInt(0xFFFFFFFF);
        java.nio.ByteBuffer sl = java.nio.ByteBuffer.allocate(4).order(order).putInt(-5);
        java.nio.ByteBuffer fl = java.nio.ByteBuffer.allocate(4).order(order).putFloat(1.5f);
        java.nio.ByteBuffer fd = java.nio.ByteBuffer.allocate(16).order(order).putDouble(-0.25).putDouble(1e300);
        java.nio.ByteBuffer at = java.nio.ByteBuffer.allocate(4).order(order).putShort((short) 0x0010).putShort((short) 0x0020);
        java.nio.ByteBuffer sv = java.nio.ByteBuffer.allocate(8).order(order).putLong(-9_000_000_000L);
        java.nio.ByteBuffer uv = java.nio.ByteBuffer.allocate(8).order(order).putLong(-1L);
        byte[] odd = new byte[5];

        DicomDataSet ds = read(enc, DataSetBytes.of(enc)
                .raw(0x00280010, "US", us.array())
                .raw(0x00189219, "SS", ss.array())
                .raw(0x00189095, "UL", ul.array())
                .raw(0x00186020, "SL", sl.array())
                .raw(0x00181320, "FL", fl.array())
                .raw(0x00189052, "FD", fd.array())
                .raw(0x00209165, "AT", at.array())
                .raw(0x00720082, "SV", sv.array())
                .raw(0x00720083, "UV", uv.array())
                .raw(0x00091010, "OB", new byte[] {1, 2})
                .raw(0x00091011, "UN", new byte[] {1, 2})
                .raw(0x00091012, "OW", odd));

        assertThat(ds.strings(0x00280010)).containsExactly("65535", "3");
        assertThat(ds.strings(0x00189219)).containsExactly("-2");
        assertThat(ds.strings(0x00189095)).containsExactly("4294967295");
        assertThat(ds.strings(0x00186020)).containsExactly("-5");
        assertThat(ds.strings(0x00181320)).containsExactly("1.5");
        assertThat(ds.strings(0x00189052)).containsExactly("-0.25", "1.0E300");
        assertThat(ds.strings(0x00209165)).containsExactly("00100020");
        assertThat(ds.strings(0x00720082)).containsExactly("-9000000000");
        assertThat(ds.strings(0x00720083)).containsExactly("18446744073709551615");
        assertThat(ds.get(0x00091010).values()).isEmpty();
        assertThat(ds.get(0x00091010).vr()).isEqualTo(enc.explicitVr() ? Vr.OB : Vr.UN); // implicit: a private tag is unknown
        assertThat(ds.get(0x00091011).values()).isEmpty();
        assertThat(ds.get(0x00091012).values()).isEmpty();
    }
}
