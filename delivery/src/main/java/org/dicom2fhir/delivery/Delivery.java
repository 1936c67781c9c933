package org.dicom2fhir.delivery;

import java.util.List;
import java.util.Objects;

/**
 * How one study's transaction Bundle fared. Holds no text from the server but status codes, ids, versions and
 * OperationOutcome codes: a server's diagnostics quote the resources, and so patient data.
 *
 * @param studyInstanceUid the study this is about
 * @param httpStatus the final HTTP status, 0 when there was no answer (not sent, or unreachable)
 * @param outcome what happened
 * @param reason for {@link Outcome#NOT_SENT} the caller's reason code; for the other failures a short value-free
 *        explanation (status, TLS or connection failure, timeout); null on success
 * @param resourceId the ImagingStudy's id on the server (the transaction-response's last entry), or null
 * @param versionId its version after the delivery, or null
 * @param issues for {@link Outcome#REJECTED}, {@link Outcome#INVALID} and {@link Outcome#AMBIGUOUS_PATIENT}: the
 *        server's OperationOutcome issues as severity, code and expression only; empty otherwise
 * @param warnings things the caller should know although the delivery went through
 * @param attempts requests sent (retries included), 0 when not sent
 * @param conflicts for a merge ({@link FhirDeliveryClient#merge}): the HTTP status of each write that found the study
 *        changed by another client and made the merge read it again: 412 (or HAPI's 409) to an update with
 *        {@code If-Match}, 200 to the conditional create (another client had just created the study); empty otherwise
 */
public record Delivery(String studyInstanceUid, int httpStatus, Outcome outcome, String reason, String resourceId,
        String versionId, List<Issue> issues, List<Warning> warnings, int attempts, List<Integer> conflicts) {

    /** Without conflicts (all but merges). */
    public Delivery(String studyInstanceUid, int httpStatus, Outcome outcome, String reason, String resourceId,
            String versionId, List<Issue> issues, List<Warning> warnings, int attempts) {
        this(studyInstanceUid, httpStatus, outcome, reason, resourceId, versionId, issues, warnings, attempts, List.of());
    }

    /** The outcome of one delivery. */
    public enum Outcome {
        /** the ImagingStudy was created (its entry answered 201) */
        CREATED,
        /** an existing ImagingStudy got a new version */
        UPDATED,
        /** the server kept the version it had before (a no-op update): see {@link Before} */
        UNCHANGED,
        /** the server refused the transaction (a 3xx, 4xx or 5xx other than those below; 400 and 422 included) */
        REJECTED,
        /** the conditional create of the Patient matched several patients (412 Precondition Failed) */
        AMBIGUOUS_PATIENT,
        /** the caller did not send it; {@link Delivery#reason()} holds its reason code */
        NOT_SENT,
        /** not a transaction Bundle in JSON (checked before sending), or the server's 2xx answer was no readable
         *  transaction-response */
        INVALID,
        /** no answer: connection, TLS or timeout failure, or 429/502/503/504 until the retries ran out */
        UNREACHABLE;

        /** CREATED, UPDATED and UNCHANGED: the server holds the study. */
        public boolean delivered() {
            return this == CREATED || this == UPDATED || this == UNCHANGED;
        }

        /** As reports write it: {@code ambiguous-patient}. */
        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * The delivery as reports write it, in one line: {@code studyInstanceUid}, {@code httpStatus}, {@code outcome}
     * ({@link Outcome#word()}), {@code reason}, {@code id}, {@code version}, {@code issues} (severity, code,
     * expression). The same object in the command's {@code --report} and in the batch's {@code report.ndjson}.
     */
    public String toJson() {
        java.io.StringWriter text = new java.io.StringWriter(256);
        try (com.fasterxml.jackson.core.JsonGenerator json = JSON.createGenerator(text)) {
            json.writeStartObject();
            json.writeStringField("studyInstanceUid", studyInstanceUid);
            json.writeNumberField("httpStatus", httpStatus);
            json.writeStringField("outcome", outcome.word());
            json.writeStringField("reason", reason);
            json.writeStringField("id", resourceId);
            json.writeStringField("version", versionId);
            json.writeArrayFieldStart("issues");
            for (Issue issue : issues) {
                json.writeStartObject();
                json.writeStringField("severity", issue.severity());
                json.writeStringField("code", issue.code());
                json.writeArrayFieldStart("expression");
                for (String expression : issue.expression()) {
                    json.writeString(expression);
                }
                json.writeEndArray();
                json.writeEndObject();
            }
            json.writeEndArray();
            if (!conflicts.isEmpty()) {
                // a merge's writes that found the study changed (412) before the one that went through
                json.writeArrayFieldStart("conflicts");
                for (int status : conflicts) {
                    json.writeNumber(status);
                }
                json.writeEndArray();
            }
            json.writeEndObject();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("writing to memory failed", e);
        }
        return text.toString();
    }

    private static final com.fasterxml.jackson.core.JsonFactory JSON = com.fasterxml.jackson.core.JsonFactory.builder()
            .build();

    /** Warnings about a delivery that went through (or was tried). */
    public enum Warning {
        /** the transaction Bundle is larger than {@link FhirDeliveryClient#LARGE_TRANSACTION_BYTES}: servers often
         *  limit request sizes, and a proxy may cut it */
        LARGE_TRANSACTION
    }

    /**
     * One OperationOutcome issue without its {@code diagnostics} or {@code details.text}, which quote data.
     *
     * @param severity fatal, error, warning or information
     * @param code the issue type (invalid, processing, conflict, ...)
     * @param expression FHIRPath expressions of the elements concerned, possibly empty
     */
    public record Issue(String severity, String code, List<String> expression) {
        public Issue {
            expression = List.copyOf(expression);
        }
    }

    public Delivery {
        Objects.requireNonNull(studyInstanceUid, "studyInstanceUid");
        Objects.requireNonNull(outcome, "outcome");
        issues = List.copyOf(issues);
        warnings = List.copyOf(warnings);
        conflicts = List.copyOf(conflicts);
    }

    /** This delivery with the merge's conflicts before it. */
    Delivery withConflicts(List<Integer> before) {
        return new Delivery(studyInstanceUid, httpStatus, outcome, reason, resourceId, versionId, issues, warnings,
                attempts, before);
    }

    /** A study the caller did not send (conversion failed, dry run, ...), with its reason code. */
    public static Delivery notSent(String studyInstanceUid, String reasonCode) {
        Objects.requireNonNull(reasonCode, "reasonCode");
        return new Delivery(studyInstanceUid, 0, Outcome.NOT_SENT, reasonCode, null, null, List.of(), List.of(), 0);
    }
}
