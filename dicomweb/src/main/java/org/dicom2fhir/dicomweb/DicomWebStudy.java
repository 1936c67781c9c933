package org.dicom2fhir.dicomweb;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.dicom2fhir.api.ReasonCode;
import org.dicom2fhir.core.JsonStudy;
import org.dicom2fhir.http.Credentials;
import org.dicom2fhir.http.HttpOptions;
import org.dicom2fhir.http.HttpStream;
import org.dicom2fhir.http.HttpTransport;
import org.dicom2fhir.http.TransportException;

/**
 * One study on a DICOMweb server, read as core reads DICOM JSON ({@link org.dicom2fhir.core.Converter#convert(
 * JsonStudy, org.dicom2fhir.core.RunOptions)}): QIDO-RS lists the study's series with their instance counts
 * ({@code GET {base}/studies/{uid}/series}); a study of at most {@link Builder#seriesThreshold} instances is
 * fetched whole ({@code GET {base}/studies/{uid}/metadata}), a larger one series by series
 * ({@code .../series/{series}/metadata}). The mapping reads only the WADO-RS metadata, never the QIDO answers
 * (which hold only some attributes: Orthanc's drop a person name's ideographic and phonetic groups).
 *
 * <pre>{@code
 * DicomWebStudy study = DicomWebStudy.builder("https://pacs.example.org/dicom-web/studies/1.2.840.1")
 *         .credentials(BasicCredentials.fromFile(Path.of("/run/secrets/pacs")))
 *         .build();
 * ConversionResult result = converter.convert(study, RunOptions.defaults());
 * }</pre>
 *
 * <p>Requests send {@code Accept: application/dicom+json} and {@code Accept-Encoding: gzip}. HTTP as for the FHIR
 * delivery: timeouts, retries on 429, 502, 503, 504 and connection failures only (a 500 is final), TLS with extra
 * CA certificates, proxies from the environment. A body of which nothing arrives for the request timeout is
 * abandoned. Thread-safe; {@link #read} may be called again (it fetches again).
 */
public final class DicomWebStudy implements JsonStudy {
    /** The environment variable holding the DICOMweb server's bearer token. */
    public static final String TOKEN_VARIABLE = "DICOM2FHIR_DICOMWEB_TOKEN";
    /** Above this many instances (by the series listing) a study is fetched series by series. */
    public static final int DEFAULT_SERIES_THRESHOLD = 2_000;

    static final String DICOM_JSON = "application/dicom+json";

    private final StudyUrl url;
    private final HttpTransport transport;
    private final Duration idleTimeout;
    private final long maxResponseBytes;
    private final int seriesThreshold;

    DicomWebStudy(StudyUrl url, HttpTransport transport, Duration idleTimeout, long maxResponseBytes,
            int seriesThreshold) {
        this.url = url;
        this.transport = transport;
        this.idleTimeout = idleTimeout;
        this.maxResponseBytes = maxResponseBytes;
        this.seriesThreshold = seriesThreshold;
    }

    /**
     * @param studyUrl {@code http(s)://host/.../studies/<StudyInstanceUID>}
     * @throws IllegalArgumentException when it is not such a URL
     */
    public static Builder builder(String studyUrl) {
        return new Builder(StudyUrl.parse(studyUrl));
    }

    /** The DICOMweb base URL the study comes from: the default of the contained Endpoint. */
    public URI baseUrl() {
        return url.base();
    }

    public String studyInstanceUid() {
        return url.studyUid();
    }

    /** The Study Instance UID: report paths are relative to the study ({@code metadata#0}, {@code series/<uid>/metadata#0}). */
    @Override
    public Path origin() {
        return Path.of(url.studyUid());
    }

    /**
     * @throws DicomWebException the study is missing (404), refused (401, 403), the server fails (any status but
     *         200, after the retries) or cannot be reached
     */
    @Override
    public void read(Responses responses) throws IOException {
        List<SeriesListing.Series> series = SeriesListing.list(this);
        long instances = series == null ? -1 : series.stream().mapToLong(SeriesListing.Series::instances).sum();
        if (series == null || series.size() < 2 || instances <= seriesThreshold) {
            fetch("/metadata", "metadata", responses);
            return;
        }
        for (SeriesListing.Series s : series) {
            fetch("/series/" + s.uid() + "/metadata", "series/" + s.uid() + "/metadata", responses);
        }
    }

    /** One metadata response, handed to the DICOM JSON source as it arrives. */
    private void fetch(String below, String path, Responses responses) throws IOException {
        try (HttpStream answer = open(url.resolve(below))) {
            if (answer.status() != 200) {
                throw failed(answer, "GET " + url.resolve(below));
            }
            String type = answer.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
            if (!type.isEmpty() && !type.contains("json")) {
                responses.failed(path, ReasonCode.MALFORMED, "The DICOMweb server answered " + mediaType(type)
                        + " instead of DICOM JSON; nothing of the response was read.");
                return;
            }
            String encoding = answer.headers().firstValue("Content-Encoding").orElse("identity").toLowerCase(Locale.ROOT);
            if (!encoding.equals("gzip") && !encoding.equals("identity")) {
                responses.failed(path, ReasonCode.MALFORMED, "The DICOMweb server answered with the content encoding "
                        + mediaType(encoding) + ", which was not asked for; nothing of the response was read.");
                return;
            }
            responses.json(path, new ResponseBody(answer.body(), encoding.equals("gzip"), maxResponseBytes,
                    idleTimeout.toSeconds() + " s, the request timeout"));
        }
    }

    /** A request for DICOM JSON, gzip welcome; the answer's headers are in. */
    HttpStream open(URI uri) throws DicomWebException {
        HttpRequest request = transport.request(uri).header("Accept", DICOM_JSON).header("Accept-Encoding", "gzip")
                .GET().build();
        try {
            return transport.open(request, idleTimeout);
        } catch (TransportException e) {
            throw new DicomWebException("cannot fetch the study from the DICOMweb server: " + e.getMessage(), 0, e);
        }
    }

    long maxResponseBytes() {
        return maxResponseBytes;
    }

    StudyUrl url() {
        return url;
    }

    /** The sentence of a final status that is not 200. */
    DicomWebException failed(HttpStream answer, String what) {
        return DicomWebServer.failed(transport, answer, what, url.studyUid());
    }

    /** A header value fit for a message: a media type or a token, never a long or odd string. */
    private static String mediaType(String value) {
        String type = value.split(";", 2)[0].strip();
        return type.matches("[a-z0-9!#$&^_.+-]{1,64}(/[a-z0-9!#$&^_.+-]{1,64})?") ? type : "an unexpected value";
    }

    @Override
    public String toString() {
        return "DicomWebStudy[" + url + ", authorization=" + (transport.authorizationKind() == null ? "none" : "redacted")
                + "]";
    }

    /** Configures a {@link DicomWebStudy}: the settings of its {@link DicomWebServer}. Not thread-safe. */
    public static final class Builder {
        private final StudyUrl url;
        private final DicomWebServer.Builder server;

        private Builder(StudyUrl url) {
            this.url = url;
            this.server = DicomWebServer.builder(url.base().toString());
        }

        /** As {@link DicomWebServer.Builder#http}. */
        public Builder http(HttpOptions options) {
            server.http(options);
            return this;
        }

        /** As {@link DicomWebServer.Builder#credentials}. */
        public Builder credentials(Credentials credentials) {
            server.credentials(credentials);
            return this;
        }

        /** As {@link DicomWebServer.Builder#maxResponseBytes}. */
        public Builder maxResponseBytes(long bytes) {
            server.maxResponseBytes(bytes);
            return this;
        }

        /** As {@link DicomWebServer.Builder#seriesThreshold}. */
        public Builder seriesThreshold(int instances) {
            server.seriesThreshold(instances);
            return this;
        }

        /**
         * @throws org.dicom2fhir.http.HttpSetupException the CA file or a proxy variable cannot be used
         * @throws IllegalArgumentException settings out of range
         */
        public DicomWebStudy build() {
            return server.build().study(url.studyUid());
        }
    }
}
