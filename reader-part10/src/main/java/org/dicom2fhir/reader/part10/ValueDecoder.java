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
        int end = off + len;
        boolean leading = VrTable.trimsLeading(vr);
        if (!VrTable.isMultiValuedText(vr)) {
            return List.of(asciiTrimmed(leading, b, off, end));
        }
        int delimiter = indexOf(b, off, end);
        if (delimiter < 0) {
            return List.of(asciiTrimmed(leading, b, off, end));
        }
        List<String> values = new ArrayList<>(4);
        int start = off;
        while (delimiter >= 0 && values.size() < maxValues) {
            values.add(asciiTrimmed(leading, b, start, delimiter));
            start = delimiter + 1;
            delimiter = indexOf(b, start, end);
        }
        if (values.size() < maxValues) {
            values.add(asciiTrimmed(leading, b, start, end));
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

    private static String asciiTrimmed(boolean leading, byte[] b, int from, int end) {
        while (end > from && (b[end - 1] == ' ' || b[end - 1] == 0)) {
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
