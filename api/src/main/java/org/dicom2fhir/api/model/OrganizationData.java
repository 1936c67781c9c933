package org.dicom2fhir.api.model;

import java.util.Objects;

/** A contained Organization: the institution, (0008,0080) with its address (0008,0081) as text. */
public record OrganizationData(String id, String name, String address) {
    public OrganizationData {
        id = Objects.requireNonNull(Strings.orNull(id), "id");
        name = Objects.requireNonNull(Strings.orNull(name), "name"); // FHIR org-1: a name or an identifier
        address = Strings.orNull(address);
    }
}
