package org.dicom2fhir.reader.pixelmed;

import java.io.IOException;
import org.dicom2fhir.codec.internal.VrTable;
import org.dicom2fhir.api.dicom.Vr;
import org.dicom2fhir.codec.internal.Encoding;

/**
 * The header of an element some bytes ahead of an {@link Input}'s position: tag, VR (explicit VR
 * only), value length, header size. One mutable instance per scan, refilled for every element.
 */
final class Header {
    /** A value length of 0xFFFFFFFF. */
    static final long UNDEFINED = 0xFFFFFFFFL;

    int tag;
    /** The VR the value is read with; {@code null} in implicit VR and for item and delimiter tags. */
    Vr vr;
    /** The header's VR bytes spell no VR: {@link #vr} is the dictionary's (or UN) and its layout was used. */
    boolean vrInvalid;
    long length;
    int size;

    /** Reads the header {@code i} bytes ahead; false when the input ends before a whole header. */
    boolean read(Input in, int i, Encoding enc) throws IOException {
        if (in.fill(i + 8) < i + 8) {
            return false;
        }
        boolean big = enc.bigEndian();
        tag = in.tag(i, big);
        vrInvalid = false;
        if (!enc.explicitVr() || (tag >>> 16) == 0xFFFE) {
            // implicit VR, and items and delimiters in every encoding: a tag and a 32-bit length
            vr = null;
            length = in.u32(i + 4, big);
            size = 8;
            return true;
        }
        Vr v = Vr.of(in.u8(i + 4), in.u8(i + 5));
        boolean longLayout;
        if (v == null) {
            // PS3.5 7.1.2: an unknown VR has the 32-bit layout; a known tag is read with its own VR's
            vrInvalid = true;
            v = Dictionary.vrOf(tag);
            longLayout = v == null || VrTable.longHeader(v);
            if (v == null) {
                v = Vr.UN;
            }
        } else {
            longLayout = VrTable.longHeader(v);
        }
        vr = v;
        if (longLayout) {
            if (in.fill(i + 12) < i + 12) {
                return false;
            }
            length = in.u32(i + 8, big);
            size = 12;
        } else {
            length = in.u16(i + 6, big);
            size = 8;
        }
        return true;
    }

    boolean undefined() {
        return length == UNDEFINED;
    }
}
