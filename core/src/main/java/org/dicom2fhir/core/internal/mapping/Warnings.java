package org.dicom2fhir.core.internal.mapping;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.dicom2fhir.api.Warning;
import org.dicom2fhir.api.WarningCode;

/** The run-level warnings of one mapping, in the order given, each at most once. */
final class Warnings {
    private final Set<Warning> warnings = new LinkedHashSet<>();

    void add(WarningCode code, String message) {
        warnings.add(new Warning(code, message));
    }

    List<Warning> list() {
        return List.copyOf(warnings);
    }
}
