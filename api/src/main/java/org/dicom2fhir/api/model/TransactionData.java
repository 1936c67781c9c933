package org.dicom2fhir.api.model;

import java.util.Objects;

/**
 * One study delivered to a FHIR server as a {@code transaction} Bundle: an optional entry that
 * creates the Patient (POST, conditionally with {@code ifNoneExist}), then the ImagingStudy (PUT to
 * {@code studyRequestUrl}), both in the writer's release:
 *
 * <pre>{@code
 * {resourceType: Bundle, type: transaction, entry: [
 *   {fullUrl: patient.fullUrl, resource: Patient (no id),
 *    request: {method: POST, url: Patient, ifNoneExist: patient.ifNoneExist}},     (when patient != null)
 *   {fullUrl: studyFullUrl(), resource: ImagingStudy (as write() gives it; no id unless studyIdInBody),
 *    request: {method: PUT, url: studyRequestUrl}}]}
 * }</pre>
 *
 * @param study           the study; with a patient entry its {@code subjectReference} is that entry's
 *                        {@code fullUrl} (the server resolves it to the Patient it creates or finds)
 * @param studyRequestUrl the PUT's url: a conditional update such as
 *                        {@code ImagingStudy?identifier=urn:dicom:uid|urn:oid:1.2.3}, or
 *                        {@code ImagingStudy/<id>} (which requires {@code studyIdInBody}: an update's
 *                        body carries the id of its url)
 * @param studyIdInBody   whether the ImagingStudy keeps its {@code id}; false for a server that assigns
 *                        its own ids (a conditional update that creates)
 * @param patient         the Patient entry, or null for none (a contained Patient, or a
 *                        {@code subjectReference} to an existing one)
 * @param serverBase      the base URL of the server the transaction is sent to (e.g. {@code https://host/fhir}),
 *                        or null when it is not known (a dry run); see {@link #studyFullUrl()}
 */
public record TransactionData(StudyData study, String studyRequestUrl, boolean studyIdInBody, PatientEntry patient,
        String serverBase) {
    public TransactionData {
        Objects.requireNonNull(study, "study");
        studyRequestUrl = Objects.requireNonNull(Strings.orNull(studyRequestUrl), "studyRequestUrl");
        serverBase = Strings.orNull(serverBase);
        if (serverBase != null) {
            serverBase = serverBase.endsWith("/") ? serverBase.substring(0, serverBase.length() - 1) : serverBase;
        }
        // A Patient entry and a contained Patient would be two patients; a subject other than the
        // entry's fullUrl would leave the created Patient unreferenced. Messages name no values.
        if (patient != null && !patient.fullUrl().equals(study.subjectReference())) {
            throw new IllegalArgumentException("with a patient entry, the study's subjectReference must be the"
                    + " entry's fullUrl");
        }
    }

    /**
     * The search that finds what the server holds for this study before the transaction: the conditional update's
     * own search, or {@code ImagingStudy?_id=<id>} for an update of {@code ImagingStudy/<id>}.
     */
    public String currentVersionSearch() {
        return studyRequestUrl.startsWith("ImagingStudy?") ? studyRequestUrl : "ImagingStudy?_id=" + study.id();
    }

    /** A transaction whose server is not known yet (a dry run). */
    public TransactionData(StudyData study, String studyRequestUrl, boolean studyIdInBody, PatientEntry patient) {
        this(study, studyRequestUrl, studyIdInBody, patient, null);
    }

    /** This transaction, to be sent to the server at {@code base}. */
    public TransactionData atServer(String base) {
        return new TransactionData(study, studyRequestUrl, studyIdInBody, patient, base);
    }

    /**
     * The ImagingStudy entry's {@code fullUrl}: {@code <serverBase>/ImagingStudy/<study id>} when the body keeps
     * our id and the server is known, else {@code urn:uuid:<study id>} as in a collection Bundle. A server
     * treats a {@code urn:uuid} entry as a new resource whose id it assigns (HAPI then ignores the id in the
     * body even in a conditional update, so a study stored elsewhere under another id would be updated
     * instead of refused); the absolute URL tells it the id is the client's.
     */
    public String studyFullUrl() {
        return studyIdInBody && serverBase != null ? serverBase + "/ImagingStudy/" + study.id()
                : FhirTerms.URN_UUID_PREFIX + study.id();
    }

    /**
     * The Patient entry: created from {@link StudyData#patient()} as the contained Patient would be,
     * but without an id (the server assigns it).
     *
     * @param fullUrl     the entry's fullUrl, usually {@code urn:uuid:<a new UUID>}
     * @param ifNoneExist the conditional create's search (e.g. {@code identifier=<system>|<value>}), or
     *                    null for a plain create
     */
    public record PatientEntry(String fullUrl, String ifNoneExist) {
        public PatientEntry {
            fullUrl = Objects.requireNonNull(Strings.orNull(fullUrl), "fullUrl");
            ifNoneExist = Strings.orNull(ifNoneExist);
        }
    }
}
