package org.dicom2fhir.api.model;

import java.util.List;
import java.util.Objects;

/**
 * One {@code series}; {@code numberOfInstances} is derived.
 *
 * @param performers  the contained Practitioners (performing physicians, operators) and Device of the series
 * @param specimenIds the contained Specimens of the series
 */
public record SeriesData(String uid, Integer number, CodingData modality, String description, String started,
        CodingData bodySite, CodingData laterality, List<InstanceData> instances, List<PerformerData> performers,
        List<String> specimenIds) {
    public SeriesData {
        uid = Objects.requireNonNull(Strings.orNull(uid), "uid");
        Objects.requireNonNull(modality, "modality");
        description = Strings.orNull(description);
        started = Strings.orNull(started);
        instances = Strings.copy(instances);
        performers = Strings.copy(performers);
        specimenIds = Strings.copy(specimenIds);
    }

    /** A series without performers or specimens. */
    public SeriesData(String uid, Integer number, CodingData modality, String description, String started,
            CodingData bodySite, CodingData laterality, List<InstanceData> instances) {
        this(uid, number, modality, description, started, bodySite, laterality, instances, List.of(), List.of());
    }

    public int numberOfInstances() {
        return instances.size();
    }
}
