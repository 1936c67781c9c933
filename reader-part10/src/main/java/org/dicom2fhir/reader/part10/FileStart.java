package org.dicom2fhir.reader.part10;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.dicom2fhir.codec.internal.VrTable;
import org.dicom2fhir.api.dicom.Vr;
import org.dicom2fhir.api.ReasonCode;
import org.dicom2fhir.api.dicom.DicomDataSet;
import org.dicom2fhir.api.dicom.DicomElement;
import org.dicom2fhir.api.dicom.DicomReadException;
import org.dicom2fhir.api.dicom.NotDicomException;
import org.dicom2fhir.api.dicom.Tags;
import org.dicom2fhir.codec.internal.Encoding;
import org.dicom2fhir.codec.internal.ReadWarnings;
import org.dicom2fhir.codec.internal.SpecificCharacterSet;
import org.dicom2fhir.codec.internal.TransferSyntaxes;

/**
 * Everything before the data set: the preamble and {@code DICM} marker, the File Meta Information
 * group, and the choice of the data set's encoding, from the Transfer Syntax UID or, when there is
 * none (or an unknown one, or one the data contradicts), from the first elements themselves.
 */
final class FileStart {
    private static final int GROUP_FILE_META = 0x0002;
    private static final int GROUP_LENGTH = 0x00020000;
    private static final int GROUP_IDENTIFYING = 0x0008;
    /** File Meta elements are single-valued: a few values each is plenty. */
    private static final int META_MAX_VALUES = 16;
    private static final Encoding[] DETECTION_ORDER = {
        Encoding.EXPLICIT_VR_LITTLE_ENDIAN, Encoding.EXPLICIT_VR_BIG_ENDIAN, Encoding.IMPLICIT_VR_LITTLE_ENDIAN };

    /**
     * @param fileMeta          group 0002, empty when absent
     * @param dataSetPos        where the data set starts
     * @param encoding          how to read it (for deflated data: once inflated)
     * @param transferSyntaxUid what to report as the transfer syntax the data set was read with
     * @param deflated          whether the data set is deflated
     */
    record Start(DicomDataSet fileMeta, long dataSetPos, Encoding encoding, String transferSyntaxUid, boolean deflated) {
    }

    private FileStart() {
    }

    static Start read(Window w, ReadWarnings warnings) throws IOException {
        if (w.atEnd(0)) {
            throw new NotDicomException("The file is empty.");
        }
        long metaPos;
        if (dicmAt(w, 128)) {
            metaPos = 132;
        } else if (dicmAt(w, 0) && groupAt(w, 4) == GROUP_FILE_META) {
            metaPos = 4;
        } else if (groupAt(w, 0) == GROUP_FILE_META && plausible(w, 0, Encoding.EXPLICIT_VR_LITTLE_ENDIAN, GROUP_FILE_META)) {
            metaPos = 0;
        } else {
            return rawDataSet(w, warnings);
        }
        if (groupAt(w, metaPos) != GROUP_FILE_META) {
            // DICM but no meta group: the data set follows the marker
            Encoding enc = detect(w, metaPos, -1);
            if (enc == null) {
                if (w.atEnd(metaPos)) {
                    throw new DicomReadException(ReasonCode.TRUNCATED, "The file ends right after the DICM marker at byte "
                            + metaPos + ".", DicomReadException.NO_TAG, metaPos);
                }
                if (w.atEnd(metaPos + 7)) {
                    // not even one element header follows the marker: the file was cut there (reliability.md)
                    throw new DicomReadException(ReasonCode.TRUNCATED, "The file ends inside the first element header after "
                            + "the DICM marker at byte " + metaPos + ".", DicomReadException.NO_TAG, metaPos);
                }
                throw new DicomReadException(ReasonCode.MALFORMED, "Neither File Meta Information nor a data set follows the "
                        + "DICM marker at byte " + metaPos + ".", DicomReadException.NO_TAG, metaPos);
            }
            warnings.add(ReadWarnings.TRANSFER_SYNTAX, "The file has no File Meta Information after its DICM marker; its data set "
                    + "was read as " + enc.uid() + ", detected from its first elements.");
            return new Start(DicomDataSet.empty(), metaPos, enc, enc.uid(), false);
        }
        List<DicomElement> meta = new ArrayList<>();
        long dataSetPos = readMeta(w, metaPos, meta, warnings);
        DicomDataSet fileMeta = DicomDataSet.of(meta);
        String tsUid = fileMeta.string(Tags.TRANSFER_SYNTAX_UID);
        boolean empty = w.atEnd(dataSetPos);
        if (tsUid == null || tsUid.isEmpty()) {
            Encoding enc = empty ? Encoding.EXPLICIT_VR_LITTLE_ENDIAN : detect(w, dataSetPos, -1);
            if (enc == null) {
                throw new DicomReadException(ReasonCode.UNSUPPORTED_TRANSFER_SYNTAX, "The File Meta Information names no "
                        + "transfer syntax " + Tags.format(Tags.TRANSFER_SYNTAX_UID) + " and the encoding of the data set at byte "
                        + dataSetPos + " cannot be recognised.", Tags.TRANSFER_SYNTAX_UID, dataSetPos);
            }
            warnings.add(ReadWarnings.TRANSFER_SYNTAX, "The File Meta Information names no transfer syntax "
                    + Tags.format(Tags.TRANSFER_SYNTAX_UID) + "; the data set was read as " + enc.uid() + ", detected from its first elements.");
            return new Start(fileMeta, dataSetPos, enc, enc.uid(), false);
        }
        if (TransferSyntaxes.isDeflated(tsUid)) {
            return new Start(fileMeta, dataSetPos, Encoding.EXPLICIT_VR_LITTLE_ENDIAN, tsUid, true);
        }
        Encoding declared = TransferSyntaxes.encodingOf(tsUid);
        if (declared == null) {
            Encoding enc = empty ? null : detect(w, dataSetPos, -1);
            if (enc == null) {
                throw new DicomReadException(ReasonCode.UNSUPPORTED_TRANSFER_SYNTAX, "Transfer syntax " + tsUid
                        + " is not supported and the encoding of its data set at byte " + dataSetPos + " cannot be recognised.",
                        Tags.TRANSFER_SYNTAX_UID, dataSetPos);
            }
            warnings.add(ReadWarnings.TRANSFER_SYNTAX, "Transfer syntax " + tsUid + " is unknown; its data set was read as "
                    + enc.uid() + ", detected from its first elements.");
            return new Start(fileMeta, dataSetPos, enc, tsUid, false);
        }
        Encoding enc = empty ? declared : verify(w, dataSetPos, declared, tsUid, warnings);
        return new Start(fileMeta, dataSetPos, enc, enc == declared ? tsUid : enc.uid(), false);
    }

    /**
     * The declared encoding, unless the first elements contradict it and read well in another one
     * (a known writer error: explicit VR data under an implicit VR transfer syntax, or the reverse).
     */
    static Encoding verify(Window w, long pos, Encoding declared, String tsUid, ReadWarnings warnings) throws IOException {
        if (w.atEnd(pos) || !contradicted(w, pos, declared)) {
            return declared;
        }
        Encoding found = detect(w, pos, -1);
        if (found == null || found == declared) {
            return declared; // nothing better: the parser will report where it breaks
        }
        warnings.add(ReadWarnings.TRANSFER_SYNTAX, "The data set does not match transfer syntax " + tsUid + "; it was read as "
                + found.uid() + ", detected from its first elements.");
        return found;
    }

    /**
     * Whether the first element clearly is not in the declared encoding: explicit VR without a valid
     * VR code, or implicit VR whose bytes read as a sane explicit VR element but not as a sane
     * implicit one. A mere length past the end is no contradiction: that is damage, reported as such.
     */
    private static boolean contradicted(Window w, long pos, Encoding declared) throws IOException {
        ElementHeader h = new ElementHeader();
        if (!h.read(w, pos, declared)) {
            return false;
        }
        if (declared.explicitVr()) {
            return h.vrInvalid;
        }
        Encoding explicit = declared.bigEndian() ? Encoding.EXPLICIT_VR_BIG_ENDIAN : Encoding.EXPLICIT_VR_LITTLE_ENDIAN;
        return !plausible(w, pos, declared, -1) && plausible(w, pos, explicit, -1);
    }

    /** No DICM marker: a raw data set (ACR-NEMA style) must start with a plausible group 0008 element. */
    private static Start rawDataSet(Window w, ReadWarnings warnings) throws IOException {
        Encoding enc = detect(w, 0, GROUP_IDENTIFYING);
        if (enc == null) {
            throw new NotDicomException("The file has no DICM marker at byte 128 and does not start like a DICOM data set.");
        }
        warnings.add(ReadWarnings.TRANSFER_SYNTAX, "The file has no File Meta Information; its data set was read as " + enc.uid()
                + ", detected from its first elements.");
        return new Start(DicomDataSet.empty(), 0, enc, enc.uid(), false);
    }

    private static Encoding detect(Window w, long pos, int group) throws IOException {
        for (Encoding enc : DETECTION_ORDER) {
            if (plausible(w, pos, enc, group)) {
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
    static boolean plausible(Window w, long pos, Encoding enc, int group) throws IOException {
        ElementHeader h = new ElementHeader();
        if (!saneHeader(w, pos, enc, h)) {
            return false;
        }
        int g = h.tag >>> 16;
        if (group >= 0 ? g != group : g == 0 || g == 0xFFFE) {
            return false;
        }
        if (h.undefinedLength()) {
            return true;
        }
        long next = h.valuePos + h.length;
        int firstTag = h.tag;
        if (w.peek(next, 12) < 0) {
            return true; // the next header is not in memory (or there is none): judge by the first alone
        }
        return saneHeader(w, next, enc, h) && Integer.compareUnsigned(h.tag, firstTag) > 0;
    }

    private static boolean saneHeader(Window w, long pos, Encoding enc, ElementHeader h) throws IOException {
        if (!h.read(w, pos, enc) || h.vrInvalid || enc.explicitVr() && h.vr == null) {
            return false; // cut short, no VR, or an item or delimiter tag where an element was due
        }
        if (h.undefinedLength()) {
            return !enc.explicitVr() || h.vr == Vr.SQ || VrTable.isBulk(h.vr);
        }
        // judge by what the first window shows, so that a stream (whose length is unknown until its
        // end) and a file with the same bytes are judged alike
        long length = w.length();
        if (length == Feed.UNKNOWN || length >= Window.CHUNK) {
            return h.length <= Integer.MAX_VALUE;
        }
        return h.valuePos + h.length <= length;
    }

    private static boolean dicmAt(Window w, long pos) throws IOException {
        int i = w.fetch(pos, 4);
        if (i < 0) {
            return false;
        }
        byte[] b = w.buffer();
        return b[i] == 'D' && b[i + 1] == 'I' && b[i + 2] == 'C' && b[i + 3] == 'M';
    }

    /** The group of a little endian tag at {@code pos}, or -1. */
    private static int groupAt(Window w, long pos) throws IOException {
        int i = w.fetch(pos, 2);
        return i < 0 ? -1 : (w.buffer()[i] & 0xFF) | (w.buffer()[i + 1] & 0xFF) << 8;
    }

    /** Reads group 0002 (explicit VR little endian; implicit tolerated with a warning); returns where it ends. */
    private static long readMeta(Window w, long pos, List<DicomElement> meta, ReadWarnings warnings) throws IOException {
        Encoding enc = Encoding.EXPLICIT_VR_LITTLE_ENDIAN;
        if (!plausible(w, pos, enc, GROUP_FILE_META) && plausible(w, pos, Encoding.IMPLICIT_VR_LITTLE_ENDIAN, GROUP_FILE_META)) {
            enc = Encoding.IMPLICIT_VR_LITTLE_ENDIAN;
            warnings.add(ReadWarnings.MALFORMED, "The File Meta Information is encoded with implicit VR; it was read as such.");
        }
        ElementHeader h = new ElementHeader();
        long declaredEnd = -1;
        while (groupAt(w, pos) == GROUP_FILE_META) {
            if (!h.read(w, pos, enc)) {
                throw new DicomReadException(ReasonCode.TRUNCATED, "The file ends inside the File Meta Information at byte "
                        + pos + ".", DicomReadException.NO_TAG, pos);
            }
            int tag = h.tag;
            if (h.vrInvalid) {
                throw new DicomReadException(ReasonCode.MALFORMED, "File Meta element " + Tags.format(tag) + " at byte " + pos
                        + " has an invalid VR.", tag, pos);
            }
            if (h.undefinedLength()) {
                throw new DicomReadException(ReasonCode.MALFORMED, "File Meta element " + Tags.format(tag) + " at byte " + pos
                        + " has an undefined length.", tag, pos);
            }
            int i = w.fetch(h.valuePos, h.length);
            if (i < 0) {
                throw new DicomReadException(ReasonCode.LENGTH_EXCEEDS_FILE, "File Meta element " + Tags.format(tag) + " at byte "
                        + pos + " declares a value of " + h.length + " bytes, past the end of the file.", tag, pos);
            }
            Vr vr = h.vr != null ? h.vr : VrDictionary.lookup(tag);
            if (vr == null || vr == Vr.SQ) {
                vr = Vr.UN;
            }
            List<String> values = ValueDecoder.decode(vr, tag, w.buffer(), i, (int) h.length, false,
                    SpecificCharacterSet.DEFAULT, warnings, META_MAX_VALUES);
            meta.add(new DicomElement(tag, vr, values, List.of()));
            pos = h.valuePos + h.length;
            if (tag == GROUP_LENGTH && h.length == 4 && !values.isEmpty()) {
                declaredEnd = pos + parseUnsigned(values.get(0));
            }
        }
        // A cut inside the group: the file ends in an element header, or where the group length says more follows.
        if (!w.atEnd(pos) && w.atEnd(pos + 7)) {
            throw new DicomReadException(ReasonCode.TRUNCATED, "The file ends inside an element header at byte " + pos + ".",
                    DicomReadException.NO_TAG, pos);
        }
        if (w.atEnd(pos) && declaredEnd > pos) {
            throw new DicomReadException(ReasonCode.TRUNCATED, "The file ends inside the File Meta Information at byte " + pos
                    + " (its group length " + Tags.format(GROUP_LENGTH) + " declares it to end at byte " + declaredEnd + ").",
                    DicomReadException.NO_TAG, pos);
        }
        return pos;
    }

    private static long parseUnsigned(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
