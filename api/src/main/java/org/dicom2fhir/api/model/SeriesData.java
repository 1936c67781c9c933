package org.dicom2fhir.api.model;

import java.util.List;
import java.util.Objects;

/** One {@code series}; {@code numberOfInstances} is derived. */
public record SeriesData(String uid, Integer number, CodingData modality, String description, String started,
        CodingData bodySite, CodingData laterality, List<InstanceData> instances) {
    public SeriesData {
        uid = Objects.requireNonNull(Strings.orNull(uid), "uid");
        Objects.requireNonNull(modality, "modality");
        description = Strings.orNull(description);
        started = Strings.orNull(started);
        instances = Strings.copy(instances);
    }

    public int numberOfInstances() {
        return instances.size();
    }
}
