package org.dicom2fhir.it.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.dicom2fhir.delivery.FhirTestServer;
import org.dicom2fhir.delivery.FhirTestServer.Fault;
import org.dicom2fhir.delivery.ProfileValidatingServer;
import org.dicom2fhir.delivery.TestCertificates;
import org.dicom2fhir.delivery.TestTokenEndpoint;
import org.dicom2fhir.delivery.TestTokenEndpoint.Verdict;
import org.dicom2fhir.testkit.GeneratedStudy;
import org.dicom2fhir.testkit.StudyGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command's {@code --post} against HAPI's plain {@code RestfulServer} on Jetty 12 (the delivery module's test
 * servers, on 127.0.0.1 and free ports), for what happens between the command and a server: a bearer token, faults
 * injected by a server interceptor, TLS with certificates generated at test time, an R5 server, and a server that
 * validates against a stricter profile. Each case checks what a user sees: the exit code, standard error, the
 * report's delivery object, and that neither the token nor a patient value appears in any of them. Every run
 * validates what it sends ({@code --validate}, HAPI's validator in the transaction's release).
 */
class CliProtocolTest {
    /** Names that appear nowhere else: found anywhere, they came from the patient. */
    private static final String FAMILY = "Qwyzzelbrandt";
    private static final String GIVEN = "Ottilie";
    private static final String BIRTH_DATE = "19600102";
    private static final String TOKEN = "tok-3f9c2a7e-not-for-logs";
    private static final String SECRET = "cl1ent-s3cret-not-for-logs";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong SEQUENCE = new AtomicLong();
    /** No proxy variables, no token: what each test adds is all the command sees. */
    private static final Map<String, String> NO_ENVIRONMENT = Map.of();

    private static TestCertificates certificates;
    private static FhirTestServer server;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startServer(@TempDir Path certificateFolder) throws Exception {
        certificates = TestCertificates.generate(certificateFolder);
        server = FhirTestServer.start(certificates);
        System.out.println("FhirTestServer start-up: " + server.startUp.toMillis() + " ms");
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void clean() {
        server.faults.reset();
        server.tokens.reset();
        server.r4Store.clear();
        server.r5Store.clear();
    }

    // ------------------------------------------------------------------------------------------------ token

    @Test
    void aServerRequiringAToken_refusesTheCommandWithout_andAcceptsTheTokenFromTheEnvironmentOrAFile() throws Exception {
        server.faults.requireToken(TOKEN);
        Path dir = study(generated());

        CommandRun without = post(server.httpBase("r4"), NO_ENVIRONMENT, "without", dir);
        assertThat(without.exitCode()).as(without.toString()).isEqualTo(8);
        assertThat(without.stderr()).contains("401").contains("token");
        assertThat(without.onlyDelivery().path("outcome").asText()).isEqualTo("not-sent");

        CommandRun fromEnvironment = post(server.httpBase("r4"), Map.of("DICOM2FHIR_FHIR_TOKEN", TOKEN), "environment",
                dir);
        assertThat(fromEnvironment.exitCode()).as(fromEnvironment.toString()).isZero();
        assertThat(fromEnvironment.onlyDelivery().path("outcome").asText()).isEqualTo("created");

        Path tokenFile = tmp.resolve("token");
        Files.writeString(tokenFile, TOKEN + "\n", StandardCharsets.UTF_8);
        CommandRun fromFile = post(server.httpBase("r4"), NO_ENVIRONMENT, "file", dir, "--fhir-token-file",
                tokenFile.toString());
        assertThat(fromFile.exitCode()).as(fromFile.toString()).isZero();
        assertThat(fromFile.onlyDelivery().path("outcome").asText()).isEqualTo("unchanged");

        assertThat(server.faults.seen()).filteredOn(s -> s.authorization() != null)
                .allSatisfy(s -> assertThat(s.authorization()).isEqualTo("Bearer " + TOKEN));
        for (CommandRun run : List.of(without, fromEnvironment, fromFile)) {
            run.assertNothingOf(secretsAndPatientData());
        }
    }

    // ------------------------------------------------------------------------------------------------ OAuth2

    @Test
    void oauthClientCredentials_aRunSpanningSeveralTokenLifetimes_renewsBeforeExpiry_atTwoRequestsPerSecond()
            throws Exception {
        server.tokens.clientSecret("dicom2fhir", SECRET).lifetime(Duration.ofSeconds(2));
        server.faults.requireTokensOf(server.tokens);
        Path dir = tmp.resolve("four-studies");
        for (int i = 0; i < 4; i++) {
            generated().build().writeTo(dir.resolve("study-" + i));
        }

        CommandRun run = post(server.httpBase("r4"), NO_ENVIRONMENT, "oauth", dir, "--split",
                "--fhir-oauth-token-url", server.tokenUrl(), "--fhir-oauth-client-file", clientFile(SECRET).toString(),
                "--max-requests-per-second", "2");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(JSON.readTree(run.report()).path("delivery")).hasSize(4)
                .allSatisfy(d -> assertThat(d.path("outcome").asText()).isEqualTo("created"));
        // the server check, then a search and a transaction per study: each with a token that had not expired
        List<FhirTestServer.Seen> seen = server.faults.seen();
        assertThat(seen).hasSize(9).allSatisfy(s -> assertThat(s.token()).isEqualTo(Verdict.VALID));
        List<TestTokenEndpoint.Request> tokenRequests = server.tokens.requests();
        assertThat(tokenRequests).allMatch(TestTokenEndpoint.Request::issued);
        assertThat(tokenRequests.size()).as("renewed as the 2 s tokens aged").isGreaterThanOrEqualTo(3);
        // token requests and FHIR requests share the limit: consecutive ones at least half a second apart
        List<Long> times = Stream.concat(seen.stream().map(FhirTestServer.Seen::nanoTime),
                tokenRequests.stream().map(TestTokenEndpoint.Request::nanoTime)).sorted().toList();
        for (int i = 1; i < times.size(); i++) {
            assertThat(Duration.ofNanos(times.get(i) - times.get(i - 1))).isGreaterThanOrEqualTo(Duration.ofMillis(450));
        }
        run.assertNothingOf(secretsAndPatientData());
    }

    @Test
    void oauthWithAWrongSecret_isExit8_namingTheTokenEndpointsRefusal_theSecretNowhere() throws Exception {
        server.tokens.clientSecret("dicom2fhir", SECRET);
        server.faults.requireTokensOf(server.tokens);
        String wrong = SECRET + "-wrong";
        Path dir = study(generated());

        CommandRun run = post(server.httpBase("r4"), NO_ENVIRONMENT, "wrong-secret", dir,
                "--fhir-oauth-token-url", server.tokenUrl(), "--fhir-oauth-client-file", clientFile(wrong).toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(8);
        assertThat(run.stderr()).contains("the token endpoint " + server.tokenUrl()
                + " refused the token request: HTTP 401 (invalid_client)");
        assertThat(run.onlyDelivery().path("reason").asText()).isEqualTo("SERVER_CHECK_FAILED");
        assertThat(server.faults.seen()).isEmpty();
        run.assertNothingOf(List.of(wrong, SECRET));
    }

    @Test
    void smartBackendServices_anEs384SignedAssertion_isVerifiedByTheTokenEndpoint_andTheStudyCreated() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp384r1"));
        KeyPair keys = generator.generateKeyPair();
        Path keyFile = tmp.resolve("smart-key.pem");
        Files.writeString(keyFile, TestCertificates.pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
        server.tokens.registerKey("dicom2fhir-smart", "key-2026", keys.getPublic())
                .requireScope("system/ImagingStudy.read system/ImagingStudy.write");
        server.faults.requireTokensOf(server.tokens);
        Path dir = study(generated());

        CommandRun run = post(server.httpBase("r4"), NO_ENVIRONMENT, "smart", dir, "--fhir-oauth-token-url",
                server.tokenUrl(), "--fhir-smart-client-id", "dicom2fhir-smart", "--fhir-smart-key-file",
                keyFile.toString(), "--fhir-smart-kid", "key-2026", "--fhir-smart-scope",
                "system/ImagingStudy.read system/ImagingStudy.write");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.onlyDelivery().path("outcome").asText()).isEqualTo("created");
        assertThat(server.tokens.requests()).singleElement().matches(TestTokenEndpoint.Request::issued);
        String assertion = server.tokens.assertions().get(0);
        run.assertNothingOf(List.of(assertion, assertion.substring(assertion.lastIndexOf('.') + 1)));
        run.assertNothingOf(secretsAndPatientData());
    }

    // ------------------------------------------------------------------------------------------------ faults

    @Test
    void twoServiceUnavailableAnswersAreRetried_thenTheStudyIsCreated() throws Exception {
        Path dir = study(generated());
        // the server check and the version search pass; the transaction is answered 503 twice
        server.faults.add(pass(), pass(), Fault.status(503, null), Fault.status(503, null));

        CommandRun run = post(server.httpBase("r4"), NO_ENVIRONMENT, "retried", dir);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.onlyDelivery().path("outcome").asText()).isEqualTo("created");
        assertThat(server.faults.posts()).as("one transaction, two retries").isEqualTo(3);
        run.assertNothingOf(secretsAndPatientData());
    }

    @Test
    void tooManyRequestsWithRetryAfter_isWaitedFor_thenTheStudyIsCreated() throws Exception {
        Path dir = study(generated());
        server.faults.add(pass(), pass(), Fault.status(429, "1"));

        long start = System.nanoTime();
        CommandRun run = post(server.httpBase("r4"), NO_ENVIRONMENT, "429", dir);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.onlyDelivery().path("outcome").asText()).isEqualTo("created");
        assertThat(took).as("Retry-After: 1 was honoured").isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(server.faults.posts()).isEqualTo(2);
    }

    @Test
    void aDroppedConnectionIsRetried_thenTheStudyIsCreated() throws Exception {
        Path dir = study(generated());
        server.faults.add(pass(), pass(), Fault.drop());

        CommandRun run = post(server.httpBase("r4"), NO_ENVIRONMENT, "dropped", dir);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.onlyDelivery().path("outcome").asText()).isEqualTo("created");
    }

    @Test
    void aResponseSlowerThanTheTimeout_isUnreachable_exit8_withoutWaitingForIt() throws Exception {
        Path dir = study(generated());
        server.faults.add(pass(), pass(), Fault.delay(Duration.ofSeconds(6)));

        long start = System.nanoTime();
        CommandRun run = post(server.httpBase("r4"), NO_ENVIRONMENT, "slow", dir, "--timeout", "1");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(8);
        JsonNode delivery = run.onlyDelivery();
        assertThat(delivery.path("outcome").asText()).isEqualTo("unreachable");
        assertThat(delivery.path("httpStatus").asInt()).isZero();
        assertThat(run.stderr()).contains("not delivered: unreachable").contains("timeout");
        // not retried (the server may still be processing it): one POST, and the command did not wait 6 s
        assertThat(server.faults.posts()).isEqualTo(1);
        assertThat(took).isLessThan(Duration.ofSeconds(6));
    }

    @Test
    void aRedirectIsReported_notFollowed() throws Exception {
        Path dir = study(generated());
        server.faults.add(pass(), pass(), Fault.status(307, null));

        CommandRun run = post(server.httpBase("r4"), NO_ENVIRONMENT, "redirect", dir);

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(8);
        assertThat(run.onlyDelivery().path("httpStatus").asInt()).isEqualTo(307);
        assertThat(run.stderr()).contains("HTTP 307");
        assertThat(server.faults.seen()).noneMatch(s -> s.path().contains("elsewhere"));
    }

    // ------------------------------------------------------------------------------------------------ TLS

    @Test
    void tls_anUntrustedCertificateIsExit8NamingTheTlsFailure_theTestCaTrustedSucceeds_anotherHostNameFails()
            throws Exception {
        Path dir = study(generated());

        CommandRun untrusted = post(server.httpsBase(), NO_ENVIRONMENT, "untrusted", dir);
        assertThat(untrusted.exitCode()).as(untrusted.toString()).isEqualTo(8);
        assertThat(untrusted.stderr()).contains("TLS handshake failed");

        CommandRun trusted = post(server.httpsBase(), NO_ENVIRONMENT, "trusted", dir, "--ca-cert",
                certificates.bundlePem().toString());
        assertThat(trusted.exitCode()).as(trusted.toString()).isZero();
        assertThat(trusted.onlyDelivery().path("outcome").asText()).isEqualTo("created");

        CommandRun otherHost = post(server.httpsOtherHostBase(), NO_ENVIRONMENT, "other-host", dir, "--ca-cert",
                certificates.caPem().toString());
        assertThat(otherHost.exitCode()).as(otherHost.toString()).isEqualTo(8);
        assertThat(otherHost.stderr()).contains("TLS handshake failed");
    }

    @Test
    void mutualTls_withoutAClientCertificateExit8_withItsPkcs12OrPemSuccess() throws Exception {
        Path dir = study(generated());
        String base = server.httpsClientAuthBase();
        String ca = certificates.caPem().toString();

        CommandRun without = post(base, NO_ENVIRONMENT, "no-client-cert", dir, "--ca-cert", ca, "--retries", "0");
        assertThat(without.exitCode()).as(without.toString()).isEqualTo(8);
        assertThat(without.onlyDelivery().path("reason").asText()).isEqualTo("SERVER_CHECK_FAILED");

        Path passwordFile = tmp.resolve("password");
        Files.writeString(passwordFile, TestCertificates.PASSWORD + "\n");
        CommandRun pkcs12 = post(base, NO_ENVIRONMENT, "pkcs12", dir, "--ca-cert", ca, "--client-cert",
                certificates.clientKeyStore().toString(), "--client-cert-password-file", passwordFile.toString());
        assertThat(pkcs12.exitCode()).as(pkcs12.toString()).isZero();
        assertThat(pkcs12.onlyDelivery().path("outcome").asText()).isEqualTo("created");

        CommandRun pem = post(base, NO_ENVIRONMENT, "pem", dir, "--ca-cert", ca, "--client-cert",
                certificates.clientPem().toString());
        assertThat(pem.exitCode()).as(pem.toString()).isZero();
        assertThat(pem.onlyDelivery().path("outcome").asText()).isEqualTo("unchanged");

        CommandRun wrongPassword = post(base, Map.of("DICOM2FHIR_CLIENT_CERT_PASSWORD", "Wr0ng-pass"), "wrong-password",
                dir, "--ca-cert", ca, "--client-cert", certificates.clientKeyStore().toString());
        assertThat(wrongPassword.exitCode()).as(wrongPassword.toString()).isEqualTo(2);
        assertThat(wrongPassword.stderr()).contains("password is wrong").doesNotContain("Wr0ng-pass");
        for (CommandRun run : List.of(without, pkcs12, pem)) {
            run.assertNothingOf(List.of(TestCertificates.PASSWORD));
        }
    }

    // ------------------------------------------------------------------------------------------------ R5

    @Test
    void r5_hapiR5TransactionsInEachPatientMode_areCreatedThenUnchanged() throws Exception {
        org.hl7.fhir.r5.model.Patient known = new org.hl7.fhir.r5.model.Patient();
        known.addIdentifier().setSystem("https://hospital.example.org/patients").setValue("KNOWN-1");
        server.r5Store.put(known, "77");
        String base = server.httpBase("r5");
        for (List<String> mode : List.of(List.of("--patient", "contained"), List.of("--patient", "bundle"),
                List.of("--patient", "reference", "--subject", "Patient/77"))) {
            Path dir = study(generated());
            String[] options = Stream.concat(Stream.of("-w", "hapi-r5"), mode.stream()).toArray(String[]::new);
            CommandRun first = post(base, NO_ENVIRONMENT, "r5-" + mode.get(1) + "-1", dir, options);
            CommandRun second = post(base, NO_ENVIRONMENT, "r5-" + mode.get(1) + "-2", dir, options);
            assertThat(first.exitCode()).as(first.toString()).isZero();
            assertThat(first.onlyDelivery().path("outcome").asText()).as(mode.toString()).isEqualTo("created");
            assertThat(second.exitCode()).as(second.toString()).isZero();
            assertThat(second.onlyDelivery().path("outcome").asText()).as(mode.toString()).isEqualTo("unchanged");
            assertThat(second.onlyDelivery().path("id").asText()).isEqualTo(first.onlyDelivery().path("id").asText());
        }
        assertThat(server.r5Store.all("ImagingStudy")).hasSize(3);
        // contained: none; bundle: the study's own; reference: the known one only
        assertThat(server.r5Store.all("Patient")).hasSize(2);
    }

    @Test
    void anR4WriterAgainstAnR5Server_isExit8_withASentenceNamingTheR5Writer() throws Exception {
        Path dir = study(generated());

        CommandRun run = post(server.httpBase("r5"), NO_ENVIRONMENT, "mismatch", dir);

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(8);
        assertThat(run.stderr()).contains("-w hapi-r5");
        assertThat(run.onlyDelivery().path("reason").asText()).isEqualTo("SERVER_CHECK_FAILED");
        assertThat(server.r5Store.all("ImagingStudy")).isEmpty();
    }

    // ------------------------------------------------------------------------------------------------ profile

    @Test
    void aServerValidatingAgainstAStricterProfile_rejectsAStudyWithoutDescription_exit8_issueCodesButNoPatientName()
            throws Exception {
        Path dir = study(generated().studyDescription(""));
        try (ProfileValidatingServer strict = ProfileValidatingServer.start()) {
            CommandRun run = post(strict.base(), NO_ENVIRONMENT, "strict", dir, "--patient", "bundle");

            assertThat(run.exitCode()).as(run.toString()).isEqualTo(8);
            JsonNode delivery = run.onlyDelivery();
            assertThat(delivery.path("outcome").asText()).isEqualTo("rejected");
            assertThat(delivery.path("httpStatus").asInt()).isEqualTo(422);
            JsonNode issues = delivery.path("issues");
            assertThat(issues).isNotEmpty();
            assertThat(issues).anySatisfy(issue -> {
                assertThat(issue.path("severity").asText()).isEqualTo("error");
                assertThat(issue.path("code").asText()).isEqualTo("processing");
            });
            issues.forEach(issue -> assertThat(issue.fieldNames()).toIterable()
                    .isSubsetOf("severity", "code", "expression"));
            // the server's diagnostics quote the name (see ProfileValidatingServerTest): never passed on
            run.assertNothingOf(secretsAndPatientData());
        }
    }

    // ---------------------------------------------------------------------------------------------------

    private CommandRun post(String base, Map<String, String> environment, String name, Path dir, String... more)
            throws Exception {
        List<String> args = new ArrayList<>(List.of("--post", base, "--report",
                tmp.resolve(name + "-report.json").toString(), "--retry-max-time", "60", "--validate"));
        args.addAll(List.of(more));
        args.add(dir.toString());
        return CommandRun.run(tmp, environment, args.toArray(String[]::new));
    }

    /** A fault that lets the request through: the requests before the transaction (server check, version search). */
    private static Fault pass() {
        return Fault.delay(Duration.ZERO);
    }

    private Path study(StudyGenerator.Builder builder) throws Exception {
        Path dir = tmp.resolve("study-" + SEQUENCE.incrementAndGet());
        GeneratedStudy study = builder.build();
        study.writeTo(dir);
        return dir;
    }

    private static StudyGenerator.Builder generated() {
        long n = SEQUENCE.incrementAndGet();
        return StudyGenerator.builder().seed(n).series(1).instancesPerSeries(2)
                .patient(FAMILY + "^" + GIVEN, "PIDP" + n, "F", BIRTH_DATE).modalities("CT").noPixelData();
    }

    private static List<String> secretsAndPatientData() {
        return List.of(TOKEN, SECRET, FAMILY, GIVEN, BIRTH_DATE, "1960-01-02", "PIDP");
    }

    private Path clientFile(String secret) throws Exception {
        Path file = tmp.resolve("client-" + SEQUENCE.incrementAndGet() + ".properties");
        Files.writeString(file, "client_id=dicom2fhir\nclient_secret=" + secret + "\n", StandardCharsets.UTF_8);
        return file;
    }
}
