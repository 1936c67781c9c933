package org.dicom2fhir.batch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.dicom2fhir.api.Warning;
import org.dicom2fhir.core.FileReport;

/**
 * The lines of a batch output folder that are not resources: {@code report.ndjson}'s lines, the
 * {@code OperationOutcome.ndjson} line of a study that failed, and {@code manifest.json}. Public so that another
 * engine (the Spark job) writes exactly what {@code dicom2fhir batch -o} writes.
 */
public final class ReportLines {
    private ReportLines() {
    }

    /** An entry of the manifest's {@code output} or {@code error} array: one file. */
    public record ManifestEntry(String type, String url, long count) {
    }

    /**
     * A converted study's report line.
     *
     * @param patientId       the id of its Patient of its own, or null
     * @param warnings        the conversion's warnings (their codes, once each, in order)
     * @param patientConflict its patient data differ from those of its Patient's first study
     */
    public static String converted(String studyInstanceUid, String patientId, int series, int instances,
            Collection<Warning> warnings, boolean patientConflict) {
        Set<String> codes = codes(warnings);
        if (patientConflict) {
            codes.add("PATIENT_CONFLICT"); // the Patient keeps the data of the patient's first study
        }
        return "{\"studyInstanceUid\":" + Json.quote(studyInstanceUid) + ",\"outcome\":\"converted\""
                + (patientId == null ? "" : ",\"patient\":" + Json.quote(patientId))
                + ",\"series\":" + series + ",\"instances\":" + instances + ",\"warnings\":" + array(codes) + "}";
    }

    /** A study not written because it cannot reference a Patient of its own ({@link BatchStudy#refusal()}). */
    public static String refused(String studyInstanceUid, String refusal) {
        return "{\"studyInstanceUid\":" + Json.quote(studyInstanceUid) + ",\"outcome\":\"not-written\",\"reason\":"
                + Json.quote(refusal) + "}";
    }

    /** A study whose facts could not be mapped; {@code reason} names no patient value. */
    public static String failed(String studyInstanceUid, String reason) {
        return "{\"studyInstanceUid\":" + Json.quote(studyInstanceUid) + ",\"outcome\":\"failed\",\"reason\":"
                + Json.quote(reason) + "}";
    }

    /** The {@code OperationOutcome.ndjson} line of a study that {@linkplain #failed failed}. */
    public static String failedOutcome(String studyInstanceUid, String reason) {
        return "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"processing\","
                + "\"diagnostics\":" + Json.quote("study " + studyInstanceUid + ": " + reason) + "}]}";
    }

    /** Why a study failed, from what its mapping threw: the class name only (a message may quote values). */
    public static String mappingFailure(Throwable failure) {
        return "the study could not be mapped: " + failure.getClass().getSimpleName();
    }

    /** A file that was not included. */
    public static String file(BatchFile file) {
        FileReport r = file.report();
        return "{\"root\":" + file.root() + ",\"path\":" + Json.quote(r.path()) + ",\"disposition\":"
                + Json.quote(r.disposition().name().toLowerCase(Locale.ROOT)) + ",\"reason\":"
                + Json.quote(r.reason().name()) + ",\"message\":" + Json.quote(r.message()) + ",\"warnings\":"
                + array(codes(r.warnings())) + "}";
    }

    /** {@code manifest.json}: the shape of a FHIR Bulk Data manifest, {@code request} {@code urn:dicom2fhir:batch}. */
    public static String manifest(Instant transactionTime, List<ManifestEntry> output, List<ManifestEntry> error) {
        return "{\"transactionTime\":" + Json.quote(transactionTime.toString())
                + ",\"request\":\"urn:dicom2fhir:batch\",\"requiresAccessToken\":false,\"output\":[" + entries(output)
                + "],\"error\":[" + entries(error) + "]}\n";
    }

    private static String entries(List<ManifestEntry> entries) {
        List<String> json = new ArrayList<>();
        for (ManifestEntry e : entries) {
            json.add("{\"type\":" + Json.quote(e.type()) + ",\"url\":" + Json.quote(e.url()) + ",\"count\":"
                    + e.count() + "}");
        }
        return String.join(",", json);
    }

    private static Set<String> codes(Collection<Warning> warnings) {
        Set<String> codes = new LinkedHashSet<>();
        for (Warning w : warnings) {
            codes.add(w.code().name());
        }
        return codes;
    }

    static String array(Set<String> codes) {
        List<String> quoted = new ArrayList<>();
        codes.forEach(c -> quoted.add(Json.quote(c)));
        return "[" + String.join(",", quoted) + "]";
    }
}
