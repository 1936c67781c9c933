package org.dicom2fhir.core.internal.mapping;

import java.util.regex.Pattern;

/** Trimming and code normalisation of DICOM text values. */
final class Text {
    private static final Pattern WHITE_SPACE_RUN = Pattern.compile("\\s+");

    private Text() {
    }

    /**
     * The value without leading and trailing padding (spaces, NUL, other control characters, Unicode white
     * space); null when nothing is left.
     */
    static String clean(String value) {
        if (value == null) {
            return null;
        }
        int start = 0;
        int end = value.length();
        while (start < end && isPadding(value.charAt(start))) {
            start++;
        }
        while (end > start && isPadding(value.charAt(end - 1))) {
            end--;
        }
        return start == end ? null : value.substring(start, end);
    }

    private static boolean isPadding(char c) {
        if (c > ' ' && c < 0x7f) {
            return false; // printable ASCII, the usual first and last character: no Unicode table look-ups
        }
        return c <= ' ' || Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    /** A FHIR {@code code}: trimmed, runs of white space collapsed to one space; null when empty. */
    static String code(String value) {
        String cleaned = clean(value);
        if (cleaned == null) {
            return null;
        }
        for (int i = 0; i < cleaned.length(); i++) {
            char c = cleaned.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r') {
                return WHITE_SPACE_RUN.matcher(cleaned).replaceAll(" "); // \s: those six characters
            }
        }
        return cleaned; // most codes hold no white space: no matcher
    }
}
