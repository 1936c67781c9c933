package org.dicom2fhir.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import java.util.zip.Deflater;

/**
 * Writes DICOM PS3.10 files for tests: optional preamble and File Meta group (explicit VR LE, with a
 * correct group length), then the data set in the chosen transfer syntax. Text is encoded with the data
 * set's Specific Character Set (see {@link CharacterSets}).
 *
 * <p>File Meta: (0002,0001) 00\01, (0002,0002)/(0002,0003) from the data set's SOP Class/Instance UID
 * when present, (0002,0010), (0002,0012), (0002,0013). Group 0002 elements set in the data set replace
 * or add to these (e.g. a Transfer Syntax UID that lies about the encoding); a (0002,0000) set there is
 * written as given instead of the computed one.
 */
public final class DicomFileWriter {
    private DicomFileWriter() {
    }

    /** Our Implementation Class UID: a 2.25 UID derived from a fixed name, so output is reproducible. */
    public static final String IMPLEMENTATION_CLASS_UID = "2.25."
            + new java.math.BigInteger(1, uuidBytes(UUID.nameUUIDFromBytes(
                    "org.dicom2fhir.testkit".getBytes(StandardCharsets.US_ASCII)))).toString();
    public static final String IMPLEMENTATION_VERSION_NAME = "D2F_TESTKIT_01";

    private static final int SOP_CLASS_UID = 0x00080016;
    private static final int SOP_INSTANCE_UID = 0x00080018;
    private static final int GROUP_LENGTH = 0x00020000;

    /** The whole file in memory (a sparse Pixel Data hole is filled with zeros here). */
    public static byte[] toBytes(DicomObject dataSet, DicomFileSpec spec) {
        Parts p = parts(dataSet, spec);
        long total = (long) p.prefix.length + p.holeBytes + p.tail.length;
        if (total > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("file larger than 2 GiB: use write() for sparse pixel data");
        }
        byte[] all = new byte[(int) total];
        System.arraycopy(p.prefix, 0, all, 0, p.prefix.length);
        System.arraycopy(p.tail, 0, all, (int) (p.prefix.length + p.holeBytes), p.tail.length);
        return all;
    }

    /**
     * Writes the file, replacing an existing one. A sparse Pixel Data hole is skipped with a channel seek,
     * so the file system allocates no blocks for it.
     */
    public static void write(Path file, DicomObject dataSet, DicomFileSpec spec) throws IOException {
        Parts p = parts(dataSet, spec);
        if (p.holeBytes == 0) {
            Files.write(file, p.prefix);
            return;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            writeFully(ch, ByteBuffer.wrap(p.prefix), 0);
            long afterHole = p.prefix.length + p.holeBytes;
            if (p.tail.length > 0) {
                writeFully(ch, ByteBuffer.wrap(p.tail), afterHole);
            } else {
                // one byte at the very end sets the file length; the hole before it stays unallocated
                writeFully(ch, ByteBuffer.wrap(new byte[1]), afterHole - 1);
            }
        }
    }

    private static void writeFully(FileChannel ch, ByteBuffer b, long position) throws IOException {
        long pos = position;
        while (b.hasRemaining()) {
            pos += ch.write(b, pos);
        }
    }

    /** Preamble, File Meta and the (possibly deflated) data set up to the hole; the hole; what follows it. */
    private record Parts(byte[] prefix, long holeBytes, byte[] tail) {
    }

    private static Parts parts(DicomObject dataSet, DicomFileSpec spec) {
        TransferSyntax ts = spec.transferSyntax();
        DataSetEncoder.Pixels pixels = new DataSetEncoder.Pixels(spec.pixelDataShared(), spec.sparsePixelDataBytes());
        DataSetEncoder.Encoded body = DataSetEncoder.encode(dataSet, ts, spec.undefinedLengthSequences(),
                spec.undefinedLengthItems(), pixels, spec.fileMeta());
        byte[] bodyHead = ts.deflated() ? deflate(body.head(), Deflater.DEFAULT_COMPRESSION) : body.head();
        byte[] preamble = spec.preamble() ? preamble() : new byte[0];
        byte[] meta = spec.fileMeta() ? fileMeta(dataSet, ts.uid()) : new byte[0];
        byte[] prefix = new byte[preamble.length + meta.length + bodyHead.length];
        System.arraycopy(preamble, 0, prefix, 0, preamble.length);
        System.arraycopy(meta, 0, prefix, preamble.length, meta.length);
        System.arraycopy(bodyHead, 0, prefix, preamble.length + meta.length, bodyHead.length);
        return new Parts(prefix, body.holeBytes(), body.tail());
    }

    /** 128 zero bytes and "DICM". */
    static byte[] preamble() {
        byte[] b = new byte[132];
        b[128] = 'D';
        b[129] = 'I';
        b[130] = 'C';
        b[131] = 'M';
        return b;
    }

    /** The File Meta group for this data set, declaring {@code transferSyntaxUid}. */
    static byte[] fileMeta(DicomObject dataSet, String transferSyntaxUid) {
        DicomObject meta = new DicomObject();
        meta.setBytes(0x00020001, "OB", new byte[] {0, 1});
        copyUid(dataSet, SOP_CLASS_UID, meta, 0x00020002);
        copyUid(dataSet, SOP_INSTANCE_UID, meta, 0x00020003);
        meta.set(0x00020010, "UI", transferSyntaxUid);
        meta.set(0x00020012, "UI", IMPLEMENTATION_CLASS_UID);
        meta.set(0x00020013, "SH", IMPLEMENTATION_VERSION_NAME);
        for (DicomObject.Attribute a : dataSet.attributes()) {
            if ((a.tag() >>> 16) == 0x0002) {
                meta.putAttribute(a);
            }
        }
        if (meta.contains(GROUP_LENGTH)) {
            return DataSetEncoder.encodeExplicitLittleEndian(meta);
        }
        byte[] rest = DataSetEncoder.encodeExplicitLittleEndian(meta);
        ByteSink sink = new ByteSink(rest.length + 12, false);
        sink.tag(GROUP_LENGTH);
        sink.u8('U');
        sink.u8('L');
        sink.u16(4);
        sink.u32(rest.length);
        sink.bytes(rest);
        return sink.toByteArray();
    }

    private static void copyUid(DicomObject from, int fromTag, DicomObject to, int toTag) {
        if (!from.contains(fromTag)) {
            return;
        }
        String s = from.getString(fromTag);
        if (s != null) {
            to.set(toTag, "UI", s);
        } else {
            byte[] raw = from.getBytes(fromTag);
            if (raw != null) {
                to.setBytes(toTag, "UI", raw);
            }
        }
    }

    /** Raw deflate (no zlib header), as PS3.5 A.5 prescribes. */
    static byte[] deflate(byte[] data, int level) {
        Deflater deflater = new Deflater(level, true);
        try {
            deflater.setInput(data);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, data.length / 4));
            byte[] chunk = new byte[64 * 1024];
            while (!deflater.finished()) {
                int n = deflater.deflate(chunk);
                out.write(chunk, 0, n);
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static byte[] uuidBytes(UUID u) {
        return ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits()).array();
    }
}
