package org.dicom2fhir.testkit.contract;

import java.util.List;
import java.util.Objects;
import org.dicom2fhir.api.model.StudyData;
import org.dicom2fhir.api.model.TransactionData;
import org.dicom2fhir.api.model.TransactionData.PatientEntry;

/**
 * Hand-built transactions (synthetic data) of the {@link NeutralStudies}, one per way of delivering a
 * study: each has a golden per FHIR release under
 * {@code /org/dicom2fhir/testkit/contract/golden/<release>/transaction/<name>.json}.
 */
public final class NeutralTransactions {
    private NeutralTransactions() {
    }

    /** A transaction and the name of its goldens. */
    public record Named(String name, TransactionData transaction) {
        public Named {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(transaction, "transaction");
        }

        /** The name of its goldens for {@link JsonTrees#golden}. */
        public String golden() {
            return GOLDEN_DIRECTORY + name;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static final String GOLDEN_DIRECTORY = "transaction/";

    public static final String CONTAINED_PATIENT = "contained-patient";
    public static final String PATIENT_ENTRY = "patient-entry";
    public static final String SUBJECT_REFERENCE = "subject-reference";
    public static final String SERVER_IDS = "server-ids";
    public static final String PLAIN_URL = "plain-url";
    public static final String PATIENT_CREATE = "patient-create";

    /** The base of the server the sent transactions go to (their ImagingStudy entry's fullUrl starts with it). */
    public static final String SERVER_BASE = "https://fhir.example.org/fhir";

    /** A server's Patient, as a subject reference without a Patient entry. */
    public static final String SERVER_PATIENT = "Patient/123";

    /** Every fixture, in a fixed order. */
    public static List<Named> all() {
        return List.of(new Named(CONTAINED_PATIENT, containedPatient()), new Named(PATIENT_ENTRY, patientEntry()),
                new Named(SUBJECT_REFERENCE, subjectReference()), new Named(SERVER_IDS, serverIds()),
                new Named(PLAIN_URL, plainUrl()), new Named(PATIENT_CREATE, patientCreate()));
    }

    /** The fixture of that name. */
    public static TransactionData named(String name) {
        return all().stream().filter(n -> n.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no neutral transaction named " + name))
                .transaction();
    }

    /** The conditional update of the study with that Study Instance UID. */
    public static String conditionalUrl(StudyData study) {
        return "ImagingStudy?identifier=urn:dicom:uid|urn:oid:" + study.studyInstanceUid();
    }

    /**
     * The Patient stays contained; a conditional update keyed by the Study Instance UID, id in the body; the
     * server not known (a dry run), so the study's fullUrl is a {@code urn:uuid}.
     */
    public static TransactionData containedPatient() {
        StudyData study = NeutralStudies.full();
        return new TransactionData(study, conditionalUrl(study), true, null);
    }

    /**
     * Bundle mode: the Patient's conditional create, referenced through its urn:uuid from the
     * ImagingStudy and from the contained Specimens and ServiceRequest.
     */
    public static TransactionData patientEntry() {
        String patient = "urn:uuid:0a4d55a8-d778-4e2b-9a6a-5c4f3b2e1d0c";
        StudyData study = NeutralStudies.contained().withSubjectReference(patient);
        return new TransactionData(study, conditionalUrl(study), true,
                new PatientEntry(patient, "identifier=urn:oid:1.2.840.99999.2|PID-44"), SERVER_BASE);
    }

    /** Reference mode: an existing Patient of the server, no Patient entry and none contained. */
    public static TransactionData subjectReference() {
        StudyData study = NeutralStudies.contained().withSubjectReference(SERVER_PATIENT);
        return new TransactionData(study, conditionalUrl(study), true, null);
    }

    /**
     * The server assigns the ids: no id in the ImagingStudy (so its fullUrl stays a {@code urn:uuid} though the
     * server is known), a Patient entry by conditional create.
     */
    public static TransactionData serverIds() {
        String patient = "urn:uuid:6f1c9e2a-3b4d-4e5f-8a7b-9c0d1e2f3a4b";
        StudyData study = NeutralStudies.datesAndCodes().withSubjectReference(patient);
        return new TransactionData(study, conditionalUrl(study), false,
                new PatientEntry(patient, "identifier=https://hospital.example.org/patients|P-17"), SERVER_BASE);
    }

    /** An update of {@code ImagingStudy/<id>}, the subject an absolute reference to another server's Patient. */
    public static TransactionData plainUrl() {
        StudyData study = NeutralStudies.nonAscii().withSubjectReference("https://fhir.example.org/fhir/Patient/9");
        return new TransactionData(study, "ImagingStudy/" + study.id(), true, null, SERVER_BASE);
    }

    /** An anonymous patient (no identifier to search by): a plain create, then an update of {@code ImagingStudy/<id>}. */
    public static TransactionData patientCreate() {
        String patient = "urn:uuid:c2d3e4f5-a6b7-4c8d-9e0f-1a2b3c4d5e6f";
        StudyData study = NeutralStudies.minimal().withSubjectReference(patient);
        return new TransactionData(study, "ImagingStudy/" + study.id(), true, new PatientEntry(patient, null));
    }
}
