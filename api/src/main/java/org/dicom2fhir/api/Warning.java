package org.dicom2fhir.api;

import java.util.Objects;

/**
 * A warning about one file or the whole run: an upper-case code and a sentence. The message never
 * holds patient data (UIDs, tags, offsets and attribute names are fine).
 */
public record Warning(String code, String message) {
    public Warning {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }
}
