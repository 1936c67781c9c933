package org.dicom2fhir.api.model;

import java.util.List;

/** Null-and-empty handling shared by the records of this package. */
final class Strings {
    private Strings() {
    }

    /** {@code null} for null or empty, else the value: FHIR forbids empty strings. */
    static String orNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    static List<String> nonEmpty(List<String> values) {
        return values == null ? List.of() : values.stream().filter(s -> s != null && !s.isEmpty()).toList();
    }

    static <T> List<T> copy(List<T> values) {
        return values == null ? List.of() : List.copyOf(values);
    }
}
