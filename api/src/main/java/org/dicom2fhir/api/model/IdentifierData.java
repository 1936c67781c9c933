package org.dicom2fhir.api.model;

import java.util.Objects;

/**
 * A FHIR Identifier.
 *
 * @param use             e.g. {@code usual}; null when absent
 * @param type            the type (a v2-0203 coding such as ACSN, MR, PLAC, FILL, or a text); null when absent
 * @param system          a URI; null when unknown
 * @param value           never null or empty
 * @param assignerDisplay {@code assigner.display}; null when absent
 */
public record IdentifierData(String use, ConceptData type, String system, String value, String assignerDisplay) {
    public IdentifierData {
        use = Strings.orNull(use);
        system = Strings.orNull(system);
        value = Objects.requireNonNull(Strings.orNull(value), "value");
        assignerDisplay = Strings.orNull(assignerDisplay);
    }

    /** Whether a type coding carries this v2-0203 code (e.g. {@code ACSN}). */
    public boolean hasTypeCode(String code) {
        return type != null && type.codings().stream().anyMatch(c -> code.equals(c.code()));
    }

    /** An identifier typed by one v2-0203 code. */
    public static IdentifierData typed(String use, String v20203Code, String system, String value) {
        return new IdentifierData(use, ConceptData.of(CodingData.of(FhirTerms.V2_0203_SYSTEM, v20203Code, null)),
                system, value, null);
    }
}
