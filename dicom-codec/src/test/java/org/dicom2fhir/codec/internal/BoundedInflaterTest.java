package org.dicom2fhir.codec.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.zip.Deflater;
import org.dicom2fhir.api.Limit;
import org.dicom2fhir.api.ReasonCode;
import org.dicom2fhir.api.dicom.DicomReadException;
import org.dicom2fhir.api.dicom.LimitExceededException;
import org.junit.jupiter.api.Test;

class BoundedInflaterTest {
    private static byte[] rawDeflate(byte[] data) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        deflater.setInput(data);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        while (!deflater.finished()) {
            out.write(buf, 0, deflater.deflate(buf));
        }
        deflater.end();
        return out.toByteArray();
    }

    /** Feeds the compressed bytes in small pieces, as a reader's window or stream would. */
    private static BoundedInflater.Input pieces(byte[] compressed, int piece) {
        int[] pos = {0};
        return inflater -> {
            if (pos[0] >= compressed.length) {
                return false;
            }
            int n = Math.min(piece, compressed.length - pos[0]);
            inflater.setInput(compressed, pos[0], n);
            pos[0] += n;
            return true;
        };
    }

    private static byte[] inflateAll(BoundedInflater inflater, BoundedInflater.Input input) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[1000];
        for (int r; (r = inflater.inflate(buf, 0, buf.length, input)) >= 0; ) {
            out.write(buf, 0, r);
        }
        return out.toByteArray();
    }

    @Test
    void inflatesWhatWasDeflated() throws IOException {
        byte[] data = new byte[100_000];
        Arrays.fill(data, (byte) 'x');
        try (BoundedInflater inflater = new BoundedInflater(132, 1_000_000)) {
            assertThat(inflateAll(inflater, pieces(rawDeflate(data), 7))).isEqualTo(data);
        }
    }

    @Test
    void stopsAtTheCapWithItsReasonAndOffset() {
        byte[] bomb = rawDeflate(new byte[5_000_000]);
        try (BoundedInflater inflater = new BoundedInflater(132, 64_000)) {
            assertThatThrownBy(() -> inflateAll(inflater, pieces(bomb, 512)))
                    .isInstanceOfSatisfying(LimitExceededException.class, e -> {
                        assertThat(e.limit()).isEqualTo(Limit.MAX_INFLATED_BYTES);
                        assertThat(e.reason()).isEqualTo(ReasonCode.INFLATED_TOO_LARGE);
                        assertThat(e.offset()).isEqualTo(132 + 64_000);
                        assertThat(e.getMessage()).contains("64000 bytes").contains("byte " + (132 + 64_000));
                    });
        }
    }

    @Test
    void bytesThatAreNotDeflateAreMalformed() {
        try (BoundedInflater inflater = new BoundedInflater(0, 1_000_000)) {
            assertThatThrownBy(() -> inflateAll(inflater, pieces(new byte[] {(byte) 0xFF, (byte) 0xFF, 0x00, 0x13}, 4)))
                    .isInstanceOfSatisfying(DicomReadException.class, e -> {
                        assertThat(e).isNotInstanceOf(LimitExceededException.class);
                        assertThat(e.reason()).isEqualTo(ReasonCode.MALFORMED);
                    });
        }
    }

    @Test
    void compressedInputCutShortEndsTheData() throws IOException {
        byte[] data = new byte[50_000];
        new java.util.Random(7).nextBytes(data);
        byte[] compressed = rawDeflate(data);
        byte[] cut = Arrays.copyOf(compressed, compressed.length / 2);
        try (BoundedInflater inflater = new BoundedInflater(0, 1_000_000)) {
            byte[] got = inflateAll(inflater, pieces(cut, 1000));
            assertThat(got.length).isLessThan(data.length);
            assertThat(got).isEqualTo(Arrays.copyOf(data, got.length));
        }
    }
}
