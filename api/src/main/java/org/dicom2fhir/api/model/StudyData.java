package org.dicom2fhir.api.model;

import java.util.List;
import java.util.Objects;

/**
 * One ImagingStudy, everything a writer needs. {@code status} is always
 * {@value FhirTerms#STATUS_AVAILABLE}; {@code subject} always references the contained patient;
 * {@code numberOfSeries} and {@code numberOfInstances} are derived.
 *
 * @param identifiers accession (type ACSN) first when present, then the study UID
 * @param endpoint    the contained DICOMweb Endpoint, or null
 */
public record StudyData(String id, List<IdentifierData> identifiers, PatientData patient, List<CodingData> modalities,
        String started, String description, EndpointData endpoint, List<ConceptData> procedureCodes,
        List<ConceptData> reasonCodes, List<SeriesData> series) {
    public StudyData {
        id = Objects.requireNonNull(Strings.orNull(id), "id");
        identifiers = Strings.copy(identifiers);
        Objects.requireNonNull(patient, "patient");
        modalities = Strings.copy(modalities);
        started = Strings.orNull(started);
        description = Strings.orNull(description);
        procedureCodes = Strings.copy(procedureCodes);
        reasonCodes = Strings.copy(reasonCodes);
        series = Strings.copy(series);
    }

    public int numberOfSeries() {
        return series.size();
    }

    public int numberOfInstances() {
        int n = 0;
        for (SeriesData s : series) {
            n += s.numberOfInstances();
        }
        return n;
    }

    /** The accession identifier (type ACSN), or null. */
    public IdentifierData accession() {
        return identifiers.stream().filter(i -> i.hasTypeCode("ACSN")).findFirst().orElse(null);
    }

    @Override
    public String toString() {
        return "StudyData[id=" + id + ", series=" + series.size() + ", instances=" + numberOfInstances() + "]";
    }
}
