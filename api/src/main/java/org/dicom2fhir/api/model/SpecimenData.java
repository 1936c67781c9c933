package org.dicom2fhir.api.model;

import java.util.Objects;

/**
 * A contained Specimen of a series: (0040,0560) > (0040,0551) with its issuer (0040,0562). Its
 * {@code subject} is the study's subject.
 */
public record SpecimenData(String id, IdentifierData accessionIdentifier) {
    public SpecimenData {
        id = Objects.requireNonNull(Strings.orNull(id), "id");
        Objects.requireNonNull(accessionIdentifier, "accessionIdentifier");
    }
}
