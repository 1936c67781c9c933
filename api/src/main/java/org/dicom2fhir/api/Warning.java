package org.dicom2fhir.api;

import java.io.Serializable;
import java.util.Objects;

/**
 * A warning about one file or the whole run: a catalogued code and a sentence. The message never
 * holds patient data (UIDs, tags, offsets and attribute names are fine). Serialisable, so that facts
 * carrying warnings can travel between machines.
 */
public record Warning(WarningCode code, String message) implements Serializable {
    private static final long serialVersionUID = 1L;

    public Warning {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }
}
