package org.dicom2fhir.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.dicom2fhir.delivery.Delivery.Outcome;
import org.dicom2fhir.delivery.FhirTestServer.Fault;
import org.dicom2fhir.delivery.FhirTestServer.Seen;
import org.dicom2fhir.delivery.TestTokenEndpoint.Verdict;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client's authentication and pacing against the real test server ({@link FhirTestServer}: HAPI's RestfulServer
 * on Jetty 12, with an OAuth2 token endpoint servlet, {@link TestTokenEndpoint}, in the same Jetty): OAuth2 client
 * credentials with tokens living 2 s, SMART Backend Services with RS384 and ES384 keys generated here, mutual TLS
 * with a client certificate generated at test time, and the request rate limit measured by the server's own
 * request timestamps.
 */
class AuthenticatedDeliveryTest {
    private static final String SECRET = "s3cret-Cl1ent-value";
    private static final String CLIENT_ID = "dicom2fhir-test-client";
    private static final AtomicInteger STUDIES = new AtomicInteger();

    @TempDir
    static Path folder;

    private static TestCertificates certificates;
    private static FhirTestServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = FhirTestServer.startWithNewCertificates(folder);
        certificates = server.certificates;
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
        server.tokens.reset();
        server.r4Store.clear();
    }

    private static String uid() {
        return "1.2.826.0.1.3680043.10.1235." + STUDIES.incrementAndGet();
    }

    private static byte[] bundle(String uid) {
        return FhirDeliveryClientTest.bundle(uid, "MRN-1", "Doe", "1970-01-01", "CT chest");
    }

    private static FhirDeliveryClient.Builder client(String base) {
        return FhirDeliveryClientTest.client(base);
    }

    private Path clientFile(String secret, String scope) throws Exception {
        Path file = Files.createTempFile(folder, "client", ".properties");
        Files.writeString(file, "client_id=" + CLIENT_ID + "\nclient_secret=" + secret + "\n"
                + (scope == null ? "" : "scope=" + scope + "\n"));
        return file;
    }

    // --- OAuth2 client credentials ------------------------------------------------------------------------------

    @Test
    void oauthTokensAreRenewedBeforeTheyExpire_noRequestEverCarriesAnExpiredToken() throws Exception {
        server.tokens.clientSecret(CLIENT_ID, SECRET).lifetime(Duration.ofSeconds(2)).requireScope("system/*.write");
        server.faults.requireTokensOf(server.tokens);
        FhirDeliveryClient client = client(server.httpBase("r4"))
                .oauthClientCredentials(OAuthClientCredentials.fromFile(server.tokenUrl(), clientFile(SECRET, "system/*.write")))
                .build();

        // about 5.5 s of requests: several token lifetimes
        long end = System.nanoTime() + Duration.ofMillis(5500).toNanos();
        int deliveries = 0;
        while (System.nanoTime() - end < 0) {
            String uid = uid();
            assertThat(client.deliver(uid, bundle(uid), Before.none()).outcome()).isEqualTo(Outcome.CREATED);
            deliveries++;
            Thread.sleep(100);
        }

        List<Seen> seen = server.faults.seen();
        assertThat(seen).hasSize(deliveries).allSatisfy(s -> assertThat(s.token()).isEqualTo(Verdict.VALID));
        List<TestTokenEndpoint.Request> tokenRequests = server.tokens.requests();
        assertThat(tokenRequests).allMatch(TestTokenEndpoint.Request::issued);
        // each token is used for 1.5 s of its 2: at least four in 5.5 s, and not one per request
        assertThat(tokenRequests.size()).isBetween(4, 6);
        assertThat(client.toString()).doesNotContain(SECRET);
    }

    @Test
    void aTokenTheServerRefusesIsRenewedOnceAndTheRequestSentOnceMore() throws Exception {
        server.tokens.clientSecret(CLIENT_ID, SECRET).lifetime(Duration.ofSeconds(60));
        server.faults.requireTokensOf(server.tokens);
        FhirDeliveryClient client = client(server.httpBase("r4"))
                .oauthClientCredentials(OAuthClientCredentials.fromFile(server.tokenUrl(), clientFile(SECRET, null)))
                .build();
        String uid = uid();
        client.deliver(uid, bundle(uid), Before.none());
        // the server forgets its tokens (a restart, a revocation): the next request is answered 401
        server.tokens.reset();
        server.tokens.clientSecret(CLIENT_ID, SECRET).lifetime(Duration.ofSeconds(60));

        Delivery delivery = client.deliver(uid, bundle(uid), Before.none());

        assertThat(delivery.outcome()).as(delivery.toString()).isEqualTo(Outcome.UPDATED);
        assertThat(delivery.attempts()).isEqualTo(2);
        assertThat(server.tokens.requests()).hasSize(1);
        assertThat(server.faults.seen()).extracting(Seen::token)
                .containsExactly(Verdict.VALID, Verdict.UNKNOWN, Verdict.VALID);
    }

    @Test
    void aWrongSecretIsTheTokenEndpointsRefusal_namedWithoutTheSecret() throws Exception {
        server.tokens.clientSecret(CLIENT_ID, SECRET);
        server.faults.requireTokensOf(server.tokens);
        String wrong = "wrong-" + SECRET;
        FhirDeliveryClient client = client(server.httpBase("r4"))
                .oauthClientCredentials(OAuthClientCredentials.fromFile(server.tokenUrl(), clientFile(wrong, null)))
                .build();

        assertThatThrownBy(() -> client.checkServer("4.0")).isInstanceOf(DeliveryException.class)
                .hasMessageContaining("the token endpoint " + server.tokenUrl() + " refused the token request: HTTP 401 "
                        + "(invalid_client)")
                .hasMessageNotContaining(SECRET);
        String uid = uid();
        Delivery delivery = client.deliver(uid, bundle(uid), Before.none());
        assertThat(delivery.outcome()).isEqualTo(Outcome.UNREACHABLE);
        assertThat(delivery.reason()).contains("invalid_client").doesNotContain(SECRET);
        assertThat(server.faults.seen()).as("nothing reached the FHIR server").isEmpty();
    }

    @Test
    void aClientFileWithoutSecretOrAnHttpTokenUrlElsewhereIsRefused() throws Exception {
        Path noSecret = Files.createTempFile(folder, "client", ".properties");
        Files.writeString(noSecret, "client_id=x\n");
        assertThatThrownBy(() -> OAuthClientCredentials.fromFile(server.tokenUrl(), noSecret))
                .isInstanceOf(DeliveryException.class).hasMessageContaining("client_secret");
        assertThatThrownBy(() -> OAuthClientCredentials.fromFile("http://auth.example.org/token", clientFile(SECRET, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https");
        assertThat(OAuthClientCredentials.fromFile("https://auth.example.org/token", clientFile(SECRET, null)).toString())
                .contains(CLIENT_ID).doesNotContain(SECRET);
    }

    // --- SMART Backend Services -------------------------------------------------------------------------------

    @Test
    void smartBackendServicesWithRs384AndEs384Keys_areAcceptedByAnEndpointThatVerifiesTheJwt() throws Exception {
        for (String kind : List.of("RSA", "EC")) {
            server.tokens.reset();
            server.faults.reset();
            KeyPair keys = keyPair(kind);
            server.tokens.registerKey("smart-client", "kid-" + kind, keys.getPublic()).lifetime(Duration.ofSeconds(60));
            server.faults.requireTokensOf(server.tokens);
            FhirDeliveryClient client = client(server.httpBase("r4")).smartBackendServices(
                    SmartBackendServices.fromKeyFile(server.tokenUrl(), "smart-client", pemKey(keys), "kid-" + kind,
                            "system/ImagingStudy.write system/Patient.write")).build();

            String uid = uid();
            assertThat(client.deliver(uid, bundle(uid), Before.none()).outcome()).as(kind).isEqualTo(Outcome.CREATED);
            assertThat(server.tokens.requests()).as(kind).singleElement().matches(TestTokenEndpoint.Request::issued);
        }
    }

    @Test
    void aReplayedClientAssertionIsRefused_andEachRenewalSignsANewOne() throws Exception {
        KeyPair keys = keyPair("EC");
        server.tokens.registerKey("smart-client", "k1", keys.getPublic()).lifetime(Duration.ofMillis(400));
        server.faults.requireTokensOf(server.tokens);
        FhirDeliveryClient client = client(server.httpBase("r4")).smartBackendServices(
                SmartBackendServices.fromKeyFile(server.tokenUrl(), "smart-client", pemKey(keys), "k1", "system/*.write"))
                .build();
        for (int i = 0; i < 3; i++) {
            String uid = uid();
            assertThat(client.deliver(uid, bundle(uid), Before.none()).outcome()).isEqualTo(Outcome.CREATED);
            Thread.sleep(450);
        }
        List<String> assertions = server.tokens.assertions();
        assertThat(assertions).hasSize(3).doesNotHaveDuplicates();
        assertThat(server.tokens.requests()).allMatch(TestTokenEndpoint.Request::issued);

        // a captured assertion sent again: the endpoint has seen its jti
        String form = "grant_type=client_credentials&scope=system%2F*.write&client_assertion_type="
                + URLEncoder.encode("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", StandardCharsets.UTF_8)
                + "&client_assertion=" + assertions.get(0);
        HttpResponse<String> replay = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.tokenUrl()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(replay.statusCode()).isEqualTo(401);
        assertThat(replay.body()).contains("invalid_client");
    }

    @Test
    void aJwtSignedWithAnotherKeyIsRefused() throws Exception {
        server.tokens.registerKey("smart-client", "k1", keyPair("RSA").getPublic());
        FhirDeliveryClient client = client(server.httpBase("r4")).smartBackendServices(SmartBackendServices.fromKeyFile(
                server.tokenUrl(), "smart-client", pemKey(keyPair("RSA")), "k1", "system/*.write")).build();

        assertThatThrownBy(() -> client.checkServer("4.0")).hasMessageContaining("HTTP 401 (invalid_client)");
    }

    @Test
    void aKeyOfAnotherKindIsRefusedNamingTheFile() throws Exception {
        KeyPairGenerator p256 = KeyPairGenerator.getInstance("EC");
        p256.initialize(new ECGenParameterSpec("secp256r1"));
        Path key = pemKey(p256.generateKeyPair());
        assertThatThrownBy(() -> SmartBackendServices.fromKeyFile(server.tokenUrl(), "c", key, "k", "system/*.write"))
                .hasMessageContaining(key.toString()).hasMessageContaining("P-384");
        assertThatThrownBy(() -> SmartBackendServices.fromKeyFile(server.tokenUrl(), "c", certificates.caPem(), "k",
                "system/*.write")).hasMessageContaining("no").hasMessageContaining("PRIVATE KEY");
    }

    // --- mutual TLS --------------------------------------------------------------------------------------------

    @Test
    void aServerRequiringAClientCertificate_refusesTheClientWithout_andAcceptsPkcs12OrPem() throws Exception {
        String base = server.httpsClientAuthBase();
        FhirDeliveryClient without = client(base).caCertificates(certificates.caPem()).retries(0).build();
        assertThatThrownBy(() -> without.checkServer("4.0")).isInstanceOf(DeliveryException.class);

        FhirDeliveryClient pkcs12 = client(base).caCertificates(certificates.caPem()).clientCertificate(
                ClientCertificate.fromFile(certificates.clientKeyStore(), TestCertificates.PASSWORD.toCharArray())).build();
        // a PEM key has no password: one given anyway (an environment variable set for other runs) is not used
        FhirDeliveryClient pem = client(base).caCertificates(certificates.caPem())
                .clientCertificate(ClientCertificate.fromFile(certificates.clientPem(), "unused".toCharArray())).build();
        for (FhirDeliveryClient client : List.of(pkcs12, pem)) {
            assertThat(client.checkServer("4.0")).startsWith("4.0");
            String uid = uid();
            assertThat(client.deliver(uid, bundle(uid), Before.none()).outcome()).isEqualTo(Outcome.CREATED);
        }
    }

    @Test
    void aWrongPkcs12PasswordIsNamedWithoutThePassword() {
        assertThatThrownBy(() -> ClientCertificate.fromFile(certificates.clientKeyStore(), "not-the-Passw0rd".toCharArray()))
                .hasMessageContaining("password is wrong").hasMessageNotContaining("not-the-Passw0rd");
    }

    // --- rate limit --------------------------------------------------------------------------------------------

    @Test
    void hundredRequestsAtTwentyPerSecond_retriesIncluded_spanAtLeastFiveSecondsAtTheServer() {
        FhirDeliveryClient client = client(server.httpBase("r4")).maxRequestsPerSecond(20).build();
        for (int i = 0; i < 50; i++) {
            server.faults.add(Fault.status(503, null), Fault.delay(Duration.ZERO));
        }
        for (int i = 0; i < 50; i++) {
            String uid = uid();
            Delivery delivery = client.deliver(uid, bundle(uid), Before.none());
            assertThat(delivery.outcome()).isEqualTo(Outcome.CREATED);
            assertThat(delivery.attempts()).isEqualTo(2);
        }

        List<Long> times = new ArrayList<>(server.faults.seen().stream().map(Seen::nanoTime).sorted().toList());
        assertThat(times).hasSize(100);
        Duration span = Duration.ofNanos(times.get(99) - times.get(0));
        System.out.println("100 requests at 20 per second: " + span.toMillis() + " ms between the first and the last");
        // 99 intervals of 50 ms; a few milliseconds of scheduling noise at the server allowed
        assertThat(span).isGreaterThanOrEqualTo(Duration.ofMillis(4900));
        for (int i = 0; i + 20 < times.size(); i++) {
            assertThat(Duration.ofNanos(times.get(i + 20) - times.get(i))).as("21 requests within a second")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(950));
        }
    }

    // -----------------------------------------------------------------------------------------------------------

    static KeyPair keyPair(String kind) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(kind);
        if (kind.equals("EC")) {
            generator.initialize(new ECGenParameterSpec("secp384r1"));
        } else {
            generator.initialize(2048);
        }
        return generator.generateKeyPair();
    }

    static Path pemKey(KeyPair keys) throws Exception {
        Path file = Files.createTempFile(folder, "key", ".pem");
        Files.writeString(file, TestCertificates.pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
        return file;
    }
}
