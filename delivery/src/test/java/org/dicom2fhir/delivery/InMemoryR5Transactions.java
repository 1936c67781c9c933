package org.dicom2fhir.delivery;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Transaction;
import ca.uhn.fhir.rest.annotation.TransactionParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r5.model.Bundle;
import org.hl7.fhir.r5.model.Identifier;
import org.hl7.fhir.r5.model.ImagingStudy;
import org.hl7.fhir.r5.model.Patient;
import org.hl7.fhir.r5.model.Reference;
import org.hl7.fhir.r5.model.Resource;

/**
 * The R5 twin of {@link InMemoryTransactions}, behind the test server's R5 RestfulServer: transactions with conditional
 * create ({@code ifNoneExist}, 412 when several match) and conditional update ({@code PUT Type?identifier=...}; a
 * client id in the body would be kept on create, see {@link #bodyId}; a PUT of the same content keeps the version).
 * Every {@code urn:uuid} reference of an entry is rewritten to the resource the transaction created or found, and the
 * ImagingStudy's subject must then resolve (to a contained Patient, or a Patient the store holds): a server with
 * referential integrity, so that a wrong subject fails the transaction (400) instead of passing unnoticed. All or
 * nothing: a failing entry leaves the store untouched.
 */
public final class InMemoryR5Transactions {
    private final FhirContext context;
    private final AtomicLong ids = new AtomicLong(1000);
    /** type -> id -> stored resource (its meta.versionId is the version) */
    private final Map<String, Map<String, Resource>> store = new HashMap<>();

    InMemoryR5Transactions(FhirContext context) {
        this.context = context;
    }

    public synchronized void clear() {
        store.clear();
    }

    /** Preloads a resource under that id, version 1. */
    public synchronized void put(Resource resource, String id) {
        Resource copy = resource.copy();
        copy.setId(id);
        copy.getMeta().setVersionId("1");
        store.computeIfAbsent(copy.fhirType(), t -> new LinkedHashMap<>()).put(id, copy);
    }

    public synchronized List<Resource> all(String type) {
        return store.getOrDefault(type, Map.of()).values().stream().map(Resource::copy).toList();
    }

    public synchronized Resource read(String type, String id) {
        Resource resource = store.getOrDefault(type, Map.of()).get(id);
        return resource == null ? null : resource.copy();
    }

    public synchronized List<Resource> search(String type, String query) {
        return find(store, type, query).stream().map(Resource::copy).toList();
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
                resolveReferences(resource, references);
                requireResolvableSubject(resource, staged);
                String type = resource.fhirType();
                Bundle.HTTPVerb method = entry.getRequest().getMethod();
                String url = entry.getRequest().getUrl();
                if (method == Bundle.HTTPVerb.POST && entry.getRequest().hasIfNoneExist()) {
                    List<Resource> matches = find(staged, type, entry.getRequest().getIfNoneExist());
                    if (matches.size() > 1) {
                        throw new PreconditionFailedException("Failed to CREATE resource: the match URL matched "
                                + matches.size() + " resources");
                    }
                    Resource target = matches.isEmpty()
                            ? store(staged, resource, String.valueOf(ids.incrementAndGet()), "1") : matches.get(0);
                    references.put(entry.getFullUrl(), type + "/" + target.getIdElement().getIdPart());
                    respond(response, matches.isEmpty() ? "201 Created" : "200 OK", target);
                } else if (method == Bundle.HTTPVerb.PUT && url != null && url.contains("?")) {
                    List<Resource> matches = find(staged, type, url.substring(url.indexOf('?') + 1));
                    if (matches.size() > 1) {
                        throw new PreconditionFailedException("Failed to UPDATE resource: the match URL matched "
                                + matches.size() + " resources");
                    }
                    if (matches.isEmpty()) {
                        String id = bodyId(resource) != null ? bodyId(resource) : String.valueOf(ids.incrementAndGet());
                        respond(response, "201 Created", store(staged, resource, id, "1"));
                        continue;
                    }
                    Resource existing = matches.get(0);
                    String id = existing.getIdElement().getIdPart();
                    if (bodyId(resource) != null && !bodyId(resource).equals(id)) {
                        throw new InvalidRequestException("the resource's id differs from the id of the match");
                    }
                    if (content(existing).equals(content(resource))) {
                        respond(response, "200 OK", existing); // a no-op update keeps the version
                    } else {
                        int version = Integer.parseInt(existing.getMeta().getVersionId());
                        respond(response, "200 OK", store(staged, resource, id, String.valueOf(version + 1)));
                    }
                } else {
                    throw new InvalidRequestException("only conditional POST and PUT entries are supported here");
                }
            }
            store.clear();
            store.putAll(staged);
            return response;
        }
    }

    /**
     * The id the client put in the body, or null. HAPI's parser replaces an entry's resource id by the entry's
     * {@code fullUrl} (ParserOptions.overrideResourceIdWithBundleEntryFullUrl, true by default): with a
     * {@code urn:uuid:} fullUrl this server sees no client id and assigns its own, as HAPI's JPA server does; with
     * {@code <base>/ImagingStudy/<id>} the id is the client's.
     */
    private static String bodyId(Resource resource) {
        if (!resource.hasIdElement() || !resource.getIdElement().hasIdPart() || resource.getIdElement().isUrn()
                || resource.getIdElement().getValue().startsWith("urn:")) {
            return null;
        }
        return resource.getIdElement().getIdPart();
    }

    /** Rewrites every reference to an earlier entry's fullUrl, in the resource and its contained resources. */
    private void resolveReferences(Resource resource, Map<String, String> references) {
        for (Reference reference : context.newTerser().getAllPopulatedChildElementsOfType(resource, Reference.class)) {
            if (reference.hasReference() && references.containsKey(reference.getReference())) {
                reference.setReference(references.get(reference.getReference()));
            }
        }
    }

    private static void requireResolvableSubject(Resource resource, Map<String, Map<String, Resource>> staged) {
        if (!(resource instanceof ImagingStudy)) {
            return;
        }
        ImagingStudy study = (ImagingStudy) resource;
        String subject = study.getSubject().getReference();
        boolean resolves;
        if (subject == null) {
            resolves = false;
        } else if (subject.startsWith("#")) {
            resolves = study.getContained().stream()
                    .anyMatch(c -> c instanceof Patient && subject.equals("#" + c.getIdElement().getIdPart()));
        } else if (subject.startsWith("Patient/")) {
            resolves = staged.getOrDefault("Patient", Map.of()).containsKey(subject.substring("Patient/".length()));
        } else {
            resolves = false;
        }
        if (!resolves) {
            throw new InvalidRequestException("the ImagingStudy's subject does not resolve");
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

    /** {@code identifier=system|value}, possibly percent-encoded (search syntax escapes are not undone here) */
    private static Identifier identifierOf(String query) {
        for (String parameter : query.split("&")) {
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

    /** GET ImagingStudy?identifier=system|value on the R5 server */
    public static final class ImagingStudySearch implements IResourceProvider {
        private final InMemoryR5Transactions store;

        ImagingStudySearch(InMemoryR5Transactions store) {
            this.store = store;
        }

        @Override
        public Class<? extends IBaseResource> getResourceType() {
            return ImagingStudy.class;
        }

        @Search
        public List<IBaseResource> search(@RequiredParam(name = ImagingStudy.SP_IDENTIFIER) TokenParam identifier) {
            return new ArrayList<>(store.search("ImagingStudy",
                    "identifier=" + identifier.getSystem() + "|" + identifier.getValue()));
        }
    }
}
