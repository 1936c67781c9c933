package org.dicom2fhir.testkit;

import java.util.List;
import java.util.Objects;

/** One generated series: its UID, modality, number and the SOP Instance UIDs of its instances, in order. */
public record GeneratedSeries(String seriesInstanceUid, String modality, Integer seriesNumber,
        List<String> sopInstanceUids) {
    public GeneratedSeries {
        Objects.requireNonNull(seriesInstanceUid, "seriesInstanceUid");
        Objects.requireNonNull(modality, "modality");
        sopInstanceUids = List.copyOf(sopInstanceUids);
    }

    public int instanceCount() {
        return sopInstanceUids.size();
    }
}
