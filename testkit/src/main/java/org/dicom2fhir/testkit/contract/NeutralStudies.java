package org.dicom2fhir.testkit.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.dicom2fhir.api.model.CodingData;
import org.dicom2fhir.api.model.ConceptData;
import org.dicom2fhir.api.model.ContainedData;
import org.dicom2fhir.api.model.DeviceData;
import org.dicom2fhir.api.model.EndpointData;
import org.dicom2fhir.api.model.FhirTerms;
import org.dicom2fhir.api.model.IdentifierData;
import org.dicom2fhir.api.model.InstanceData;
import org.dicom2fhir.api.model.LocationData;
import org.dicom2fhir.api.model.NameData;
import org.dicom2fhir.api.model.NameRepresentation;
import org.dicom2fhir.api.model.OrderData;
import org.dicom2fhir.api.model.OrganizationData;
import org.dicom2fhir.api.model.PatientData;
import org.dicom2fhir.api.model.PerformerData;
import org.dicom2fhir.api.model.PractitionerData;
import org.dicom2fhir.api.model.SeriesData;
import org.dicom2fhir.api.model.ServiceRequestData;
import org.dicom2fhir.api.model.SpecimenData;
import org.dicom2fhir.api.model.StudyData;

/**
 * Hand-built neutral studies (synthetic data) that together cover every row of mapping.md, in the
 * form core hands to a writer (canonical dates, trimmed codes, no empty strings). Each has a golden
 * output per FHIR release under {@code /org/dicom2fhir/testkit/contract/golden/<release>/<name>.json}.
 *
 * <p>Coverage: accession with an OID, a UUID and no issuer; patient identifiers with system and
 * assigner, with a URI, with neither; alphabetic, ideographic and phonetic names, an ideographic one
 * alone, no name; all four genders; birth date present and absent; started with a fraction, a zero
 * offset, a negative half-hour offset, date only, absent; series numbers present, zero and absent;
 * body sites and lateralities from SNOMED and un-looked-up; every laterality code; instance numbers
 * and titles present, zero and absent; procedure and reason codes coded, text-only, un-looked-up and
 * code-only; the endpoint with https and with http and a port; non-ASCII text and XML's special
 * characters in every kind of string; every contained resource (practitioners, organization, location,
 * devices, specimens, service request) and every reference to one, an identifier-only order per
 * accession, acquisition modalities that differ from the modalities.
 */
public final class NeutralStudies {
    private NeutralStudies() {
    }

    /** A study and the name of its goldens. */
    public record Named(String name, StudyData study) {
        public Named {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(study, "study");
        }

        @Override
        public String toString() {
            return name; // the display name of parameterised tests
        }
    }

    public static final String FULL = "full";
    public static final String ACCESSION_WITHOUT_ISSUER = "accession-without-issuer";
    public static final String MINIMAL = "minimal";
    public static final String DATES_AND_CODES = "dates-and-codes";
    public static final String NON_ASCII = "non-ascii";
    public static final String CONTAINED = "contained";
    public static final String SUBJECT_REFERENCE = "subject-reference";
    public static final String SUBJECT_ABSOLUTE_REFERENCE = "subject-absolute-reference";

    public static final String CT_IMAGE = "urn:oid:1.2.840.10008.5.1.4.1.1.2";
    public static final String MR_IMAGE = "urn:oid:1.2.840.10008.5.1.4.1.1.4";
    public static final String BASIC_TEXT_SR = "urn:oid:1.2.840.10008.5.1.4.1.1.88.11";
    public static final String SECONDARY_CAPTURE = "urn:oid:1.2.840.10008.5.1.4.1.1.7";

    private static final String FULL_UID = "1.2.826.0.1.3680043.8.498.1";

    /** Every fixture, in a fixed order. */
    public static List<Named> all() {
        return List.of(new Named(FULL, full()), new Named(ACCESSION_WITHOUT_ISSUER, accessionWithoutIssuer()),
                new Named(MINIMAL, minimal()), new Named(DATES_AND_CODES, datesAndCodes()),
                new Named(NON_ASCII, nonAscii()), new Named(CONTAINED, contained()));
    }

    /**
     * Studies whose subject is a Patient on a server ({@link StudyData#subjectReference()}), so none is
     * contained: {@value #CONTAINED} referencing {@code Patient/123} (its Specimens and ServiceRequest
     * too), {@value #FULL} an absolute URL. Kept apart from {@link #all()}: each shares its study id
     * with the fixture it is made of.
     */
    public static List<Named> referencing() {
        return List.of(new Named(SUBJECT_REFERENCE, contained().withSubjectReference("Patient/123")),
                new Named(SUBJECT_ABSOLUTE_REFERENCE,
                        full().withSubjectReference("https://fhir.example.org/fhir/Patient/9")));
    }

    /** The fixture of that name, of {@link #all()} or {@link #referencing()}. */
    public static StudyData named(String name) {
        return Stream.concat(all().stream(), referencing().stream()).filter(n -> n.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no neutral study named " + name)).study();
    }

    public static CodingData dcm(String modality) {
        return CodingData.of(FhirTerms.DCM_SYSTEM, modality, null);
    }

    public static CodingData snomed(String code, String display) {
        return CodingData.of(FhirTerms.SNOMED_SYSTEM, code, display);
    }

    public static CodingData sopClass(String urn) {
        return CodingData.of(FhirTerms.RFC3986_SYSTEM, urn, null);
    }

    public static IdentifierData studyUid(String uid) {
        return new IdentifierData(null, null, FhirTerms.DICOM_UID_SYSTEM, "urn:oid:" + uid, null);
    }

    public static IdentifierData accession(String system, String value) {
        return new IdentifierData("usual", ConceptData.of(CodingData.of(FhirTerms.V2_0203_SYSTEM, "ACSN", null)), system, value, null);
    }

    public static IdentifierData patientId(String system, String value, String assigner) {
        return new IdentifierData("usual", ConceptData.of(CodingData.of(FhirTerms.V2_0203_SYSTEM, "MR", null)), system, value, assigner);
    }

    /** Every element set, every kind of coding, three name groups, the endpoint. */
    public static StudyData full() {
        PatientData patient = new PatientData(
                List.of(patientId("urn:oid:1.2.840.99999.2", "PID-42", "Hospital A")),
                List.of(new NameData("Yamada", List.of("Tarou", "Middle"), List.of("Dr."), List.of("Jr."),
                                NameRepresentation.ALPHABETIC),
                        new NameData("山田", List.of("太郎"), List.of(), List.of(), NameRepresentation.IDEOGRAPHIC),
                        new NameData("やまだ", List.of("たろう"), List.of(), List.of(), NameRepresentation.PHONETIC)),
                "male", "1970-01-31");
        SeriesData ct = new SeriesData(FULL_UID + ".1", 1, dcm("CT"), "Axial 1mm", "2021-03-04T05:06:07Z",
                snomed("51185008", "Thorax"), snomed("7771000", "Left"),
                List.of(new InstanceData(FULL_UID + ".1.1", sopClass(CT_IMAGE), 1, "ORIGINAL\\PRIMARY\\AXIAL"),
                        new InstanceData(FULL_UID + ".1.2", sopClass(CT_IMAGE), 2, null)));
        SeriesData sr = new SeriesData(FULL_UID + ".2", null, dcm("SR"), null, "2021-03-04T05:06:07.123456-05:30",
                CodingData.unlooked("KNEECAP", null), CodingData.unlooked("X", null),
                List.of(new InstanceData(FULL_UID + ".2.1", sopClass(BASIC_TEXT_SR), null, "Radiology Report")));
        return withAccessionOrder(new StudyData("8c7a3f5e-2b1d-3c4e-9f60-718293a4b5c6",
                List.of(accession("urn:oid:1.2.840.99999.1", "ACC-0001"), studyUid(FULL_UID)),
                patient, List.of(dcm("CT"), dcm("SR")), "2021-03-04T05:06:07.12+09:00", "CT chest with contrast",
                new EndpointData("https://pacs.example.org/dicomweb"),
                List.of(new ConceptData(List.of(CodingData.of("http://loinc.org", "24627-2", "CT Chest")), "CT Chest")),
                List.of(new ConceptData(List.of(), "Suspected pneumonia"),
                        new ConceptData(List.of(snomed("233604007", "Pneumonia")), "Pneumonia"),
                        new ConceptData(List.of(CodingData.unlooked("R-0042", "Private reason")), "Private reason")),
                List.of(ct, sr)));
    }

    /** An accession without issuer, a date-only start, no endpoint, no codes. */
    public static StudyData accessionWithoutIssuer() {
        return withAccessionOrder(new StudyData("0f1e2d3c-4b5a-3968-8776-a5b4c3d2e1f0",
                List.of(accession(null, "ACC-0002"), studyUid("1.2.3.4")),
                new PatientData(List.of(patientId(null, "PID-43", null)),
                        List.of(new NameData("Doe", List.of("Jane"), List.of(), List.of(), NameRepresentation.ALPHABETIC)),
                        "female", "1980-02-29"),
                List.of(dcm("MR")), "2021-03-04", null, null, List.of(), List.of(),
                List.of(new SeriesData("1.2.3.4.1", 7, dcm("MR"), null, "2021-03-04", null, null,
                        List.of(new InstanceData("1.2.3.4.1.1", sopClass(MR_IMAGE), 0, null))))));
    }

    /** Nothing optional: no accession, an anonymous patient, no dates, no descriptions, no numbers. */
    public static StudyData minimal() {
        return new StudyData("11111111-2222-3333-8444-555555555555", List.of(studyUid("1.2.3")),
                new PatientData(List.of(), List.of(), "unknown", null),
                List.of(dcm("OT")), null, null, null, List.of(), List.of(),
                List.of(new SeriesData("1.2.3.1", null, dcm("OT"), null, null, null, null,
                        List.of(new InstanceData("1.2.3.1.1", sopClass(SECONDARY_CAPTURE), null, null)))));
    }

    /**
     * The date renderings of mapping.md (zero offset as {@code Z}, no zero fraction, six digits,
     * negative and +14:00 offsets, date only), the remaining lateralities, zero numbers, a UUID
     * accession issuer, a URI patient identifier system, an ideographic name alone, code-only codings
     * and an http endpoint with a port.
     */
    public static StudyData datesAndCodes() {
        String uid = "2.25.114251245251642381913957846011337286245";
        SeriesData mr = new SeriesData(uid + ".1", 0, dcm("MR"), null, "2021-03-04T23:59:59.999999-09:30",
                snomed("69536005", "Head"), snomed("24028007", "Right"),
                List.of(new InstanceData(uid + ".1.1", sopClass(MR_IMAGE), 0, "Localizer"),
                        new InstanceData(uid + ".1.2", sopClass(MR_IMAGE), 10, null)));
        SeriesData pt = new SeriesData(uid + ".2", 3, dcm("PT"), "PET WB", "1999-12-31T12:34:56.1+14:00",
                null, snomed("51440002", "Right and left"),
                List.of(new InstanceData(uid + ".2.1", sopClass("urn:oid:1.2.840.10008.5.1.4.1.1.128"), 1, null)));
        SeriesData nm = new SeriesData(uid + ".3", null, dcm("NM"), "Bone scan", "2021-03-04", snomed("38266002",
                "Entire body as a whole"), null,
                List.of(new InstanceData(uid + ".3.1", sopClass("urn:oid:1.2.840.10008.5.1.4.1.1.20"), null, null)));
        return withAccessionOrder(new StudyData("3c9d0e1f-7a6b-3c5d-8e4f-0a1b2c3d4e5f",
                List.of(accession("urn:uuid:9b3a6f0e-3c4d-4b8a-9a57-2f1d6c0e8b11", "A-17"), studyUid(uid)),
                new PatientData(List.of(patientId("https://hospital.example.org/patients", "P-17", null)),
                        List.of(new NameData("王", List.of(), List.of(), List.of(), NameRepresentation.IDEOGRAPHIC)),
                        "other", "2000-02-29"),
                List.of(dcm("MR"), dcm("PT"), dcm("NM")), "2021-03-04T00:00:00Z", null,
                new EndpointData("http://archive.example.org:8080/dicom-web"),
                List.of(new ConceptData(List.of(CodingData.of("http://www.radlex.org", "RID10321", null)), null)),
                List.of(new ConceptData(List.of(CodingData.of("http://hl7.org/fhir/sid/icd-10", "C34.9",
                        "Malignant neoplasm of bronchus or lung, unspecified")), null)),
                List.of(mr, pt, nm)));
    }

    /**
     * Non-ASCII text (Latin accents, Greek, Hangul, CJK, a character outside the BMP) and XML's
     * special characters in every kind of string element.
     */
    public static StudyData nonAscii() {
        String uid = "2.25.259147463187211936124658312640946238451";
        SeriesData series = new SeriesData(uid + ".1", 1, dcm("CT"), "Übersicht – axial <5 mm> & \"dünn\"",
                "2021-03-04T05:06:07+01:00", snomed("38266002", "Entire body as a whole"), null,
                List.of(new InstanceData(uid + ".1.1", sopClass(CT_IMAGE), 1, "Befund: Lunge/Herz ✓ 🩻"),
                        new InstanceData(uid + ".1.2", sopClass(CT_IMAGE), 2, "ORIGINAL\\PRIMARY\\AXIAL")));
        return withAccessionOrder(new StudyData("5e6f7a8b-9c0d-3e1f-a2b3-c4d5e6f7a8b9",
                List.of(accession("urn:oid:1.2.840.99999.3", "ACC-Ä1"), studyUid(uid)),
                new PatientData(List.of(patientId("urn:oid:1.2.840.99999.4", "PID-ß7", "Klinikum Süd & Nord")),
                        List.of(new NameData("Müller-Lüdenscheidt", List.of("Zoë", "Jean-François"),
                                        List.of("Prof. Dr."), List.of("d'Ärzte"), NameRepresentation.ALPHABETIC),
                                new NameData("김", List.of("민준"), List.of(), List.of(), NameRepresentation.IDEOGRAPHIC),
                                new NameData("Ψυχάρης", List.of("Ἀλέξανδρος"), List.of(), List.of(),
                                        NameRepresentation.PHONETIC)),
                        "female", "1950-06-15"),
                List.of(dcm("CT")), "2021-03-04T05:06:07+01:00", "Ganzkörper-CT 🩻 <'quoted'> & \\ Ωmega",
                null,
                List.of(new ConceptData(List.of(CodingData.unlooked("GK-CT", "Ganzkörper-CT")), "Ganzkörper-CT")),
                List.of(new ConceptData(List.of(), "Verdacht auf Pneumonie (ärztlich) – „dringend“")),
                List.of(series)));
    }

    /**
     * Every contained resource and every reference to one: a referrer with two name groups and an
     * identifier; two interpreters, one of them also a series performer (R5 contains only that one);
     * performers with functions PRF and SPRF and devices without; a service request with typed and
     * text-typed identifiers and a code, and an accession-only order; a location managed by an
     * organization with an address; a device with a GS1 UDI, software versions, a station name, a
     * device UID and an owner, one with a non-GS1 UDI; specimens; an encounter; a Study ID identifier
     * with a text-only type; an SR series, so that R4's acquisition modalities differ from R5's.
     */
    public static StudyData contained() {
        String uid = "2.25.180629386217395623574385128049317652731";
        IdentifierData accession = accession("urn:oid:1.2.840.99999.10", "ACC-0101");
        IdentifierData secondAccession = accession("urn:oid:1.2.840.99999.10", "ACC-0102");
        PractitionerData referrer = new PractitionerData("practitioner-referrer",
                List.of(new NameData("Synthetic", List.of("Rita"), List.of("Dr."), List.of(),
                                NameRepresentation.ALPHABETIC),
                        new NameData("合成", List.of("理太"), List.of(), List.of(), NameRepresentation.IDEOGRAPHIC)),
                List.of(new IdentifierData(null, null, "urn:oid:1.2.840.99999.11", "DR-0042", "Hospital A")));
        PractitionerData reader = new PractitionerData("practitioner-reader",
                List.of(new NameData("Reader", List.of("Ray"), List.of(), List.of(), NameRepresentation.ALPHABETIC)),
                List.of());
        PractitionerData performer = new PractitionerData("practitioner-performer",
                List.of(new NameData("Performer", List.of("Pia"), List.of(), List.of(), NameRepresentation.ALPHABETIC)),
                List.of());
        PractitionerData operator = new PractitionerData("practitioner-operator",
                List.of(new NameData("Operator", List.of("Otto"), List.of(), List.of(), NameRepresentation.ALPHABETIC)),
                List.of());
        OrganizationData hospital = new OrganizationData("organization-hospital", "Synthetic General Hospital",
                "1 Example Street, 12345 Springfield");
        LocationData department = new LocationData("location-radiology", "Radiology 2", hospital.id());
        DeviceData scanner = new DeviceData("device-ct", "Example Medical", "ExampleScan 64", "SN-0001",
                "1.2.826.0.1.3680043.8.498.99", List.of("VA10", "2.1.3"), "CT-ROOM-2",
                "(01)00844588003288(17)141120(10)7654321D(21)10987654d321", hospital.id());
        DeviceData slideScanner = new DeviceData("device-sm", "Example Pathology", null, "SN-0002", null, List.of(),
                null, "+H123PARTNO1/$$420020216LOT123/SXYZ456789R/16D20130202C", null);
        SpecimenData slide1 = new SpecimenData("specimen-1",
                new IdentifierData(null, null, "urn:oid:1.2.840.99999.12", "S-21-0001-A1", null));
        SpecimenData slide2 = new SpecimenData("specimen-2",
                new IdentifierData(null, null, "urn:oid:1.2.840.99999.12", "S-21-0001-A2", null));
        ServiceRequestData request = new ServiceRequestData("service-request-1",
                List.of(accession,
                        IdentifierData.typed(null, "PLAC", "urn:oid:1.2.840.99999.13", "PO-0101"),
                        IdentifierData.typed(null, "FILL", "urn:oid:1.2.840.99999.14", "FO-0101"),
                        new IdentifierData(null, new ConceptData(List.of(), "Requested Procedure ID"), null,
                                "RP-0101", null)),
                new ConceptData(List.of(CodingData.of("http://loinc.org", "24627-2", "CT Chest")), "CT Chest"));
        PerformerData performing = new PerformerData(
                CodingData.of(FhirTerms.PARTICIPATION_TYPE_SYSTEM, "PRF", "performer"), performer.id());
        PerformerData operating = new PerformerData(
                CodingData.of(FhirTerms.PARTICIPATION_TYPE_SYSTEM, "SPRF", "secondary performer"), operator.id());
        SeriesData ct = new SeriesData(uid + ".1", 1, dcm("CT"), "Thorax", "2021-05-06T07:08:09+02:00",
                snomed("51185008", "Thorax"), null,
                List.of(new InstanceData(uid + ".1.1", sopClass(CT_IMAGE), 1, null)),
                List.of(performing, operating, new PerformerData(null, scanner.id())), List.of());
        SeriesData sm = new SeriesData(uid + ".2", 2, dcm("SM"), "Biopsy slides", null, null, null,
                List.of(new InstanceData(uid + ".2.1", sopClass("urn:oid:1.2.840.10008.5.1.4.1.1.77.1.6"), 1, null)),
                List.of(new PerformerData(null, slideScanner.id())), List.of(slide1.id(), slide2.id()));
        SeriesData sr = new SeriesData(uid + ".3", 3, dcm("SR"), null, null, null, null,
                List.of(new InstanceData(uid + ".3.1", sopClass(BASIC_TEXT_SR), 1, "Report")));
        return new StudyData("7d2e9c4b-1a3f-3b5c-8d6e-9f0a1b2c3d4e",
                List.of(accession, studyUid(uid),
                        new IdentifierData(null, new ConceptData(List.of(), "Study ID"), null, "STUDY-7", null)),
                new PatientData(List.of(patientId("urn:oid:1.2.840.99999.2", "PID-44", null)),
                        List.of(new NameData("Doe", List.of("John"), List.of(), List.of(), NameRepresentation.ALPHABETIC)),
                        "male", "1965-07-08"),
                List.of(dcm("CT"), dcm("SM"), dcm("SR")), "2021-05-06T07:08:09+02:00", "CT chest and biopsy",
                null, List.of(), List.of(), List.of(ct, sm, sr), List.of(dcm("CT"), dcm("SM")),
                referrer.id(), List.of(reader.id(), performer.id()),
                List.of(new OrderData(request.id(), accession), new OrderData(null, secondAccession)),
                department.id(), new IdentifierData(null, null, "urn:oid:1.2.840.99999.15", "ENC-0101", null),
                new ContainedData(List.of(referrer, reader, performer, operator), List.of(hospital),
                        List.of(department), List.of(scanner, slideScanner), List.of(slide1, slide2),
                        List.of(request)), null);
    }

    /** The study with other {@code started} values for itself and its first series. */
    public static StudyData withStarted(StudyData study, String studyStarted, String firstSeriesStarted) {
        List<SeriesData> series = new ArrayList<>(study.series());
        SeriesData s = series.get(0);
        series.set(0, new SeriesData(s.uid(), s.number(), s.modality(), s.description(), firstSeriesStarted,
                s.bodySite(), s.laterality(), s.instances(), s.performers(), s.specimenIds()));
        return new StudyData(study.id(), study.identifiers(), study.patient(), study.modalities(), studyStarted,
                study.description(), study.endpoint(), study.procedureCodes(), study.reasonCodes(), series,
                study.acquisitionModalities(), study.referrerId(), study.interpreterIds(), study.orders(),
                study.locationId(), study.encounter(), study.contained(), study.subjectReference());
    }

    /** The study with another patient. */
    public static StudyData withPatient(StudyData study, PatientData patient) {
        return new StudyData(study.id(), study.identifiers(), patient, study.modalities(), study.started(),
                study.description(), study.endpoint(), study.procedureCodes(), study.reasonCodes(), study.series(),
                study.acquisitionModalities(), study.referrerId(), study.interpreterIds(), study.orders(),
                study.locationId(), study.encounter(), study.contained(), study.subjectReference());
    }

    /** The study with other contained resources (and nothing else changed), e.g. with a value to reject. */
    public static StudyData withContained(StudyData study, ContainedData contained) {
        return new StudyData(study.id(), study.identifiers(), study.patient(), study.modalities(), study.started(),
                study.description(), study.endpoint(), study.procedureCodes(), study.reasonCodes(), study.series(),
                study.acquisitionModalities(), study.referrerId(), study.interpreterIds(), study.orders(),
                study.locationId(), study.encounter(), contained, study.subjectReference());
    }

    /**
     * The study with its accession as an identifier-only order, as core gives a study without a
     * requested procedure: R5 carries the accession only there ({@code basedOn}).
     */
    private static StudyData withAccessionOrder(StudyData study) {
        return new StudyData(study.id(), study.identifiers(), study.patient(), study.modalities(), study.started(),
                study.description(), study.endpoint(), study.procedureCodes(), study.reasonCodes(), study.series(),
                study.acquisitionModalities(), study.referrerId(), study.interpreterIds(),
                List.of(new OrderData(null, study.accession())), study.locationId(), study.encounter(),
                study.contained(), study.subjectReference());
    }

    /** One CT series of {@code count} numbered, titled instances: a large resource for streaming tests. */
    public static StudyData withInstances(int count) {
        List<InstanceData> instances = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            instances.add(new InstanceData("1.2.3.1." + i, sopClass(CT_IMAGE), i, "ORIGINAL\\PRIMARY\\AXIAL"));
        }
        StudyData m = minimal();
        return new StudyData(m.id(), m.identifiers(), m.patient(), List.of(dcm("CT")), m.started(), m.description(),
                m.endpoint(), m.procedureCodes(), m.reasonCodes(),
                List.of(new SeriesData("1.2.3.1", 1, dcm("CT"), null, null, null, null, instances)));
    }
}
