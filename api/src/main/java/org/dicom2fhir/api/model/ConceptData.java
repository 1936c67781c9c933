package org.dicom2fhir.api.model;

import java.util.List;

/** A FHIR CodeableConcept: codings and/or text (never both empty). */
public record ConceptData(List<CodingData> codings, String text) {
    public ConceptData {
        codings = Strings.copy(codings);
        text = Strings.orNull(text);
        if (codings.isEmpty() && text == null) {
            throw new IllegalArgumentException("a concept needs a coding or a text");
        }
    }

    public static ConceptData of(CodingData coding) {
        return new ConceptData(List.of(coding), null);
    }
}
