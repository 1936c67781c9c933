package org.dicom2fhir.delivery;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.Transaction;
import ca.uhn.fhir.rest.annotation.TransactionParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * A tiny in-memory FHIR R4 store behind HAPI's plain RestfulServer: transactions with conditional create
 * ({@code ifNoneExist}, 412 when several match), conditional update ({@code PUT Type?identifier=...}; a PUT of the
 * same content keeps the version, as HAPI JPA's no-op updates do), and identifier searches. All or nothing: a
 * failing entry leaves the store untouched. Rejects a Patient born in the future with a 422 whose diagnostics quote
 * the patient's name, as real servers' messages do.
 */
public final class InMemoryTransactions {
    private final FhirContext context;
    private final AtomicLong ids = new AtomicLong();
    /** type -> id -> stored resource (its meta.versionId is the version) */
    private final Map<String, Map<String, Resource>> store = new HashMap<>();

    InMemoryTransactions(FhirContext context) {
        this.context = context;
    }

    public synchronized void clear() {
        store.clear();
    }

    public synchronized void put(Resource resource) {
        String id = String.valueOf(ids.incrementAndGet());
        Resource copy = resource.copy();
        copy.setId(id);
        copy.getMeta().setVersionId("1");
        store.computeIfAbsent(copy.fhirType(), t -> new LinkedHashMap<>()).put(id, copy);
    }

    public synchronized List<Resource> search(String type, String query) {
        List<Resource> matches = new ArrayList<>();
        Identifier wanted = identifierOf(query);
        for (Resource resource : store.getOrDefault(type, Map.of()).values()) {
            for (Identifier identifier : identifiers(resource)) {
                if (identifier.getSystem() != null && identifier.getSystem().equals(wanted.getSystem())
                        && identifier.getValue() != null && identifier.getValue().equals(wanted.getValue())) {
                    matches.add(resource.copy());
                    break;
                }
            }
        }
        return matches;
    }

    /** The transaction operation, on the server's base URL. */
    @Transaction
    public Bundle transaction(@TransactionParam Bundle request) {
        synchronized (this) {
            Map<String, Map<String, Resource>> staged = new HashMap<>();
            store.forEach((type, byId) -> staged.put(type, new LinkedHashMap<>(byId)));
            Map<String, String> references = new HashMap<>();
            Bundle response = new Bundle().setType(Bundle.BundleType.TRANSACTIONRESPONSE);
            for (Bundle.BundleEntryComponent entry : request.getEntry()) {
                Resource resource = entry.getResource();
                if (resource == null) {
                    throw new InvalidRequestException("entry without resource");
                }
                rejectFutureBirthDates(resource);
                resolveReferences(resource, references);
                String type = resource.fhirType();
                Bundle.HTTPVerb method = entry.getRequest().getMethod();
                String url = entry.getRequest().getUrl();
                List<Resource> matches;
                if (method == Bundle.HTTPVerb.POST && entry.getRequest().hasIfNoneExist()) {
                    matches = find(staged, type, entry.getRequest().getIfNoneExist());
                    if (matches.size() > 1) {
                        throw new PreconditionFailedException("Failed to CREATE resource with match URL \""
                                + entry.getRequest().getIfNoneExist() + "\" because this search matched "
                                + matches.size() + " resources");
                    }
                    if (matches.size() == 1) {
                        Resource existing = matches.get(0);
                        references.put(entry.getFullUrl(), type + "/" + existing.getIdElement().getIdPart());
                        response.addEntry().getResponse().setStatus("200 OK")
                                .setLocation(type + "/" + existing.getIdElement().getIdPart() + "/_history/" + existing.getMeta().getVersionId());
                        continue;
                    }
                    Resource created = store(staged, resource, String.valueOf(ids.incrementAndGet()), "1");
                    references.put(entry.getFullUrl(), type + "/" + created.getIdElement().getIdPart());
                    respond(response, "201 Created", created);
                } else if (method == Bundle.HTTPVerb.PUT && url != null && url.contains("?")) {
                    matches = find(staged, type, url.substring(url.indexOf('?') + 1));
                    if (matches.size() > 1) {
                        throw new PreconditionFailedException("Failed to UPDATE resource with match URL \"" + url
                                + "\" because this search matched " + matches.size() + " resources");
                    }
                    if (matches.isEmpty()) {
                        respond(response, "201 Created", store(staged, resource, String.valueOf(ids.incrementAndGet()), "1"));
                        continue;
                    }
                    Resource existing = matches.get(0);
                    String id = existing.getIdElement().getIdPart();
                    int version = Integer.parseInt(existing.getMeta().getVersionId());
                    if (content(existing).equals(content(resource))) {
                        respond(response, "200 OK", existing); // a no-op update keeps the version
                    } else {
                        respond(response, "200 OK", store(staged, resource, id, String.valueOf(version + 1)));
                    }
                } else if (method == Bundle.HTTPVerb.POST) {
                    respond(response, "201 Created", store(staged, resource, String.valueOf(ids.incrementAndGet()), "1"));
                } else {
                    throw new InvalidRequestException("only POST and conditional PUT entries are supported here");
                }
            }
            store.clear();
            store.putAll(staged);
            return response;
        }
    }

    private void rejectFutureBirthDates(Resource resource) {
        if (resource instanceof Patient && ((Patient) resource).hasBirthDate()
                && ((Patient) resource).getBirthDate().after(new Date())) {
            Patient patient = (Patient) resource;
            OperationOutcome outcome = new OperationOutcome();
            outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR)
                    .setCode(OperationOutcome.IssueType.BUSINESSRULE)
                    .setDiagnostics("Patient " + patient.getNameFirstRep().getNameAsSingleString()
                            + " has a birth date in the future")
                    .addExpression("Bundle.entry[0].resource.birthDate");
            throw new UnprocessableEntityException(context, outcome);
        }
    }

    private static void resolveReferences(Resource resource, Map<String, String> references) {
        if (resource instanceof ImagingStudy) {
            Reference subject = ((ImagingStudy) resource).getSubject();
            if (subject.hasReference() && references.containsKey(subject.getReference())) {
                subject.setReference(references.get(subject.getReference()));
            }
        }
    }

    private String content(Resource resource) {
        Resource copy = resource.copy();
        copy.setId((String) null);
        copy.setMeta(null);
        return context.newJsonParser().encodeResourceToString(copy);
    }

    private static Resource store(Map<String, Map<String, Resource>> staged, Resource resource, String id, String version) {
        Resource copy = resource.copy();
        copy.setId(id);
        copy.getMeta().setVersionId(version);
        staged.computeIfAbsent(copy.fhirType(), t -> new LinkedHashMap<>()).put(id, copy);
        return copy;
    }

    private static void respond(Bundle response, String status, Resource stored) {
        String id = stored.getIdElement().getIdPart();
        String version = stored.getMeta().getVersionId();
        response.addEntry().getResponse().setStatus(status)
                .setLocation(stored.fhirType() + "/" + id + "/_history/" + version)
                .setEtag("W/\"" + version + "\"");
    }

    private static List<Resource> find(Map<String, Map<String, Resource>> staged, String type, String query) {
        Identifier wanted = identifierOf(query);
        List<Resource> matches = new ArrayList<>();
        for (Resource resource : staged.getOrDefault(type, Map.of()).values()) {
            for (Identifier identifier : identifiers(resource)) {
                if (wanted.getSystem().equals(identifier.getSystem()) && wanted.getValue().equals(identifier.getValue())) {
                    matches.add(resource);
                    break;
                }
            }
        }
        return matches;
    }

    /** {@code identifier=system|value}, possibly percent-encoded, possibly behind a {@code Type?} */
    private static Identifier identifierOf(String query) {
        String q = query.contains("?") ? query.substring(query.indexOf('?') + 1) : query;
        for (String parameter : q.split("&")) {
            if (parameter.startsWith("identifier=")) {
                String token = URLDecoder.decode(parameter.substring("identifier=".length()), StandardCharsets.UTF_8);
                int bar = token.indexOf('|');
                return new Identifier().setSystem(token.substring(0, bar)).setValue(token.substring(bar + 1));
            }
        }
        throw new InvalidRequestException("only identifier=system|value searches are supported here");
    }

    private static List<Identifier> identifiers(Resource resource) {
        if (resource instanceof Patient) {
            return ((Patient) resource).getIdentifier();
        }
        if (resource instanceof ImagingStudy) {
            return ((ImagingStudy) resource).getIdentifier();
        }
        return List.of();
    }
}
