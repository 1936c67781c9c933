package org.dicom2fhir.reader.pixelmed;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.dicom2fhir.codec.internal.VrTable;
import org.dicom2fhir.api.dicom.Vr;
import org.dicom2fhir.api.ReasonCode;
import org.dicom2fhir.api.dicom.DicomReadException;
import org.dicom2fhir.api.dicom.NotDicomException;
import org.dicom2fhir.api.dicom.Tags;
import org.dicom2fhir.codec.internal.Encoding;
import org.dicom2fhir.codec.internal.ReadWarnings;
import org.dicom2fhir.codec.internal.TransferSyntaxes;

/**
 * Everything before the data set, decided by this reader before PixelMed sees a byte: whether the
 * file claims to be DICOM at all (a {@code DICM} marker, or a plausible group 0002 or 0008 element at
 * the start), the File Meta Information group (its bytes are handed to PixelMed), and the encoding of
 * the data set: the Transfer Syntax UID's, or, when there is none, an unknown one, or one the data
 * contradicts, the one its first elements show.
 */
final class FileStart {
    private static final int GROUP_FILE_META = 0x0002;
    private static final int GROUP_IDENTIFYING = 0x0008;
    private static final Encoding[] DETECTION_ORDER = {
        Encoding.EXPLICIT_VR_LITTLE_ENDIAN, Encoding.EXPLICIT_VR_BIG_ENDIAN, Encoding.IMPLICIT_VR_LITTLE_ENDIAN };

    /**
     * @param meta              the File Meta group's bytes (empty when the file has none)
     * @param metaEncoding      how they are encoded
     * @param dataSetPos        where the data set starts
     * @param encoding          how to read the data set (deflated: once inflated)
     * @param transferSyntaxUid the transfer syntax to report
     * @param deflated          whether the data set is deflated
     */
    record Start(Copy meta, Encoding metaEncoding, long dataSetPos, Encoding encoding, String transferSyntaxUid,
            boolean deflated) {
    }

    private final Input in;
    private final ReadWarnings warnings;
    private final Header h = new Header();
    /** Where the input ends when it ends inside the first look-ahead, else {@link Feed#UNKNOWN}. */
    private long shortEnd = Feed.UNKNOWN;

    private FileStart(Input in, ReadWarnings warnings) {
        this.in = in;
        this.warnings = warnings;
    }

    static Start read(Input in, ReadWarnings warnings) throws IOException {
        return new FileStart(in, warnings).read();
    }

    private Start read() throws IOException {
        int first = in.fill(Input.CHUNK);
        if (first == 0) {
            throw new NotDicomException("The file is empty.");
        }
        if (first < Input.CHUNK) {
            shortEnd = in.position() + first;
        }
        int metaAt;
        if (first >= 132 && dicmAt(128)) {
            metaAt = 132;
        } else if (first >= 6 && dicmAt(0) && groupAt(4) == GROUP_FILE_META) {
            metaAt = 4;
        } else if (groupAt(0) == GROUP_FILE_META && plausible(0, Encoding.EXPLICIT_VR_LITTLE_ENDIAN, GROUP_FILE_META)) {
            metaAt = 0;
        } else {
            return rawDataSet();
        }
        in.skip(metaAt);
        if (groupAt(0) != GROUP_FILE_META) {
            return noFileMeta();
        }
        Copy meta = new Copy(512);
        Encoding metaEncoding = Encoding.EXPLICIT_VR_LITTLE_ENDIAN;
        if (!plausible(0, metaEncoding, GROUP_FILE_META)
                && plausible(0, Encoding.IMPLICIT_VR_LITTLE_ENDIAN, GROUP_FILE_META)) {
            metaEncoding = Encoding.IMPLICIT_VR_LITTLE_ENDIAN;
            warnings.add(ReadWarnings.MALFORMED, "The File Meta Information is encoded with implicit VR; it was read as such.");
        }
        String tsUid = readMeta(meta, metaEncoding);
        long dataSetPos = in.position();
        boolean empty = in.fill(1) == 0;
        if (tsUid == null || tsUid.isEmpty()) {
            Encoding enc = empty ? Encoding.EXPLICIT_VR_LITTLE_ENDIAN : detect(-1);
            if (enc == null) {
                throw new DicomReadException(ReasonCode.UNSUPPORTED_TRANSFER_SYNTAX, "The File Meta Information names no transfer "
                        + "syntax " + Tags.format(Tags.TRANSFER_SYNTAX_UID) + " and the encoding of the data set at byte "
                        + dataSetPos + " cannot be recognised.", Tags.TRANSFER_SYNTAX_UID, dataSetPos);
            }
            warnings.add(ReadWarnings.TRANSFER_SYNTAX, "The File Meta Information names no transfer syntax "
                    + Tags.format(Tags.TRANSFER_SYNTAX_UID) + "; the data set was read as " + enc.uid()
                    + ", detected from its first elements.");
            return new Start(meta, metaEncoding, dataSetPos, enc, enc.uid(), false);
        }
        if (TransferSyntaxes.isDeflated(tsUid)) {
            return new Start(meta, metaEncoding, dataSetPos, Encoding.EXPLICIT_VR_LITTLE_ENDIAN, tsUid, true);
        }
        Encoding declared = TransferSyntaxes.encodingOf(tsUid);
        if (declared == null) {
            Encoding enc = empty ? null : detect(-1);
            if (enc == null) {
                throw new DicomReadException(ReasonCode.UNSUPPORTED_TRANSFER_SYNTAX, "Transfer syntax " + tsUid
                        + " is not supported and the encoding of its data set at byte " + dataSetPos + " cannot be recognised.",
                        Tags.TRANSFER_SYNTAX_UID, dataSetPos);
            }
            warnings.add(ReadWarnings.TRANSFER_SYNTAX, "Transfer syntax " + tsUid + " is unknown; its data set was read as "
                    + enc.uid() + ", detected from its first elements.");
            return new Start(meta, metaEncoding, dataSetPos, enc, tsUid, false);
        }
        Encoding enc = empty ? declared : verifyEncoding(declared, tsUid);
        return new Start(meta, metaEncoding, dataSetPos, enc, enc == declared ? tsUid : enc.uid(), false);
    }

    /** No DICM marker: a raw data set (ACR-NEMA style) must start with a plausible group 0008 element. */
    private Start rawDataSet() throws IOException {
        Encoding enc = detect(GROUP_IDENTIFYING);
        if (enc == null) {
            throw new NotDicomException("The file has no DICM marker at byte 128 and does not start like a DICOM data set.");
        }
        warnings.add(ReadWarnings.TRANSFER_SYNTAX, "The file has no File Meta Information; its data set was read as " + enc.uid()
                + ", detected from its first elements.");
        return new Start(new Copy(0), null, 0, enc, enc.uid(), false);
    }

    /** A DICM marker without a File Meta group: the data set follows the marker. */
    private Start noFileMeta() throws IOException {
        long at = in.position();
        Encoding enc = detect(-1);
        if (enc == null) {
            if (in.fill(1) == 0) {
                throw new DicomReadException(ReasonCode.TRUNCATED, "The file ends right after the DICM marker at byte " + at + ".",
                        DicomReadException.NO_TAG, at);
            }
            if (in.fill(8) < 8) {
                throw new DicomReadException(ReasonCode.TRUNCATED, "The file ends inside the first element header after the "
                        + "DICM marker at byte " + at + ".", DicomReadException.NO_TAG, at);
            }
            throw new DicomReadException(ReasonCode.MALFORMED, "Neither File Meta Information nor a data set follows the DICM "
                    + "marker at byte " + at + ".", DicomReadException.NO_TAG, at);
        }
        warnings.add(ReadWarnings.TRANSFER_SYNTAX, "The file has no File Meta Information after its DICM marker; its data set was "
                + "read as " + enc.uid() + ", detected from its first elements.");
        return new Start(new Copy(0), null, at, enc, enc.uid(), false);
    }

    /** Copies group 0002 into {@code meta}; returns the Transfer Syntax UID (trimmed), or null. */
    private String readMeta(Copy meta, Encoding enc) throws IOException {
        String tsUid = null;
        long declaredEnd = -1; // where (0002,0000) says the group ends
        while (in.fill(2) == 2 && groupAt(0) == GROUP_FILE_META) {
            long at = in.position();
            if (!h.read(in, 0, enc)) {
                throw new DicomReadException(ReasonCode.TRUNCATED, "The file ends inside the File Meta Information at byte " + at
                        + ".", DicomReadException.NO_TAG, at);
            }
            int tag = h.tag;
            if (h.vrInvalid) {
                throw new DicomReadException(ReasonCode.MALFORMED, "File Meta element " + Tags.format(tag) + " at byte " + at
                        + " has an invalid VR.", tag, at);
            }
            if (h.undefined()) {
                throw new DicomReadException(ReasonCode.MALFORMED, "File Meta element " + Tags.format(tag) + " at byte " + at
                        + " has an undefined length.", tag, at);
            }
            long length = h.length;
            in.consume(h.size, meta);
            int valueAt = meta.size();
            if (!in.copy(length, meta)) {
                throw new DicomReadException(ReasonCode.LENGTH_EXCEEDS_FILE, "File Meta element " + Tags.format(tag) + " at byte "
                        + at + " declares a value of " + length + " bytes, past the end of the file.", tag, at);
            }
            if (tag == Tags.TRANSFER_SYNTAX_UID) {
                tsUid = trimmedAscii(meta, valueAt, (int) Math.min(length, 256));
            }
            if (tag == Tags.FILE_META_INFORMATION_GROUP_LENGTH && length == 4) {
                declaredEnd = in.position() + ((meta.get(valueAt) & 0xFFL) | (meta.get(valueAt + 1) & 0xFFL) << 8
                        | (meta.get(valueAt + 2) & 0xFFL) << 16 | (meta.get(valueAt + 3) & 0xFFL) << 24);
            }
        }
        int left = in.fill(8);
        if (left > 0 && left < 8) {
            throw new DicomReadException(ReasonCode.TRUNCATED, "The file ends inside an element header at byte " + in.position()
                    + ".", DicomReadException.NO_TAG, in.position());
        }
        if (declaredEnd > in.position() && left == 0) {
            // the file ends between two elements of the group, where its group length says more follows
            throw new DicomReadException(ReasonCode.TRUNCATED, "The file ends inside the File Meta Information at byte "
                    + in.position() + " (its group length " + Tags.format(Tags.FILE_META_INFORMATION_GROUP_LENGTH)
                    + " declares it to end at byte " + declaredEnd + ").", DicomReadException.NO_TAG, in.position());
        }
        return tsUid;
    }

    private static String trimmedAscii(Copy c, int from, int length) {
        int end = from + length;
        while (end > from && (c.get(end - 1) == ' ' || c.get(end - 1) == 0)) {
            end--;
        }
        while (from < end && c.get(from) == ' ') {
            from++;
        }
        return new String(c.array(), from, end - from, StandardCharsets.ISO_8859_1);
    }

    /**
     * The declared encoding, unless the first element clearly is not in it and reads well in another
     * (a known writer error: explicit VR data under an implicit VR transfer syntax, or the reverse).
     */
    static Encoding verify(Input in, Encoding declared, String tsUid, ReadWarnings warnings) throws IOException {
        return new FileStart(in, warnings).verifyEncoding(declared, tsUid);
    }

    private Encoding verifyEncoding(Encoding declared, String tsUid) throws IOException {
        if (in.fill(1) == 0 || !contradicted(declared)) {
            return declared;
        }
        Encoding found = detect(-1);
        if (found == null || found == declared) {
            return declared; // nothing better: the scan reports where it breaks
        }
        warnings.add(ReadWarnings.TRANSFER_SYNTAX, "The data set does not match transfer syntax " + tsUid + "; it was read as "
                + found.uid() + ", detected from its first elements.");
        return found;
    }

    private boolean contradicted(Encoding declared) throws IOException {
        if (!h.read(in, 0, declared)) {
            return false;
        }
        if (declared.explicitVr()) {
            return h.vrInvalid;
        }
        Encoding explicit = declared.bigEndian() ? Encoding.EXPLICIT_VR_BIG_ENDIAN : Encoding.EXPLICIT_VR_LITTLE_ENDIAN;
        return !plausible(0, declared, -1) && plausible(0, explicit, -1);
    }

    private Encoding detect(int group) throws IOException {
        for (Encoding enc : DETECTION_ORDER) {
            if (plausible(0, enc, group)) {
                return enc;
            }
        }
        return null;
    }

    /**
     * Whether the bytes {@code i} ahead read as a sane element in this encoding (of {@code group}, or of
     * any ordinary group when -1): a known VR, a length that fits, and, when the next header is
     * already buffered, a following element with a higher tag that is sane too.
     */
    private boolean plausible(int i, Encoding enc, int group) throws IOException {
        if (!saneHeader(i, enc)) {
            return false;
        }
        int g = h.tag >>> 16;
        if (group >= 0 ? g != group : g == 0 || g == 0xFFFE) {
            return false;
        }
        if (h.undefined()) {
            return true;
        }
        long next = i + h.size + h.length;
        if (next + 12 > in.buffered()) {
            return true; // the next header is not at hand (or there is none): judge by the first alone
        }
        int firstTag = h.tag;
        return saneHeader((int) next, enc) && Integer.compareUnsigned(h.tag, firstTag) > 0;
    }

    private boolean saneHeader(int i, Encoding enc) throws IOException {
        if (!h.read(in, i, enc) || h.vrInvalid || enc.explicitVr() && h.vr == null) {
            return false; // cut short, no VR, or an item or delimiter tag where an element was due
        }
        if (h.undefined()) {
            return !enc.explicitVr() || h.vr == Vr.SQ || VrTable.isBulk(h.vr);
        }
        if (shortEnd == Feed.UNKNOWN) {
            return h.length <= Integer.MAX_VALUE;
        }
        return in.position() + i + h.size + h.length <= shortEnd;
    }

    private boolean dicmAt(int i) throws IOException {
        return in.fill(i + 4) == i + 4 && in.u8(i) == 'D' && in.u8(i + 1) == 'I' && in.u8(i + 2) == 'C' && in.u8(i + 3) == 'M';
    }

    /** The group of a little endian tag {@code i} bytes ahead, or -1. */
    private int groupAt(int i) throws IOException {
        return in.fill(i + 2) == i + 2 ? in.u16(i, false) : -1;
    }
}
