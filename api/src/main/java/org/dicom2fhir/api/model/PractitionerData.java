package org.dicom2fhir.api.model;

import java.util.List;
import java.util.Objects;

/**
 * A contained Practitioner: a referring, performing or reading physician or an operator. The {@code id} is
 * derived from the content, so the same person gets the same id in every run.
 */
public record PractitionerData(String id, List<NameData> names, List<IdentifierData> identifiers) {
    public PractitionerData {
        id = Objects.requireNonNull(Strings.orNull(id), "id");
        names = Strings.copy(names);
        identifiers = Strings.copy(identifiers);
        if (names.isEmpty() && identifiers.isEmpty()) {
            throw new IllegalArgumentException("a practitioner needs a name or an identifier");
        }
    }

    @Override
    public String toString() {
        return "PractitionerData[id=" + id + "]"; // never print a name
    }
}
