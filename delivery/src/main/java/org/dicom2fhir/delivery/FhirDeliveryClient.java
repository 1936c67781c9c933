package org.dicom2fhir.delivery;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.dicom2fhir.http.Credentials;
import org.dicom2fhir.http.HttpAnswer;
import org.dicom2fhir.http.HttpOptions;
import org.dicom2fhir.http.HttpSetupException;
import org.dicom2fhir.http.HttpSettings;
import org.dicom2fhir.http.HttpTransport;
import org.dicom2fhir.http.TransportException;

/**
 * Posts FHIR transaction Bundles (JSON) to one FHIR server. Thread-safe; one HTTP client per instance, so
 * connections are reused across studies.
 *
 * <pre>{@code
 * FhirDeliveryClient client = FhirDeliveryClient.builder("https://fhir.example.org/fhir")
 *         .bearerToken(TokenSource.fromEnvironment().orElse(null))
 *         .build();
 * client.checkServer("4.0");
 * Before before = client.currentVersion("ImagingStudy?identifier=urn:dicom:uid|urn:oid:1.2.3");
 * Delivery delivery = client.deliver("1.2.3", bundleJson, before);
 * }</pre>
 *
 * <p>Retries: see {@link HttpTransport} (429, 502, 503, 504 and connection failures; request timeouts are not
 * retried). Nothing here logs; results and messages carry statuses, ids, URLs and codes, never a body or the token.
 */
public final class FhirDeliveryClient {
    /** Above this size (10 MB) a transaction gets {@link Delivery.Warning#LARGE_TRANSACTION}. */
    public static final int LARGE_TRANSACTION_BYTES = 10_000_000;

    private static final String FHIR_JSON = "application/fhir+json";
    private static final Pattern SEARCH_URL = Pattern.compile("[A-Z][A-Za-z]{1,63}\\?[^#\\s]+");
    private static final JsonSubset METADATA = new JsonSubset(java.util.Set.of("resourceType", "fhirVersion"));
    private static final JsonSubset SEARCHSET = new JsonSubset(java.util.Set.of("resourceType", "entry[].resource.id",
            "entry[].resource.meta.versionId", "entry[].search.mode"));

    private final URI base;
    private final HttpTransport transport;
    private final boolean hasToken;

    private FhirDeliveryClient(URI base, HttpTransport transport, boolean hasToken) {
        this.base = base;
        this.transport = transport;
        this.hasToken = hasToken;
    }

    /** @param baseUrl the FHIR server's base ({@code http://} or {@code https://}), e.g. {@code https://host/fhir} */
    public static Builder builder(String baseUrl) {
        return new Builder(baseUrl);
    }

    public URI baseUrl() {
        return base;
    }

    /**
     * Asks the server for its CapabilityStatement ({@code GET [base]/metadata}) and checks its {@code fhirVersion}.
     *
     * @param expectedFhirVersionPrefix the writer's release, e.g. {@code "4.0"} for R4, {@code "5.0"} for R5
     * @return the server's fhirVersion
     * @throws DeliveryException when the server cannot be asked, answers no CapabilityStatement, or speaks another
     *         FHIR version (the message names the writer to use)
     */
    public String checkServer(String expectedFhirVersionPrefix) {
        Objects.requireNonNull(expectedFhirVersionPrefix, "expectedFhirVersionPrefix");
        URI uri = resolve("metadata");
        HttpAnswer answer = get(uri, false);
        Map<String, Object> metadata;
        try {
            metadata = METADATA.read(answer.body());
        } catch (IOException e) {
            throw new DeliveryException("GET " + uri + " answered no CapabilityStatement: " + e.getMessage());
        }
        String version = JsonSubset.string(metadata, "fhirVersion");
        if (!"CapabilityStatement".equals(metadata.get("resourceType")) || version == null) {
            throw new DeliveryException("GET " + uri + " answered no CapabilityStatement with a fhirVersion");
        }
        version = FhirVersions.sanitised(version);
        if (!version.startsWith(expectedFhirVersionPrefix)) {
            throw new DeliveryException(FhirVersions.mismatch(base, version, expectedFhirVersionPrefix));
        }
        return version;
    }

    /**
     * What the server holds for a conditional search before a delivery: {@code GET [base]/[search]&_elements=id,meta}
     * with {@code Cache-Control: no-cache} (a cached answer would make an update look unchanged).
     *
     * @param conditionalSearchUrl relative, e.g. {@code ImagingStudy?identifier=urn:dicom:uid|urn:oid:1.2.3} (the
     *        URL of the ImagingStudy entry's conditional update); characters a URL cannot hold are percent-encoded
     * @return the single match's id and version, or {@link Before#none()} when nothing (or more than one resource)
     *         matches (with several, the conditional update itself fails and is reported by {@link #deliver})
     * @throws DeliveryException when the server cannot be asked or answers anything but a searchset Bundle
     */
    public Before currentVersion(String conditionalSearchUrl) {
        Objects.requireNonNull(conditionalSearchUrl, "conditionalSearchUrl");
        if (!SEARCH_URL.matcher(conditionalSearchUrl).matches()) {
            throw new IllegalArgumentException("not a relative conditional search URL (Type?parameters): " + conditionalSearchUrl);
        }
        URI uri = resolve(encodeQuery(conditionalSearchUrl) + "&_elements=id,meta");
        HttpAnswer answer = get(uri, true);
        Map<String, Object> bundle;
        try {
            bundle = SEARCHSET.read(answer.body());
        } catch (IOException e) {
            throw new DeliveryException("GET " + uri + " answered no searchset Bundle: " + e.getMessage());
        }
        if (!"Bundle".equals(bundle.get("resourceType"))) {
            throw new DeliveryException("GET " + uri + " answered no searchset Bundle");
        }
        List<Map<String, Object>> matches = JsonSubset.objects(bundle, "entry").stream()
                .filter(entry -> !"include".equals(JsonSubset.string(entry, "search.mode")))
                .filter(entry -> JsonSubset.string(entry, "resource.id") != null)
                .collect(java.util.stream.Collectors.toList());
        if (matches.size() != 1) {
            return Before.none();
        }
        return new Before(JsonSubset.string(matches.get(0), "resource.id"),
                JsonSubset.string(matches.get(0), "resource.meta.versionId"));
    }

    /**
     * Posts one study's transaction Bundle to {@code [base]}. Never throws for what the server or the network
     * does: every such result is a {@link Delivery}.
     *
     * @param before what the server held before ({@link #currentVersion}), or {@link Before#none()}
     */
    public Delivery deliver(String studyInstanceUid, byte[] transactionBundleJson, Before before) {
        Objects.requireNonNull(studyInstanceUid, "studyInstanceUid");
        Objects.requireNonNull(transactionBundleJson, "transactionBundleJson");
        Objects.requireNonNull(before, "before");
        List<Delivery.Warning> warnings = transactionBundleJson.length > LARGE_TRANSACTION_BYTES
                ? List.of(Delivery.Warning.LARGE_TRANSACTION) : List.of();
        RequestBundles.Summary summary;
        try {
            summary = RequestBundles.summarise(transactionBundleJson);
        } catch (IOException e) {
            return invalid(studyInstanceUid, "not sent: the Bundle is " + e.getMessage(), warnings);
        }
        if (!summary.transaction()) {
            return invalid(studyInstanceUid, "not sent: not a Bundle of type transaction", warnings);
        }
        HttpRequest request = transport.request(base)
                .header("Content-Type", FHIR_JSON)
                .header("Accept", FHIR_JSON)
                .POST(HttpRequest.BodyPublishers.ofByteArray(transactionBundleJson))
                .build();
        try {
            return TransactionResponses.interpret(studyInstanceUid, transport.send(request), before, summary, warnings);
        } catch (TransportException e) {
            return new Delivery(studyInstanceUid, 0, Delivery.Outcome.UNREACHABLE, e.getMessage(), null, null,
                    List.of(), warnings, e.attempts());
        }
    }

    /**
     * Merges one study into the ImagingStudy the server holds (see docs/delivery.md, "Merge"): reads it by its
     * identifier, adds or replaces this run's series and instances by UID, keeps everything else the server's study
     * has, and writes it back with {@code If-Match} on the version read (a conflict starts again from the read); a
     * merge that changes nothing sends nothing ({@code UNCHANGED}). A study the server does not hold is created with a
     * conditional create on its identifier. A server study of another patient is not touched ({@code NOT_SENT},
     * {@code PATIENT_CONFLICT}). Never throws for what the server or the network does.
     *
     * @param transactionBundleJson the transaction of {@code --match identifier} (a conditional update of the
     *        ImagingStudy as its last entry), as a writer wrote it; with a contained Patient or a subject reference
     */
    public Delivery merge(String studyInstanceUid, byte[] transactionBundleJson) {
        Objects.requireNonNull(studyInstanceUid, "studyInstanceUid");
        Objects.requireNonNull(transactionBundleJson, "transactionBundleJson");
        return new StudyMerger(this, transport, base).merge(studyInstanceUid, transactionBundleJson);
    }

    private static Delivery invalid(String uid, String reason, List<Delivery.Warning> warnings) {
        return new Delivery(uid, 0, Delivery.Outcome.INVALID, reason, null, null, List.of(), warnings, 0);
    }

    private HttpAnswer get(URI uri, boolean noCache) {
        HttpRequest.Builder request = transport.request(uri).header("Accept", FHIR_JSON).GET();
        if (noCache) {
            request.header("Cache-Control", "no-cache");
        }
        HttpAnswer answer;
        try {
            answer = transport.send(request.build());
        } catch (TransportException e) {
            throw new DeliveryException(e.getMessage(), e);
        }
        if (answer.status() != 200) {
            throw new DeliveryException("GET " + uri + " answered HTTP " + answer.status()
                    + (answer.attempts() > 1 ? " after " + answer.attempts() + " attempts" : "")
                    + (answer.status() == 401 || answer.status() == 403 ? " (check the bearer token or client credentials)" : ""));
        }
        return answer;
    }

    private URI resolve(String relative) {
        return URI.create(base + "/" + relative);
    }

    /** Percent-encodes what a URI's query cannot hold ({@code |}, spaces, non-ASCII), and {@code +} (a space in forms). */
    static String encodeQuery(String url) {
        StringBuilder out = new StringBuilder(url.length() + 16);
        for (byte b : url.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "-._~!$&'()*,;=:@/?%".indexOf(c) >= 0;
            if (keep) {
                out.append((char) c);
            } else {
                out.append('%').append(String.format(Locale.ROOT, "%02X", c));
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "FhirDeliveryClient[" + base + ", token=" + (hasToken ? "redacted" : "none") + "]";
    }

    /** Settings of a {@link FhirDeliveryClient}; every one has a default but the base URL. */
    public static final class Builder {
        private final URI base;
        private HttpOptions http = new HttpOptions();
        private TokenSource token;
        private OAuthClientCredentials oauth;
        private SmartBackendServices smart;

        private Builder(String baseUrl) {
            this.base = HttpOptions.checkedBase(Objects.requireNonNull(baseUrl, "baseUrl"), "the FHIR base URL");
        }

        /** TCP connection set-up (default 10 s); a connect timeout is retried. */
        public Builder connectTimeout(Duration timeout) {
            http.connectTimeout(timeout);
            return this;
        }

        /** Until the response's headers (default 120 s); reported as UNREACHABLE and not retried. */
        public Builder requestTimeout(Duration timeout) {
            http.requestTimeout(timeout);
            return this;
        }

        /** Retries after the first attempt (default 3); 0 disables retrying. */
        public Builder retries(int retries) {
            http.retries(retries);
            return this;
        }

        /** No retry starts later than this after the first attempt (default 5 min). */
        public Builder retryMaxTime(Duration maxTime) {
            http.retryMaxTime(maxTime);
            return this;
        }

        /** Full-jitter backoff: the n-th retry waits up to min(cap, base * 2^(n-1)) (default 1 s, 30 s). */
        public Builder backoff(Duration base, Duration cap) {
            http.backoff(base, cap);
            return this;
        }

        /**
         * All HTTP settings at once (timeouts, retries, backoff, CA certificates, proxies, client certificate, rate
         * limit), replacing those set before.
         */
        public Builder http(HttpOptions options) {
            this.http = Objects.requireNonNull(options, "options");
            return this;
        }

        /** The bearer token, or null for none (the default). */
        public Builder bearerToken(TokenSource token) {
            this.token = token;
            return this;
        }

        /**
         * OAuth2 client credentials: every request carries a token of the token endpoint, renewed before it expires
         * and once after a 401. Instead of a bearer token or SMART Backend Services; null for none.
         */
        public Builder oauthClientCredentials(OAuthClientCredentials credentials) {
            this.oauth = credentials;
            return this;
        }

        /** SMART Backend Services (signed-JWT client authentication), as {@link #oauthClientCredentials}; null for none. */
        public Builder smartBackendServices(SmartBackendServices credentials) {
            this.smart = credentials;
            return this;
        }

        /** The client certificate of mutual TLS, or null for none (the default). */
        public Builder clientCertificate(ClientCertificate certificate) {
            http.clientCertificate(certificate == null ? null : certificate.keyManager());
            return this;
        }

        /**
         * At most this many requests start per second, shared by every request of the client (all studies, retries
         * and token requests included); 0 for no limit (the default).
         */
        public Builder maxRequestsPerSecond(double perSecond) {
            http.maxRequestsPerSecond(perSecond);
            return this;
        }

        /** A PEM file of CA certificates trusted in addition to the JVM's (never instead of them). */
        public Builder caCertificates(Path pemFile) {
            http.caCertificates(pemFile);
            return this;
        }

        /**
         * Where HTTPS_PROXY, HTTP_PROXY and NO_PROXY are read (default: {@link System#getenv()}); an empty map
         * means direct connections.
         */
        public Builder proxyEnvironment(Map<String, String> environment) {
            http.proxyEnvironment(environment);
            return this;
        }

        /**
         * @throws DeliveryException when the CA file cannot be used or a proxy variable is not a proxy URL
         * @throws IllegalArgumentException for settings out of range
         */
        public FhirDeliveryClient build() {
            if ((token != null ? 1 : 0) + (oauth != null ? 1 : 0) + (smart != null ? 1 : 0) > 1) {
                throw new IllegalStateException("give one of a bearer token, OAuth2 client credentials and SMART "
                        + "Backend Services");
            }
            Credentials credentials = token != null ? token.token()
                    : oauth != null ? oauth.credentials(http.requestTimeout())
                    : smart != null ? smart.credentials(http.requestTimeout()) : null;
            HttpSettings settings;
            try {
                settings = http.settings(credentials);
            } catch (HttpSetupException e) {
                throw new DeliveryException(e.getMessage(), e);
            }
            return new FhirDeliveryClient(base, new HttpTransport(settings, "https".equals(base.getScheme())),
                    credentials != null);
        }
    }
}
