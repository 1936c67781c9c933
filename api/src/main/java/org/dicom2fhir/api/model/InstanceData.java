package org.dicom2fhir.api.model;

import java.util.Objects;

/** One {@code series.instance}. */
public record InstanceData(String uid, CodingData sopClass, Integer number, String title) {
    public InstanceData {
        uid = Objects.requireNonNull(Strings.orNull(uid), "uid");
        Objects.requireNonNull(sopClass, "sopClass");
        title = Strings.orNull(title);
    }
}
