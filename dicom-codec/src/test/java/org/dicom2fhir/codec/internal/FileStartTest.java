package org.dicom2fhir.codec.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.dicom2fhir.api.ReasonCode;
import org.dicom2fhir.api.dicom.DicomReadException;
import org.dicom2fhir.api.dicom.NotDicomException;
import org.dicom2fhir.api.dicom.Tags;
import org.dicom2fhir.api.dicom.Vr;
import org.junit.jupiter.api.Test;

/** The shared file start over a plain array: what both readers' own tests check through their inputs. */
class FileStartTest {
    /** The whole input in memory: every fetch within it succeeds. */
    private record ArrayWindow(byte[] bytes) implements ByteWindow {
        @Override
        public int fetch(long pos, long n) {
            return pos >= 0 && pos + n <= bytes.length ? (int) pos : -1;
        }

        @Override
        public int peek(long pos, int n) {
            return fetch(pos, n);
        }

        @Override
        public byte[] buffer() {
            return bytes;
        }

        @Override
        public long length() {
            return bytes.length;
        }
    }

    private static void element(ByteArrayOutputStream out, int tag, String vr, String value) {
        byte[] v = value.getBytes(StandardCharsets.ISO_8859_1);
        out.writeBytes(new byte[] {(byte) (tag >>> 16), (byte) (tag >>> 24), (byte) tag, (byte) (tag >>> 8),
            (byte) vr.charAt(0), (byte) vr.charAt(1), (byte) v.length, (byte) (v.length >>> 8)});
        out.writeBytes(v);
    }

    /** Preamble, DICM, a File Meta group naming {@code ts}, then a little data set in explicit VR little endian. */
    private static byte[] file(String ts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[128]);
        out.writeBytes("DICM".getBytes(StandardCharsets.US_ASCII));
        element(out, Tags.MEDIA_STORAGE_SOP_INSTANCE_UID, "UI", "1.2.3.40");
        element(out, Tags.TRANSFER_SYNTAX_UID, "UI", ts);
        element(out, Tags.SOP_INSTANCE_UID, "UI", "1.2.3.4");
        element(out, Tags.PATIENT_ID, "LO", "ID01");
        return out.toByteArray();
    }

    @Test
    void walksTheFileMetaGroupAndTakesTheTransferSyntaxFromIt() throws Exception {
        byte[] file = file(TransferSyntaxes.EXPLICIT_VR_LITTLE_ENDIAN + "\0");
        List<String> taken = new ArrayList<>();
        ReadWarnings warnings = new ReadWarnings();
        FileStart.Start start = FileStart.read(new ArrayWindow(file), new ElementHeader(tag -> null), warnings, (h, pos) -> {
            taken.add(Tags.format(h.tag()) + " " + h.vr() + " at " + pos);
            return true;
        });
        assertThat(taken).containsExactly("(0002,0003) UI at 132", "(0002,0010) UI at 148");
        assertThat(start.dataSetPos()).isEqualTo(176);
        assertThat(start.encoding()).isEqualTo(Encoding.EXPLICIT_VR_LITTLE_ENDIAN);
        assertThat(start.metaEncoding()).isEqualTo(Encoding.EXPLICIT_VR_LITTLE_ENDIAN);
        assertThat(start.transferSyntaxUid()).isEqualTo(TransferSyntaxes.EXPLICIT_VR_LITTLE_ENDIAN);
        assertThat(warnings.toList()).isEmpty();
    }

    @Test
    void anUnknownTransferSyntaxIsQuotedOnlyAsPrintableAscii() throws Exception {
        String hostile = "1.2.\u00e9\u0007" + "9".repeat(100);
        ReadWarnings warnings = new ReadWarnings();
        FileStart.Start start = FileStart.read(new ArrayWindow(file(hostile)), new ElementHeader(tag -> null), warnings,
                (h, pos) -> true);
        assertThat(start.transferSyntaxUid()).isEqualTo(hostile);
        assertThat(start.encoding()).isEqualTo(Encoding.EXPLICIT_VR_LITTLE_ENDIAN);
        assertThat(warnings.toList()).singleElement().satisfies(w -> {
            assertThat(w.code()).isEqualTo(ReadWarnings.TRANSFER_SYNTAX);
            assertThat(w.message()).matches("[\\x20-\\x7E]+").contains("1.2.??999").contains("...");
        });
    }

    @Test
    void aValuePastTheEndAndAFileWithoutMarkerFail() {
        byte[] file = file(TransferSyntaxes.EXPLICIT_VR_LITTLE_ENDIAN);
        assertThatThrownBy(() -> FileStart.read(new ArrayWindow(file), new ElementHeader(tag -> Vr.UI), new ReadWarnings(),
                (h, pos) -> h.tag() != Tags.TRANSFER_SYNTAX_UID))
                .isInstanceOfSatisfying(DicomReadException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ReasonCode.LENGTH_EXCEEDS_FILE);
                    assertThat(e.tag()).isEqualTo(Tags.TRANSFER_SYNTAX_UID);
                    assertThat(e.offset()).isEqualTo(148);
                });
        byte[] text = "plain text, no DICOM".repeat(20).getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> FileStart.read(new ArrayWindow(text), new ElementHeader(tag -> null), new ReadWarnings(),
                (h, pos) -> true)).isInstanceOf(NotDicomException.class);
    }
}
