package org.dicom2fhir.api.model;

import java.util.Objects;

/**
 * A contained Location: where the study was performed.
 *
 * @param name                    (0040,0243) Performed Location, else (0008,1040) Institutional Department Name
 * @param managingOrganizationId  id of the contained Organization of the institution, or null
 */
public record LocationData(String id, String name, String managingOrganizationId) {
    public LocationData {
        id = Objects.requireNonNull(Strings.orNull(id), "id");
        name = Strings.orNull(name);
        managingOrganizationId = Strings.orNull(managingOrganizationId);
        if (name == null && managingOrganizationId == null) {
            throw new IllegalArgumentException("a location needs a name or a managing organization");
        }
    }
}
