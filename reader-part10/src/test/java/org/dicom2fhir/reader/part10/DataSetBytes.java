package org.dicom2fhir.reader.part10;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;
import org.dicom2fhir.codec.internal.Encoding;

/**
 * Hand-made data set bytes for tests: each call appends one element (or item, or delimiter) in the
 * chosen encoding, exactly as told, damage included. Deliberately independent of the reader's code.
 */
final class DataSetBytes {
    static final long UNDEFINED = 0xFFFFFFFFL;
    static final int ITEM = 0xFFFEE000;
    static final int ITEM_END = 0xFFFEE00D;
    static final int SEQUENCE_END = 0xFFFEE0DD;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final boolean explicit;
    private final boolean big;

    private DataSetBytes(boolean explicit, boolean big) {
        this.explicit = explicit;
        this.big = big;
    }

    static DataSetBytes explicitLittle() {
        return new DataSetBytes(true, false);
    }

    static DataSetBytes implicitLittle() {
        return new DataSetBytes(false, false);
    }

    static DataSetBytes explicitBig() {
        return new DataSetBytes(true, true);
    }

    static DataSetBytes of(Encoding encoding) {
        return new DataSetBytes(encoding.explicitVr(), encoding.bigEndian());
    }

    /** Text padded to even length (UI with NUL, others with a space). */
    DataSetBytes text(int tag, String vr, String value) {
        return text(tag, vr, value, StandardCharsets.ISO_8859_1);
    }

    DataSetBytes text(int tag, String vr, String value, Charset charset) {
        byte[] v = value.getBytes(charset);
        if (v.length % 2 != 0) {
            byte[] padded = new byte[v.length + 1];
            System.arraycopy(v, 0, padded, 0, v.length);
            padded[v.length] = (byte) ("UI".equals(vr) ? 0 : ' ');
            v = padded;
        }
        return raw(tag, vr, v);
    }

    /** An element with exactly these value bytes (odd lengths allowed). */
    DataSetBytes raw(int tag, String vr, byte[] value) {
        header(tag, vr, value.length);
        out.writeBytes(value);
        return this;
    }

    DataSetBytes us(int tag, int... values) {
        byte[] v = new byte[values.length * 2];
        for (int i = 0; i < values.length; i++) {
            put16(v, i * 2, values[i]);
        }
        return raw(tag, "US", v);
    }

    /** An element header alone: tag, VR (explicit only) and the length as given. */
    DataSetBytes header(int tag, String vr, long length) {
        tag(tag);
        if (explicit) {
            out.writeBytes(vr.getBytes(StandardCharsets.ISO_8859_1));
            if (isLong(vr)) {
                out.write(0);
                out.write(0);
                u32(length);
            } else {
                u16((int) length);
            }
        } else {
            u32(length);
        }
        return this;
    }

    /** An item, item delimiter or sequence delimiter: tag and a 32-bit length, no VR. */
    DataSetBytes marker(int tag, long length) {
        tag(tag);
        u32(length);
        return this;
    }

    /** A sequence of undefined length whose items have undefined length. */
    DataSetBytes sequence(int tag, DataSetBytes... items) {
        header(tag, "SQ", UNDEFINED);
        for (DataSetBytes item : items) {
            marker(ITEM, UNDEFINED);
            out.writeBytes(item.toBytes());
            marker(ITEM_END, 0);
        }
        return marker(SEQUENCE_END, 0);
    }

    /** A sequence of defined length whose items have defined lengths. */
    DataSetBytes definedSequence(int tag, DataSetBytes... items) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (DataSetBytes item : items) {
            byte[] b = item.toBytes();
            DataSetBytes m = new DataSetBytes(explicit, big).marker(ITEM, b.length);
            body.writeBytes(m.toBytes());
            body.writeBytes(b);
        }
        header(tag, "SQ", body.size());
        out.writeBytes(body.toByteArray());
        return this;
    }

    DataSetBytes bytes(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    DataSetBytes item() {
        return new DataSetBytes(explicit, big);
    }

    byte[] toBytes() {
        return out.toByteArray();
    }

    int size() {
        return out.size();
    }

    private static boolean isLong(String vr) {
        return switch (vr) {
            case "OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV" -> true;
            default -> false;
        };
    }

    private void tag(int tag) {
        u16(tag >>> 16);
        u16(tag & 0xFFFF);
    }

    private void u16(int v) {
        if (big) {
            out.write(v >>> 8 & 0xFF);
            out.write(v & 0xFF);
        } else {
            out.write(v & 0xFF);
            out.write(v >>> 8 & 0xFF);
        }
    }

    private void u32(long v) {
        if (big) {
            u16((int) (v >>> 16 & 0xFFFF));
            u16((int) (v & 0xFFFF));
        } else {
            u16((int) (v & 0xFFFF));
            u16((int) (v >>> 16 & 0xFFFF));
        }
    }

    private void put16(byte[] b, int i, int v) {
        if (big) {
            b[i] = (byte) (v >>> 8);
            b[i + 1] = (byte) v;
        } else {
            b[i] = (byte) v;
            b[i + 1] = (byte) (v >>> 8);
        }
    }

    // ----- whole files

    /** Preamble, DICM, a File Meta group (explicit VR LE, with group length) naming the transfer syntax, the data set. */
    static byte[] part10(String transferSyntaxUid, byte[] dataSet) {
        DataSetBytes meta = explicitLittle()
                .raw(0x00020001, "OB", new byte[] {0, 1})
                .text(0x00020002, "UI", "1.2.840.10008.5.1.4.1.1.7")
                .text(0x00020003, "UI", "1.2.3.4.5.6.7")
                .text(0x00020010, "UI", transferSyntaxUid)
                .text(0x00020012, "UI", "1.2.3.999");
        byte[] group = meta.toBytes();
        DataSetBytes file = explicitLittle();
        file.out.writeBytes(new byte[128]);
        file.out.writeBytes("DICM".getBytes(StandardCharsets.US_ASCII));
        byte[] length = {(byte) group.length, (byte) (group.length >>> 8), (byte) (group.length >>> 16), (byte) (group.length >>> 24)};
        file.raw(0x00020000, "UL", length);
        file.out.writeBytes(group);
        file.out.writeBytes(dataSet);
        return file.toBytes();
    }

    /** Raw deflate (no zlib wrapper), as PS3.5 A.5 prescribes. */
    static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        deflater.setInput(data);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        while (!deflater.finished()) {
            out.write(buf, 0, deflater.deflate(buf));
        }
        deflater.end();
        return out.toByteArray();
    }

    /** A small, typical data set with the three UIDs, a name and pixel data after them. */
    static DataSetBytes typical(Encoding encoding) {
        return of(encoding)
                .text(0x00080005, "CS", "ISO_IR 100")
                .text(0x00080016, "UI", "1.2.840.10008.5.1.4.1.1.7")
                .text(0x00080018, "UI", "1.2.3.4.5.6.7")
                .text(0x00080060, "CS", "OT")
                .text(0x00100010, "PN", "Doe^John")
                .text(0x00100020, "LO", "ID42")
                .text(0x0020000D, "UI", "1.2.3.4")
                .text(0x0020000E, "UI", "1.2.3.4.5")
                .text(0x00200013, "IS", "7")
                .us(0x00280010, 2)
                .raw(0x7FE00010, "OW", new byte[8]);
    }
}
