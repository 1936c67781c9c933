package org.dicom2fhir.reader.pixelmed;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.dicom2fhir.api.Warning;
import org.dicom2fhir.codec.SpecificCharacterSet;

/**
 * The warnings of one read, without duplicates and bounded (a hostile file must not flood them). The
 * codes are those of the built-in reader, so that both readers report a file alike.
 */
final class Warnings implements SpecificCharacterSet.WarningSink {
    static final String TRUNCATED = "TRUNCATED";
    static final String MALFORMED = "MALFORMED";
    static final String CHARACTER_SET = SpecificCharacterSet.WARNING_CODE;
    static final String INVALID_VR = "INVALID_VR";
    static final String TRANSFER_SYNTAX = "TRANSFER_SYNTAX";

    private static final int MAX = 50;

    private Set<Warning> warnings; // created on the first warning: most files have none
    private boolean overflowed;

    @Override
    public void add(String code, String message) {
        if (warnings == null) {
            warnings = new LinkedHashSet<>();
        }
        if (warnings.size() < MAX) {
            warnings.add(new Warning(code, message));
        } else if (!overflowed && !warnings.contains(new Warning(code, message))) {
            overflowed = true;
            warnings.add(new Warning(MALFORMED, "More than " + MAX + " warnings for this file; the rest were dropped."));
        }
    }

    List<Warning> toList() {
        return warnings == null ? List.of() : new ArrayList<>(warnings);
    }
}
