package org.dicom2fhir.testkit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;
import org.dicom2fhir.api.dicom.Tags;

/**
 * Named malformed and edge-case files for tests: the bad-input classes of {@link BadInputs} ("class N"
 * below) that a single file shows. Each returns the whole file as bytes; all are built from
 * {@link #dataSet()}, a small valid instance with known UIDs.
 */
public final class Fixtures {
    private Fixtures() {
    }

    public static final String SOP_CLASS_UID = "1.2.840.10008.5.1.4.1.1.2";
    public static final String SOP_INSTANCE_UID = "2.25.329800735698586629295641978511506172918";
    public static final String STUDY_INSTANCE_UID = "2.25.71089093416418452432543785497117430621";
    public static final String SERIES_INSTANCE_UID = "2.25.205536513585233066394087478620577211903";
    public static final String DICOMDIR_SOP_CLASS_UID = "1.2.840.10008.1.3.10";
    /** A syntactically valid UID that names no transfer syntax. */
    public static final String UNKNOWN_TRANSFER_SYNTAX_UID = "2.25.298262180446284591342367539138218330419";

    private static final int PRIVATE_CREATOR_0009 = 0x00090010;
    private static final int PRIVATE_0009_DATA = 0x00091001;
    private static final int PRIVATE_0029_DATA = 0x00291001;
    private static final int PRIVATE_CREATOR_0029 = 0x00290010;
    private static final int ITEM_DELIMITATION = 0xFFFEE00D;
    private static final int SEQUENCE_DELIMITATION = 0xFFFEE0DD;

    /** A small valid CT instance: all three UIDs, SOP Class, patient and study attributes, ISO_IR 100. */
    public static DicomObject dataSet() {
        return new DicomObject()
                .set(Tags.SPECIFIC_CHARACTER_SET, "CS", "ISO_IR 100")
                .set(Tags.IMAGE_TYPE, "CS", "ORIGINAL", "PRIMARY", "AXIAL")
                .set(Tags.SOP_CLASS_UID, "UI", SOP_CLASS_UID)
                .set(Tags.SOP_INSTANCE_UID, "UI", SOP_INSTANCE_UID)
                .set(Tags.STUDY_DATE, "DA", "20240115")
                .set(Tags.STUDY_TIME, "TM", "093000")
                .set(Tags.ACCESSION_NUMBER, "SH", "FIXTURE-ACC")
                .set(Tags.MODALITY, "CS", "CT")
                .set(Tags.TIMEZONE_OFFSET_FROM_UTC, "SH", "+0100")
                .set(Tags.STUDY_DESCRIPTION, "LO", "Fixture study")
                .set(Tags.SERIES_DESCRIPTION, "LO", "Fixture series")
                .set(Tags.PATIENT_NAME, "PN", "Fixture^Patient")
                .set(Tags.PATIENT_ID, "LO", "FIXTURE-0001")
                .set(Tags.PATIENT_BIRTH_DATE, "DA", "19700101")
                .set(Tags.PATIENT_SEX, "CS", "O")
                .set(Tags.BODY_PART_EXAMINED, "CS", "CHEST")
                .set(Tags.STUDY_INSTANCE_UID, "UI", STUDY_INSTANCE_UID)
                .set(Tags.SERIES_INSTANCE_UID, "UI", SERIES_INSTANCE_UID)
                .set(Tags.SERIES_NUMBER, "IS", "1")
                .set(Tags.INSTANCE_NUMBER, "IS", "1");
    }

    /** {@link #dataSet()} as a complete file (preamble, File Meta) in {@code ts}. */
    public static byte[] valid(TransferSyntax ts) {
        return DicomFileWriter.toBytes(dataSet(), DicomFileSpec.of(ts));
    }

    /** No preamble, no File Meta: the bare data set (ACR-NEMA style), as bad-input class 10 describes. */
    public static byte[] rawDataSet(TransferSyntax ts) {
        return DicomFileWriter.toBytes(dataSet(), DicomFileSpec.of(ts).withPreamble(false).withFileMeta(false));
    }

    public static byte[] rawImplicitLittleEndian() {
        return rawDataSet(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
    }

    public static byte[] rawExplicitLittleEndian() {
        return rawDataSet(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    }

    public static byte[] rawExplicitBigEndian() {
        return rawDataSet(TransferSyntax.EXPLICIT_VR_BIG_ENDIAN);
    }

    /** The first {@code length} bytes of {@code file}. */
    public static byte[] truncated(byte[] file, int length) {
        if (length < 0 || length > file.length) {
            throw new IllegalArgumentException("length must be 0.." + file.length);
        }
        return Arrays.copyOf(file, length);
    }

    /** {@link #valid} in explicit VR LE, cut after {@code length} bytes. */
    public static byte[] truncatedValid(int length) {
        return truncated(valid(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN), length);
    }

    /** {@link #valid} in explicit VR LE followed by {@code zeros} zero bytes (bad-input class 4). */
    public static byte[] trailingZeroPadding(int zeros) {
        byte[] valid = valid(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        return Arrays.copyOf(valid, valid.length + zeros);
    }

    /**
     * {@link #dataSet()} with odd-length values left unpadded and one value padded with NUL instead of
     * a space (bad-input class 8): Patient ID "ODD" (3 bytes), Accession Number "A-1" (3 bytes),
     * Study Description "Fixture study" padded with NUL.
     */
    public static byte[] oddLengthValues() {
        DicomObject ds = dataSet()
                .setBytesUnpadded(Tags.PATIENT_ID, "LO", "ODD".getBytes(StandardCharsets.US_ASCII))
                .setBytesUnpadded(Tags.ACCESSION_NUMBER, "SH", "A-1".getBytes(StandardCharsets.US_ASCII))
                .setBytesUnpadded(Tags.STUDY_DESCRIPTION, "LO", "Fixture study\0".getBytes(StandardCharsets.US_ASCII));
        return DicomFileWriter.toBytes(ds, DicomFileSpec.of(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
    }

    /** A zero-byte file. */
    public static byte[] empty() {
        return new byte[0];
    }

    /** A plain text file longer than 132 bytes and without "DICM". */
    public static byte[] notDicom() {
        String line = "This is a plain text file that happens to sit in a study folder. It is not DICOM.\n";
        return line.repeat(4).getBytes(StandardCharsets.US_ASCII);
    }

    /** A valid explicit VR LE file whose File Meta names a transfer syntax nobody knows. */
    public static byte[] unknownTransferSyntax() {
        DicomObject ds = dataSet().set(Tags.TRANSFER_SYNTAX_UID, "UI", UNKNOWN_TRANSFER_SYNTAX_UID);
        return DicomFileWriter.toBytes(ds, DicomFileSpec.of(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
    }

    /**
     * {@link #dataSet()} without {@code tag}: one of Study (0020,000D), Series (0020,000E) or SOP
     * Instance UID (0008,0018), or SOP Class UID (0008,0016); the File Meta copy of a SOP UID goes too.
     */
    public static byte[] missingUid(int tag) {
        if (!List.of(Tags.STUDY_INSTANCE_UID, Tags.SERIES_INSTANCE_UID, Tags.SOP_INSTANCE_UID, Tags.SOP_CLASS_UID)
                .contains(tag)) {
            throw new IllegalArgumentException("not one of the UIDs a file needs: " + DicomObject.tagText(tag));
        }
        return DicomFileWriter.toBytes(dataSet().remove(tag), DicomFileSpec.of(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
    }

    /**
     * An element declaring a value length past the end of the file (bad-input class 1): an OB private
     * element (0009,1001) declaring 0xFFFFFFF0 bytes, after the SOP UIDs but before the Study and Series
     * UIDs, followed by only 16 bytes. The file ends there.
     */
    public static byte[] declaredLengthPastEof() {
        return withDeclaredLength(dataSet().set(PRIVATE_CREATOR_0009, "LO", "FIXTURE"), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN,
                PRIVATE_0009_DATA, "OB", 0xFFFFFFF0L, 16);
    }

    /** As {@link #declaredLengthPastEof()}, but the element (0029,1001) comes after all the UIDs a reader needs. */
    public static byte[] declaredLengthPastEofAfterUids() {
        return withDeclaredLength(dataSet().set(PRIVATE_CREATOR_0029, "LO", "FIXTURE"), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN,
                PRIVATE_0029_DATA, "OB", 0xFFFFFFF0L, 16);
    }

    /**
     * A file holding the elements of {@code dataSet} below {@code tag}, then {@code tag} with VR {@code vr}
     * declaring {@code declaredLength} bytes of which only {@code presentBytes} follow; the file ends there.
     * With a 2-byte-length VR in explicit VR the declared length is cut to 16 bits.
     */
    public static byte[] withDeclaredLength(DicomObject dataSet, TransferSyntax ts, int tag, String vr,
            long declaredLength, int presentBytes) {
        if (ts.deflated()) {
            throw new IllegalArgumentException("patch lengths in an inflated stream, not a deflated one");
        }
        DicomObject ds = below(dataSet, tag);
        byte[] present = new byte[presentBytes];
        Arrays.fill(present, (byte) 0x55);
        ds.setBytesUnpadded(tag, vr, present);
        byte[] file = DicomFileWriter.toBytes(ds, DicomFileSpec.of(ts));
        boolean shortLength = ts.explicitVr() && !DataSetEncoder.longLength(vr);
        int lengthPos = file.length - presentBytes - (shortLength ? 2 : 4);
        if (shortLength) {
            put16(file, lengthPos, (int) declaredLength, ts.bigEndian());
        } else {
            put32(file, lengthPos, declaredLength, ts.bigEndian());
        }
        return file;
    }

    /**
     * Sequences nested {@code depth} levels deep (a top-level sequence is depth 1) inside the Procedure
     * Code Sequence (0008,1032), which comes before the Study and Series UIDs, so a reader must get
     * through the nesting to reach them. Explicit VR LE with undefined lengths.
     */
    public static byte[] deeplyNested(int depth) {
        return deeplyNested(depth, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, true);
    }

    public static byte[] deeplyNested(int depth, TransferSyntax ts, boolean undefinedLengths) {
        return DicomFileWriter.toBytes(deeplyNestedDataSet(depth),
                DicomFileSpec.of(ts).withUndefinedLengths(undefinedLengths));
    }

    /** The data set of {@link #deeplyNested(int)}, built without recursion. */
    public static DicomObject deeplyNestedDataSet(int depth) {
        if (depth < 1) {
            throw new IllegalArgumentException("depth must be at least 1");
        }
        DicomObject item = new DicomObject().set(Tags.CODE_MEANING, "LO", "leaf");
        for (int level = depth; level > 1; level--) {
            item = new DicomObject().setSequence(MoreTags.CONTENT_SEQUENCE, item);
        }
        return dataSet().setSequence(Tags.PROCEDURE_CODE_SEQUENCE, item);
    }

    /**
     * Deflated Explicit VR Little Endian whose data set inflates to more than {@code inflatedMebibytes}
     * MiB (bad-input class 6): a zero-filled OB element (0009,1001) of that size sits between the SOP
     * UIDs and the Study/Series UIDs, and compresses to about a thousandth of its size.
     */
    public static byte[] deflateBomb(int inflatedMebibytes) {
        if (inflatedMebibytes < 1 || inflatedMebibytes > 4095) {
            throw new IllegalArgumentException("1..4095 MiB");
        }
        long bombBytes = (long) inflatedMebibytes << 20;
        DicomObject ds = dataSet().set(PRIVATE_CREATOR_0009, "LO", "FIXTURE");
        byte[] before = DataSetEncoder.encodeExplicitLittleEndian(below(ds, PRIVATE_0009_DATA));
        DicomObject after = ds.copy();
        for (int tag : ds.tags()) {
            if (Integer.compareUnsigned(tag, PRIVATE_0009_DATA) <= 0) {
                after.remove(tag);
            }
        }
        byte[] afterBytes = DataSetEncoder.encodeExplicitLittleEndian(after);
        ByteSink header = new ByteSink(12, false);
        header.tag(PRIVATE_0009_DATA);
        header.u8('O');
        header.u8('B');
        header.u16(0);
        header.u32(bombBytes);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(DicomFileWriter.preamble());
        out.writeBytes(DicomFileWriter.fileMeta(ds, TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN.uid()));
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        try {
            byte[] buf = new byte[64 * 1024];
            feed(deflater, before, buf, out);
            feed(deflater, header.toByteArray(), buf, out);
            byte[] zeros = new byte[1 << 20];
            for (long left = bombBytes; left > 0; left -= zeros.length) {
                feed(deflater, zeros, buf, out);
            }
            feed(deflater, afterBytes, buf, out);
            deflater.finish();
            while (!deflater.finished()) {
                out.write(buf, 0, deflater.deflate(buf));
            }
        } finally {
            deflater.end();
        }
        return out.toByteArray();
    }

    private static void feed(Deflater deflater, byte[] input, byte[] buf, ByteArrayOutputStream out) {
        deflater.setInput(input);
        while (!deflater.needsInput()) {
            out.write(buf, 0, deflater.deflate(buf));
        }
    }

    /**
     * An undefined-length sequence and item whose delimiters never come: the file ends inside the item
     * (bad-input class 2). {@code beforeUids}: the sequence is the Procedure Code Sequence (0008,1032)
     * and the Study/Series UIDs are never reached; otherwise it is a Content Sequence (0040,A730) after
     * every UID.
     */
    public static byte[] undefinedLengthSequenceWithoutDelimiter(boolean beforeUids) {
        int tag = beforeUids ? Tags.PROCEDURE_CODE_SEQUENCE : MoreTags.CONTENT_SEQUENCE;
        DicomObject ds = below(dataSet(), tag).setSequence(tag, new DicomObject()
                .set(Tags.CODE_VALUE, "SH", "X1").set(Tags.CODING_SCHEME_DESIGNATOR, "SH", "99FIX")
                .set(Tags.CODE_MEANING, "LO", "cut short"));
        byte[] file = DicomFileWriter.toBytes(ds,
                DicomFileSpec.of(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN).withUndefinedLengths(true));
        // drop the Item and Sequence Delimitation Items (8 bytes each) at the very end
        int cut = file.length - 16;
        if (tagAt(file, cut) != ITEM_DELIMITATION || tagAt(file, cut + 8) != SEQUENCE_DELIMITATION) {
            throw new IllegalStateException("the sequence should end the file");
        }
        return Arrays.copyOf(file, cut);
    }

    /**
     * A DICOMDIR (Media Storage SOP Class 1.2.840.10008.1.3.10) with one PATIENT/STUDY/SERIES/IMAGE
     * record chain whose offsets are correct, referencing the file IMAGES\IM000001 (which must never be
     * followed).
     */
    public static byte[] dicomdir() {
        long[] offsets = new long[4];
        byte[] file = null;
        for (int pass = 0; pass < 2; pass++) {
            file = DicomFileWriter.toBytes(dicomdirDataSet(offsets), DicomFileSpec.of(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
            offsets = recordOffsets(file);
        }
        return file;
    }

    private static DicomObject dicomdirDataSet(long[] offsets) {
        DicomObject patient = record("PATIENT", 0, offsets[1])
                .set(Tags.PATIENT_NAME, "PN", "Fixture^Patient").set(Tags.PATIENT_ID, "LO", "FIXTURE-0001");
        DicomObject study = record("STUDY", 0, offsets[2])
                .set(Tags.STUDY_DATE, "DA", "20240115").set(Tags.STUDY_TIME, "TM", "093000")
                .set(Tags.ACCESSION_NUMBER, "SH", "FIXTURE-ACC").set(Tags.STUDY_DESCRIPTION, "LO", "Fixture study")
                .set(Tags.STUDY_INSTANCE_UID, "UI", STUDY_INSTANCE_UID).set(MoreTags.STUDY_ID, "SH", "1");
        DicomObject series = record("SERIES", 0, offsets[3])
                .set(Tags.MODALITY, "CS", "CT").set(Tags.SERIES_INSTANCE_UID, "UI", SERIES_INSTANCE_UID)
                .set(Tags.SERIES_NUMBER, "IS", "1");
        DicomObject image = record("IMAGE", 0, 0)
                .set(0x00041500, "CS", "IMAGES", "IM000001")
                .set(0x00041510, "UI", SOP_CLASS_UID)
                .set(0x00041511, "UI", SOP_INSTANCE_UID)
                .set(0x00041512, "UI", TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid())
                .set(Tags.INSTANCE_NUMBER, "IS", "1");
        return new DicomObject()
                .set(Tags.MEDIA_STORAGE_SOP_CLASS_UID, "UI", DICOMDIR_SOP_CLASS_UID)
                .set(Tags.MEDIA_STORAGE_SOP_INSTANCE_UID, "UI", "2.25.172373598377117493227474011155468519427")
                .set(0x00041130, "CS", "FIXTURE")
                .setInts(0x00041200, "UL", (int) offsets[0])
                .setInts(0x00041202, "UL", (int) offsets[0])
                .setInts(0x00041212, "US", 0)
                .setSequence(MoreTags.DIRECTORY_RECORD_SEQUENCE, patient, study, series, image);
    }

    private static DicomObject record(String type, long next, long lower) {
        return new DicomObject()
                .setInts(0x00041400, "UL", (int) next)
                .setInts(0x00041410, "US", 0xFFFF)
                .setInts(0x00041420, "UL", (int) lower)
                .set(0x00041430, "CS", type);
    }

    /** File offsets of the items of (0004,1220), found by walking its defined-length items. */
    private static long[] recordOffsets(byte[] file) {
        byte[] marker = {0x04, 0x00, 0x20, 0x12, 'S', 'Q', 0, 0};
        int sq = indexOf(file, marker);
        int pos = sq + 12;
        long[] offsets = new long[4];
        for (int i = 0; i < 4; i++) {
            if (tagAt(file, pos) != Tags.ITEM) {
                throw new IllegalStateException("directory record item expected at " + pos);
            }
            offsets[i] = pos;
            pos += 8 + (int) u32(file, pos + 4);
        }
        return offsets;
    }

    /** A copy of the elements of {@code ds} whose tag is below {@code tag} (unsigned). */
    private static DicomObject below(DicomObject ds, int tag) {
        DicomObject copy = ds.copy();
        for (int t : ds.tags()) {
            if (Integer.compareUnsigned(t, tag) >= 0) {
                copy.remove(t);
            }
        }
        return copy;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("marker not found");
    }

    /** A little-endian tag at {@code pos}. */
    private static int tagAt(byte[] b, int pos) {
        int group = (b[pos] & 0xFF) | ((b[pos + 1] & 0xFF) << 8);
        int element = (b[pos + 2] & 0xFF) | ((b[pos + 3] & 0xFF) << 8);
        return (group << 16) | element;
    }

    private static long u32(byte[] b, int pos) {
        return ((b[pos] & 0xFF) | ((b[pos + 1] & 0xFF) << 8) | ((b[pos + 2] & 0xFF) << 16)
                | ((long) (b[pos + 3] & 0xFF) << 24)) & 0xFFFFFFFFL;
    }

    private static void put16(byte[] b, int pos, int v, boolean bigEndian) {
        if (bigEndian) {
            b[pos] = (byte) (v >>> 8);
            b[pos + 1] = (byte) v;
        } else {
            b[pos] = (byte) v;
            b[pos + 1] = (byte) (v >>> 8);
        }
    }

    private static void put32(byte[] b, int pos, long v, boolean bigEndian) {
        for (int i = 0; i < 4; i++) {
            int shift = bigEndian ? 24 - 8 * i : 8 * i;
            b[pos + i] = (byte) (v >>> shift);
        }
    }
}
