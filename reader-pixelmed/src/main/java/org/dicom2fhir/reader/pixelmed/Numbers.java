package org.dicom2fhir.reader.pixelmed;

import java.util.ArrayList;
import java.util.List;
import org.dicom2fhir.api.dicom.Tags;
import org.dicom2fhir.codec.internal.ReadWarnings;

/** Binary number values from raw bytes, for the few PixelMed leaves undecoded (see {@link Conversion}). */
final class Numbers {
    private Numbers() {
    }

    static List<String> decode(String vr, byte[] b, boolean bigEndian, int tag, ReadWarnings warnings) {
        int size = switch (vr) {
            case "US", "SS" -> 2;
            case "UL", "SL", "FL", "AT" -> 4;
            default -> 8; // SV UV FD
        };
        if (b.length % size != 0) {
            warnings.add(ReadWarnings.MALFORMED, "The value of " + Tags.format(tag) + " is not a whole number of " + size
                    + "-byte values; the bytes left over were ignored.");
        }
        List<String> values = new ArrayList<>(b.length / size);
        for (int i = 0; i + size <= b.length; i += size) {
            long v = 0;
            for (int k = 0; k < size; k++) {
                int at = bigEndian ? i + k : i + size - 1 - k;
                v = v << 8 | (b[at] & 0xFF);
            }
            values.add(switch (vr) {
                case "US", "UL" -> Long.toString(v);
                case "SS" -> Short.toString((short) v);
                case "SL" -> Integer.toString((int) v);
                case "FL" -> Float.toString(Float.intBitsToFloat((int) v));
                case "FD" -> Double.toString(Double.longBitsToDouble(v));
                case "AT" -> Conversion.hex8((int) (bigEndian ? v : (v & 0xFFFF) << 16 | v >>> 16));
                case "UV" -> Long.toUnsignedString(v);
                default -> Long.toString(v); // SV
            });
        }
        return values;
    }
}
