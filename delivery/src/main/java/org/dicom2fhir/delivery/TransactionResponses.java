package org.dicom2fhir.delivery;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dicom2fhir.delivery.Delivery.Issue;
import org.dicom2fhir.delivery.Delivery.Outcome;
import org.dicom2fhir.http.HttpAnswer;
import org.dicom2fhir.http.HttpTransport;

/** A server's answer to a transaction, as a {@link Delivery}: statuses, ids, versions and issue codes, no text. */
final class TransactionResponses {
    /** Only these parts are read: an issue's diagnostics and details quote resources, so they are never even parsed. */
    private static final JsonSubset PATHS = new JsonSubset(Set.of("resourceType", "entry[].response.status",
            "entry[].response.location", "entry[].response.etag", "issue[].severity", "issue[].code",
            "issue[].expression"));
    /** {@code [base/]Type/id/_history/version}, relative or absolute */
    private static final Pattern HISTORY = Pattern.compile("(?:^|/)([A-Za-z0-9\\-.]{1,64})/_history/([A-Za-z0-9\\-.]{1,64})(?:$|[/?])");
    private static final Pattern ID = Pattern.compile("(?:^|/)[A-Z][A-Za-z]+/([A-Za-z0-9\\-.]{1,64})/?(?:$|\\?)");
    private static final Pattern ETAG = Pattern.compile("^(?:W/)?\"([A-Za-z0-9\\-.]{1,64})\"$");
    private static final Pattern STATUS = Pattern.compile("^\\s*(\\d{3})\\b.*", Pattern.DOTALL);

    private TransactionResponses() {
    }

    static Delivery interpret(String uid, HttpAnswer answer, Before before, RequestBundles.Summary sent,
            List<Delivery.Warning> warnings) {
        int status = answer.status();
        if (status >= 200 && status < 300) {
            return success(uid, answer, before, warnings);
        }
        if (HttpTransport.retriable(status)) {
            return failure(uid, answer, Outcome.UNREACHABLE, "HTTP " + status + " after " + answer.attempts()
                    + (answer.attempts() == 1 ? " attempt" : " attempts") + " (the server is busy or unavailable)",
                    List.of(), warnings);
        }
        List<Issue> issues = issues(answer.body());
        if (status == 412 && sent.conditionalPatientCreate()) {
            return failure(uid, answer, Outcome.AMBIGUOUS_PATIENT, "HTTP 412: the conditional create of the Patient "
                    + "matched more than one patient on the server", issues, warnings);
        }
        if (status == 400 || status == 422) {
            // the server refused what it received (a stricter profile, or a conditional update whose match has
            // another id): REJECTED, as the issue's outcomes say; INVALID is for our own validation before sending
            return failure(uid, answer, Outcome.REJECTED, "HTTP " + status + ": the server refused the transaction",
                    issues, warnings);
        }
        String reason = "HTTP " + status;
        if (status >= 300 && status < 400) {
            reason += ": a redirect, not followed (check the base URL)";
        } else if (status == 401 || status == 403) {
            reason += ": not authorised (check the bearer token and its scopes)";
        }
        return failure(uid, answer, Outcome.REJECTED, reason, issues, warnings);
    }

    private static Delivery success(String uid, HttpAnswer answer, Before before, List<Delivery.Warning> warnings) {
        Map<String, Object> bundle;
        try {
            bundle = PATHS.read(answer.body());
        } catch (IOException e) {
            bundle = Map.of();
        }
        List<Map<String, Object>> entries = JsonSubset.objects(bundle, "entry");
        if (!"Bundle".equals(bundle.get("resourceType")) || entries.isEmpty()) {
            return failure(uid, answer, Outcome.INVALID, "HTTP " + answer.status()
                    + ": the answer is not a transaction-response Bundle with entries", List.of(), warnings);
        }
        // the ImagingStudy is the last entry (a conditional Patient entry may precede it)
        Map<String, Object> response = JsonSubset.object(entries.get(entries.size() - 1), "response");
        String entryStatus = JsonSubset.string(response, "status");
        String location = JsonSubset.string(response, "location");
        String etag = JsonSubset.string(response, "etag");
        String id = null;
        String version = null;
        if (location != null) {
            Matcher history = HISTORY.matcher(location);
            Matcher plain = ID.matcher(location);
            if (history.find()) {
                id = history.group(1);
                version = history.group(2);
            } else if (plain.find()) {
                id = plain.group(1);
            }
        }
        if (etag != null) {
            Matcher tag = ETAG.matcher(etag.trim());
            if (tag.matches()) {
                version = tag.group(1);
            }
        }
        Matcher code = entryStatus == null ? null : STATUS.matcher(entryStatus);
        int entryCode = code != null && code.matches() ? Integer.parseInt(code.group(1)) : -1;
        if (entryCode < 200 || entryCode >= 300) {
            return failure(uid, answer, Outcome.INVALID, "HTTP " + answer.status()
                    + ": the ImagingStudy entry of the transaction-response has no 2xx status", List.of(), warnings);
        }
        Outcome outcome = entryCode == 201 ? Outcome.CREATED
                : before.sameAs(id, version) ? Outcome.UNCHANGED : Outcome.UPDATED;
        return new Delivery(uid, answer.status(), outcome, null, id, version, List.of(), warnings, answer.attempts());
    }

    private static Delivery failure(String uid, HttpAnswer answer, Outcome outcome, String reason, List<Issue> issues,
            List<Delivery.Warning> warnings) {
        return new Delivery(uid, answer.status(), outcome, reason, null, null, issues, warnings, answer.attempts());
    }

    /** An OperationOutcome's issues as severity, code and expression; empty for any other body. */
    static List<Issue> issues(byte[] body) {
        Map<String, Object> outcome;
        try {
            outcome = PATHS.read(body);
        } catch (IOException e) {
            return List.of();
        }
        if (!"OperationOutcome".equals(outcome.get("resourceType"))) {
            return List.of();
        }
        List<Issue> issues = new ArrayList<>();
        for (Map<String, Object> issue : JsonSubset.objects(outcome, "issue")) {
            List<String> expressions = new ArrayList<>();
            if (issue.get("expression") instanceof List) {
                for (Object expression : (List<?>) issue.get("expression")) {
                    if (expression instanceof String) {
                        expressions.add((String) expression);
                    }
                }
            }
            issues.add(new Issue(JsonSubset.string(issue, "severity"), JsonSubset.string(issue, "code"), expressions));
        }
        return issues;
    }
}
