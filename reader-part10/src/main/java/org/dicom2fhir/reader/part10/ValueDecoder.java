package org.dicom2fhir.reader.part10;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.dicom2fhir.api.dicom.Vr;
import org.dicom2fhir.codec.internal.ReadWarnings;
import org.dicom2fhir.codec.internal.SpecificCharacterSet;
import org.dicom2fhir.codec.internal.Values;
import org.dicom2fhir.codec.internal.VrTable;

/**
 * Turns value bytes into the strings of a {@link org.dicom2fhir.api.dicom.DicomElement}: text split on
 * the backslash (except LT, ST, UT, UR) with padding trimmed per PS3.5 6.2; binary numbers as decimal
 * strings; AT as 8 hex digits; bulk VRs give no values.
 */
final class ValueDecoder {
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
        if (VrTable.isText(vr)) {
            return VrTable.usesCharset(vr) ? charsetText(vr, tag, b, off, len, charset, warnings, maxValues)
                    : asciiText(vr, b, off, len, maxValues);
        }
        if (VrTable.isBinaryNumber(vr)) {
            return Values.numbers(vr, tag, b, off, len, bigEndian, warnings, maxValues);
        }
        return List.of();
    }

    /** Default repertoire VRs (AE AS CS DA DS DT IS TM UI UR): split and trimmed on the bytes. */
    private static List<String> asciiText(Vr vr, byte[] b, int off, int len, int maxValues) {
        return bytesText(VrTable.isMultiValuedText(vr), VrTable.trimsLeading(vr), false, b, off, off + len, maxValues);
    }

    /**
     * One byte per character (the default repertoire, or plain ASCII in any character set): split on the
     * backslash when the VR is multi-valued, each value trimmed on the bytes.
     */
    private static List<String> bytesText(boolean multi, boolean leading, boolean pn, byte[] b, int off, int end,
            int maxValues) {
        int delimiter = multi ? indexOf(b, off, end) : -1;
        if (delimiter < 0) {
            return List.of(trimmed(leading, pn, b, off, end));
        }
        List<String> values = new ArrayList<>(4);
        int start = off;
        while (delimiter >= 0 && values.size() < maxValues) {
            values.add(trimmed(leading, pn, b, start, delimiter));
            start = delimiter + 1;
            delimiter = indexOf(b, start, end);
        }
        if (values.size() < maxValues) {
            values.add(trimmed(leading, pn, b, start, end));
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

    /** As {@link Values#trimmed(String, int, int, boolean, boolean)}, on bytes. */
    private static String trimmed(boolean leading, boolean pn, byte[] b, int from, int end) {
        while (end > from && (b[end - 1] == ' ' || b[end - 1] == 0 || pn && b[end - 1] == '=')) {
            end--;
        }
        if (leading) {
            while (from < end && b[from] == ' ') {
                from++;
            }
        }
        return from == end ? "" : new String(b, from, end - from, StandardCharsets.ISO_8859_1);
    }

    /** SH LO UC PN LT ST UT: decoded with the character set first, then split and trimmed. */
    private static List<String> charsetText(Vr vr, int tag, byte[] b, int off, int len, SpecificCharacterSet charset,
            ReadWarnings warnings, int maxValues) {
        boolean multi = VrTable.isMultiValuedText(vr);
        boolean pn = VrTable.isPersonName(vr); // text decoded with a character set never trims leading spaces
        if (charset.isPlainAscii(b, off, len)) {
            return bytesText(multi, false, pn, b, off, off + len, maxValues); // the usual case: no string made twice
        }
        String text = charset.decode(b, off, len, SpecificCharacterSet.Delimiters.of(vr), warnings, tag);
        if (!multi) {
            return List.of(Values.trimmed(text, 0, text.length(), false, pn));
        }
        int delimiter = text.indexOf('\\');
        if (delimiter < 0) {
            return List.of(Values.trimmed(text, 0, text.length(), false, pn));
        }
        List<String> values = new ArrayList<>(4);
        int start = 0;
        while (delimiter >= 0 && values.size() < maxValues) {
            values.add(Values.trimmed(text, start, delimiter, false, pn));
            start = delimiter + 1;
            delimiter = text.indexOf('\\', start);
        }
        if (values.size() < maxValues) {
            values.add(Values.trimmed(text, start, text.length(), false, pn));
        }
        return values;
    }
}
