package org.dicom2fhir.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.dicom2fhir.core.IdStrategy;
import org.dicom2fhir.core.InvalidOptionException;
import org.dicom2fhir.core.TransactionPlan;
import org.dicom2fhir.delivery.DeliveryException;
import org.dicom2fhir.delivery.FhirDeliveryClient;
import org.dicom2fhir.delivery.TokenSource;

/**
 * The options of {@code --post} and of the patient modes: the combinations that make no sense (usage errors),
 * the {@link TransactionPlan} they ask for and the {@link FhirDeliveryClient}.
 */
final class DeliverySetup {

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
        if (post) {
            return;
        }
        // the network options serve a DICOMweb study URL too; the FHIR token only --post
        List<OptionSpec<?>> postOnly = DicomWebSetup.fromDicomWeb(options) ? List.of(CliOptions.FHIR_TOKEN_FILE)
                : java.util.stream.Stream.concat(java.util.stream.Stream.of(CliOptions.FHIR_TOKEN_FILE),
                        NetworkOptions.ALL.stream()).toList();
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
     * @throws UsageException a URL that is no FHIR base, a token or CA file that holds no token or certificates
     * @throws IOException    the token file cannot be read
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
            String tokenFile = options.get(CliOptions.FHIR_TOKEN_FILE);
            builder.bearerToken(tokenFile != null ? TokenSource.fromFile(Path.of(tokenFile))
                    : TokenSource.fromEnvironment(environment).orElse(null));
            builder.http(NetworkOptions.http(options, environment));
            return builder.build();
        } catch (DeliveryException | IllegalArgumentException e) {
            throw new UsageException(Main.sentence(e.getMessage()));
        }
    }
}
