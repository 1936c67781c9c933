package org.dicom2fhir.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.dicom2fhir.api.spi.OutputFormat;
import org.dicom2fhir.batch.BatchConverter;
import org.dicom2fhir.batch.BatchDelivery;
import org.dicom2fhir.batch.BatchSummary;
import org.dicom2fhir.batch.NdjsonOutput;
import org.dicom2fhir.batch.PatientIds;
import org.dicom2fhir.batch.ResumeRefusedException;
import org.dicom2fhir.core.Converter;
import org.dicom2fhir.core.IdStrategy;
import org.dicom2fhir.core.TransactionPlan;
import org.dicom2fhir.delivery.DeliveryException;
import org.dicom2fhir.delivery.FhirDeliveryClient;

/**
 * {@code dicom2fhir batch [OPTIONS] ROOT... -o DIR}: every study below the roots, grouped by Study Instance UID
 * across all of them, to NDJSON in DIR (see the batch module). Messages name roots by their position, never by
 * their path (folder names often hold patient names).
 */
final class BatchRun {
    /** The store's folder inside -o DIR when --state is not given. */
    static final String DEFAULT_STATE = ".dicom2fhir-state";
    static final int DEFAULT_POST_CONCURRENCY = 4;
    /** The environment variable of the Patient id key. */
    static final String ID_KEY_VARIABLE = "DICOM2FHIR_ID_KEY";

    private BatchRun() {
    }

    /** The combinations batch refuses (exit 2). */
    static void checkUsage(Options options) throws UsageException {
        if (options.roots().isEmpty() && !DicomWebSetup.fromDicomWeb(options)) {
            throw new UsageException("missing ROOT: give the folders that hold the archive (dicom2fhir batch ROOT... -o DIR),"
                    + " or a DICOMweb server with --dicomweb BASE.");
        }
        String output = options.get(CliOptions.OUTPUT);
        boolean posting = DeliverySetup.posting(options);
        if ("-".equals(output) || (output == null && !posting)) {
            throw new UsageException("batch writes files into a folder: give it with -o DIR (or send the studies "
                    + "with --post URL --state DIR).");
        }
        if (output == null && !options.given(CliOptions.STATE)) {
            throw new UsageException("batch --post without -o needs --state DIR for its journal and report.ndjson.");
        }
        if (options.given(CliOptions.POST_CONCURRENCY) && !posting) {
            throw new UsageException("--post-concurrency is an option of --post.");
        }
        if (posting && options.get(CliOptions.POST_CONCURRENCY) != null && options.get(CliOptions.POST_CONCURRENCY) < 1) {
            throw new UsageException("--post-concurrency must be at least 1.");
        }
        List<String> refused = new ArrayList<>();
        if (options.on(CliOptions.SPLIT)) {
            refused.add("--split (batch always writes one ImagingStudy per study)");
        }
        if (options.on(CliOptions.PRETTY)) {
            refused.add("--pretty (NDJSON holds one resource per line)");
        }
        if (options.get(CliOptions.FORMAT) == OutputFormat.XML) {
            refused.add("--format xml (NDJSON is JSON)");
        }
        if (options.get(CliOptions.PATIENT) == TransactionPlan.PatientMode.REFERENCE || options.given(CliOptions.SUBJECT)) {
            refused.add("--patient reference and --subject (an archive is not one patient)");
        }
        if (options.get(CliOptions.ID) == IdStrategy.RANDOM) {
            refused.add("--id random (re-runs must give the same ids)");
        }
        if (options.given(CliOptions.REPORT)) {
            refused.add("--report (batch writes report.ndjson into DIR)");
        }
        if (options.on(CliOptions.MERGE)) {
            refused.add("--merge (batch replaces each study it sends; merging into the server's studies is not built"
                    + " for batch yet)");
        }
        if (options.given(CliOptions.ID_KEY_FILE) && (output == null
                || options.get(CliOptions.PATIENT) != TransactionPlan.PatientMode.BUNDLE)) {
            refused.add("--id-key-file without --patient bundle and -o (the key names the Patients of Patient.ndjson)");
        }
        if (!refused.isEmpty()) {
            throw new UsageException("batch cannot be used with " + String.join("; ", refused) + ".");
        }
    }

    /**
     * The options that shape the output, for the journal: a resume with other values is refused naming them. The
     * issuer map counts by its content, not its name.
     */
    private static Map<String, String> fingerprint(Options options, Converter converter) throws IOException {
        Map<String, String> values = new TreeMap<>();
        for (OptionSpec<?> option : List.of(CliOptions.READER, CliOptions.TIMEZONE, CliOptions.ID, CliOptions.ENDPOINT,
                CliOptions.PATIENT_ID_SYSTEM, CliOptions.PATIENT, CliOptions.OUTPUT)) {
            values.put(option.longName(), String.valueOf(options.get(option)));
        }
        values.put(CliOptions.WRITER.longName(), converter.writerProvider().name());
        for (OptionSpec<Long> limit : CliOptions.LIMITS) {
            values.put(limit.longName(), String.valueOf(options.limits().get(limit.limit())));
        }
        for (OptionSpec<String> file : List.of(CliOptions.ISSUER_MAP, CliOptions.STUDIES)) {
            if (options.given(file)) {
                values.put(file.longName(), sha256(Path.of(options.get(file))));
            }
        }
        if (options.given(CliOptions.QIDO)) {
            values.put(CliOptions.QIDO.longName(), options.get(CliOptions.QIDO));
        }
        return values;
    }

    private static String sha256(Path file) throws IOException {
        byte[] content = Files.readAllBytes(file);
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** Runs the batch; exit codes 2, 7, 3, 6, 4, 0 (the first that applies). */
    static int run(Options options, Converter converter, ClassLoader loader, PrintStream err,
            Map<String, String> environment) throws UsageException {
        // a usage error (2) comes before unreadable roots (7)
        PatientIds patientIds = writesPatients(options) ? patientIds(options, environment) : null;
        boolean quiet = options.on(CliOptions.QUIET);
        List<Path> roots = new ArrayList<>();
        for (String root : options.roots()) {
            roots.add(Path.of(root));
        }
        for (int i = 0; i < roots.size(); i++) {
            try {
                Converter.checkFolder(roots.get(i));
            } catch (IOException e) {
                err.println("dicom2fhir: ROOT " + (i + 1) + " of " + roots.size() + " cannot be read: "
                        + Failures.reason(e) + ".");
                return ExitCodes.CANNOT_READ_OR_WRITE;
            }
        }
        DicomWebStudies dicomWeb = null;
        if (DicomWebSetup.fromDicomWeb(options)) {
            List<String> listed = null;
            if (options.given(CliOptions.STUDIES)) {
                try {
                    listed = DicomWebSetup.studiesFile(Path.of(options.get(CliOptions.STUDIES)));
                } catch (IOException e) {
                    err.println("dicom2fhir: cannot read --studies: " + Failures.reason(e) + ".");
                    return ExitCodes.CANNOT_READ_OR_WRITE;
                }
            }
            try {
                dicomWeb = new DicomWebStudies(DicomWebSetup.server(options, environment,
                        converter.limits().maxResponseBytes()), listed, options.given(CliOptions.QIDO)
                        ? options.get(CliOptions.QIDO) : "");
            } catch (IOException e) {
                err.println("dicom2fhir: cannot read the DICOMweb credentials or token file: " + Failures.reason(e) + ".");
                return ExitCodes.CANNOT_READ_OR_WRITE;
            }
        }
        Validation validation = options.on(CliOptions.VALIDATE) ? Validation.start(loader, converter.release()) : null;
        BatchDelivery delivery = null;
        if (DeliverySetup.posting(options)) {
            FhirDeliveryClient client;
            try {
                client = DeliverySetup.client(options, environment);
            } catch (IOException e) {
                err.println("dicom2fhir: cannot read the token file: " + Failures.reason(e) + ".");
                return ExitCodes.CANNOT_READ_OR_WRITE;
            }
            try {
                // before reading a whole archive for nothing
                client.checkServer(converter.release().version().substring(0, 3));
            } catch (DeliveryException e) {
                err.println("dicom2fhir: " + Main.sentence(e.getMessage()) + " Nothing was read or sent.");
                return ExitCodes.NOT_DELIVERED;
            }
            Integer concurrency = options.get(CliOptions.POST_CONCURRENCY);
            delivery = new BatchDelivery(client, DeliverySetup.plan(options), converter.writer(),
                    concurrency == null ? DEFAULT_POST_CONCURRENCY : concurrency);
        }
        String outputDir = options.get(CliOptions.OUTPUT);
        Path dir = outputDir != null ? Path.of(outputDir) : Path.of(options.get(CliOptions.STATE));
        Path state = options.given(CliOptions.STATE) ? Path.of(options.get(CliOptions.STATE)) : dir.resolve(DEFAULT_STATE);
        BatchConverter batch;
        try {
            batch = (dicomWeb != null ? BatchConverter.create(converter, dicomWeb, state)
                    : BatchConverter.create(converter, roots, state)).withOptions(fingerprint(options, converter))
                    .restart(options.on(CliOptions.RESTART));
        } catch (IOException e) {
            err.println("dicom2fhir: cannot read --issuer-map or --studies: " + Failures.reason(e) + ".");
            return ExitCodes.CANNOT_READ_OR_WRITE;
        }
        if (patientIds != null) {
            batch = batch.patients(patientIds);
        }
        NdjsonOutput output;
        try {
            Files.createDirectories(dir);
            Files.createDirectories(state);
            output = NdjsonOutput.builder(dir, converter.writer()).delivery(delivery).writeStudies(outputDir != null)
                    .check(validation == null ? null : json -> validation.errorIds(json, OutputFormat.JSON)).build();
        } catch (IOException e) {
            err.println("dicom2fhir: cannot write the output folder: " + Failures.reason(e) + ".");
            return ExitCodes.CANNOT_READ_OR_WRITE;
        }
        try {
            return convert(options, batch, output, dir, err);
        } finally {
            if (delivery != null) {
                delivery.close();
            }
        }
    }

    /** Patient.ndjson: --patient bundle with -o DIR. */
    private static boolean writesPatients(Options options) {
        return options.get(CliOptions.OUTPUT) != null
                && options.get(CliOptions.PATIENT) == TransactionPlan.PatientMode.BUNDLE;
    }

    /** The key of --id-key-file, else of the environment variable; a usage error without one. */
    private static PatientIds patientIds(Options options, Map<String, String> environment) throws UsageException {
        String file = options.get(CliOptions.ID_KEY_FILE);
        String key;
        if (file != null) {
            try {
                key = Files.readString(Path.of(file), java.nio.charset.StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new UsageException("--id-key-file cannot be read: " + Failures.reason(e));
            }
        } else {
            key = environment.get(ID_KEY_VARIABLE);
        }
        if (key == null || key.isBlank()) {
            throw new UsageException("--patient bundle with -o writes Patient.ndjson, whose ids are keyed hashes of the "
                    + "Patient IDs: give the key with --id-key-file FILE or " + ID_KEY_VARIABLE + " (a plain hash of "
                    + "an MRN could be reversed).");
        }
        try {
            return PatientIds.withKey(key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new UsageException(Main.sentence(e.getMessage()));
        }
    }

    private static int convert(Options options, BatchConverter batch, NdjsonOutput output, Path reportDir,
            PrintStream err) {
        boolean quiet = options.on(CliOptions.QUIET);
        if (batch.interrupted() && !options.on(CliOptions.RESTART) && !quiet) {
            err.println("dicom2fhir: continuing the interrupted run (its journal is in the state folder; --restart "
                    + "starts again).");
        }
        Thread hint = new Thread(() -> err.println("dicom2fhir: stopped. Run the same command again to continue "
                + "where it stopped."));
        Runtime.getRuntime().addShutdownHook(hint);
        BatchSummary summary;
        BatchProgressLine status = new BatchProgressLine();
        Boolean asked = options.get(CliOptions.PROGRESS);
        boolean showProgress = asked != null ? asked : !quiet && err == System.err && Terminal.stderrIsTerminal();
        try (ProgressBar bar = new ProgressBar(err, ProgressBar.DEFAULT_DELAY_MILLIS, status::line)) {
            if (showProgress) {
                bar.start();
            }
            summary = batch.progress(status).run(output);
        } catch (ResumeRefusedException e) {
            err.println("dicom2fhir: cannot continue the interrupted run: " + Main.sentence(e.getMessage())
                    + " Run it with the same options, or start again with --restart.");
            return ExitCodes.USAGE;
        } catch (IOException e) {
            err.println("dicom2fhir: the archive could not be converted: " + Failures.reason(e) + ".");
            return ExitCodes.CANNOT_READ_OR_WRITE;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hint);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it says how to continue
            }
        }
        RunLog log = new RunLog();
        boolean dicomWeb = DicomWebSetup.fromDicomWeb(options);
        if (summary.included() == 0) {
            log.fail(ExitCodes.NOTHING_DICOM, dicomWeb ? "dicom2fhir: the DICOMweb server gave no instance to convert"
                    + " (report.ndjson lists the studies that failed)." : "dicom2fhir: no file below the roots is DICOM.");
        }
        if (output.notDeliveredCount() > 0) {
            log.fail(ExitCodes.NOT_DELIVERED, "dicom2fhir: " + output.notDeliveredCount() + " studies were not "
                    + "delivered; report.ndjson says why for each (the same command sends them again: delivery is "
                    + "idempotent).");
        }
        if (output.refusedCount() > 0) {
            log.fail(ExitCodes.SOME_FILES_FAILED, "dicom2fhir: " + output.refusedCount() + " studies cannot reference a "
                    + "Patient of their own and are not written (report.ndjson says why: no Patient ID, no system, or "
                    + "instances that disagree on the patient).");
        }
        if (output.invalidCount() > 0) {
            log.fail(ExitCodes.INVALID_RESULT, "dicom2fhir: --validate found errors in " + output.invalidCount()
                    + " studies; they are not written (report.ndjson names them and the errors' ids).");
        }
        if (summary.failed() > 0 || summary.studiesFailed() > 0) {
            log.code(ExitCodes.SOME_FILES_FAILED);
        }
        if (!quiet) {
            log.note("converted " + RunMessages.plural((int) summary.studies(), "study", "studies") + " ("
                    + summary.instances() + " instances) from " + (dicomWeb ? RunMessages.plural((int) summary.files(),
                    "study", "studies") + " of the DICOMweb server" : summary.files() + " files") + ": "
                    + summary.duplicates()
                    + " copies left out, " + summary.skipped() + " skipped, " + summary.failed() + " failed"
                    + (summary.studiesFailed() > 0 ? ", " + summary.studiesFailed() + " studies not mapped" : "")
                    + "; see " + reportDir.resolve(NdjsonOutput.REPORT_FILE));
            if (options.on(CliOptions.VERBOSE)) {
                log.note(String.format(java.util.Locale.ROOT, "read in %.1f s, mapped and written in %.1f s",
                        summary.reading().toMillis() / 1000.0, summary.emitting().toMillis() / 1000.0));
            }
        }
        log.notes().forEach(err::println);
        return log.exitCode();
    }
}
