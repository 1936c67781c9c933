package org.dicom2fhir.codec.internal;

import java.util.function.IntFunction;
import org.dicom2fhir.api.dicom.Vr;

/**
 * What every reader's data dictionary says alike, whatever table of standard tags it holds (PS3.5
 * 7.2 and 7.8): a group length is UL, a private creator LO, and any other private element is unknown.
 */
public final class DataDictionary {
    private DataDictionary() {
    }

    /**
     * The VR of {@code tag}, or {@code null} when it is unknown.
     *
     * @param standard the reader's own table: the VR of a standard tag (even group, element above 0), or null
     */
    public static Vr vrOf(int tag, IntFunction<Vr> standard) {
        int element = tag & 0xFFFF;
        if (element == 0) {
            return Vr.UL; // group length
        }
        if ((tag >>> 16 & 1) != 0) {
            // private: only the creator elements are known
            return element >= 0x0010 && element <= 0x00FF ? Vr.LO : null;
        }
        return standard.apply(tag);
    }
}
