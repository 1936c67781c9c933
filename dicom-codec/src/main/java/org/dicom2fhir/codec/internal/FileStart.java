package org.dicom2fhir.codec.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.dicom2fhir.api.ReasonCode;
import org.dicom2fhir.api.dicom.DicomReadException;
import org.dicom2fhir.api.dicom.NotDicomException;
import org.dicom2fhir.api.dicom.Tags;
import org.dicom2fhir.api.dicom.Vr;

/**
 * Everything before the data set, decided alike for every reader: whether the file claims to be DICOM
 * at all (a {@code DICM} marker at byte 128 or 0, or a plausible group 0002 or 0008 element at the
 * start), the File Meta Information group (walked here; each reader takes its elements its own way),
 * and the encoding of the data set: the Transfer Syntax UID's, or, when there is none, an unknown one,
 * or one the data contradicts, the one its first elements show. Failures are value-free
 * {@link DicomReadException}s naming tag and byte offset; lenient decisions are warnings.
 */
public final class FileStart {
    private static final int GROUP_FILE_META = 0x0002;
    private static final int GROUP_IDENTIFYING = 0x0008;
    /** A Transfer Syntax UID is at most 64 characters; more of its value is not looked at. */
    private static final int MAX_UID_BYTES = 256;
    private static final Encoding[] DETECTION_ORDER = {
        Encoding.EXPLICIT_VR_LITTLE_ENDIAN, Encoding.EXPLICIT_VR_BIG_ENDIAN, Encoding.IMPLICIT_VR_LITTLE_ENDIAN };

    /**
     * What comes before the data set.
     *
     * @param metaEncoding      how the File Meta group is encoded; null when the file has none
     * @param dataSetPos        where the data set starts
     * @param encoding          how to read the data set (deflated: once inflated)
     * @param transferSyntaxUid what to report as the transfer syntax the data set was read with
     * @param deflated          whether the data set is deflated
     */
    public record Start(Encoding metaEncoding, long dataSetPos, Encoding encoding, String transferSyntaxUid, boolean deflated) {
    }

    /** Where the elements of the File Meta group go: each reader keeps them its own way. */
    @FunctionalInterface
    public interface MetaElements {
        /**
         * Takes the element whose (checked) header {@code h} is at {@code pos}, up to the end of its
         * value; false when the input ends inside the value.
         */
        boolean take(ElementHeader h, long pos) throws IOException;
    }

    private final ByteWindow w;
    private final ReadWarnings warnings;
    private final ElementHeader h;
    /** The first Transfer Syntax UID of the File Meta group, once read. */
    private String tsUid;

    private FileStart(ByteWindow w, ElementHeader h, ReadWarnings warnings) {
        this.w = w;
        this.warnings = warnings;
        this.h = h;
    }

    /**
     * Reads the preamble, the {@code DICM} marker and the File Meta group of the input {@code w} shows
     * from position 0.
     *
     * @param h    the reader's header (with its data dictionary), refilled here; the reader may reuse it
     * @param meta takes each File Meta element, in file order
     * @throws NotDicomException  the file never claims to be DICOM
     * @throws DicomReadException damage before the data set, or a data set whose encoding cannot be told
     */
    public static Start read(ByteWindow w, ElementHeader h, ReadWarnings warnings, MetaElements meta) throws IOException {
        return new FileStart(w, h, warnings).read(meta);
    }

    /**
     * The declared encoding of the data set at {@code pos}, unless its first elements contradict it and
     * read well in another (a known writer error: explicit VR data under an implicit VR transfer syntax,
     * or the reverse); then that one, with a warning.
     */
    public static Encoding verify(ByteWindow w, long pos, Encoding declared, String tsUid, ElementHeader h,
            ReadWarnings warnings) throws IOException {
        return new FileStart(w, h, warnings).verify(pos, declared, tsUid);
    }

    private Start read(MetaElements meta) throws IOException {
        if (w.atEnd(0)) {
            throw new NotDicomException("The file is empty.");
        }
        long metaPos;
        if (dicmAt(128)) {
            metaPos = 132;
        } else if (dicmAt(0) && groupAt(4) == GROUP_FILE_META) {
            metaPos = 4;
        } else if (groupAt(0) == GROUP_FILE_META && plausible(0, Encoding.EXPLICIT_VR_LITTLE_ENDIAN, GROUP_FILE_META)) {
            metaPos = 0;
        } else {
            return rawDataSet();
        }
        if (groupAt(metaPos) != GROUP_FILE_META) {
            return noFileMeta(metaPos);
        }
        Encoding metaEncoding = Encoding.EXPLICIT_VR_LITTLE_ENDIAN;
        if (!plausible(metaPos, metaEncoding, GROUP_FILE_META)
                && plausible(metaPos, Encoding.IMPLICIT_VR_LITTLE_ENDIAN, GROUP_FILE_META)) {
            metaEncoding = Encoding.IMPLICIT_VR_LITTLE_ENDIAN;
            warnings.add(ReadWarnings.MALFORMED, "The File Meta Information is encoded with implicit VR; it was read as such.");
        }
        long dataSetPos = readMeta(metaPos, metaEncoding, meta);
        String ts = tsUid;
        boolean empty = w.atEnd(dataSetPos);
        if (ts == null || ts.isEmpty()) {
            Encoding enc = empty ? Encoding.EXPLICIT_VR_LITTLE_ENDIAN : detect(dataSetPos, -1);
            if (enc == null) {
                throw new DicomReadException(ReasonCode.UNSUPPORTED_TRANSFER_SYNTAX, "The File Meta Information names no "
                        + "transfer syntax " + Tags.format(Tags.TRANSFER_SYNTAX_UID) + " and the encoding of the data set at byte "
                        + dataSetPos + " cannot be recognised.", Tags.TRANSFER_SYNTAX_UID, dataSetPos);
            }
            warnings.add(ReadWarnings.TRANSFER_SYNTAX, "The File Meta Information names no transfer syntax "
                    + Tags.format(Tags.TRANSFER_SYNTAX_UID) + "; the data set was read as " + enc.uid()
                    + ", detected from its first elements.");
            return new Start(metaEncoding, dataSetPos, enc, enc.uid(), false);
        }
        if (TransferSyntaxes.isDeflated(ts)) {
            return new Start(metaEncoding, dataSetPos, Encoding.EXPLICIT_VR_LITTLE_ENDIAN, ts, true);
        }
        Encoding declared = TransferSyntaxes.encodingOf(ts);
        if (declared == null) {
            Encoding enc = empty ? null : detect(dataSetPos, -1);
            if (enc == null) {
                throw new DicomReadException(ReasonCode.UNSUPPORTED_TRANSFER_SYNTAX, "Transfer syntax " + printable(ts)
                        + " is not supported and the encoding of its data set at byte " + dataSetPos + " cannot be recognised.",
                        Tags.TRANSFER_SYNTAX_UID, dataSetPos);
            }
            warnings.add(ReadWarnings.TRANSFER_SYNTAX, "Transfer syntax " + printable(ts) + " is unknown; its data set was read as "
                    + enc.uid() + ", detected from its first elements.");
            return new Start(metaEncoding, dataSetPos, enc, ts, false);
        }
        Encoding enc = empty ? declared : verify(dataSetPos, declared, ts);
        return new Start(metaEncoding, dataSetPos, enc, enc == declared ? ts : enc.uid(), false);
    }

    /** No DICM marker: a raw data set (ACR-NEMA style) must start with a plausible group 0008 element. */
    private Start rawDataSet() throws IOException {
        Encoding enc = detect(0, GROUP_IDENTIFYING);
        if (enc == null) {
            throw new NotDicomException("The file has no DICM marker at byte 128 and does not start like a DICOM data set.");
        }
        warnings.add(ReadWarnings.TRANSFER_SYNTAX, "The file has no File Meta Information; its data set was read as " + enc.uid()
                + ", detected from its first elements.");
        return new Start(null, 0, enc, enc.uid(), false);
    }

    /** A DICM marker without a File Meta group: the data set follows the marker. */
    private Start noFileMeta(long at) throws IOException {
        Encoding enc = detect(at, -1);
        if (enc == null) {
            if (w.atEnd(at)) {
                throw new DicomReadException(ReasonCode.TRUNCATED, "The file ends right after the DICM marker at byte " + at + ".",
                        DicomReadException.NO_TAG, at);
            }
            if (w.atEnd(at + 7)) {
                // not even one element header follows the marker: the file was cut there (reliability.md)
                throw new DicomReadException(ReasonCode.TRUNCATED, "The file ends inside the first element header after the "
                        + "DICM marker at byte " + at + ".", DicomReadException.NO_TAG, at);
            }
            throw new DicomReadException(ReasonCode.MALFORMED, "Neither File Meta Information nor a data set follows the DICM "
                    + "marker at byte " + at + ".", DicomReadException.NO_TAG, at);
        }
        warnings.add(ReadWarnings.TRANSFER_SYNTAX, "The file has no File Meta Information after its DICM marker; its data set was "
                + "read as " + enc.uid() + ", detected from its first elements.");
        return new Start(null, at, enc, enc.uid(), false);
    }

    /**
     * Walks group 0002 from {@code pos}, handing each element to {@code meta}; returns where the group
     * ends, with the first Transfer Syntax UID in {@link #tsUid} (null when there is none).
     */
    private long readMeta(long pos, Encoding enc, MetaElements meta) throws IOException {
        long declaredEnd = -1; // where (0002,0000) says the group ends
        while (groupAt(pos) == GROUP_FILE_META) {
            if (!h.read(w, pos, enc)) {
                throw new DicomReadException(ReasonCode.TRUNCATED, "The file ends inside the File Meta Information at byte " + pos
                        + ".", DicomReadException.NO_TAG, pos);
            }
            int tag = h.tag();
            if (h.vrInvalid()) {
                throw new DicomReadException(ReasonCode.MALFORMED, "File Meta element " + Tags.format(tag) + " at byte " + pos
                        + " has an invalid VR.", tag, pos);
            }
            if (h.undefinedLength()) {
                throw new DicomReadException(ReasonCode.MALFORMED, "File Meta element " + Tags.format(tag) + " at byte " + pos
                        + " has an undefined length.", tag, pos);
            }
            long length = h.length();
            long end = h.valuePos() + length;
            if (tag == Tags.TRANSFER_SYNTAX_UID && tsUid == null) {
                tsUid = uid(h.valuePos(), (int) Math.min(length, MAX_UID_BYTES));
            } else if (tag == Tags.FILE_META_INFORMATION_GROUP_LENGTH && length == 4) {
                int i = w.fetch(h.valuePos(), 4);
                if (i >= 0) {
                    declaredEnd = end + (ElementHeader.uint32(w.buffer(), i, false) & 0xFFFFFFFFL);
                }
            }
            if (!meta.take(h, pos)) {
                throw new DicomReadException(ReasonCode.LENGTH_EXCEEDS_FILE, "File Meta element " + Tags.format(tag) + " at byte "
                        + pos + " declares a value of " + length + " bytes, past the end of the file.", tag, pos);
            }
            pos = end;
        }
        // A cut inside the group: the file ends in an element header, or where the group length says more follows.
        if (!w.atEnd(pos) && w.atEnd(pos + 7)) {
            throw new DicomReadException(ReasonCode.TRUNCATED, "The file ends inside an element header at byte " + pos + ".",
                    DicomReadException.NO_TAG, pos);
        }
        if (w.atEnd(pos) && declaredEnd > pos) {
            throw new DicomReadException(ReasonCode.TRUNCATED, "The file ends inside the File Meta Information at byte " + pos
                    + " (its group length " + Tags.format(Tags.FILE_META_INFORMATION_GROUP_LENGTH) + " declares it to end at byte "
                    + declaredEnd + ").", DicomReadException.NO_TAG, pos);
        }
        return pos;
    }

    /** A UI value's first value, without its padding (PS3.5 6.2); null when the input ends inside it. */
    private String uid(long pos, int length) throws IOException {
        int i = w.fetch(pos, length);
        if (i < 0) {
            return null;
        }
        byte[] b = w.buffer();
        int from = i;
        int end = i;
        while (end < i + length && b[end] != '\\') {
            end++;
        }
        while (end > from && (b[end - 1] == ' ' || b[end - 1] == 0)) {
            end--;
        }
        while (from < end && b[from] == ' ') {
            from++;
        }
        return new String(b, from, end - from, StandardCharsets.ISO_8859_1);
    }

    /** A UID as a message may quote it: printable ASCII, at most 64 characters (a hostile file's bytes are not). */
    static String printable(String uid) {
        StringBuilder s = new StringBuilder(Math.min(uid.length(), 64) + 3);
        for (int k = 0; k < uid.length() && k < 64; k++) {
            char c = uid.charAt(k);
            s.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        return uid.length() > 64 ? s.append("...").toString() : s.toString();
    }

    private Encoding verify(long pos, Encoding declared, String tsUid) throws IOException {
        if (w.atEnd(pos) || !contradicted(pos, declared)) {
            return declared;
        }
        Encoding found = detect(pos, -1);
        if (found == null || found == declared) {
            return declared; // nothing better: the parser will report where it breaks
        }
        warnings.add(ReadWarnings.TRANSFER_SYNTAX, "The data set does not match transfer syntax " + printable(tsUid)
                + "; it was read as " + found.uid() + ", detected from its first elements.");
        return found;
    }

    /**
     * Whether the first element clearly is not in the declared encoding: explicit VR without a valid
     * VR code, or implicit VR whose bytes read as a sane explicit VR element but not as a sane
     * implicit one. A mere length past the end is no contradiction: that is damage, reported as such.
     */
    private boolean contradicted(long pos, Encoding declared) throws IOException {
        if (!h.read(w, pos, declared)) {
            return false;
        }
        if (declared.explicitVr()) {
            return h.vrInvalid();
        }
        Encoding explicit = declared.bigEndian() ? Encoding.EXPLICIT_VR_BIG_ENDIAN : Encoding.EXPLICIT_VR_LITTLE_ENDIAN;
        return !plausible(pos, declared, -1) && plausible(pos, explicit, -1);
    }

    private Encoding detect(long pos, int group) throws IOException {
        for (Encoding enc : DETECTION_ORDER) {
            if (plausible(pos, enc, group)) {
                return enc;
            }
        }
        return null;
    }

    /**
     * Whether the bytes at {@code pos} read as a sane element in this encoding (of the given group, or
     * of any ordinary group when -1): a known VR, a length that fits, and, when the next header is
     * already in memory, a following element with a higher tag that is sane too.
     */
    private boolean plausible(long pos, Encoding enc, int group) throws IOException {
        if (!saneHeader(pos, enc)) {
            return false;
        }
        int g = h.tag() >>> 16;
        if (group >= 0 ? g != group : g == 0 || g == 0xFFFE) {
            return false;
        }
        if (h.undefinedLength()) {
            return true;
        }
        long next = h.valuePos() + h.length();
        int firstTag = h.tag();
        if (w.peek(next, 12) < 0) {
            return true; // the next header is not in memory (or there is none): judge by the first alone
        }
        return saneHeader(next, enc) && Integer.compareUnsigned(h.tag(), firstTag) > 0;
    }

    private boolean saneHeader(long pos, Encoding enc) throws IOException {
        if (!h.read(w, pos, enc) || h.vrInvalid() || enc.explicitVr() && h.vr() == null) {
            return false; // cut short, no VR, or an item or delimiter tag where an element was due
        }
        if (h.undefinedLength()) {
            return !enc.explicitVr() || h.vr() == Vr.SQ || VrTable.isBulk(h.vr());
        }
        // judge by what the first look shows, so that a stream (whose length is unknown until its end)
        // and a file with the same bytes are judged alike
        long length = w.length();
        if (length == ByteWindow.UNKNOWN || length >= ByteWindow.CHUNK) {
            return h.length() <= Integer.MAX_VALUE;
        }
        return h.valuePos() + h.length() <= length;
    }

    private boolean dicmAt(long pos) throws IOException {
        int i = w.fetch(pos, 4);
        if (i < 0) {
            return false;
        }
        byte[] b = w.buffer();
        return b[i] == 'D' && b[i + 1] == 'I' && b[i + 2] == 'C' && b[i + 3] == 'M';
    }

    /** The group of a little endian tag at {@code pos}, or -1. */
    private int groupAt(long pos) throws IOException {
        int i = w.fetch(pos, 2);
        return i < 0 ? -1 : (w.buffer()[i] & 0xFF) | (w.buffer()[i + 1] & 0xFF) << 8;
    }
}
