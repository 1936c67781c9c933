package org.dicom2fhir.fhir.hapi;

import java.util.List;
import org.dicom2fhir.api.model.CodingData;
import org.dicom2fhir.api.model.ConceptData;
import org.dicom2fhir.api.model.EndpointData;
import org.dicom2fhir.api.model.FhirTerms;
import org.dicom2fhir.api.model.IdentifierData;
import org.dicom2fhir.api.model.InstanceData;
import org.dicom2fhir.api.model.NameData;
import org.dicom2fhir.api.model.NameRepresentation;
import org.dicom2fhir.api.model.PatientData;
import org.dicom2fhir.api.model.SeriesData;
import org.dicom2fhir.api.model.StudyData;

/** Hand-built neutral studies (synthetic data) covering every element of mapping.md. */
final class Studies {
    private Studies() {
    }

    static final String FULL_ID = "8c7a3f5e-2b1d-3c4e-9f60-718293a4b5c6";
    static final String STUDY_UID = "1.2.826.0.1.3680043.8.498.1";
    static final String CT_IMAGE = "urn:oid:1.2.840.10008.5.1.4.1.1.2";
    static final String BASIC_TEXT_SR = "urn:oid:1.2.840.10008.5.1.4.1.1.88.11";

    static CodingData dcm(String modality) {
        return CodingData.of(FhirTerms.DCM_SYSTEM, modality, null);
    }

    static CodingData sopClass(String urn) {
        return CodingData.of(FhirTerms.RFC3986_SYSTEM, urn, null);
    }

    static IdentifierData studyUid(String uid) {
        return new IdentifierData(null, null, FhirTerms.DICOM_UID_SYSTEM, "urn:oid:" + uid, null);
    }

    static IdentifierData accession(String system, String value) {
        return new IdentifierData("usual", CodingData.of(FhirTerms.V2_0203_SYSTEM, "ACSN", null), system, value, null);
    }

    /** Every element set, every kind of coding, three name groups, the endpoint. */
    static StudyData full() {
        PatientData patient = new PatientData(
                List.of(new IdentifierData("usual", CodingData.of(FhirTerms.V2_0203_SYSTEM, "MR", null),
                        "urn:oid:1.2.840.99999.2", "PID-42", "Hospital A")),
                List.of(new NameData("Yamada", List.of("Tarou", "Middle"), List.of("Dr."), List.of("Jr."),
                                NameRepresentation.ALPHABETIC),
                        new NameData("山田", List.of("太郎"), List.of(), List.of(), NameRepresentation.IDEOGRAPHIC),
                        new NameData("やまだ", List.of("たろう"), List.of(), List.of(), NameRepresentation.PHONETIC)),
                "male", "1970-01-31");
        SeriesData ct = new SeriesData(STUDY_UID + ".1", 1, dcm("CT"), "Axial 1mm", "2021-03-04T05:06:07Z",
                CodingData.of(FhirTerms.SNOMED_SYSTEM, "51185008", "Thorax"),
                CodingData.of(FhirTerms.SNOMED_SYSTEM, "7771000", "Left"),
                List.of(new InstanceData(STUDY_UID + ".1.1", sopClass(CT_IMAGE), 1, "ORIGINAL\\PRIMARY\\AXIAL"),
                        new InstanceData(STUDY_UID + ".1.2", sopClass(CT_IMAGE), 2, null)));
        SeriesData sr = new SeriesData(STUDY_UID + ".2", null, dcm("SR"), null, "2021-03-04T05:06:07.123456-05:30",
                CodingData.unlooked("KNEECAP", null), CodingData.unlooked("X", null),
                List.of(new InstanceData(STUDY_UID + ".2.1", sopClass(BASIC_TEXT_SR), null, "Radiology Report")));
        return new StudyData(FULL_ID,
                List.of(accession("urn:oid:1.2.840.99999.1", "ACC-0001"), studyUid(STUDY_UID)),
                patient, List.of(dcm("CT"), dcm("SR")), "2021-03-04T05:06:07.12+09:00", "CT chest with contrast",
                new EndpointData("https://pacs.example.org/dicomweb"),
                List.of(new ConceptData(List.of(CodingData.of("http://loinc.org", "24627-2", "CT Chest")), "CT Chest")),
                List.of(new ConceptData(List.of(), "Suspected pneumonia"),
                        new ConceptData(List.of(CodingData.of(FhirTerms.SNOMED_SYSTEM, "233604007", "Pneumonia")),
                                "Pneumonia"),
                        new ConceptData(List.of(CodingData.unlooked("R-0042", "Private reason")), "Private reason")),
                List.of(ct, sr));
    }

    /** An accession without issuer, a date-only start, no endpoint, no codes. */
    static StudyData accessionWithoutIssuer() {
        return new StudyData("0f1e2d3c-4b5a-3968-8776-a5b4c3d2e1f0",
                List.of(accession(null, "ACC-0002"), studyUid("1.2.3.4")),
                new PatientData(List.of(new IdentifierData("usual",
                        CodingData.of(FhirTerms.V2_0203_SYSTEM, "MR", null), null, "PID-43", null)),
                        List.of(new NameData("Doe", List.of("Jane"), List.of(), List.of(), NameRepresentation.ALPHABETIC)),
                        "female", "1980-02-29"),
                List.of(dcm("MR")), "2021-03-04", null, null, List.of(), List.of(),
                List.of(new SeriesData("1.2.3.4.1", 7, dcm("MR"), null, "2021-03-04", null, null,
                        List.of(new InstanceData("1.2.3.4.1.1", sopClass("urn:oid:1.2.840.10008.5.1.4.1.1.4"), 0,
                                null)))));
    }

    /** Nothing optional: no accession, an anonymous patient, no dates, no descriptions, no numbers. */
    static StudyData minimal() {
        return new StudyData("11111111-2222-3333-8444-555555555555", List.of(studyUid("1.2.3")),
                new PatientData(List.of(), List.of(), "unknown", null),
                List.of(dcm("OT")), null, null, null, List.of(), List.of(),
                List.of(new SeriesData("1.2.3.1", null, dcm("OT"), null, null, null, null,
                        List.of(new InstanceData("1.2.3.1.1", sopClass("urn:oid:1.2.840.10008.5.1.4.1.1.7"), null,
                                null)))));
    }

    /** The full study with another id and started value, e.g. for date renderings. */
    static StudyData withStarted(String studyStarted, String seriesStarted) {
        StudyData f = full();
        SeriesData s = f.series().get(0);
        SeriesData changed = new SeriesData(s.uid(), s.number(), s.modality(), s.description(), seriesStarted,
                s.bodySite(), s.laterality(), s.instances());
        return new StudyData(f.id(), f.identifiers(), f.patient(), f.modalities(), studyStarted, f.description(),
                f.endpoint(), f.procedureCodes(), f.reasonCodes(), List.of(changed, f.series().get(1)));
    }

    static List<StudyData> all() {
        return List.of(full(), accessionWithoutIssuer(), minimal());
    }
}
