package org.dicom2fhir.core.internal.mapping;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dicom2fhir.core.InstanceFacts;
import org.dicom2fhir.api.model.CodingData;
import org.dicom2fhir.api.model.FhirTerms;

/** (0020,0060) Laterality / (0020,0062) Image Laterality -> SNOMED CT per DICOM CID 244. */
final class Laterality {
    static final CodingData LEFT = CodingData.of(FhirTerms.SNOMED_SYSTEM, "7771000", "Left");
    static final CodingData RIGHT = CodingData.of(FhirTerms.SNOMED_SYSTEM, "24028007", "Right");
    static final CodingData BOTH = CodingData.of(FhirTerms.SNOMED_SYSTEM, "51440002", "Right and left");
    static final CodingData UNILATERAL = CodingData.of(FhirTerms.SNOMED_SYSTEM, "66459002", "Unilateral");
    /**
     * U (unpaired): a laterality source that applies and says the body part has no side. Never output:
     * {@link #chosen} turns it into no laterality.
     */
    static final CodingData UNPAIRED = new CodingData(null, "U", "unpaired", true);
    /** CID 244 (Laterality) by SNOMED CT code; legacy SRT codes arrive translated by {@link CodedValues}. */
    private static final Map<String, CodingData> CID_244 = Map.of(LEFT.code(), LEFT, RIGHT.code(), RIGHT,
            BOTH.code(), BOTH, UNILATERAL.code(), UNILATERAL);

    private Laterality() {
    }

    /** The first Anatomic Region Modifier that is a CID 244 laterality, as its SNOMED coding; else null. */
    static CodingData ofModifiers(List<InstanceFacts.Code> modifiers) {
        for (InstanceFacts.Code modifier : modifiers) {
            CodingData coding = CodedValues.coding(modifier);
            if (coding != null && FhirTerms.SNOMED_SYSTEM.equals(coding.system())) {
                CodingData laterality = CID_244.get(coding.code());
                if (laterality != null) {
                    return laterality;
                }
            }
        }
        return null;
    }

    /**
     * L, R, B (trimmed, any case) -> SNOMED; U (unpaired: no side) -> {@link #UNPAIRED}; any other value
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
            case "U" -> UNPAIRED;
            default -> CodingData.unlooked(value, null);
        };
    }

    /** The laterality to output for a chosen source: none for {@link #UNPAIRED}. */
    static CodingData chosen(CodingData source) {
        return source == UNPAIRED ? null : source;
    }
}
