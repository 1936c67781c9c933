package org.dicom2fhir.reader.pixelmed;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomDictionary;
import org.dicom2fhir.api.dicom.Vr;
import org.dicom2fhir.codec.internal.DataDictionary;

/**
 * The VR of a tag per PixelMed's data dictionary: the scan must see implicit VR data as PixelMed will
 * (which elements are sequences, which values are bulk data). Loaded once, when this class is.
 */
final class Dictionary {
    private static final DicomDictionary DICTIONARY = AttributeList.getDictionary();

    private Dictionary() {
    }

    /** The VR of the tag, or {@code null} when the dictionary does not know it. */
    static Vr vrOf(int tag) {
        return DataDictionary.vrOf(tag, Dictionary::standard);
    }

    private static Vr standard(int tag) {
        byte[] vr = DICTIONARY.getValueRepresentationFromTag(new AttributeTag(tag >>> 16, tag & 0xFFFF));
        if (vr == null || vr.length < 2) {
            return null;
        }
        if (vr[0] == 'X' && vr[1] == 'S') {
            return Vr.US; // "US or SS": same layout; PixelMed picks one by Pixel Representation
        }
        if (vr[0] == 'O' && vr[1] == 'X') {
            return Vr.OW; // "OB or OW": bulk either way
        }
        return Vr.of(vr[0], vr[1]);
    }

    /** Whether PixelMed itself reads the tag as a sequence (its dictionary says SQ). */
    static boolean pixelmedReadsAsSequence(int tag) {
        byte[] vr = DICTIONARY.getValueRepresentationFromTag(new AttributeTag(tag >>> 16, tag & 0xFFFF));
        return vr != null && vr.length >= 2 && vr[0] == 'S' && vr[1] == 'Q';
    }
}
