package org.dicom2fhir.api.model;

import java.util.List;
import java.util.Objects;

/**
 * The contained Patient ({@code id} {@value FhirTerms#PATIENT_ID}, {@code active: true}).
 *
 * @param gender    {@code male}, {@code female}, {@code other} or {@code unknown}
 * @param birthDate FHIR {@code date} or null
 */
public record PatientData(List<IdentifierData> identifiers, List<NameData> names, String gender, String birthDate) {
    public PatientData {
        identifiers = Strings.copy(identifiers);
        names = Strings.copy(names);
        gender = Objects.requireNonNull(Strings.orNull(gender), "gender");
        birthDate = Strings.orNull(birthDate);
    }

    @Override
    public String toString() {
        return "PatientData[identifiers=" + identifiers.size() + ", names=" + names.size() + "]";
    }
}
