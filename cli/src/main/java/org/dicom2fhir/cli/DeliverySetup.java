package org.dicom2fhir.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.dicom2fhir.core.IdStrategy;
import org.dicom2fhir.core.InvalidOptionException;
import org.dicom2fhir.core.TransactionPlan;
import org.dicom2fhir.delivery.ClientCertificate;
import org.dicom2fhir.delivery.DeliveryException;
import org.dicom2fhir.delivery.FhirDeliveryClient;
import org.dicom2fhir.delivery.OAuthClientCredentials;
import org.dicom2fhir.delivery.SmartBackendServices;
import org.dicom2fhir.delivery.TokenSource;

/**
 * The options of {@code --post} and of the patient modes: the combinations that make no sense (usage errors),
 * the {@link TransactionPlan} they ask for and the {@link FhirDeliveryClient}.
 */
final class DeliverySetup {
    /**
     * The FHIR server's own options: meaningless without {@code --post} (the TLS, timeout and retry options of
     * {@link NetworkOptions} serve a DICOMweb study URL too).
     */
    private static final List<OptionSpec<?>> POST_ONLY_OPTIONS = List.of(CliOptions.FHIR_TOKEN_FILE,
            CliOptions.FHIR_OAUTH_TOKEN_URL, CliOptions.FHIR_OAUTH_CLIENT_FILE, CliOptions.FHIR_SMART_CLIENT_ID,
            CliOptions.FHIR_SMART_KEY_FILE, CliOptions.FHIR_SMART_KID, CliOptions.FHIR_SMART_SCOPE,
            CliOptions.CLIENT_CERT, CliOptions.CLIENT_CERT_PASSWORD_FILE, CliOptions.MAX_REQUESTS_PER_SECOND);
    /** SMART Backend Services: all of them, with the token URL. */
    private static final List<OptionSpec<String>> SMART_OPTIONS = List.of(CliOptions.FHIR_SMART_CLIENT_ID,
            CliOptions.FHIR_SMART_KEY_FILE, CliOptions.FHIR_SMART_KID, CliOptions.FHIR_SMART_SCOPE);

    /** A file named by an option of --post that cannot be read (exit 7, unlike a file that holds the wrong thing). */
    static final class UnreadableFile extends IOException {
        private static final long serialVersionUID = 1L;
        final String what;

        UnreadableFile(String what, IOException cause) {
            super(cause);
            this.what = what;
        }
    }

    private DeliverySetup() {
    }

    /** Whether the run delivers ({@code --post}). */
    static boolean posting(Options options) {
        return options.get(CliOptions.POST) != null;
    }

    /**
     * Whether the run writes the transaction or the subject-referencing study instead of today's resource,
     * without a server: {@code --patient bundle} or {@code reference} without {@code --post}.
     */
    static boolean dryRun(Options options) {
        return !posting(options) && options.get(CliOptions.PATIENT) != TransactionPlan.PatientMode.CONTAINED;
    }

    static void checkUsage(Options options) throws UsageException {
        boolean post = posting(options);
        TransactionPlan.PatientMode patient = options.get(CliOptions.PATIENT);
        if (post && options.get(CliOptions.ID) == IdStrategy.RANDOM) {
            throw new UsageException("--id random cannot be used with --post: every run would create the study again.");
        }
        if (options.given(CliOptions.SUBJECT) && patient != TransactionPlan.PatientMode.REFERENCE) {
            throw new UsageException("--subject is the patient of --patient reference: give both, or neither.");
        }
        if (patient == TransactionPlan.PatientMode.REFERENCE && !options.given(CliOptions.SUBJECT)) {
            throw new UsageException("--patient reference needs --subject REFERENCE (e.g. Patient/123).");
        }
        if (options.on(CliOptions.SERVER_IDS) && options.get(CliOptions.MATCH) == TransactionPlan.Match.ID) {
            throw new UsageException("--server-ids works only with --match identifier: --match id puts the id in the URL.");
        }
        if (options.on(CliOptions.MERGE)) {
            checkMerge(options, post);
        }
        if (post) {
            checkAuthentication(options);
            return;
        }
        // the network options serve a DICOMweb study URL too; the FHIR server's own options only --post
        List<OptionSpec<?>> postOnly = DicomWebSetup.fromDicomWeb(options) ? POST_ONLY_OPTIONS
                : Stream.concat(POST_ONLY_OPTIONS.stream(), NetworkOptions.ALL.stream()).toList();
        for (OptionSpec<?> option : postOnly) {
            if (options.given(option)) {
                throw new UsageException(option.longName() + " is an option of --post: give the server's URL with --post.");
            }
        }
        // the match shapes the transaction, which the dry run of --patient bundle writes too
        if (patient != TransactionPlan.PatientMode.BUNDLE) {
            for (OptionSpec<?> option : List.of(CliOptions.MATCH, CliOptions.SERVER_IDS)) {
                if (options.given(option)) {
                    throw new UsageException(option.longName() + " shapes the transaction: use it with --post or "
                            + "--patient bundle.");
                }
            }
        }
        if (patient == TransactionPlan.PatientMode.BUNDLE && options.on(CliOptions.SPLIT)) {
            // several transactions are no one document: no JSON array of Bundles
            throw new UsageException("--patient bundle without --post writes the transaction Bundle of one study: "
                    + "leave out --split (one study per run), or deliver with --post.");
        }
    }

    private static void checkMerge(Options options, boolean post) throws UsageException {
        if (!post) {
            throw new UsageException("--merge merges into the study on the server: give the server's URL with --post.");
        }
        if (options.get(CliOptions.MATCH) == TransactionPlan.Match.ID) {
            throw new UsageException("--merge finds the study by its identifier: leave out --match id.");
        }
    }

    /** Whether studies are merged into the server's ({@code --merge}). */
    static boolean merging(Options options) {
        return options.on(CliOptions.MERGE);
    }

    /** One way to authenticate, complete: a bearer token, OAuth2 client credentials, or SMART Backend Services. */
    private static void checkAuthentication(Options options) throws UsageException {
        boolean tokenUrl = options.given(CliOptions.FHIR_OAUTH_TOKEN_URL);
        boolean clientFile = options.given(CliOptions.FHIR_OAUTH_CLIENT_FILE);
        long smart = SMART_OPTIONS.stream().filter(options::given).count();
        if (clientFile && smart > 0) {
            throw new UsageException("--fhir-oauth-client-file and --fhir-smart-* are two ways to authenticate: "
                    + "give one.");
        }
        if (smart > 0 && smart < SMART_OPTIONS.size()) {
            throw new UsageException("SMART Backend Services need all of --fhir-smart-client-id, --fhir-smart-key-file, "
                    + "--fhir-smart-kid and --fhir-smart-scope.");
        }
        if ((clientFile || smart > 0) != tokenUrl) {
            throw new UsageException(tokenUrl ? "--fhir-oauth-token-url needs --fhir-oauth-client-file or the "
                    + "--fhir-smart-* options." : "OAuth2 needs the token endpoint: give --fhir-oauth-token-url.");
        }
        if (tokenUrl && options.given(CliOptions.FHIR_TOKEN_FILE)) {
            throw new UsageException("--fhir-token-file and --fhir-oauth-token-url are two ways to authenticate: "
                    + "give one.");
        }
        if (options.given(CliOptions.CLIENT_CERT_PASSWORD_FILE) && !options.given(CliOptions.CLIENT_CERT)) {
            throw new UsageException("--client-cert-password-file is the password of --client-cert: give both.");
        }
    }

    static TransactionPlan plan(Options options) throws UsageException {
        TransactionPlan.Match match = options.get(CliOptions.MATCH);
        if (match == TransactionPlan.Match.IDENTIFIER && options.on(CliOptions.SERVER_IDS)) {
            match = TransactionPlan.Match.IDENTIFIER_SERVER_IDS;
        }
        try {
            return new TransactionPlan(match, options.get(CliOptions.PATIENT), options.get(CliOptions.SUBJECT));
        } catch (InvalidOptionException e) {
            throw new UsageException("--subject: " + Main.sentence(e.getMessage()));
        }
    }

    /**
     * The client of {@code --post}.
     *
     * @param environment the token ({@link TokenSource#ENVIRONMENT_VARIABLE}) and the proxy variables
     * @throws UsageException a URL that is no FHIR base, a token, CA, client, key or certificate file that holds
     *         the wrong thing
     * @throws UnreadableFile such a file cannot be read
     */
    static FhirDeliveryClient client(Options options, Map<String, String> environment)
            throws UsageException, IOException {
        FhirDeliveryClient.Builder builder;
        try {
            builder = FhirDeliveryClient.builder(options.get(CliOptions.POST));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--post: " + Main.sentence(e.getMessage()));
        }
        try {
            builder.http(NetworkOptions.http(options, environment));
            authentication(builder, options, environment);
            if (options.given(CliOptions.CLIENT_CERT)) {
                builder.clientCertificate(clientCertificate(options, environment));
            }
            if (options.given(CliOptions.MAX_REQUESTS_PER_SECOND)) {
                builder.maxRequestsPerSecond(options.get(CliOptions.MAX_REQUESTS_PER_SECOND));
            }
            return builder.build();
        } catch (DeliveryException | IllegalArgumentException e) {
            throw new UsageException(Main.sentence(e.getMessage()));
        }
    }

    /** OAuth2 or SMART when their options are given (they win over the environment's token), else the bearer token. */
    private static void authentication(FhirDeliveryClient.Builder builder, Options options,
            Map<String, String> environment) throws UsageException, IOException {
        String tokenUrl = options.get(CliOptions.FHIR_OAUTH_TOKEN_URL);
        if (tokenUrl != null && options.given(CliOptions.FHIR_OAUTH_CLIENT_FILE)) {
            Path file = Path.of(options.get(CliOptions.FHIR_OAUTH_CLIENT_FILE));
            builder.oauthClientCredentials(readable("the OAuth2 client file", () ->
                    OAuthClientCredentials.fromFile(tokenUrl, file)));
        } else if (tokenUrl != null) {
            Path key = Path.of(options.get(CliOptions.FHIR_SMART_KEY_FILE));
            builder.smartBackendServices(readable("the SMART key file", () -> SmartBackendServices.fromKeyFile(tokenUrl,
                    options.get(CliOptions.FHIR_SMART_CLIENT_ID), key, options.get(CliOptions.FHIR_SMART_KID),
                    options.get(CliOptions.FHIR_SMART_SCOPE))));
        } else {
            String tokenFile = options.get(CliOptions.FHIR_TOKEN_FILE);
            builder.bearerToken(tokenFile != null ? readable("the token file", () -> TokenSource.fromFile(Path.of(tokenFile)))
                    : TokenSource.fromEnvironment(environment).orElse(null));
        }
    }

    private static ClientCertificate clientCertificate(Options options, Map<String, String> environment)
            throws UsageException, IOException {
        char[] password = null;
        String passwordFile = options.get(CliOptions.CLIENT_CERT_PASSWORD_FILE);
        if (passwordFile != null) {
            String text = readable("the client certificate's password file",
                    () -> Files.readString(Path.of(passwordFile), StandardCharsets.UTF_8));
            password = text.lines().findFirst().orElse("").toCharArray(); // the first line, without its line end
        } else if (environment.get(ClientCertificate.PASSWORD_ENVIRONMENT_VARIABLE) != null) {
            password = environment.get(ClientCertificate.PASSWORD_ENVIRONMENT_VARIABLE).toCharArray();
        }
        char[] given = password;
        Path file = Path.of(options.get(CliOptions.CLIENT_CERT));
        return readable("the client certificate", () -> ClientCertificate.fromFile(file, given));
    }

    private interface FileRead<T> {
        T read() throws IOException;
    }

    /**
     * The file's content: a file that cannot be read is an {@link UnreadableFile} (exit 7), one that holds the
     * wrong thing a usage error (exit 2) whose message names the file and never its content.
     */
    private static <T> T readable(String what, FileRead<T> read) throws UsageException, IOException {
        try {
            return read.read();
        } catch (java.nio.file.FileSystemException e) {
            throw new UnreadableFile(what, e);
        } catch (IOException e) {
            throw new UsageException(Main.sentence(e.getMessage()));
        }
    }
}
