package org.dicom2fhir.api.model;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One ImagingStudy, everything a writer needs. {@code status} is always
 * {@value FhirTerms#STATUS_AVAILABLE}; {@code numberOfSeries} and {@code numberOfInstances} are derived.
 *
 * <p>The subject: without a {@code subjectReference} the Patient is contained (id
 * {@value FhirTerms#PATIENT_ID}) and every patient reference is {@value FhirTerms#PATIENT_REFERENCE};
 * with one, no Patient is contained and {@code ImagingStudy.subject} and every patient reference of
 * the contained resources ({@code Specimen.subject}, {@code ServiceRequest.subject}) is that reference
 * (see {@link #patientReference()}). The {@code patient} data stays either way: a transaction that
 * creates the Patient on the server takes it from here.
 *
 * @param identifiers           accession (type ACSN) first when present, then the study UID, then the Study ID
 * @param modalities            every series modality (R5's {@code modality})
 * @param endpoint              the contained DICOMweb Endpoint, or null
 * @param acquisitionModalities the series modalities that are acquisition modalities (DICOM CID 29), R4's
 *                              {@code modality}
 * @param referrerId            the contained Practitioner of {@code referrer}, or null
 * @param interpreterIds        the contained Practitioners of R4's {@code interpreter}
 * @param orders                {@code basedOn}, one per requested procedure
 * @param locationId            the contained Location of {@code location}, or null
 * @param encounter             the identifier of the identifier-only {@code encounter} reference, or null
 * @param contained             the contained resources besides the Patient and the Endpoint
 * @param subjectReference      the literal reference of the subject on a server ({@code Patient/123}, an
 *                              absolute URL, or a transaction's {@code urn:uuid:...}), or null for the
 *                              contained Patient
 */
public record StudyData(String id, List<IdentifierData> identifiers, PatientData patient, List<CodingData> modalities,
        String started, String description, EndpointData endpoint, List<ConceptData> procedureCodes,
        List<ConceptData> reasonCodes, List<SeriesData> series, List<CodingData> acquisitionModalities,
        String referrerId, List<String> interpreterIds, List<OrderData> orders, String locationId,
        IdentifierData encounter, ContainedData contained, String subjectReference) {
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
        acquisitionModalities = Strings.copy(acquisitionModalities);
        referrerId = Strings.orNull(referrerId);
        interpreterIds = Strings.copy(interpreterIds);
        orders = Strings.copy(orders);
        locationId = Strings.orNull(locationId);
        contained = contained == null ? ContainedData.none() : contained;
        subjectReference = Strings.orNull(subjectReference);
        // a '#' reference would point at a contained Patient, which exists only without a subjectReference
        if (subjectReference != null && subjectReference.startsWith("#")) {
            throw new IllegalArgumentException("subjectReference must not be a local (#) reference");
        }
    }

    /**
     * The study of the earlier shape: no acquisition-modality filter (every modality counts), no
     * practitioners, orders, place or equipment.
     */
    public StudyData(String id, List<IdentifierData> identifiers, PatientData patient, List<CodingData> modalities,
            String started, String description, EndpointData endpoint, List<ConceptData> procedureCodes,
            List<ConceptData> reasonCodes, List<SeriesData> series) {
        this(id, identifiers, patient, modalities, started, description, endpoint, procedureCodes, reasonCodes,
                series, modalities, null, List.of(), List.of(), null, null, ContainedData.none(), null);
    }

    /** A copy with that subject reference (null: the contained Patient again). */
    public StudyData withSubjectReference(String reference) {
        return new StudyData(id, identifiers, patient, modalities, started, description, endpoint, procedureCodes,
                reasonCodes, series, acquisitionModalities, referrerId, interpreterIds, orders, locationId, encounter,
                contained, reference);
    }

    /** Whether the Patient is contained: only without a {@code subjectReference}. */
    public boolean containsPatient() {
        return subjectReference == null;
    }

    /**
     * The reference of every patient reference of the study ({@code ImagingStudy.subject},
     * {@code Specimen.subject}, {@code ServiceRequest.subject}): the {@code subjectReference}, or the
     * contained Patient's.
     */
    public String patientReference() {
        return subjectReference != null ? subjectReference : FhirTerms.PATIENT_REFERENCE;
    }

    /**
     * The contained Practitioners referenced from somewhere other than {@code interpreter} (which R5
     * dropped): a writer for R5 contains only these, so that no contained resource goes unreferenced.
     */
    public List<PractitionerData> practitionersBesidesInterpreters() {
        Set<String> used = new HashSet<>();
        if (referrerId != null) {
            used.add(referrerId);
        }
        for (SeriesData s : series) {
            for (PerformerData p : s.performers()) {
                used.add(p.actorId());
            }
        }
        return contained.practitioners().stream().filter(p -> used.contains(p.id())).toList();
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

    /** The Study Instance UID, from its {@code urn:dicom:uid} identifier; null when there is none. */
    public String studyInstanceUid() {
        return identifiers.stream().filter(i -> FhirTerms.DICOM_UID_SYSTEM.equals(i.system())
                && i.value().startsWith("urn:oid:")).map(i -> i.value().substring("urn:oid:".length())).findFirst()
                .orElse(null);
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
