package org.dicom2fhir.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.dicom2fhir.api.spi.WriteOptions;
import org.dicom2fhir.core.ConversionReport;
import org.dicom2fhir.core.ConversionResult;
import org.dicom2fhir.core.Converter;
import org.dicom2fhir.core.MultipleStudiesException;
import org.dicom2fhir.core.NoDicomFilesException;
import org.dicom2fhir.core.RunOptions;
import org.dicom2fhir.core.TransactionPlan;
import org.dicom2fhir.delivery.Delivery;
import org.dicom2fhir.delivery.FhirDeliveryClient;
import org.dicom2fhir.dicomweb.DicomWebException;
import org.dicom2fhir.dicomweb.DicomWebStudy;

/**
 * One run of the command after parsing, in the order a reader follows it: usage checks, the plug-in
 * loader, then either the backend listing or a conversion. A conversion builds its converter
 * ({@link ConverterSetup}), chooses and starts the validator ({@link Validation}), checks STUDY_DIR and
 * the output targets, converts with the progress bar, writes the result and the report
 * ({@link ResultOutput}) and finally says what happened ({@link RunMessages}).
 *
 * <p>Work and talk are apart: nothing is printed while the progress bar may be drawing; what the run
 * has to say is collected in a {@link RunLog} and printed at the end, the summary last.
 */
final class ConversionRun {
    private final Options options;
    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> environment;
    private final long progressDelayMillis;
    private final boolean quiet;
    private final boolean verbose;

    ConversionRun(Options options, PrintStream out, PrintStream err, Map<String, String> environment) {
        this(options, out, err, environment, ProgressBar.DEFAULT_DELAY_MILLIS);
    }

    ConversionRun(Options options, PrintStream out, PrintStream err, Map<String, String> environment,
            long progressDelayMillis) {
        this.options = options;
        this.out = out;
        this.err = err;
        this.environment = environment;
        this.progressDelayMillis = progressDelayMillis;
        this.quiet = options.on(CliOptions.QUIET);
        this.verbose = options.on(CliOptions.VERBOSE);
    }

    @SuppressWarnings("try") // QuietLogging restores the log levels on close; the body never names it
    int call() {
        ClassLoader loader;
        try {
            checkUsage();
            List<Path> jars = Plugins.jars(Plugins.folders(options.all(CliOptions.PLUGINS),
                    environment.get(Plugins.ENVIRONMENT_VARIABLE)));
            loader = Plugins.loader(jars, Main.class.getClassLoader());
        } catch (UsageException e) {
            return usage(e.getMessage());
        }
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // libraries inside plug-ins may look up their own resources through the context loader
        thread.setContextClassLoader(loader);
        try (QuietLogging logging = QuietLogging.unlessVerbose(verbose)) {
            return options.on(CliOptions.LIST_BACKENDS) ? BackendListing.print(loader, out, err) : convert(loader);
        } catch (UsageException e) {
            return usage(Main.sentence(e.getMessage()));
        } finally {
            thread.setContextClassLoader(previous);
            if (loader instanceof URLClassLoader plugins) {
                try {
                    plugins.close();
                } catch (IOException e) {
                    // nothing was written through it; the process ends soon anyway
                }
            }
        }
    }

    /** What the parser cannot see: options that exclude each other, and STUDY_DIR. */
    private void checkUsage() throws UsageException {
        if (quiet && verbose) {
            throw new UsageException("use either --quiet or --verbose, not both.");
        }
        if (options.batch()) {
            BatchRun.checkUsage(options);
            DeliverySetup.checkUsage(options);
            DicomWebSetup.checkUsage(options);
            return;
        }
        if (!options.on(CliOptions.LIST_BACKENDS) && options.studyDir() == null) {
            throw new UsageException("missing STUDY_DIR: give the folder that holds the study's DICOM files (or its"
                    + " DICOMweb study URL).");
        }
        String report = options.get(CliOptions.REPORT);
        String output = options.get(CliOptions.OUTPUT);
        if ("-".equals(report)) {
            throw new UsageException("--report needs a file: standard output carries the resource.");
        }
        if (report != null && output != null && !output.equals("-")
                && Path.of(report).toAbsolutePath().normalize().equals(Path.of(output).toAbsolutePath().normalize())) {
            throw new UsageException("--report and --output name the same file: give the report a file of its own.");
        }
        DeliverySetup.checkUsage(options);
        DicomWebSetup.checkUsage(options);
    }

    private int usage(String message) {
        err.println("dicom2fhir: " + message);
        err.println("Try 'dicom2fhir --help' for the options.");
        return ExitCodes.USAGE;
    }

    /** Exit codes, when several apply: 2 here, 7 before the work starts, the rest collected in the {@link RunLog}. */
    private int convert(ClassLoader loader) throws UsageException {
        Converter converter = ConverterSetup.build(options, loader);
        if (options.batch()) {
            return BatchRun.run(options, converter, loader, err, environment);
        }
        TransactionPlan plan = DeliverySetup.plan(options);
        boolean posting = DeliverySetup.posting(options);
        boolean dryRun = DeliverySetup.dryRun(options);
        Validation validation = options.on(CliOptions.VALIDATE) ? Validation.start(loader, converter.release()) : null;
        FhirDeliveryClient client = null;
        if (posting) {
            try {
                client = DeliverySetup.client(options, environment);
            } catch (DeliverySetup.UnreadableFile e) {
                err.println("dicom2fhir: cannot read " + e.what + ": " + Failures.reason((IOException) e.getCause()) + ".");
                return ExitCodes.CANNOT_READ_OR_WRITE;
            } catch (IOException e) {
                err.println("dicom2fhir: cannot read a file of --post: " + Failures.reason(e) + ".");
                return ExitCodes.CANNOT_READ_OR_WRITE;
            }
        }

        DicomWebStudy dicomWeb = null;
        Path studyDir = null;
        if (DicomWebSetup.fromDicomWeb(options)) {
            try {
                dicomWeb = DicomWebSetup.study(options, environment, converter.limits().maxResponseBytes());
            } catch (IOException e) {
                err.println("dicom2fhir: cannot read the DICOMweb credentials or token file: " + Failures.reason(e) + ".");
                return ExitCodes.CANNOT_READ_OR_WRITE;
            }
        } else {
            studyDir = Path.of(options.studyDir());
            String dirProblem = studyDirProblem(studyDir);
            if (dirProblem != null) {
                err.println("dicom2fhir: " + dirProblem);
                return ExitCodes.CANNOT_READ_OR_WRITE;
            }
        }
        // with --post, standard output carries nothing unless -o names a target
        OutputTarget output = posting && !options.given(CliOptions.OUTPUT) ? null
                : OutputTarget.of(options.get(CliOptions.OUTPUT), out);
        String reportFile = options.get(CliOptions.REPORT);
        OutputTarget reportTarget = reportFile == null ? null : OutputTarget.of(reportFile, out);
        if (!writable(output, reportTarget)) {
            return ExitCodes.CANNOT_READ_OR_WRITE;
        }

        RunLog log = new RunLog();
        ConversionReport report = null;
        ConversionResult result = null;
        List<Delivery> deliveries = posting || dryRun ? new ArrayList<>() : null;
        IOException unreadable = null;
        Throwable bug = null;
        try (ProgressBar progress = new ProgressBar(err, progressDelayMillis)) {
            // the bar counts files of a folder; a DICOMweb study's instances arrive in one stream of unknown length
            if (showProgress() && dicomWeb == null) {
                progress.start();
            }
            try {
                result = dicomWeb != null ? converter.convert(dicomWeb, RunOptions.defaults())
                        : converter.convert(studyDir, RunOptions.defaults().withProgress(progress));
                report = result.report();
            } catch (MultipleStudiesException e) {
                report = e.report();
                RunMessages.severalStudies(e.filesPerStudy(), log);
            } catch (NoDicomFilesException e) {
                report = e.report();
                RunMessages.nothingIncluded(report, log);
            } catch (IOException e) {
                // the folder vanished or changed after the check, or a listing failed half-way
                unreadable = e;
            }
            if (result != null) {
                WriteOptions writeOptions = new WriteOptions(options.get(CliOptions.FORMAT), options.on(CliOptions.PRETTY));
                try {
                    if (dryRun) {
                        DryRun body = DryRun.of(result, plan, deliveries);
                        if (body != null) {
                            ResultOutput.write(report, body, writeOptions, output, validation, quiet, verbose, log);
                        } else if (report.hasFailures()) {
                            log.code(ExitCodes.SOME_FILES_FAILED);
                        }
                        Deliveries.judge(deliveries, plan, log);
                    } else if (output != null) {
                        ResultOutput.write(result, writeOptions, output, validation, quiet, verbose, log);
                    } else if (report.hasFailures()) {
                        log.code(ExitCodes.SOME_FILES_FAILED);
                    }
                    if (posting) {
                        deliveries.addAll(Deliveries.post(result, converter.release(), plan, client, validation, quiet,
                                verbose, log, DeliverySetup.merging(options)));
                    }
                } catch (RuntimeException | Error e) {
                    bug = e;
                }
            }
        }
        if (unreadable != null) {
            return cannotReadStudyDir(unreadable);
        }
        if (report != null && reportTarget != null) {
            ResultOutput.writeReport(reportTarget, options.studyDir(), report, deliveries, log);
        }
        new RunMessages(err, quiet, verbose).print(report, log, result != null && bug == null);
        if (posting && !quiet && !deliveries.isEmpty()) {
            err.println(Deliveries.summary(deliveries, client.baseUrl().toString()));
        }
        if (bug != null) {
            return Failures.internalError(bug, err, verbose);
        }
        return log.exitCode();
    }

    /** The bar is drawn when asked for, else when standard error is a terminal (and not --quiet). */
    private boolean showProgress() {
        Boolean asked = options.get(CliOptions.PROGRESS);
        return asked != null ? asked : !quiet && err == System.err && Terminal.stderrIsTerminal();
    }

    /**
     * A value-free sentence when STUDY_DIR cannot be converted, else null. The folder's name is not
     * repeated: it may hold a patient's name.
     */
    private static final String NOT_A_STUDY =
            "STUDY_DIR is not a folder nor a ZIP archive nor DICOM JSON: give the folder (or the ZIP archive, or the DICOM JSON"
                    + " file) that holds the study.";

    private static String studyDirProblem(Path dir) {
        if (!Files.exists(dir)) {
            return "STUDY_DIR does not exist.";
        }
        if (!Files.isDirectory(dir) && !Files.isRegularFile(dir)) {
            return NOT_A_STUDY;
        }
        if (!Files.isReadable(dir) || Files.isDirectory(dir) && !Files.isExecutable(dir)) {
            return "STUDY_DIR cannot be read: permission denied.";
        }
        return null;
    }

    /** Checked before any work is done; says why not for each target that cannot be written. */
    private boolean writable(OutputTarget output, OutputTarget reportTarget) {
        String outputProblem = output == null ? null : output.whyNotWritable();
        String reportProblem = reportTarget == null ? null : reportTarget.whyNotWritable();
        if (outputProblem != null) {
            err.println("dicom2fhir: cannot write " + output.description() + ": " + outputProblem + ".");
        }
        if (reportProblem != null) {
            err.println("dicom2fhir: cannot write the report file: " + reportProblem + ".");
        }
        return outputProblem == null && reportProblem == null;
    }

    private int cannotReadStudyDir(IOException e) {
        if (e instanceof DicomWebException) {
            err.println("dicom2fhir: " + Main.sentence(e.getMessage())); // names the URL and the HTTP status
            return ExitCodes.CANNOT_READ_OR_WRITE;
        }
        if (e instanceof java.nio.file.NotDirectoryException && Files.isRegularFile(Path.of(options.studyDir()))) {
            err.println("dicom2fhir: " + NOT_A_STUDY); // a file that is no ZIP archive and no JSON
            return ExitCodes.CANNOT_READ_OR_WRITE;
        }
        err.println("dicom2fhir: STUDY_DIR cannot be read: " + Failures.reason(e) + ".");
        if (verbose) {
            Redaction.printStackTrace(e, err);
        }
        return ExitCodes.CANNOT_READ_OR_WRITE;
    }
}
