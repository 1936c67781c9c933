package org.dicom2fhir.api.model;

import java.util.Objects;

/**
 * A FHIR Identifier.
 *
 * @param use             e.g. {@code usual}; null when absent
 * @param type            the type coding (v2-0203 ACSN or MR); null when absent
 * @param system          a URI; null when unknown
 * @param value           never null or empty
 * @param assignerDisplay {@code assigner.display}; null when absent
 */
public record IdentifierData(String use, CodingData type, String system, String value, String assignerDisplay) {
    public IdentifierData {
        use = Strings.orNull(use);
        system = Strings.orNull(system);
        value = Objects.requireNonNull(Strings.orNull(value), "value");
        assignerDisplay = Strings.orNull(assignerDisplay);
    }

    /** Whether the type coding carries this v2-0203 code (e.g. {@code ACSN}). */
    public boolean hasTypeCode(String code) {
        return type != null && code.equals(type.code());
    }
}
