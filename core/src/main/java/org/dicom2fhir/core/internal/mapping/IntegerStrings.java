package org.dicom2fhir.core.internal.mapping;

import java.util.regex.Pattern;

/** DICOM IS values (Series Number, Instance Number). */
final class IntegerStrings {
    private static final Pattern IS = Pattern.compile("[+-]?\\d{1,12}");

    private IntegerStrings() {
    }

    /** The value as an integer >= 0, or null when absent, empty, not an integer, negative or too large. */
    static Integer nonNegative(String raw) {
        String value = Text.clean(raw);
        if (value == null || !IS.matcher(value).matches()) {
            return null;
        }
        long n = Long.parseLong(value);
        return n < 0 || n > Integer.MAX_VALUE ? null : (int) n;
    }
}
