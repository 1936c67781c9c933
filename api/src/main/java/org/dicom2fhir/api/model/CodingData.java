package org.dicom2fhir.api.model;

import java.util.Objects;

/**
 * A FHIR Coding. {@code userSelected} marks codes we could not look up (parity with the original).
 */
public record CodingData(String system, String code, String display, boolean userSelected) {
    public CodingData {
        system = Strings.orNull(system);
        code = Strings.orNull(code);
        display = Strings.orNull(display);
        if (code == null && display == null) {
            throw new IllegalArgumentException("a coding needs a code or a display");
        }
    }

    /** A looked-up code in a known system. */
    public static CodingData of(String system, String code, String display) {
        return new CodingData(Objects.requireNonNull(system, "system"), code, display, false);
    }

    /** A code we could not look up: no system, {@code userSelected: true}. */
    public static CodingData unlooked(String code, String display) {
        return new CodingData(null, code, display, true);
    }
}
