package org.dicom2fhir.api.model;

import java.util.ArrayList;
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
        if (values == null || values.isEmpty()) {
            return List.of();
        }
        // a loop, not a stream: names and versions are built for every study of a batch
        List<String> kept = new ArrayList<>(values.size());
        for (String s : values) {
            if (s != null && !s.isEmpty()) {
                kept.add(s);
            }
        }
        return List.copyOf(kept);
    }

    static <T> List<T> copy(List<T> values) {
        return values == null ? List.of() : List.copyOf(values);
    }
}
