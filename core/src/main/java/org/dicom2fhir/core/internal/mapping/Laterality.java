package org.dicom2fhir.core.internal.mapping;

import java.util.Locale;
import org.dicom2fhir.api.model.CodingData;
import org.dicom2fhir.api.model.FhirTerms;

/** (0020,0060) Laterality / (0020,0062) Image Laterality -> SNOMED CT per DICOM CID 244. */
final class Laterality {
    static final CodingData LEFT = CodingData.of(FhirTerms.SNOMED_SYSTEM, "7771000", "Left");
    static final CodingData RIGHT = CodingData.of(FhirTerms.SNOMED_SYSTEM, "24028007", "Right");
    static final CodingData BOTH = CodingData.of(FhirTerms.SNOMED_SYSTEM, "51440002", "Right and left");

    private Laterality() {
    }

    /**
     * L, R, B (trimmed, any case) -> SNOMED; U (unpaired: no side) -> null; any other value
     * {@code {code, userSelected: true}}; null when empty.
     */
    static CodingData coding(String raw) {
        String value = Text.code(raw);
        if (value == null) {
            return null;
        }
        return switch (value.toUpperCase(Locale.ROOT)) {
            case "L" -> LEFT;
            case "R" -> RIGHT;
            case "B" -> BOTH;
            case "U" -> null;
            default -> CodingData.unlooked(value, null);
        };
    }
}
