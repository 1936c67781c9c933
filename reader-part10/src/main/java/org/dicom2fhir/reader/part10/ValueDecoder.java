package org.dicom2fhir.reader.part10;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.dicom2fhir.api.dicom.Tags;
import org.dicom2fhir.codec.internal.ReadWarnings;
import org.dicom2fhir.codec.internal.SpecificCharacterSet;

/**
 * Turns value bytes into the strings of a {@link org.dicom2fhir.api.dicom.DicomElement}: text split on
 * the backslash (except LT, ST, UT, UR) with padding trimmed per PS3.5 6.2; binary numbers as decimal
 * strings; AT as 8 hex digits; bulk VRs give no values.
 */
final class ValueDecoder {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private ValueDecoder() {
    }

    /**
     * The values of one element, at most {@code maxValues} of them (the caller's budget: a header of
     * tens of megabytes of one-byte values must not become tens of millions of strings).
     */
    static List<String> decode(Vr vr, int tag, byte[] b, int off, int len, boolean bigEndian, SpecificCharacterSet charset,
            ReadWarnings warnings, int maxValues) {
        if (len == 0 || maxValues <= 0) {
            return List.of();
        }
        switch (vr.kind) {
            case TEXT:
                return vr.usesCharset() ? charsetText(vr, tag, b, off, len, charset, warnings, maxValues)
                        : asciiText(vr, b, off, len, maxValues);
            case SIGNED, UNSIGNED, FLOAT, TAG:
                return numbers(vr, tag, b, off, len, bigEndian, warnings, maxValues);
            default:
                return List.of();
        }
    }

    /** Default repertoire VRs (AE AS CS DA DS DT IS TM UI UR): split and trimmed on the bytes. */
    private static List<String> asciiText(Vr vr, byte[] b, int off, int len, int maxValues) {
        int end = off + len;
        if (!vr.multiValued()) {
            return List.of(asciiTrimmed(vr, b, off, end));
        }
        int delimiter = indexOf(b, off, end);
        if (delimiter < 0) {
            return List.of(asciiTrimmed(vr, b, off, end));
        }
        List<String> values = new ArrayList<>(4);
        int start = off;
        while (delimiter >= 0 && values.size() < maxValues) {
            values.add(asciiTrimmed(vr, b, start, delimiter));
            start = delimiter + 1;
            delimiter = indexOf(b, start, end);
        }
        if (values.size() < maxValues) {
            values.add(asciiTrimmed(vr, b, start, end));
        }
        return values;
    }

    private static int indexOf(byte[] b, int from, int end) {
        for (int i = from; i < end; i++) {
            if (b[i] == '\\') {
                return i;
            }
        }
        return -1;
    }

    private static String asciiTrimmed(Vr vr, byte[] b, int from, int end) {
        while (end > from && (b[end - 1] == ' ' || b[end - 1] == 0)) {
            end--;
        }
        if (vr.trimsLeading()) {
            while (from < end && b[from] == ' ') {
                from++;
            }
        }
        return from == end ? "" : new String(b, from, end - from, StandardCharsets.ISO_8859_1);
    }

    /** SH LO UC PN LT ST UT: decoded with the character set first, then split and trimmed. */
    private static List<String> charsetText(Vr vr, int tag, byte[] b, int off, int len, SpecificCharacterSet charset,
            ReadWarnings warnings, int maxValues) {
        SpecificCharacterSet.Delimiters delimiters = vr.personName() ? SpecificCharacterSet.Delimiters.PERSON_NAME
                : vr.multiValued() ? SpecificCharacterSet.Delimiters.MULTI_TEXT : SpecificCharacterSet.Delimiters.TEXT;
        String text = charset.decode(b, off, len, delimiters, warnings, tag);
        boolean pn = vr.personName();
        if (!vr.multiValued()) {
            return List.of(trimTrailing(text, 0, text.length(), pn));
        }
        int delimiter = text.indexOf('\\');
        if (delimiter < 0) {
            return List.of(trimTrailing(text, 0, text.length(), pn));
        }
        List<String> values = new ArrayList<>(4);
        int start = 0;
        while (delimiter >= 0 && values.size() < maxValues) {
            values.add(trimTrailing(text, start, delimiter, pn));
            start = delimiter + 1;
            delimiter = text.indexOf('\\', start);
        }
        if (values.size() < maxValues) {
            values.add(trimTrailing(text, start, text.length(), pn));
        }
        return values;
    }

    /** Trailing spaces and NULs; for PN also empty trailing component groups ("Doe^John=" is "Doe^John"). */
    private static String trimTrailing(String s, int from, int end, boolean personName) {
        while (end > from && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == 0 || personName && s.charAt(end - 1) == '=')) {
            end--;
        }
        return s.substring(from, end);
    }

    private static List<String> numbers(Vr vr, int tag, byte[] b, int off, int len, boolean big, ReadWarnings warnings,
            int maxValues) {
        int size = vr.detail;
        int count = Math.min(len / size, maxValues);
        if (len % size != 0) {
            warnings.add(ReadWarnings.MALFORMED, "The value of " + Tags.format(tag) + " is not a whole number of " + size
                    + "-byte values; the bytes left over were ignored.");
        }
        if (count == 0) {
            return List.of();
        }
        String[] values = new String[count];
        for (int k = 0; k < count; k++) {
            int i = off + k * size;
            values[k] = switch (vr) {
                case US -> Integer.toString(uint16(b, i, big));
                case SS -> Integer.toString((short) uint16(b, i, big));
                case UL -> Long.toString(int32(b, i, big) & 0xFFFFFFFFL);
                case SL -> Integer.toString(int32(b, i, big));
                case SV -> Long.toString(int64(b, i, big));
                case UV -> Long.toUnsignedString(int64(b, i, big));
                case FL -> Float.toString(Float.intBitsToFloat(int32(b, i, big)));
                case FD -> Double.toString(Double.longBitsToDouble(int64(b, i, big)));
                case AT -> hex8(uint16(b, i, big) << 16 | uint16(b, i + 2, big));
                default -> throw new IllegalStateException("not a binary VR: " + vr);
            };
        }
        return List.of(values);
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

    private static String hex8(int v) {
        char[] c = new char[8];
        for (int k = 7; k >= 0; k--) {
            c[k] = HEX[v & 0xF];
            v >>>= 4;
        }
        return new String(c);
    }
}
