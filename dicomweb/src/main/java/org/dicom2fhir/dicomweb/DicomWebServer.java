package org.dicom2fhir.dicomweb;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.dicom2fhir.api.Limit;
import org.dicom2fhir.http.Credentials;
import org.dicom2fhir.http.HttpOptions;
import org.dicom2fhir.http.HttpStream;
import org.dicom2fhir.http.HttpTransport;
import org.dicom2fhir.http.TransportException;

/**
 * A DICOMweb server as a source of many studies (a batch): lists them with QIDO-RS, paged, and hands out each as a
 * {@link DicomWebStudy} that shares this server's HTTP client (its connections, credentials and rate of requests).
 * Thread-safe: studies may be fetched concurrently.
 */
public final class DicomWebServer {
    /** Studies asked for per QIDO-RS request (a server may answer fewer: paging goes on until a page is empty). */
    public static final int DEFAULT_PAGE_SIZE = 1_000;
    private static final String STUDY_UID = "0020000D";
    private static final Pattern UID = Pattern.compile("[0-9]+(\\.[0-9]+)*");
    /** Attribute matching as QIDO-RS defines it: key=value pairs joined by {@code &}, percent-encoded by the caller. */
    private static final Pattern QUERY = Pattern.compile("[A-Za-z0-9]+=[A-Za-z0-9._~%*?,+:/-]*(&[A-Za-z0-9]+=[A-Za-z0-9._~%*?,+:/-]*)*");

    private final URI base;
    private final HttpTransport transport;
    private final Duration idleTimeout;
    private final long maxResponseBytes;
    private final int seriesThreshold;

    private DicomWebServer(Builder b) {
        this.base = b.base;
        this.transport = new HttpTransport(b.http.settings(b.credentials), "https".equals(b.base.getScheme()));
        this.idleTimeout = b.http.requestTimeout();
        this.maxResponseBytes = b.maxResponseBytes;
        this.seriesThreshold = b.seriesThreshold;
    }

    /**
     * @param baseUrl the DICOMweb base ({@code http(s)://host/dicom-web}): {@code /studies} is below it
     * @throws IllegalArgumentException when it is not an http(s) URL without user, query or fragment
     */
    public static Builder builder(String baseUrl) {
        return new Builder(HttpOptions.checkedBase(Objects.requireNonNull(baseUrl, "baseUrl"), "the DICOMweb base URL"));
    }

    /** The base URL: the default of the contained Endpoint. */
    public URI baseUrl() {
        return base;
    }

    /**
     * One study of this server.
     *
     * @throws IllegalArgumentException when {@code studyInstanceUid} is not a UID (digits and dots, at most 64)
     */
    public DicomWebStudy study(String studyInstanceUid) {
        if (!isUid(studyInstanceUid)) {
            throw new IllegalArgumentException("not a Study Instance UID (digits and dots, at most 64 characters): "
                    + (studyInstanceUid.length() > 64 ? studyInstanceUid.substring(0, 64) + "..." : studyInstanceUid));
        }
        return new DicomWebStudy(new StudyUrl(base, studyInstanceUid), transport, idleTimeout, maxResponseBytes,
                seriesThreshold);
    }

    /** Whether a text is a UID that fits into a URL path: digits and dots, at most 64 characters. */
    public static boolean isUid(String text) {
        return text != null && text.length() <= 64 && UID.matcher(text).matches();
    }

    /**
     * The Study Instance UIDs a QIDO-RS search returns ({@code GET {base}/studies?{query}&limit=&offset=}), page by
     * page until a page brings no new study, each UID once in the order the server lists them; the next offset is
     * the number of studies received (a server may answer fewer than the limit). With a query the limit is at least
     * the number of studies the server holds (listed first, without the query): some servers page before they match
     * attributes they compute per study (Orthanc 1.10 with {@code ModalitiesInStudy} finds the candidates of
     * offset + limit, matches them, then skips offset), so only a page that holds every match is complete there. A
     * study that arrives or leaves while the pages are fetched may shift them: the list is what the server answered.
     *
     * @param query    attribute matching ({@code StudyDate=20240101-20241231&ModalitiesInStudy=CT}), or empty
     * @param pageSize the {@code limit} of each request
     * @throws IllegalArgumentException a query that is not {@code key=value} pairs, or one that sets limit/offset
     * @throws DicomWebException        the server refuses, fails or cannot be reached; an answer that is not a
     *                                  QIDO-RS list of studies
     */
    public List<String> studyUids(String query, int pageSize) throws DicomWebException {
        Objects.requireNonNull(query, "query");
        checkQuery(query);
        if (pageSize < 1) {
            throw new IllegalArgumentException("the page size must be at least 1: " + pageSize);
        }
        long limit = query.isEmpty() ? pageSize : Math.max(pageSize, pages("", pageSize).size());
        return List.copyOf(pages(query, limit));
    }

    private Set<String> pages(String query, long limit) throws DicomWebException {
        Set<String> uids = new LinkedHashSet<>();
        long offset = 0;
        while (true) {
            URI uri = URI.create(base + "/studies?" + (query.isEmpty() ? "" : query + "&") + "includefield=" + STUDY_UID
                    + "&limit=" + limit + "&offset=" + offset);
            List<String> page = page(uri);
            int before = uids.size();
            uids.addAll(page);
            // nothing new: the end, or a server that ignores offset and repeats itself
            if (uids.size() == before) {
                return uids;
            }
            offset += page.size();
        }
    }

    /**
     * Checks a QIDO-RS query as {@link #studyUids} does.
     *
     * @throws IllegalArgumentException saying what is wrong, never quoting the query
     */
    public static void checkQuery(String query) {
        if (query.isEmpty()) {
            return;
        }
        if (!QUERY.matcher(query).matches()) {
            throw new IllegalArgumentException("a QIDO-RS query is key=value pairs joined by &, percent-encoded (e.g. "
                    + "StudyDate=20240101-20241231&ModalitiesInStudy=CT)");
        }
        for (String pair : query.split("&")) {
            String key = pair.substring(0, pair.indexOf('=')).toLowerCase(Locale.ROOT);
            if (key.equals("limit") || key.equals("offset") || key.equals("includefield")) {
                throw new IllegalArgumentException("the QIDO-RS query must not set " + key + ": the pages are asked "
                        + "for with limit and offset");
            }
        }
    }

    private List<String> page(URI uri) throws DicomWebException {
        HttpRequest request = transport.request(uri).header("Accept", DicomWebStudy.DICOM_JSON)
                .header("Accept-Encoding", "gzip").GET().build();
        String what = "GET " + uri;
        try (HttpStream answer = transport.open(request, idleTimeout)) {
            if (answer.status() == 204) {
                return List.of(); // QIDO-RS: no match
            }
            if (answer.status() != 200) {
                throw failed(transport, answer, what, null);
            }
            String type = answer.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
            if (!type.isEmpty() && !type.contains("json")) {
                throw new DicomWebException(what + " answered something other than DICOM JSON", 200, null);
            }
            boolean gzip = answer.headers().firstValue("Content-Encoding").map("gzip"::equalsIgnoreCase).orElse(false);
            return parse(new ResponseBody(answer.body(), gzip, maxResponseBytes, idleTimeout.toSeconds()
                    + " s, the request timeout"), what);
        } catch (TransportException e) {
            throw new DicomWebException("cannot list the studies of the DICOMweb server: " + e.getMessage(), 0, e);
        } catch (DicomWebException e) {
            throw e;
        } catch (IOException e) {
            throw new DicomWebException(what + ": the list of studies cannot be read: " + e.getMessage(), 200, e);
        }
    }

    /**
     * The sentence of a final status that is not 200: the status, the attempts, and what to check on 401/403.
     *
     * @param studyUid the study a 404 is about, or null for a listing
     */
    static DicomWebException failed(HttpTransport transport, HttpStream answer, String what, String studyUid) {
        int status = answer.status();
        String attempts = answer.attempts() > 1 ? " after " + answer.attempts() + " attempts" : "";
        String meaning = switch (status) {
            case 404 -> studyUid == null ? "" : ": the server has no study " + studyUid + " there";
            case 401, 403 -> transport.authorizationKind() == null
                    ? ": the server wants credentials (--dicomweb-credentials-file or --dicomweb-token-file)"
                    : ": check " + transport.authorizationKind();
            default -> "";
        };
        return new DicomWebException(what + " answered HTTP " + status + attempts + meaning, status, null);
    }

    /** The Study Instance UIDs of a QIDO-RS answer; a study without a usable UID is an error, not a gap. */
    static List<String> parse(InputStream json, String what) throws IOException {
        List<String> uids = new ArrayList<>();
        try (JsonParser parser = SeriesListing.FACTORY.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new DicomWebException(what + " answered JSON that is not a list of studies", 200, null);
            }
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                String uid = null;
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String tag = parser.currentName().toUpperCase(Locale.ROOT);
                    parser.nextToken();
                    if (tag.equals(STUDY_UID)) {
                        uid = SeriesListing.firstValue(parser);
                    } else {
                        parser.skipChildren();
                    }
                }
                if (!isUid(uid)) {
                    throw new DicomWebException(what + " listed a study without a usable Study Instance UID", 200, null);
                }
                uids.add(uid);
            }
            if (parser.currentToken() != JsonToken.END_ARRAY) {
                throw new DicomWebException(what + " answered JSON that is not a list of studies", 200, null);
            }
        }
        return uids;
    }

    @Override
    public String toString() {
        return "DicomWebServer[" + base + ", authorization=" + (transport.authorizationKind() == null ? "none" : "redacted")
                + "]";
    }

    /** Configures a {@link DicomWebServer}. Not thread-safe. */
    public static final class Builder {
        private final URI base;
        private HttpOptions http = new HttpOptions();
        private Credentials credentials;
        private long maxResponseBytes = Limit.MAX_RESPONSE_BYTES.defaultValue();
        private int seriesThreshold = DicomWebStudy.DEFAULT_SERIES_THRESHOLD;

        private Builder(URI base) {
            this.base = base;
        }

        /**
         * Timeouts, retries, backoff, CA certificates and proxies, shared with the FHIR delivery; the request timeout
         * also bounds the wait for each part of a response's body.
         */
        public Builder http(HttpOptions options) {
            this.http = Objects.requireNonNull(options, "options");
            return this;
        }

        /** Basic credentials or a bearer token ({@code org.dicom2fhir.http}), or null for none (the default). */
        public Builder credentials(Credentials credentials) {
            this.credentials = credentials;
            return this;
        }

        /** Inflated bytes one response may hold (default 1 GiB, {@link Limit#MAX_RESPONSE_BYTES}). */
        public Builder maxResponseBytes(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("maxResponseBytes must be positive: " + bytes);
            }
            this.maxResponseBytes = bytes;
            return this;
        }

        /** Above this many instances a study is fetched series by series (default 2,000). */
        public Builder seriesThreshold(int instances) {
            if (instances < 0) {
                throw new IllegalArgumentException("seriesThreshold must not be negative: " + instances);
            }
            this.seriesThreshold = instances;
            return this;
        }

        /**
         * @throws org.dicom2fhir.http.HttpSetupException the CA file or a proxy variable cannot be used
         * @throws IllegalArgumentException settings out of range
         */
        public DicomWebServer build() {
            return new DicomWebServer(this);
        }
    }
}
