package org.dicom2fhir.reader.part10;

import java.io.IOException;
import org.dicom2fhir.codec.internal.VrTable;
import org.dicom2fhir.api.dicom.Vr;
import org.dicom2fhir.codec.internal.Encoding;

/**
 * The header of the element at a position: tag, VR (explicit VR only), value length and where the
 * value starts. One mutable instance per read, refilled for every element: no object per element.
 */
final class ElementHeader {
    /** A value length of 0xFFFFFFFF. */
    static final long UNDEFINED = -1;

    int tag;
    /** The VR to read the value with; {@code null} in implicit VR and for item/delimiter tags. */
    Vr vr;
    /** The VR bytes spelled no VR: {@link #vr} is then the dictionary's (or UN) and its layout was used. */
    boolean vrInvalid;
    long length;
    long valuePos;

    /** Reads the header at {@code pos}; false when the input ends before a whole header. */
    boolean read(Window w, long pos, Encoding enc) throws IOException {
        int i = w.fetch(pos, 8);
        if (i < 0) {
            return false;
        }
        byte[] b = w.buffer();
        boolean big = enc.bigEndian();
        tag = tagAt(b, i, big);
        vrInvalid = false;
        if (!enc.explicitVr() || (tag >>> 16) == 0xFFFE) {
            // implicit VR, and items and delimiters in every encoding: tag + 32-bit length
            vr = null;
            length = uint32(b, i + 4, big);
            valuePos = pos + 8;
            return true;
        }
        Vr v = Vr.of(b[i + 4], b[i + 5]);
        boolean longHeader;
        if (v == null) {
            // PS3.5 7.1.2: unknown VRs use the 32-bit layout; a known tag uses its own VR's layout
            vrInvalid = true;
            v = VrDictionary.lookup(tag);
            longHeader = v == null || VrTable.longHeader(v);
            if (v == null) {
                v = Vr.UN;
            }
        } else {
            longHeader = VrTable.longHeader(v);
        }
        vr = v;
        if (longHeader) {
            i = w.fetch(pos, 12);
            if (i < 0) {
                return false;
            }
            length = uint32(w.buffer(), i + 8, big);
            valuePos = pos + 12;
        } else {
            length = big ? (b[i + 6] & 0xFF) << 8 | (b[i + 7] & 0xFF) : (b[i + 7] & 0xFF) << 8 | (b[i + 6] & 0xFF);
            valuePos = pos + 8;
        }
        return true;
    }

    boolean undefinedLength() {
        return length == UNDEFINED;
    }

    static long uint32(byte[] b, int i, boolean big) {
        long v = big
                ? (b[i] & 0xFFL) << 24 | (b[i + 1] & 0xFF) << 16 | (b[i + 2] & 0xFF) << 8 | (b[i + 3] & 0xFF)
                : (b[i + 3] & 0xFFL) << 24 | (b[i + 2] & 0xFF) << 16 | (b[i + 1] & 0xFF) << 8 | (b[i] & 0xFF);
        return v == 0xFFFFFFFFL ? UNDEFINED : v;
    }

    static int tagAt(byte[] b, int i, boolean big) {
        return big
                ? (b[i] & 0xFF) << 24 | (b[i + 1] & 0xFF) << 16 | (b[i + 2] & 0xFF) << 8 | (b[i + 3] & 0xFF)
                : (b[i + 1] & 0xFF) << 24 | (b[i] & 0xFF) << 16 | (b[i + 3] & 0xFF) << 8 | (b[i + 2] & 0xFF);
    }
}
