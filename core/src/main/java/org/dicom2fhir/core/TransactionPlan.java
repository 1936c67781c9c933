package org.dicom2fhir.core;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;
import org.dicom2fhir.api.model.FhirTerms;
import org.dicom2fhir.api.model.IdentifierData;
import org.dicom2fhir.api.model.StudyData;
import org.dicom2fhir.api.model.TransactionData;

/**
 * How a converted study becomes a FHIR {@code transaction}: how the server finds the ImagingStudy, and how
 * the study's patient is given. {@link #plan} refuses what could link a study to the wrong patient.
 *
 * @param match   how the ImagingStudy is matched on the server
 * @param patient how the patient is given
 * @param subject the reference for {@link PatientMode#REFERENCE} ({@code Patient/123} or an absolute URL);
 *                null otherwise
 */
public record TransactionPlan(Match match, PatientMode patient, String subject) {
    /** Name-based UUIDs of patient entries: the same identifier gives the same {@code urn:uuid}. */
    static final String PATIENT_NAME_PREFIX = "dicom2fhir-patient:";

    /** How the server finds the ImagingStudy. */
    public enum Match {
        /**
         * Conditional update on the Study Instance UID identifier, our id in the body: creates the study with
         * our id, updates it on re-runs; a study another system stored under another id is rejected, not
         * duplicated.
         */
        IDENTIFIER,
        /** The same conditional update without an id in the body, for servers that assign ids. */
        IDENTIFIER_SERVER_IDS,
        /** A plain update of {@code ImagingStudy/<id>}, for servers without conditional update. */
        ID
    }

    /** How the study's patient is given. */
    public enum PatientMode {
        /** The contained Patient (the study's own shape). */
        CONTAINED,
        /** A Patient entry created only if no Patient has its identifier ({@code ifNoneExist}). */
        BUNDLE,
        /** A reference to a Patient the server already has; no Patient is sent. */
        REFERENCE
    }

    /** Why a study is not sent. */
    public enum Refusal {
        /** {@link PatientMode#BUNDLE}: the Patient ID has no system, so no conditional create can be safe. */
        NO_PATIENT_SYSTEM,
        /** {@link PatientMode#BUNDLE}: the study has no Patient ID to match a Patient by. */
        NO_PATIENT_ID,
        /** The instances disagree on the patient's id, issuer or qualifiers. */
        PATIENT_CONFLICT
    }

    /** A planned transaction, or the reason the study is not sent. Exactly one is non-null. */
    public record Planned(TransactionData transaction, Refusal refusal) {
        public Planned {
            if ((transaction == null) == (refusal == null)) {
                throw new IllegalArgumentException("a plan is a transaction or a refusal");
            }
        }
    }

    public TransactionPlan {
        Objects.requireNonNull(match, "match");
        Objects.requireNonNull(patient, "patient");
        if (patient == PatientMode.REFERENCE && (subject == null || subject.isBlank())) {
            throw new InvalidOptionException("The patient mode 'reference' needs the subject's reference"
                    + " (e.g. Patient/123).");
        }
        if (patient != PatientMode.REFERENCE && subject != null) {
            throw new InvalidOptionException("A subject reference is used only with the patient mode 'reference'.");
        }
        if (subject != null && (subject.startsWith("#") || !subject.contains("/"))) {
            throw new InvalidOptionException("The subject must be a relative reference such as Patient/123 or an"
                    + " absolute URL.");
        }
    }

    /** Conditional update by identifier, contained patient: the default. */
    public static TransactionPlan defaults() {
        return new TransactionPlan(Match.IDENTIFIER, PatientMode.CONTAINED, null);
    }

    /**
     * The transaction of one converted study, or why it is not sent.
     *
     * @param patientConflict {@link ConversionResult#patientConflict} of the study
     */
    public Planned plan(StudyData study, boolean patientConflict) {
        Objects.requireNonNull(study, "study");
        if (patientConflict && patient != PatientMode.CONTAINED) {
            return new Planned(null, Refusal.PATIENT_CONFLICT);
        }
        String uid = Objects.requireNonNull(study.studyInstanceUid(), "the study has no Study Instance UID");
        String url = match == Match.ID ? "ImagingStudy/" + study.id()
                : "ImagingStudy?identifier=" + FhirTerms.DICOM_UID_SYSTEM + "|urn:oid:" + uid;
        boolean idInBody = match != Match.IDENTIFIER_SERVER_IDS;
        return switch (patient) {
            case CONTAINED -> new Planned(new TransactionData(study, url, idInBody, null), null);
            case REFERENCE -> new Planned(new TransactionData(study.withSubjectReference(subject), url, idInBody,
                    null), null);
            case BUNDLE -> bundle(study, url, idInBody);
        };
    }

    private static Planned bundle(StudyData study, String url, boolean idInBody) {
        IdentifierData id = study.patient().identifiers().isEmpty() ? null : study.patient().identifiers().get(0);
        if (id == null) {
            return new Planned(null, Refusal.NO_PATIENT_ID);
        }
        if (id.system() == null) {
            return new Planned(null, Refusal.NO_PATIENT_SYSTEM);
        }
        String fullUrl = FhirTerms.URN_UUID_PREFIX + UUID.nameUUIDFromBytes(
                (PATIENT_NAME_PREFIX + id.system() + "|" + id.value()).getBytes(StandardCharsets.UTF_8));
        // search parameter values are URL-encoded; the '|' between system and value is syntax, not data
        String ifNoneExist = "identifier=" + encode(id.system()) + "|" + encode(id.value());
        return new Planned(new TransactionData(study.withSubjectReference(fullUrl), url, idInBody,
                new TransactionData.PatientEntry(fullUrl, ifNoneExist)), null);
    }

    /** URL-encoded as a query value; a '|' inside a value is escaped as FHIR's search syntax requires. */
    private static String encode(String value) {
        return URLEncoder.encode(value.replace("\\", "\\\\").replace("|", "\\|").replace(",", "\\,")
                .replace("$", "\\$"), StandardCharsets.UTF_8);
    }
}
