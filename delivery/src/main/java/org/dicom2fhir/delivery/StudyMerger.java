package org.dicom2fhir.delivery;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.dicom2fhir.http.HttpAnswer;
import org.dicom2fhir.http.HttpTransport;
import org.dicom2fhir.http.TransportException;

/**
 * {@link FhirDeliveryClient#merge}: read the study the server holds, merge this run's into it ({@link StudyMerge}),
 * write it back only if it changed, with {@code If-Match} on the version read; a conflict (another client wrote in
 * between) starts again from the read. A study the server does not hold is created with a conditional create on its
 * identifier, so that a concurrent creator's study is found (200) and merged into, never overwritten.
 */
final class StudyMerger {
    /** Reads and writes per study before giving up: each conflict means another client wrote the study meanwhile. */
    static final int MAX_ROUNDS = 6;

    private final FhirDeliveryClient client;
    private final HttpTransport transport;
    private final URI base;

    StudyMerger(FhirDeliveryClient client, HttpTransport transport, URI base) {
        this.client = client;
        this.transport = transport;
        this.base = base;
    }

    /** What the search found: nothing, one study (with its id and version), or several. */
    private record Found(int count, Map<String, Object> study, String id, String version) {
    }

    Delivery merge(String uid, byte[] transactionBundleJson) {
        Map<String, Object> bundle;
        try {
            bundle = JsonTree.parseObject(transactionBundleJson);
        } catch (IOException e) {
            return invalid(uid, "not sent: the Bundle is " + e.getMessage());
        }
        List<Map<String, Object>> entries = JsonTree.objects(bundle, "entry");
        Map<String, Object> entry = entries.isEmpty() ? null : entries.get(entries.size() - 1);
        Map<String, Object> ours = entry == null ? null : JsonTree.object(entry.get("resource"));
        Map<String, Object> request = entry == null ? null : JsonTree.object(entry.get("request"));
        String search = JsonTree.string(request, "url");
        if (!"Bundle".equals(bundle.get("resourceType")) || !"transaction".equals(bundle.get("type")) || ours == null
                || !"ImagingStudy".equals(ours.get("resourceType")) || search == null
                || !search.startsWith("ImagingStudy?identifier=")) {
            return invalid(uid, "not sent: a merge needs a transaction whose last entry is the ImagingStudy's "
                    + "conditional update on its identifier");
        }
        List<Integer> conflicts = new ArrayList<>();
        try {
            for (int round = 0; round < MAX_ROUNDS; round++) {
                Delivery delivery = round(uid, bundle, entry, ours, search, conflicts);
                if (delivery != null) {
                    return delivery.withConflicts(conflicts);
                }
            }
        } catch (TransportException e) {
            return new Delivery(uid, 0, Delivery.Outcome.UNREACHABLE, e.getMessage(), null, null, List.of(),
                    List.of(), e.attempts(), conflicts);
        } catch (ReadFailure e) {
            return new Delivery(uid, e.status, Delivery.Outcome.REJECTED, e.getMessage(), null, null, List.of(),
                    List.of(), 1, conflicts);
        }
        return new Delivery(uid, 0, Delivery.Outcome.REJECTED, "the study kept changing on the server: "
                + conflicts.size() + " conflicts", null, null, List.of(), List.of(), 0, conflicts);
    }

    /** One read and (perhaps) one write: the final delivery, or null after a conflict (added to {@code conflicts}). */
    private Delivery round(String uid, Map<String, Object> bundle, Map<String, Object> entry, Map<String, Object> ours,
            String search, List<Integer> conflicts) throws TransportException, ReadFailure {
        Found found = read(search);
        if (found.count() > 1) {
            return Delivery.notSent(uid, "SEVERAL_STUDIES");
        }
        if (found.count() == 0) {
            Delivery delivery = client.deliver(uid, JsonTree.write(create(bundle, entry, ours, search, uid)), Before.none());
            if (delivery.outcome() == Delivery.Outcome.UPDATED || delivery.outcome() == Delivery.Outcome.UNCHANGED
                    || conflict(delivery)) {
                // the conditional create found another client's study (200), or lost the race to create it
                // (HAPI JPA: 409 from its unique index on conditional-create URLs): read it and merge
                conflicts.add(delivery.httpStatus());
                return null;
            }
            return delivery;
        }
        Delivery refusal = patientRefusal(uid, JsonTree.objects(bundle, "entry"), found.study(), ours);
        if (refusal != null) {
            return refusal;
        }
        Map<String, Object> merged = StudyMerge.merge(found.study(), ours);
        if (merged.equals(found.study())) {
            return new Delivery(uid, 200, Delivery.Outcome.UNCHANGED, null, found.id(), found.version(), List.of(),
                    List.of(), 0);
        }
        Delivery delivery = client.deliver(uid, JsonTree.write(update(bundle, entry, merged, found)),
                new Before(found.id(), found.version()));
        if (conflict(delivery)) {
            conflicts.add(delivery.httpStatus()); // If-Match failed: another client wrote a new version
            return null;
        }
        return delivery;
    }

    /**
     * Null when the server's study is about this run's patient, else the refusal. With a Patient entry (the
     * transaction of {@code --patient bundle}: a conditional create, the study's subject its {@code urn:uuid}), the
     * Patients with its identifier are looked up: the server's study must reference the one found.
     */
    private Delivery patientRefusal(String uid, List<Map<String, Object>> entries, Map<String, Object> server,
            Map<String, Object> ours) throws TransportException, ReadFailure {
        String subject = JsonTree.string(JsonTree.object(ours.get("subject")), "reference");
        String ifNoneExist = null;
        for (Map<String, Object> entry : entries) {
            Map<String, Object> request = JsonTree.object(entry.get("request"));
            if (subject != null && subject.equals(entry.get("fullUrl")) && "Patient".equals(JsonTree.string(request, "url"))) {
                ifNoneExist = JsonTree.string(request, "ifNoneExist");
            }
        }
        if (ifNoneExist == null) {
            return StudyMerge.samePatient(server, ours) ? null : Delivery.notSent(uid, "PATIENT_CONFLICT");
        }
        List<String> patients = new ArrayList<>();
        for (Map<String, Object> patient : search("Patient?" + ifNoneExist + "&_elements=id", "Patient")) {
            patients.add(JsonTree.string(patient, "id"));
        }
        if (patients.size() > 1) {
            return new Delivery(uid, 200, Delivery.Outcome.AMBIGUOUS_PATIENT, "not sent: several Patients on the server "
                    + "have the study's patient identifier", null, null, List.of(), List.of(), 0);
        }
        String serverSubject = JsonTree.string(JsonTree.object(server.get("subject")), "reference");
        boolean same = patients.size() == 1 && serverSubject != null
                && (serverSubject.equals("Patient/" + patients.get(0))
                        || serverSubject.equals(base + "/Patient/" + patients.get(0)));
        return same ? null : Delivery.notSent(uid, "PATIENT_CONFLICT");
    }

    /** 412 Precondition Failed, as FHIR says for a failed If-Match; 409 Conflict, as HAPI answers version conflicts. */
    private static boolean conflict(Delivery delivery) {
        return delivery.outcome() == Delivery.Outcome.REJECTED
                && (delivery.httpStatus() == 412 || delivery.httpStatus() == 409);
    }

    /** The transaction with the ImagingStudy as a conditional create on its identifier (the server assigns the id). */
    private static Map<String, Object> create(Map<String, Object> bundle, Map<String, Object> entry,
            Map<String, Object> ours, String search, String uid) {
        Map<String, Object> study = JsonTree.copy(ours);
        study.remove("id");
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("method", "POST");
        request.put("url", "ImagingStudy");
        request.put("ifNoneExist", search.substring("ImagingStudy?".length()));
        return withEntry(bundle, entry, "urn:uuid:" + UUID.nameUUIDFromBytes(("ImagingStudy|" + uid)
                .getBytes(StandardCharsets.UTF_8)), study, request);
    }

    /** The transaction with the merged ImagingStudy as an update of the server's id, if its version is still the one read. */
    private Map<String, Object> update(Map<String, Object> bundle, Map<String, Object> entry, Map<String, Object> merged,
            Found found) {
        Map<String, Object> study = JsonTree.copy(merged);
        Map<String, Object> meta = JsonTree.object(study.get("meta"));
        if (meta != null) {
            // the server's to set; tags, security labels and profiles stay
            meta.remove("versionId");
            meta.remove("lastUpdated");
            if (meta.isEmpty()) {
                study.remove("meta");
            }
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("method", "PUT");
        request.put("url", "ImagingStudy/" + found.id());
        request.put("ifMatch", "W/\"" + found.version() + "\"");
        return withEntry(bundle, entry, base + "/ImagingStudy/" + found.id(), study, request);
    }

    private static Map<String, Object> withEntry(Map<String, Object> bundle, Map<String, Object> entry, String fullUrl,
            Map<String, Object> resource, Map<String, Object> request) {
        Map<String, Object> copy = JsonTree.copy(bundle);
        List<Map<String, Object>> entries = JsonTree.objects(copy, "entry");
        Map<String, Object> last = entries.get(entries.size() - 1);
        last.clear();
        last.put("fullUrl", fullUrl);
        last.put("resource", resource);
        last.put("request", request);
        entry.keySet().stream().filter(k -> !last.containsKey(k)).forEach(k -> last.put(k, JsonTree.copy(entry.get(k))));
        return copy;
    }

    private Found read(String search) throws TransportException, ReadFailure {
        List<Map<String, Object>> studies = search(search, "ImagingStudy");
        if (studies.size() != 1) {
            return new Found(studies.size(), null, null, null);
        }
        Map<String, Object> study = studies.get(0);
        String version = JsonTree.string(JsonTree.object(study.get("meta")), "versionId");
        if (JsonTree.string(study, "id") == null || version == null) {
            throw new ReadFailure(200, "the server's study has no id or meta.versionId: it cannot be updated safely");
        }
        return new Found(1, study, JsonTree.string(study, "id"), version);
    }

    /** The matches (not includes) of a one-page search, uncached. */
    private List<Map<String, Object>> search(String search, String type) throws TransportException, ReadFailure {
        URI uri = URI.create(base + "/" + FhirDeliveryClient.encodeQuery(search));
        HttpAnswer answer = transport.send(transport.request(uri).header("Accept", "application/fhir+json")
                .header("Cache-Control", "no-cache").GET().build());
        if (answer.status() != 200) {
            throw new ReadFailure(answer.status(), "the search for the " + type + " on the server answered HTTP " + answer.status()
                    + (answer.status() == 401 || answer.status() == 403 ? " (check the credentials and their scopes)" : ""));
        }
        Map<String, Object> searchset;
        try {
            searchset = JsonTree.parseObject(answer.body());
        } catch (IOException e) {
            throw new ReadFailure(200, "the search for the " + type + " answered no searchset Bundle: " + e.getMessage());
        }
        List<Map<String, Object>> matches = new ArrayList<>();
        for (Map<String, Object> entry : JsonTree.objects(searchset, "entry")) {
            Map<String, Object> resource = JsonTree.object(entry.get("resource"));
            String mode = JsonTree.string(JsonTree.object(entry.get("search")), "mode");
            if (resource != null && type.equals(resource.get("resourceType")) && !"include".equals(mode)) {
                matches.add(resource);
            }
        }
        if (!"Bundle".equals(searchset.get("resourceType")) || JsonTree.objects(searchset, "link").stream()
                .anyMatch(link -> "next".equals(link.get("relation")))) {
            throw new ReadFailure(200, "the search for the " + type + " answered no single-page searchset Bundle");
        }
        return matches;
    }

    private static Delivery invalid(String uid, String reason) {
        return new Delivery(uid, 0, Delivery.Outcome.INVALID, reason, null, null, List.of(), List.of(), 0);
    }

    /** The read got an answer that is no usable searchset. */
    private static final class ReadFailure extends Exception {
        private static final long serialVersionUID = 1L;
        final int status;

        ReadFailure(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }
}
