package org.dicom2fhir.codec.internal;

import java.util.List;
import org.dicom2fhir.api.dicom.Tags;
import org.dicom2fhir.api.dicom.Vr;

/**
 * Values as the api's {@link org.dicom2fhir.api.dicom.DicomElement} holds them, alike for every reader:
 * binary numbers as decimal strings (AT as 8 hex digits), text without the padding PS3.5 6.2 gives
 * each VR.
 */
public final class Values {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Values() {
    }

    /**
     * The binary numbers of one value of a {@link VrTable#isBinaryNumber binary VR}, at most
     * {@code maxValues} of them; bytes left over after the last whole number are ignored with a warning.
     */
    public static List<String> numbers(Vr vr, int tag, byte[] b, int off, int len, boolean bigEndian, ReadWarnings warnings,
            int maxValues) {
        int size = VrTable.valueSize(vr);
        if (size == 0) {
            throw new IllegalArgumentException("not a binary VR: " + vr);
        }
        int count = Math.min(len / size, maxValues);
        if (len % size != 0) {
            warnings.add(ReadWarnings.MALFORMED, "The value of " + Tags.format(tag) + " is not a whole number of " + size
                    + "-byte values; the bytes left over were ignored.");
        }
        if (count <= 0) {
            return List.of();
        }
        String[] values = new String[count];
        for (int k = 0; k < count; k++) {
            int i = off + k * size;
            values[k] = switch (vr) {
                case US -> Integer.toString(uint16(b, i, bigEndian));
                case SS -> Integer.toString((short) uint16(b, i, bigEndian));
                case UL -> Long.toString(int32(b, i, bigEndian) & 0xFFFFFFFFL);
                case SL -> Integer.toString(int32(b, i, bigEndian));
                case SV -> Long.toString(int64(b, i, bigEndian));
                case UV -> Long.toUnsignedString(int64(b, i, bigEndian));
                case FL -> Float.toString(Float.intBitsToFloat(int32(b, i, bigEndian)));
                case FD -> Double.toString(Double.longBitsToDouble(int64(b, i, bigEndian)));
                case AT -> hex8(uint16(b, i, bigEndian) << 16 | uint16(b, i + 2, bigEndian));
                default -> throw new IllegalStateException("not a binary VR: " + vr);
            };
        }
        return List.of(values);
    }

    /** A tag as an AT value: 8 upper-case hex digits, group first. */
    public static String hex8(int v) {
        char[] c = new char[8];
        for (int k = 7; k >= 0; k--) {
            c[k] = HEX[v & 0xF];
            v >>>= 4;
        }
        return new String(c);
    }

    /**
     * {@code s[from, end)} without its padding: trailing spaces and NULs; for PN also empty trailing
     * component groups ("Doe^John=" is "Doe^John"); leading spaces where {@link VrTable#trimsLeading}.
     */
    public static String trimmed(String s, int from, int end, Vr vr) {
        return trimmed(s, from, end, VrTable.trimsLeading(vr), VrTable.isPersonName(vr));
    }

    /** As {@link #trimmed(String, int, int, Vr)}, with the VR's rules looked up once by the caller. */
    public static String trimmed(String s, int from, int end, boolean leading, boolean personName) {
        while (end > from && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == 0 || personName && s.charAt(end - 1) == '=')) {
            end--;
        }
        if (leading) {
            while (from < end && s.charAt(from) == ' ') {
                from++;
            }
        }
        return s.substring(from, end);
    }

    private static int uint16(byte[] b, int i, boolean big) {
        return big ? (b[i] & 0xFF) << 8 | (b[i + 1] & 0xFF) : (b[i + 1] & 0xFF) << 8 | (b[i] & 0xFF);
    }

    private static int int32(byte[] b, int i, boolean big) {
        return big ? uint16(b, i, true) << 16 | uint16(b, i + 2, true) : uint16(b, i + 2, false) << 16 | uint16(b, i, false);
    }

    private static long int64(byte[] b, int i, boolean big) {
        return big ? (long) int32(b, i, true) << 32 | (int32(b, i + 4, true) & 0xFFFFFFFFL)
                : (long) int32(b, i + 4, false) << 32 | (int32(b, i, false) & 0xFFFFFFFFL);
    }
}
