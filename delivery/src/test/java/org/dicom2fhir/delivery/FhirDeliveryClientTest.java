package org.dicom2fhir.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.dicom2fhir.api.model.TransactionData;
import org.dicom2fhir.api.spi.FhirWriter;
import org.dicom2fhir.api.spi.WriteOptions;
import org.dicom2fhir.core.TransactionPlan;
import org.dicom2fhir.core.TransactionPlan.Match;
import org.dicom2fhir.core.TransactionPlan.PatientMode;
import org.dicom2fhir.delivery.Delivery.Outcome;
import org.dicom2fhir.fhir.hapi.HapiR5WriterProvider;
import org.dicom2fhir.testkit.contract.NeutralStudies;
import org.dicom2fhir.delivery.FhirTestServer.Fault;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client against a real HAPI FHIR RestfulServer on Jetty 12 (see {@link FhirTestServer}), over http and https.
 *
 * <p>Start-up (printed by {@link #startServer()} to the surefire output file): FhirContext R4 and R5 created, both
 * RestfulServers initialised and Jetty's three connectors listening took 3.3 s on the 2-core machine at a load
 * average of about 1, and 11.0 to 12.0 s in three runs while other builds kept it at 9 to 13. The first metadata
 * answer adds 0.7 s (1.7 to 3.6 s loaded: HAPI builds the CapabilityStatement on first request), and the 14
 * keytool runs for the certificates 4.1 s (8 to 10 s loaded; 28 s before they ran more in parallel on a C1-only JVM).
 * With the R5 RestfulServer given its in-memory transaction store and search (the R5 tests below), the start-up
 * measured 5.6 s in one run (certificates 5.6 s, first metadata answer 2.1 s) with other builds keeping the load average at 2 to 4.
 */
class FhirDeliveryClientTest {
    private static final String TOKEN = "s3cr3t-T0KEN.value_42";
    private static final AtomicInteger STUDIES = new AtomicInteger();

    @TempDir
    static Path folder;

    private static TestCertificates certificates;
    private static FhirTestServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = FhirTestServer.startWithNewCertificates(folder);
        certificates = server.certificates;
        long firstAnswer = System.nanoTime();
        client(server.httpBase("r4")).build().checkServer("4.0");
        // redirected to target/surefire-reports/*-output.txt
        System.out.printf("first metadata answer %d ms%n", (System.nanoTime() - firstAnswer) / 1_000_000);
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void reset() {
        server.faults.reset();
        server.r4Store.clear();
        server.r5Store.clear();
    }

    static FhirDeliveryClient.Builder client(String base) {
        return FhirDeliveryClient.builder(base)
                .connectTimeout(Duration.ofSeconds(5))
                .requestTimeout(Duration.ofSeconds(10))
                .retries(3)
                .backoff(Duration.ofMillis(1), Duration.ofMillis(20))
                .proxyEnvironment(Map.of());
    }

    private static FhirDeliveryClient r4() {
        return client(server.httpBase("r4")).build();
    }

    /** A fresh Study Instance UID per call: tests never see each other's studies. */
    private static String uid() {
        return "1.2.826.0.1.3680043.10.1234." + STUDIES.incrementAndGet();
    }

    private static String search(String uid) {
        return "ImagingStudy?identifier=urn:dicom:uid|urn:oid:" + uid;
    }

    /** A transaction like the writers': a conditional create of the Patient, then a conditional update of the study. */
    static byte[] bundle(String uid, String mrn, String family, String birthDate, String description) {
        String json = "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":["
                + "{\"fullUrl\":\"urn:uuid:6f1c6f6e-0000-4000-8000-000000000001\",\"resource\":{\"resourceType\":\"Patient\","
                + "\"identifier\":[{\"system\":\"urn:test:mrn\",\"value\":\"" + mrn + "\"}],"
                + "\"name\":[{\"family\":\"" + family + "\",\"given\":[\"Jane\"]}],\"birthDate\":\"" + birthDate + "\"},"
                + "\"request\":{\"method\":\"POST\",\"url\":\"Patient\",\"ifNoneExist\":\"identifier=urn:test:mrn|" + mrn + "\"}},"
                + "{\"fullUrl\":\"urn:uuid:6f1c6f6e-0000-4000-8000-000000000002\",\"resource\":{\"resourceType\":\"ImagingStudy\","
                + "\"identifier\":[{\"system\":\"urn:dicom:uid\",\"value\":\"urn:oid:" + uid + "\"}],\"status\":\"available\","
                + "\"subject\":{\"reference\":\"urn:uuid:6f1c6f6e-0000-4000-8000-000000000001\"},\"description\":\"" + description + "\"},"
                + "\"request\":{\"method\":\"PUT\",\"url\":\"" + search(uid) + "\"}}]}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bundle(String uid) {
        return bundle(uid, "MRN-1", "Doe", "1970-01-01", "CT chest");
    }

    // --- outcomes -------------------------------------------------------------------------------------------

    @Test
    void createdThenUnchangedThenUpdated() {
        FhirDeliveryClient client = r4();
        String uid = uid();
        assertThat(client.currentVersion(search(uid))).isEqualTo(Before.none());

        Delivery created = client.deliver(uid, bundle(uid), Before.none());
        assertThat(created.outcome()).isEqualTo(Outcome.CREATED);
        assertThat(created.httpStatus()).isEqualTo(200);
        assertThat(created.studyInstanceUid()).isEqualTo(uid);
        assertThat(created.resourceId()).isNotBlank();
        assertThat(created.versionId()).isEqualTo("1");
        assertThat(created.attempts()).isEqualTo(1);
        assertThat(created.reason()).isNull();
        assertThat(created.issues()).isEmpty();
        assertThat(created.warnings()).isEmpty();

        Before before = client.currentVersion(search(uid));
        assertThat(before).isEqualTo(new Before(created.resourceId(), "1"));
        Delivery again = client.deliver(uid, bundle(uid), before);
        assertThat(again.outcome()).isEqualTo(Outcome.UNCHANGED);
        assertThat(again.resourceId()).isEqualTo(created.resourceId());
        assertThat(again.versionId()).isEqualTo("1");

        // without knowing the version before, the same 200 cannot be told from an update
        assertThat(client.deliver(uid, bundle(uid), Before.none()).outcome()).isEqualTo(Outcome.UPDATED);

        Delivery updated = client.deliver(uid, bundle(uid, "MRN-1", "Doe", "1970-01-01", "CT chest, contrast"),
                client.currentVersion(search(uid)));
        assertThat(updated.outcome()).isEqualTo(Outcome.UPDATED);
        assertThat(updated.resourceId()).isEqualTo(created.resourceId());
        assertThat(updated.versionId()).isEqualTo("2");
        assertThat(client.currentVersion(search(uid))).isEqualTo(new Before(created.resourceId(), "2"));
    }

    @Test
    void requestsAreFhirJsonOverHttp11WithoutUpgradeAndSearchesBypassCaches() {
        FhirDeliveryClient client = r4();
        String uid = uid();
        client.currentVersion(search(uid));
        client.deliver(uid, bundle(uid), Before.none());

        List<FhirTestServer.Seen> seen = server.faults.seen();
        assertThat(seen).hasSize(2);
        FhirTestServer.Seen get = seen.get(0);
        assertThat(get.method()).isEqualTo("GET");
        assertThat(get.path()).isEqualTo("/r4/ImagingStudy");
        assertThat(get.cacheControl()).isEqualTo("no-cache");
        assertThat(get.accept()).isEqualTo("application/fhir+json");
        FhirTestServer.Seen post = seen.get(1);
        assertThat(post.method()).isEqualTo("POST");
        assertThat(post.path()).isEqualTo("/r4");
        assertThat(post.contentType()).isEqualTo("application/fhir+json");
        assertThat(post.accept()).isEqualTo("application/fhir+json");
        for (FhirTestServer.Seen request : seen) {
            assertThat(request.protocol()).isEqualTo("HTTP/1.1");
            assertThat(request.upgrade()).as("no h2c upgrade on plain http").isNull();
            assertThat(request.authorization()).isNull();
        }
    }

    @Test
    void severalPatientsMatchingTheConditionalCreateAreAnAmbiguousPatient() {
        Patient patient = new Patient();
        patient.addIdentifier(new Identifier().setSystem("urn:test:mrn").setValue("MRN-TWICE"));
        server.r4Store.put(patient);
        server.r4Store.put(patient);
        String uid = uid();

        Delivery delivery = r4().deliver(uid, bundle(uid, "MRN-TWICE", "Doe", "1970-01-01", "CT"), Before.none());

        assertThat(delivery.outcome()).isEqualTo(Outcome.AMBIGUOUS_PATIENT);
        assertThat(delivery.httpStatus()).isEqualTo(412);
        assertThat(delivery.resourceId()).isNull();
        assertThat(delivery.issues()).isNotEmpty().allSatisfy(issue -> assertThat(issue.severity()).isEqualTo("error"));
        assertThat(delivery.toString()).doesNotContain("MRN-TWICE");
        assertThat(r4().currentVersion(search(uid))).isEqualTo(Before.none()); // nothing was stored
    }

    @Test
    void anExistingPatientIsReusedAndTheStudyIsStillTheResult() {
        Patient patient = new Patient();
        patient.addIdentifier(new Identifier().setSystem("urn:test:mrn").setValue("MRN-ONCE"));
        server.r4Store.put(patient);
        String uid = uid();

        Delivery delivery = r4().deliver(uid, bundle(uid, "MRN-ONCE", "Doe", "1970-01-01", "CT"), Before.none());

        // the Patient's entry answered 200 OK; the ImagingStudy's (the last) 201
        assertThat(delivery.outcome()).isEqualTo(Outcome.CREATED);
        assertThat(server.r4Store.search("Patient", "identifier=urn:test:mrn|MRN-ONCE")).hasSize(1);
    }

    @Test
    void aRejectionKeepsOnlySeverityCodeAndExpressionNeverThePatientDataInDiagnostics() {
        String planted = "Plantedfamily";
        String uid = uid();
        String future = LocalDate.now().plusYears(1).toString();

        Delivery invalid = r4().deliver(uid, bundle(uid, "MRN-2", planted, future, "CT"), Before.none());

        assertThat(invalid.outcome()).as("the server refused it").isEqualTo(Outcome.REJECTED);
        assertThat(invalid.httpStatus()).isEqualTo(422);
        assertThat(invalid.issues()).containsExactly(
                new Delivery.Issue("error", "business-rule", List.of("Bundle.entry[0].resource.birthDate")));
        assertNowhere(invalid, planted);

        // a server answering 409 with its own words about the patient
        server.faults.add(Fault.body(409, "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\","
                + "\"code\":\"conflict\",\"diagnostics\":\"Patient " + planted + " is locked\",\"details\":{\"text\":\""
                + planted + "\"},\"expression\":[\"Patient.name\"]}]}"));
        Delivery rejected = r4().deliver(uid, bundle(uid), Before.none());
        assertThat(rejected.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(rejected.httpStatus()).isEqualTo(409);
        assertThat(rejected.reason()).isEqualTo("HTTP 409");
        assertThat(rejected.issues()).containsExactly(new Delivery.Issue("error", "conflict", List.of("Patient.name")));
        assertNowhere(rejected, planted);
    }

    /** Not in the record's toString, nor in any of its strings. */
    private static void assertNowhere(Delivery delivery, String text) {
        assertThat(delivery.toString()).doesNotContain(text);
        assertThat(String.valueOf(delivery.reason())).doesNotContain(text);
        for (Delivery.Issue issue : delivery.issues()) {
            assertThat(issue.severity() + issue.code() + issue.expression()).doesNotContain(text);
        }
    }

    @Test
    void whatIsNoTransactionBundleIsNotSent() {
        String uid = uid();
        Delivery garbage = r4().deliver(uid, "no json at all, Plantedfamily".getBytes(StandardCharsets.UTF_8), Before.none());
        assertThat(garbage.outcome()).isEqualTo(Outcome.INVALID);
        assertThat(garbage.httpStatus()).isZero();
        assertThat(garbage.attempts()).isZero();
        assertThat(garbage.reason()).startsWith("not sent: ").doesNotContain("Plantedfamily");

        Delivery collection = r4().deliver(uid, "{\"resourceType\":\"Bundle\",\"type\":\"collection\"}".getBytes(StandardCharsets.UTF_8),
                Before.none());
        assertThat(collection.outcome()).isEqualTo(Outcome.INVALID);
        assertThat(collection.reason()).isEqualTo("not sent: not a Bundle of type transaction");
        assertThat(server.faults.posts()).isZero();
    }

    @Test
    void aTransactionOverTenMegabytesIsDeliveredWithAWarning() {
        String uid = uid();
        byte[] small = bundle(uid);
        byte[] large = new byte[FhirDeliveryClient.LARGE_TRANSACTION_BYTES + 1];
        java.util.Arrays.fill(large, (byte) ' '); // JSON white space after the Bundle: parsers skip it
        System.arraycopy(small, 0, large, 0, small.length);

        Delivery delivery = r4().deliver(uid, large, Before.none());

        assertThat(delivery.outcome()).isEqualTo(Outcome.CREATED);
        assertThat(delivery.warnings()).containsExactly(Delivery.Warning.LARGE_TRANSACTION);
        assertThat(r4().deliver(uid, small, Before.none()).warnings()).isEmpty();
    }

    @Test
    void aRedirectIsReportedNotFollowed() {
        server.faults.add(Fault.status(307, null));
        String uid = uid();
        Delivery delivery = r4().deliver(uid, bundle(uid), Before.none());
        assertThat(delivery.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(delivery.httpStatus()).isEqualTo(307);
        assertThat(delivery.reason()).contains("redirect, not followed");
        assertThat(server.faults.seen()).hasSize(1);
    }

    @Test
    void notSentIsTheCallersOwnOutcome() {
        Delivery delivery = Delivery.notSent("1.2.3", "CONVERSION_FAILED");
        assertThat(delivery.outcome()).isEqualTo(Outcome.NOT_SENT);
        assertThat(delivery.reason()).isEqualTo("CONVERSION_FAILED");
        assertThat(delivery.outcome().delivered()).isFalse();
        assertThat(delivery.attempts()).isZero();
    }

    // --- metadata -------------------------------------------------------------------------------------------

    @Test
    void theServersFhirVersionIsCheckedAndAMismatchNamesTheWriterToUse() {
        assertThat(r4().checkServer("4.0")).isEqualTo("4.0.1");

        assertThatThrownBy(() -> r4().checkServer("5.0"))
                .isInstanceOf(DeliveryException.class)
                .hasMessageContaining(server.httpBase("r4"))
                .hasMessageContaining("FHIR 4.0.1")
                .hasMessageContaining("-w hapi or -w ibm");

        FhirDeliveryClient r5 = client(server.httpBase("r5")).build();
        assertThat(r5.checkServer("5.0")).isEqualTo("5.0.0");
        assertThatThrownBy(() -> r5.checkServer("4.0"))
                .isInstanceOf(DeliveryException.class)
                .hasMessageContaining("FHIR 5.0.0")
                .hasMessageContaining("-w hapi-r5");
    }

    // --- token ----------------------------------------------------------------------------------------------

    @Test
    void theBearerTokenIsRequiredSentAndNeverShown() throws Exception {
        server.faults.requireToken(TOKEN);
        String uid = uid();

        FhirDeliveryClient without = r4();
        Delivery refused = without.deliver(uid, bundle(uid), Before.none());
        assertThat(refused.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(refused.httpStatus()).isEqualTo(401);
        assertThat(refused.reason()).contains("check the bearer token");
        assertThatThrownBy(() -> without.checkServer("4.0")).isInstanceOf(DeliveryException.class)
                .hasMessageContaining("HTTP 401");

        Path file = Files.writeString(folder.resolve("token"), TOKEN + "\n");
        TokenSource fromFile = TokenSource.fromFile(file);
        FhirDeliveryClient with = client(server.httpBase("r4")).bearerToken(fromFile).build();
        assertThat(with.checkServer("4.0")).isEqualTo("4.0.1");
        Delivery delivered = with.deliver(uid, bundle(uid), Before.none());
        assertThat(delivered.outcome()).isEqualTo(Outcome.CREATED);
        assertThat(server.faults.seen().get(server.faults.seen().size() - 1).authorization()).isEqualTo("Bearer " + TOKEN);

        TokenSource fromEnvironment = TokenSource.fromEnvironment(Map.of(TokenSource.ENVIRONMENT_VARIABLE, TOKEN)).orElseThrow();
        FhirDeliveryClient withEnvironment = client(server.httpBase("r4")).bearerToken(fromEnvironment).build();
        assertThat(withEnvironment.deliver(uid, bundle(uid), Before.none()).outcome()).isEqualTo(Outcome.UPDATED);

        // a mismatch message, a 401 delivery, and every toString: no token
        Throwable mismatch = org.assertj.core.api.Assertions.catchThrowable(() -> with.checkServer("5.0"));
        server.faults.requireToken("another-token");
        Delivery wrongToken = with.deliver(uid, bundle(uid), Before.none());
        Throwable unauthorised = org.assertj.core.api.Assertions.catchThrowable(() -> with.currentVersion(search(uid)));
        for (String text : List.of(fromFile.toString(), fromEnvironment.toString(), with.toString(),
                withEnvironment.toString(), delivered.toString(), refused.toString(), wrongToken.toString(),
                mismatch.toString(), unauthorised.toString(), String.valueOf(wrongToken.reason()))) {
            assertThat(text).doesNotContain(TOKEN);
        }
        assertThat(with.toString()).contains("token=redacted");
        assertThat(fromFile.toString()).contains(file.toString());
    }

    // --- faults and retries ---------------------------------------------------------------------------------

    @Test
    void twoServiceUnavailableAnswersAreRetriedThenDelivered() {
        server.faults.add(Fault.status(503, null), Fault.status(503, null));
        String uid = uid();
        Delivery delivery = r4().deliver(uid, bundle(uid), Before.none());
        assertThat(delivery.outcome()).isEqualTo(Outcome.CREATED);
        assertThat(delivery.attempts()).isEqualTo(3);
        assertThat(server.faults.posts()).isEqualTo(3);
    }

    @Test
    void tooManyRequestsWaitsForRetryAfter() {
        server.faults.add(Fault.status(429, "1"));
        String uid = uid();
        long start = System.nanoTime();
        Delivery delivery = r4().deliver(uid, bundle(uid), Before.none());
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(delivery.outcome()).isEqualTo(Outcome.CREATED);
        assertThat(delivery.attempts()).isEqualTo(2);
        assertThat(took).as("the backoff is 20 ms at most: the wait is the server's Retry-After")
                .isGreaterThanOrEqualTo(Duration.ofMillis(990));
    }

    @Test
    void aRetryAfterBeyondTheRetryMaxTimeEndsTheRetries() {
        server.faults.add(Fault.status(429, "120"));
        String uid = uid();
        long start = System.nanoTime();
        Delivery delivery = client(server.httpBase("r4")).retryMaxTime(Duration.ofSeconds(5)).build()
                .deliver(uid, bundle(uid), Before.none());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(delivery.outcome()).isEqualTo(Outcome.UNREACHABLE);
        assertThat(delivery.httpStatus()).isEqualTo(429);
        assertThat(delivery.attempts()).isEqualTo(1);
        assertThat(delivery.reason()).isEqualTo("HTTP 429 after 1 attempt (the server is busy or unavailable)");
    }

    @Test
    void retriesEndAfterTheConfiguredNumber() {
        server.faults.add(Fault.status(502, null), Fault.status(504, null), Fault.status(503, null));
        String uid = uid();
        Delivery delivery = client(server.httpBase("r4")).retries(2).build().deliver(uid, bundle(uid), Before.none());
        assertThat(delivery.outcome()).isEqualTo(Outcome.UNREACHABLE);
        assertThat(delivery.httpStatus()).isEqualTo(503);
        assertThat(delivery.attempts()).isEqualTo(3);
        assertThat(delivery.reason()).isEqualTo("HTTP 503 after 3 attempts (the server is busy or unavailable)");
        assertThat(server.faults.posts()).isEqualTo(3);
    }

    @Test
    void otherServerErrorsAreNotRetried() {
        server.faults.add(Fault.status(500, null));
        String uid = uid();
        Delivery delivery = r4().deliver(uid, bundle(uid), Before.none());
        assertThat(delivery.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(delivery.httpStatus()).isEqualTo(500);
        assertThat(delivery.attempts()).isEqualTo(1);
        assertThat(delivery.issues()).isEmpty(); // a text/plain body: nothing to read, nothing kept
    }

    @Test
    void aDroppedConnectionIsRetried() {
        server.faults.add(Fault.drop());
        String uid = uid();
        Delivery delivery = r4().deliver(uid, bundle(uid), Before.none());
        assertThat(delivery.outcome()).isEqualTo(Outcome.CREATED);
        assertThat(delivery.attempts()).isEqualTo(2);

        server.faults.add(Fault.drop(), Fault.drop());
        Delivery lost = client(server.httpBase("r4")).retries(1).build().deliver(uid, bundle(uid), Before.none());
        assertThat(lost.outcome()).isEqualTo(Outcome.UNREACHABLE);
        assertThat(lost.httpStatus()).isZero();
        assertThat(lost.attempts()).isEqualTo(2);
        assertThat(lost.reason()).startsWith("POST " + server.httpBase("r4") + ": connection lost").endsWith("(2 attempts)");
    }

    @Test
    void aResponseSlowerThanTheRequestTimeoutIsUnreachableAndNotRetried() throws Exception {
        server.faults.add(Fault.delay(Duration.ofMillis(2500)));
        String uid = uid();
        long start = System.nanoTime();
        Delivery delivery = client(server.httpBase("r4")).requestTimeout(Duration.ofMillis(500)).build()
                .deliver(uid, bundle(uid), Before.none());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2000));
        assertThat(delivery.outcome()).isEqualTo(Outcome.UNREACHABLE);
        assertThat(delivery.attempts()).isEqualTo(1);
        assertThat(delivery.reason()).contains("no response within the request timeout (not retried");
        // why it is not retried: the server went on and stored the study anyway
        Thread.sleep(2500);
        assertThat(server.faults.posts()).isEqualTo(1);
        assertThat(r4().currentVersion(search(uid)).exists()).isTrue();
    }

    @Test
    void aRefusedConnectionIsRetriedThenUnreachable() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        String base = "http://127.0.0.1:" + port + "/fhir";
        FhirDeliveryClient client = client(base).retries(2).build();
        Delivery delivery = client.deliver("1.2.3", bundle("1.2.3"), Before.none());
        assertThat(delivery.outcome()).isEqualTo(Outcome.UNREACHABLE);
        assertThat(delivery.attempts()).isEqualTo(3);
        assertThat(delivery.reason()).startsWith("POST " + base + ": connection failed");
        assertThatThrownBy(() -> client.checkServer("4.0")).isInstanceOf(DeliveryException.class)
                .hasMessageStartingWith("GET " + base + "/metadata: connection failed");
    }

    // --- TLS ------------------------------------------------------------------------------------------------

    @Test
    void anUntrustedCertificateIsATlsFailureNotRetried() {
        String uid = uid();
        Delivery delivery = client(server.httpsBase()).build().deliver(uid, bundle(uid), Before.none());
        assertThat(delivery.outcome()).isEqualTo(Outcome.UNREACHABLE);
        assertThat(delivery.attempts()).isEqualTo(1);
        assertThat(delivery.reason()).startsWith("POST " + server.httpsBase() + ": TLS handshake failed: ")
                .containsAnyOf("PKIX path building failed", "unable to find valid certification path");

        Delivery unrelated = client(server.httpsBase()).caCertificates(certificates.unrelatedPem()).build()
                .deliver(uid, bundle(uid), Before.none());
        assertThat(unrelated.outcome()).isEqualTo(Outcome.UNREACHABLE);
        assertThat(unrelated.reason()).contains("TLS handshake failed");
        assertThat(server.faults.posts()).isZero();
    }

    @Test
    void theCaFromAPemFileIsTrustedBesideTheJvmsOwn() {
        String uid = uid();
        FhirDeliveryClient single = client(server.httpsBase()).caCertificates(certificates.caPem()).build();
        assertThat(single.checkServer("4.0")).isEqualTo("4.0.1");
        assertThat(single.deliver(uid, bundle(uid), Before.none()).outcome()).isEqualTo(Outcome.CREATED);
        assertThat(server.faults.seen()).allSatisfy(seen -> assertThat(seen.upgrade()).isNull());
    }

    @Test
    void aPemFileOfSeveralCertificatesIsReadWhole() throws Exception {
        String uid = uid();
        FhirDeliveryClient bundleTrust = client(server.httpsBase()).caCertificates(certificates.bundlePem()).build();
        assertThat(bundleTrust.deliver(uid, bundle(uid), Before.none()).outcome()).isEqualTo(Outcome.CREATED);
    }

    @Test
    void aCertificateForAnotherHostNameFailsEvenFromATrustedCa() {
        String uid = uid();
        Delivery delivery = client(server.httpsOtherHostBase()).caCertificates(certificates.caPem()).build()
                .deliver(uid, bundle(uid), Before.none());
        assertThat(delivery.outcome()).isEqualTo(Outcome.UNREACHABLE);
        assertThat(delivery.reason()).contains("TLS handshake failed").contains("127.0.0.1");
        assertThat(server.faults.posts()).isZero();
    }

    @Test
    void aCaFileThatIsNoCertificateIsRefusedAtBuild() throws Exception {
        Path key = Files.writeString(folder.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        assertThatThrownBy(() -> client(server.httpsBase()).caCertificates(key).build())
                .isInstanceOf(DeliveryException.class).hasMessageContaining(key.toString()).hasMessageContaining("private key");
        Path empty = Files.writeString(folder.resolve("empty.pem"), "");
        assertThatThrownBy(() -> client(server.httpsBase()).caCertificates(empty).build())
                .isInstanceOf(DeliveryException.class).hasMessageContaining(empty.toString());
        assertThatThrownBy(() -> client(server.httpsBase()).caCertificates(folder.resolve("missing.pem")).build())
                .isInstanceOf(DeliveryException.class).hasMessageContaining("missing.pem");
    }

    // --- R5: transactions of the hapi-r5 writer, planned by core's TransactionPlan, in each patient mode --------

    private static FhirWriter hapiR5;

    private static byte[] r5Transaction(TransactionData tx) throws IOException {
        if (hapiR5 == null) {
            hapiR5 = new HapiR5WriterProvider().create();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        hapiR5.writeTransaction(tx, out, WriteOptions.json());
        return out.toByteArray();
    }

    /** testkit's study with every contained resource (patient PID-44 of urn:oid:1.2.840.99999.2), planned as the CLI does. */
    private static TransactionData planned(PatientMode mode, String subject) {
        TransactionPlan.Planned planned = new TransactionPlan(Match.IDENTIFIER, mode, subject)
                .plan(NeutralStudies.contained(), false);
        assertThat(planned.refusal()).isNull();
        return planned.transaction();
    }

    /**
     * Checks the R5 server, delivers the transaction twice (created, then unchanged: the server keeps the version of a
     * same-content update) and returns the stored ImagingStudy, the only one on the server.
     */
    private static org.hl7.fhir.r5.model.ImagingStudy deliverTwiceToR5(TransactionData planned) throws IOException {
        FhirDeliveryClient client = client(server.httpBase("r5")).build();
        TransactionData tx = planned.atServer(client.baseUrl().toString());
        assertThat(client.checkServer("5.0")).isEqualTo("5.0.0");
        String uid = tx.study().studyInstanceUid();
        Delivery created = client.deliver(uid, r5Transaction(tx), client.currentVersion(tx.studyRequestUrl()));
        assertThat(created.outcome()).as(created.toString()).isEqualTo(Outcome.CREATED);
        // our UID-derived id: the entry's fullUrl is <base>/ImagingStudy/<id>, which HAPI's parser keeps as the id
        assertThat(created.resourceId()).isEqualTo(tx.study().id());
        assertThat(created.versionId()).isEqualTo("1");

        Before before = client.currentVersion(tx.studyRequestUrl());
        assertThat(before).isEqualTo(new Before(created.resourceId(), "1"));
        Delivery again = client.deliver(uid, r5Transaction(tx), before);
        assertThat(again.outcome()).as(again.toString()).isEqualTo(Outcome.UNCHANGED);
        assertThat(again.resourceId()).isEqualTo(created.resourceId());
        assertThat(again.versionId()).isEqualTo("1");

        assertThat(server.r5Store.all("ImagingStudy")).hasSize(1);
        return (org.hl7.fhir.r5.model.ImagingStudy) server.r5Store.read("ImagingStudy", created.resourceId());
    }

    private static boolean hasPid44(org.hl7.fhir.r5.model.Patient patient) {
        return patient.getIdentifier().stream()
                .anyMatch(i -> "urn:oid:1.2.840.99999.2".equals(i.getSystem()) && "PID-44".equals(i.getValue()));
    }

    @Test
    void r5ContainedPatient() throws Exception {
        org.hl7.fhir.r5.model.ImagingStudy study = deliverTwiceToR5(planned(PatientMode.CONTAINED, null));

        String subject = study.getSubject().getReference();
        assertThat(subject).startsWith("#");
        assertThat(study.getContained()).filteredOn(c -> subject.equals("#" + c.getIdElement().getIdPart()))
                .singleElement().isInstanceOfSatisfying(org.hl7.fhir.r5.model.Patient.class,
                        p -> assertThat(hasPid44(p)).isTrue());
        assertThat(server.r5Store.all("Patient")).isEmpty();
    }

    @Test
    void r5PatientEntryCreatesThePatientOnceAndTheSubjectResolvesToIt() throws Exception {
        TransactionData tx = planned(PatientMode.BUNDLE, null);
        assertThat(tx.patient().ifNoneExist()).startsWith("identifier=");
        assertThat(tx.study().subjectReference()).startsWith("urn:uuid:");

        org.hl7.fhir.r5.model.ImagingStudy study = deliverTwiceToR5(tx);

        List<org.hl7.fhir.r5.model.Resource> patients = server.r5Store.all("Patient");
        assertThat(patients).singleElement()
                .isInstanceOfSatisfying(org.hl7.fhir.r5.model.Patient.class, p -> assertThat(hasPid44(p)).isTrue());
        assertThat(study.getSubject().getReference()).isEqualTo("Patient/" + patients.get(0).getIdElement().getIdPart());
        assertThat(study.getContained()).noneMatch(c -> c instanceof org.hl7.fhir.r5.model.Patient);
    }

    @Test
    void r5PatientEntryLinksToThePatientTheServerAlreadyHas() throws Exception {
        org.hl7.fhir.r5.model.Patient known = new org.hl7.fhir.r5.model.Patient();
        known.addIdentifier().setSystem("urn:oid:1.2.840.99999.2").setValue("PID-44");
        server.r5Store.put(known, "77");

        org.hl7.fhir.r5.model.ImagingStudy study = deliverTwiceToR5(planned(PatientMode.BUNDLE, null));

        assertThat(server.r5Store.all("Patient")).hasSize(1);
        assertThat(study.getSubject().getReference()).isEqualTo("Patient/77");
    }

    @Test
    void r5SubjectReferenceToAPatientOfTheServer() throws Exception {
        FhirDeliveryClient client = client(server.httpBase("r5")).build();
        TransactionData tx = planned(PatientMode.REFERENCE, "Patient/123");
        // without Patient/123 the server refuses the dangling subject, and stores nothing
        Delivery dangling = client.deliver(tx.study().studyInstanceUid(), r5Transaction(tx), Before.none());
        assertThat(dangling.outcome().delivered()).as(dangling.toString()).isFalse();
        assertThat(dangling.httpStatus()).isEqualTo(400);
        assertThat(server.r5Store.all("ImagingStudy")).isEmpty();

        org.hl7.fhir.r5.model.Patient known = new org.hl7.fhir.r5.model.Patient();
        known.addIdentifier().setSystem("urn:oid:1.2.840.99999.2").setValue("PID-44");
        server.r5Store.put(known, "123");

        org.hl7.fhir.r5.model.ImagingStudy study = deliverTwiceToR5(tx);

        assertThat(study.getSubject().getReference()).isEqualTo("Patient/123");
        assertThat(study.getContained()).noneMatch(c -> c instanceof org.hl7.fhir.r5.model.Patient);
        assertThat(server.r5Store.all("Patient")).hasSize(1);
    }
}
