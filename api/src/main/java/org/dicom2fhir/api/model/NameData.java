package org.dicom2fhir.api.model;

import java.util.List;
import java.util.Objects;

/** A FHIR HumanName. Empty components are left out; a name with no component at all cannot exist. */
public record NameData(String family, List<String> given, List<String> prefix, List<String> suffix,
        NameRepresentation representation) {
    public NameData {
        family = Strings.orNull(family);
        given = Strings.nonEmpty(given);
        prefix = Strings.nonEmpty(prefix);
        suffix = Strings.nonEmpty(suffix);
        Objects.requireNonNull(representation, "representation");
        if (family == null && given.isEmpty() && prefix.isEmpty() && suffix.isEmpty()) {
            throw new IllegalArgumentException("a name needs at least one component");
        }
    }

    @Override
    public String toString() {
        return "NameData[" + representation + "]"; // never print a patient's name
    }
}
