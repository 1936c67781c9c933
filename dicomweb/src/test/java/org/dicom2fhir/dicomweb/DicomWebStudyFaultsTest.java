package org.dicom2fhir.dicomweb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.dicom2fhir.api.Disposition;
import org.dicom2fhir.api.ReasonCode;
import org.dicom2fhir.core.ConversionResult;
import org.dicom2fhir.core.FileReport;
import org.dicom2fhir.core.RunOptions;
import org.dicom2fhir.dicomweb.FaultyDicomWebServer.Reply;
import org.dicom2fhir.http.BearerToken;
import org.dicom2fhir.http.HttpOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What Orthanc will not do, from {@link FaultyDicomWebServer}: bearer tokens, failing statuses, broken bodies. */
class DicomWebStudyFaultsTest {
    private static final String STUDY = "1.2.826.0.1.3680043.8.498.16";
    private static final String SERIES = STUDY + ".1";
    private static final String METADATA = "/studies/" + STUDY + "/metadata";

    @TempDir
    Path tmp;
    private FaultyDicomWebServer server;

    @BeforeEach
    void start() throws Exception {
        server = FaultyDicomWebServer.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    /** DICOM JSON of {@code count} CT instances of one series, as a WADO-RS metadata response. */
    static byte[] metadata(String study, String series, int count) {
        return IntStream.range(0, count).mapToObj(i -> "{"
                + "\"00080016\":{\"vr\":\"UI\",\"Value\":[\"1.2.840.10008.5.1.4.1.1.2\"]},"
                + "\"00080018\":{\"vr\":\"UI\",\"Value\":[\"" + series + "." + (i + 1) + "\"]},"
                + "\"00080060\":{\"vr\":\"CS\",\"Value\":[\"CT\"]},"
                + "\"00100010\":{\"vr\":\"PN\",\"Value\":[{\"Alphabetic\":\"Test^Patient\"}]},"
                + "\"00100020\":{\"vr\":\"LO\",\"Value\":[\"PID-16\"]},"
                + "\"0020000D\":{\"vr\":\"UI\",\"Value\":[\"" + study + "\"]},"
                + "\"0020000E\":{\"vr\":\"UI\",\"Value\":[\"" + series + "\"]},"
                + "\"00200013\":{\"vr\":\"IS\",\"Value\":[" + (i + 1) + "]}}")
                .collect(Collectors.joining(",", "[", "]")).getBytes(StandardCharsets.UTF_8);
    }

    private DicomWebStudy.Builder study() {
        return DicomWebStudy.builder(server.base() + "/studies/" + STUDY)
                .http(new HttpOptions().backoff(Duration.ofMillis(1), Duration.ofMillis(5)).proxyEnvironment(java.util.Map.of()));
    }

    private static ConversionResult convert(DicomWebStudy study) throws Exception {
        return Conversions.converter(study.baseUrl().toString(), false).convert(study, RunOptions.defaults());
    }

    private static List<String> outcomes(ConversionResult result) {
        return outcomes(result.report().files());
    }

    private static List<String> outcomes(List<FileReport> files) {
        return files.stream().map(f -> f.path() + " " + f.disposition()
                + (f.reason() == null ? "" : " " + f.reason())).toList();
    }

    @Test
    void aGzippedResponseIsInflatedAndEveryRequestAsksForGzipAndDicomJson() throws Exception {
        server.on(METADATA, Reply.json(metadata(STUDY, SERIES, 3)).gzipped());
        ConversionResult result = convert(study().build());
        assertThat(outcomes(result)).containsExactly("metadata#0 INCLUDED", "metadata#1 INCLUDED", "metadata#2 INCLUDED");
        assertThat(server.acceptEncodings()).allSatisfy(e -> assertThat(e).isEqualTo("gzip"));
        // the series listing (404 here: no QIDO) is asked first, then the metadata
        assertThat(server.requests()).containsExactly("/dicom-web/studies/" + STUDY + "/series?includefield=00201209",
                "/dicom-web" + METADATA);
        Conversions.validatedTrees(Conversions.converter(null, false), result);
    }

    @Test
    void aBearerTokenFromAFileIsSentAndAMissingOneIsA401() throws Exception {
        server.requireToken("t0k3n-16").on(METADATA, Reply.json(metadata(STUDY, SERIES, 2)));
        Path file = Files.writeString(tmp.resolve("token"), "t0k3n-16\n");
        DicomWebStudy withToken = study().credentials(BearerToken.fromFile(file)).build();
        assertThat(convert(withToken).report().totals().included()).isEqualTo(2);
        assertThat(server.authorizations()).allSatisfy(a -> assertThat(a).isEqualTo("Bearer t0k3n-16"));
        assertThat(withToken.toString()).doesNotContain("t0k3n");

        assertThatThrownBy(() -> convert(study().build())).isInstanceOf(DicomWebException.class)
                .hasMessageContaining("HTTP 401").hasMessageContaining("--dicomweb-token-file");
        DicomWebStudy fromEnvironment = study().credentials(BearerToken.fromEnvironment(
                java.util.Map.of(DicomWebStudy.TOKEN_VARIABLE, "wrong"), DicomWebStudy.TOKEN_VARIABLE)).build();
        assertThatThrownBy(() -> convert(fromEnvironment)).isInstanceOf(DicomWebException.class)
                .hasMessageContaining("HTTP 401").hasMessageContaining("check the bearer token")
                .hasMessageNotContaining("wrong");
    }

    @Test
    void a500IsFinalAndNotRetried() throws Exception {
        server.on(METADATA, Reply.status(500), Reply.json(metadata(STUDY, SERIES, 1)));
        assertThatThrownBy(() -> convert(study().build())).isInstanceOf(DicomWebException.class)
                .hasMessageContaining("HTTP 500").hasMessageNotContaining("attempts");
        assertThat(server.requests()).filteredOn(r -> r.endsWith("/metadata")).hasSize(1);
    }

    @Test
    void a503IsRetriedUntilTheServerAnswers() throws Exception {
        server.on(METADATA, Reply.status(503), Reply.status(503), Reply.json(metadata(STUDY, SERIES, 2)));
        assertThat(convert(study().build()).report().totals().included()).isEqualTo(2);
        assertThat(server.requests()).filteredOn(r -> r.endsWith("/metadata")).hasSize(3);
    }

    @Test
    void a503UntilTheRetriesRunOutIsExitSevenMaterial() {
        server.on(METADATA, Reply.status(503));
        assertThatThrownBy(() -> convert(study().http(new HttpOptions().retries(2)
                .backoff(Duration.ofMillis(1), Duration.ofMillis(5)).proxyEnvironment(java.util.Map.of())).build()))
                .isInstanceOf(DicomWebException.class).hasMessageContaining("HTTP 503 after 3 attempts");
    }

    @Test
    void anHtmlPageInsteadOfJsonFailsMalformed() throws Exception {
        server.on(METADATA, Reply.json("<html><body>Gateway says no</body></html>".getBytes(StandardCharsets.UTF_8))
                .withContentType("text/html; charset=utf-8"));
        org.dicom2fhir.core.NoDicomFilesException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> convert(study().build()), org.dicom2fhir.core.NoDicomFilesException.class);
        FileReport only = e.report().files().get(0);
        assertThat(e.report().files()).hasSize(1);
        assertThat(only.path()).isEqualTo("metadata");
        assertThat(only.reason()).isEqualTo(ReasonCode.MALFORMED);
        assertThat(only.message()).contains("text/html").doesNotContain("Gateway");
    }

    @Test
    void anEncodingThatWasNotAskedForFailsMalformedUnread() {
        server.on(METADATA, Reply.json(metadata(STUDY, SERIES, 2)).claimingEncoding("br"));
        org.dicom2fhir.core.NoDicomFilesException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> convert(study().build()), org.dicom2fhir.core.NoDicomFilesException.class);
        assertThat(outcomes(e.report().files())).containsExactly("metadata FAILED MALFORMED");
        assertThat(e.report().files().get(0).message()).contains("content encoding br");
    }

    @Test
    void aStudyWithoutInstancesIsNothingToConvert() {
        server.on(METADATA, Reply.json("[]".getBytes(StandardCharsets.UTF_8)));
        org.dicom2fhir.core.NoDicomFilesException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> convert(study().build()), org.dicom2fhir.core.NoDicomFilesException.class);
        assertThat(outcomes(e.report().files())).containsExactly("metadata SKIPPED NOT_DICOM");
    }

    @Test
    void jsonCutShortFailsTheCutInstanceTruncatedAndKeepsTheOthers() throws Exception {
        byte[] whole = metadata(STUDY, SERIES, 3);
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length * 5 / 6);
        server.on(METADATA, Reply.json(cut).gzipped());
        ConversionResult result = convert(study().build());
        // the third instance is cut before its Study and Series UIDs (written last here)
        assertThat(outcomes(result)).containsExactly("metadata#0 INCLUDED", "metadata#1 INCLUDED",
                "metadata#2 FAILED TRUNCATED");
    }

    @Test
    void aConnectionDroppedMidResponseFailsTheInstanceBeingRead() throws Exception {
        // large enough that the parser's first buffer holds complete instances before the drop
        byte[] whole = metadata(STUDY, SERIES, 200);
        server.on(METADATA, Reply.json(whole).droppedAfter(whole.length / 2));
        ConversionResult result = convert(study().build());
        assertEndsWithOneFailure(result, "The connection failed");
    }

    @Test
    void aServerThatStopsSendingMidResponseEndsByTheTimeoutWithoutHanging() throws Exception {
        byte[] whole = metadata(STUDY, SERIES, 200);
        server.on(METADATA, Reply.json(whole).stallingAfter(whole.length / 2));
        long start = System.nanoTime();
        // the timeout bounds the wait for the headers too: 3 s leaves a loaded machine time to send them
        ConversionResult result = convert(study().http(new HttpOptions().requestTimeout(Duration.ofSeconds(3))
                .proxyEnvironment(java.util.Map.of())).build());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
        assertEndsWithOneFailure(result, "stopped sending");
    }

    /** The instances before the failure are included, the one being read fails UNREADABLE, nothing is read after it. */
    private static void assertEndsWithOneFailure(ConversionResult result, String message) {
        List<FileReport> files = result.report().files();
        assertThat(files.size()).isBetween(50, 150);
        assertThat(files.subList(0, files.size() - 1)).allSatisfy(f -> assertThat(f.disposition()).isEqualTo(Disposition.INCLUDED));
        FileReport last = files.get(files.size() - 1);
        assertThat(last.path() + " " + last.disposition() + " " + last.reason())
                .isEqualTo("metadata#" + (files.size() - 1) + " FAILED UNREADABLE");
        assertThat(last.message()).contains(message);
    }

    @Test
    void aResponseOverTheLimitFailsWithItsReasonCode() throws Exception {
        byte[] whole = metadata(STUDY, SERIES, 200);
        server.on(METADATA, Reply.json(whole).gzipped());
        ConversionResult result = convert(study().maxResponseBytes(whole.length / 2).build());
        List<FileReport> failed = result.report().files(Disposition.FAILED);
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0).reason()).isEqualTo(ReasonCode.RESPONSE_TOO_LARGE);
        // the inflated bytes count, not the few compressed ones; nothing after the limit is read
        assertThat(result.report().totals().included()).isBetween(90, 100);
        assertThat(result.report().files()).hasSize(result.report().totals().included() + 1);
    }

    @Test
    void aLargeStudyIsFetchedSeriesBySeriesAfterTheQidoListing() throws Exception {
        String second = STUDY + ".2";
        String listing = "[{\"0020000E\":{\"vr\":\"UI\",\"Value\":[\"" + SERIES + "\"]},\"00201209\":{\"vr\":\"IS\",\"Value\":[3]}},"
                + "{\"0020000E\":{\"vr\":\"UI\",\"Value\":[\"" + second + "\"]},\"00201209\":{\"vr\":\"IS\",\"Value\":[\"2\"]}}]";
        server.on("/studies/" + STUDY + "/series", Reply.json(listing.getBytes(StandardCharsets.UTF_8)).gzipped())
                .on("/studies/" + STUDY + "/series/" + SERIES + "/metadata", Reply.json(metadata(STUDY, SERIES, 3)))
                .on("/studies/" + STUDY + "/series/" + second + "/metadata", Reply.json(metadata(STUDY, second, 2)));
        ConversionResult result = convert(study().seriesThreshold(4).build());
        assertThat(result.report().files()).extracting(FileReport::path).containsExactly(
                "series/" + SERIES + "/metadata#0", "series/" + SERIES + "/metadata#1", "series/" + SERIES + "/metadata#2",
                "series/" + second + "/metadata#0", "series/" + second + "/metadata#1");
        assertThat(server.requests()).noneMatch(r -> r.equals("/dicom-web" + METADATA));
    }

    @Test
    void urlsThatAreNoStudyUrlAreRefusedWithTheShapeInTheMessage() {
        for (String url : new String[] {"http://h/dicom-web", "http://h/dicom-web/studies/", "http://h/studies/1.2/series",
                "ftp://h/studies/1.2", "http://u:p@h/studies/1.2", "http://h/studies/1.2?x=1", "http://h/studies/abc"}) {
            assertThatThrownBy(() -> DicomWebStudy.builder(url)).as(url).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(StudyUrl.parse("https://pacs.example.org/dicom-web/studies/1.2.3/")).isEqualTo(
                new StudyUrl(java.net.URI.create("https://pacs.example.org/dicom-web"), "1.2.3"));
        assertThat(StudyUrl.parse("http://h:8042/studies/1.2").base().toString()).isEqualTo("http://h:8042");
    }
}
