package org.dicom2fhir.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.dicom2fhir.api.BackendSelectionException;
import org.dicom2fhir.api.Disposition;
import org.dicom2fhir.api.ReasonCode;
import org.dicom2fhir.api.Warning;
import org.dicom2fhir.api.spi.FhirRelease;
import org.dicom2fhir.api.spi.FhirValidator;
import org.dicom2fhir.api.spi.ValidationIssue;
import org.dicom2fhir.api.spi.WriteOptions;
import org.dicom2fhir.core.Backends;
import org.dicom2fhir.core.ConversionReport;
import org.dicom2fhir.core.ConversionResult;
import org.dicom2fhir.core.Converter;
import org.dicom2fhir.core.FileReport;
import org.dicom2fhir.core.InvalidOptionException;
import org.dicom2fhir.core.MultipleStudiesException;
import org.dicom2fhir.core.NoDicomFilesException;
import org.dicom2fhir.core.RunOptions;

/**
 * One run of the command after parsing: set-up, conversion, output, report, messages, exit code.
 * Work and talk are apart: nothing is printed while the progress bar may be drawing; every message
 * is collected in {@link #notes} and printed at the end, the summary last.
 */
final class ConversionRun {
    /** File warnings shown without --verbose; the rest are counted (the report has them all). */
    static final int FILE_WARNINGS_SHOWN = 20;
    /** Validation error locations shown without --verbose. */
    static final int LOCATIONS_SHOWN = 10;

    private final Options options;
    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> environment;
    private final long progressDelayMillis;

    /** Lines for standard error, printed in order once the work is done. */
    private final List<String> notes = new ArrayList<>();
    private final List<Integer> codes = new ArrayList<>();

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
    }

    int call() {
        if (options.on(CliOptions.QUIET) && options.on(CliOptions.VERBOSE)) {
            return usage("use either --quiet or --verbose, not both.");
        }
        if (!options.on(CliOptions.LIST_BACKENDS) && options.studyDir() == null) {
            return usage("missing STUDY_DIR: give the folder that holds the study's DICOM files.");
        }
        if ("-".equals(options.get(CliOptions.REPORT))) {
            return usage("--report needs a file: standard output carries the resource.");
        }
        if (options.get(CliOptions.REPORT) != null && options.get(CliOptions.OUTPUT) != null && !options.get(CliOptions.OUTPUT).equals("-")
                && Path.of(options.get(CliOptions.REPORT)).toAbsolutePath().normalize().equals(Path.of(options.get(CliOptions.OUTPUT)).toAbsolutePath().normalize())) {
            return usage("--report and --output name the same file: give the report a file of its own.");
        }
        List<Path> jars;
        try {
            jars = Plugins.jars(Plugins.folders(options.all(CliOptions.PLUGINS), environment.get(Plugins.ENVIRONMENT_VARIABLE)));
        } catch (Plugins.PluginFolderException e) {
            return usage(e.getMessage());
        }
        ClassLoader loader = Plugins.loader(jars, Main.class.getClassLoader());
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // libraries inside plug-ins may look up their own resources through the context loader
        thread.setContextClassLoader(loader);
        try (QuietLogging quiet = QuietLogging.unlessVerbose(options.on(CliOptions.VERBOSE))) {
            return options.on(CliOptions.LIST_BACKENDS) ? listBackends(loader) : convert(loader);
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

    private int usage(String message) {
        err.println("dicom2fhir: " + message);
        err.println("Try 'dicom2fhir --help' for the options.");
        return ExitCodes.USAGE;
    }

    private int listBackends(ClassLoader loader) {
        String listing;
        List<String> failures;
        try {
            Backends backends = Backends.discover(loader);
            listing = BackendListing.render(backends);
            failures = backends.loadFailures();
        } catch (BackendSelectionException e) {
            return usage(Main.sentence(e.getMessage()));
        }
        out.print(listing);
        out.flush();
        for (String failure : failures) {
            err.println("warning: " + Main.sentence(failure));
        }
        return ExitCodes.SUCCESS;
    }

    private int convert(ClassLoader loader) {
        ProgressBar progress = new ProgressBar(err, progressDelayMillis);
        Converter converter;
        try {
            converter = converterBuilder(loader).build();
        } catch (BackendSelectionException | InvalidOptionException e) {
            return usage(Main.sentence(e.getMessage()));
        }
        CompletableFuture<FhirValidator> validator = null;
        if (options.on(CliOptions.VALIDATE)) {
            Backends backends;
            try {
                backends = Backends.discover(loader);
            } catch (BackendSelectionException e) {
                return usage(Main.sentence(e.getMessage()));
            }
            if (backends.validators().isEmpty()) {
                return usage("--validate needs a FHIR validator, and none was found: put dicom2fhir-validator-hapi "
                        + "on the class path or in a --plugins folder.");
            }
            FhirRelease release = converter.release();
            boolean supported = backends.validators().stream().anyMatch(v -> v.releases().contains(release));
            if (!supported) {
                return usage("--validate cannot check FHIR " + release.version() + " output: no validator found for that "
                        + "version (found: " + backends.validators().stream()
                                .map(v -> v.name() + " for " + v.releases()).toList() + ").");
            }
            validator = startValidator(backends);
        }

        Path studyDir = Path.of(options.studyDir());
        String dirProblem = studyDirProblem(studyDir);
        if (dirProblem != null) {
            err.println("dicom2fhir: " + dirProblem);
            return ExitCodes.CANNOT_READ_OR_WRITE;
        }
        OutputTarget output = OutputTarget.of(options.get(CliOptions.OUTPUT), out);
        OutputTarget reportTarget = options.get(CliOptions.REPORT) == null ? null : OutputTarget.of(options.get(CliOptions.REPORT), out);
        String outputProblem = output.whyNotWritable();
        String reportProblem = reportTarget == null ? null : reportTarget.whyNotWritable();
        if (outputProblem != null || reportProblem != null) {
            if (outputProblem != null) {
                err.println("dicom2fhir: cannot write " + output.description() + ": " + outputProblem + ".");
            }
            if (reportProblem != null) {
                err.println("dicom2fhir: cannot write the report file: " + reportProblem + ".");
            }
            return ExitCodes.CANNOT_READ_OR_WRITE;
        }

        Boolean progressOption = options.get(CliOptions.PROGRESS);
        boolean showProgress = progressOption != null ? progressOption
                : !options.on(CliOptions.QUIET) && err == System.err && Terminal.stderrIsTerminal();
        if (showProgress) {
            progress.start();
        }
        ConversionReport report = null;
        ConversionResult result = null;
        Throwable bug = null;
        try {
            try {
                result = converter.convert(studyDir, RunOptions.defaults().withProgress(progress));
                report = result.report();
            } catch (MultipleStudiesException e) {
                report = e.report();
                severalStudies(e.filesPerStudy());
            } catch (NoDicomFilesException e) {
                report = e.report();
                nothingIncluded(report);
            } catch (IOException e) {
                // the folder vanished or changed after the check, or a listing failed half-way
                return cannotReadStudyDir(e, progress);
            }
            if (result != null) {
                try {
                    writeResult(result, converter.release(), output, validator);
                } catch (RuntimeException | Error e) {
                    bug = e;
                }
            }
        } finally {
            progress.close();
        }
        if (report != null && reportTarget != null) {
            writeReport(reportTarget, report);
        }
        printNotes(report, result != null && bug == null);
        if (bug != null) {
            return Failures.internalError(bug, err, options.on(CliOptions.VERBOSE));
        }
        return ExitCodes.first(codes);
    }

    private Converter.Builder converterBuilder(ClassLoader loader) {
        Converter.Builder builder = Converter.builder().classLoader(loader).idStrategy(options.get(CliOptions.ID))
                .split(options.on(CliOptions.SPLIT)).limits(options.limits());
        if (options.get(CliOptions.READER) != null) {
            builder.reader(options.get(CliOptions.READER));
        }
        // requested even without a name, so that the writer's set-up overlaps the reading
        builder.writer(options.get(CliOptions.WRITER));
        if (options.get(CliOptions.TIMEZONE) != null) {
            builder.timezone(options.get(CliOptions.TIMEZONE));
        }
        if (options.get(CliOptions.ENDPOINT) != null) {
            builder.endpoint(options.get(CliOptions.ENDPOINT));
        }
        return builder;
    }

    /** The validator takes seconds to start: it does so while the files are read. */
    private static CompletableFuture<FhirValidator> startValidator(Backends backends) {
        CompletableFuture<FhirValidator> future = new CompletableFuture<>();
        Thread starter = new Thread(() -> {
            try {
                future.complete(backends.validator(null));
            } catch (Throwable t) {
                future.completeExceptionally(t);
            }
        }, "dicom2fhir-validator-start");
        starter.setDaemon(true);
        starter.start();
        return future;
    }

    /** A value-free sentence when STUDY_DIR cannot be converted, else null. The folder's name is not repeated: it may hold a patient's name. */
    private static String studyDirProblem(Path dir) {
        if (!Files.exists(dir)) {
            return "STUDY_DIR does not exist.";
        }
        if (!Files.isDirectory(dir)) {
            return "STUDY_DIR is not a folder: give the folder that holds the study's files.";
        }
        if (!Files.isReadable(dir) || !Files.isExecutable(dir)) {
            return "STUDY_DIR cannot be read: permission denied.";
        }
        return null;
    }

    private int cannotReadStudyDir(IOException e, ProgressBar progress) {
        progress.close();
        err.println("dicom2fhir: STUDY_DIR cannot be read: " + Failures.reason(e) + ".");
        if (options.on(CliOptions.VERBOSE)) {
            Redaction.printStackTrace(e, err);
        }
        return ExitCodes.CANNOT_READ_OR_WRITE;
    }

    private void severalStudies(Map<String, Integer> filesPerStudy) {
        codes.add(ExitCodes.SEVERAL_STUDIES);
        notes.add("dicom2fhir: STUDY_DIR holds " + filesPerStudy.size() + " studies; nothing was written. Convert one "
                + "study per folder, or use --split to write a Bundle with one ImagingStudy per study:");
        new TreeMap<>(filesPerStudy).forEach((uid, files) -> notes.add("  " + uid + " (" + plural(files, "file", "files") + ")"));
    }

    private void nothingIncluded(ConversionReport report) {
        ConversionReport.Totals totals = report.totals();
        if (report.hasFailures()) {
            codes.add(ExitCodes.SOME_FILES_FAILED);
            notes.add("dicom2fhir: none of the " + plural(totals.failed(), "file", "files")
                    + " that claim to be DICOM could be read (listed above); nothing was written.");
        } else if (totals.files() == 0) {
            codes.add(ExitCodes.NOTHING_DICOM);
            notes.add("dicom2fhir: nothing in STUDY_DIR is DICOM: the folder holds no files; nothing was written.");
        } else {
            codes.add(ExitCodes.NOTHING_DICOM);
            notes.add("dicom2fhir: nothing in STUDY_DIR is DICOM: all " + plural(totals.files(), "file was", "files were")
                    + " skipped (" + reasonCounts(report.files(Disposition.SKIPPED)) + "); nothing was written.");
        }
    }

    private static String reasonCounts(List<FileReport> files) {
        Map<String, Integer> counts = new TreeMap<>();
        for (FileReport file : files) {
            counts.merge(file.reason() == null ? "?" : file.reason().name(), 1, Integer::sum);
        }
        List<String> parts = new ArrayList<>();
        counts.forEach((reason, n) -> parts.add(n + " " + reason));
        return String.join(", ", parts);
    }

    /** Serialises, validates when asked, and writes; exit codes 4, 6 and 7 are decided here. */
    private void writeResult(ConversionResult result, FhirRelease release, OutputTarget output,
            CompletableFuture<FhirValidator> validator) {
        ConversionReport report = result.report();
        if (report.hasFailures()) {
            codes.add(ExitCodes.SOME_FILES_FAILED);
        }
        WriteOptions writeOptions = new WriteOptions(options.get(CliOptions.FORMAT), options.on(CliOptions.PRETTY));
        byte[] serialised = null;
        if (validator != null) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream(1 << 16);
            try {
                result.writeTo(buffer, writeOptions);
            } catch (IOException e) {
                throw new IllegalStateException("writing to memory failed", e);
            }
            serialised = buffer.toByteArray();
            validate(serialised, release, validator);
        }
        try (OutputTarget.Sink sink = output.open()) {
            if (serialised != null) {
                sink.stream().write(serialised);
            } else {
                // streamed: the result of a huge study never sits in memory as text
                result.writeTo(sink.stream(), writeOptions);
            }
            sink.stream().flush();
            sink.commit();
            if (report.hasFailures()) {
                notes.add("dicom2fhir: " + plural(report.totals().failed(), "file that claims", "files that claim")
                        + " to be DICOM could not be read (listed above); the result holds the other files.");
            }
        } catch (IOException e) {
            codes.add(ExitCodes.CANNOT_READ_OR_WRITE);
            notes.add("dicom2fhir: cannot write " + output.description() + ": " + Failures.reason(e)
                    + (output.replacedAtomically() ? "; any previous file was left as it was." : "."));
        }
    }

    private void validate(byte[] serialised, FhirRelease release, CompletableFuture<FhirValidator> validator) {
        FhirValidator v;
        try {
            v = validator.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the validator started", e);
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof BackendSelectionException selection) {
                codes.add(ExitCodes.USAGE);
                notes.add("dicom2fhir: --validate: " + Main.sentence(selection.getMessage()));
                return;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("the validator failed to start", cause);
        }
        List<ValidationIssue> issues = v.validate(serialised, options.get(CliOptions.FORMAT), release);
        List<ValidationIssue> errors = issues.stream().filter(ValidationIssue::isError).toList();
        if (options.on(CliOptions.VERBOSE)) {
            for (ValidationIssue issue : issues) {
                notes.add("validation " + issue.severity().name().toLowerCase(java.util.Locale.ROOT) + " at "
                        + location(issue) + ": " + Redaction.redact(issue.message()));
            }
        }
        if (errors.isEmpty()) {
            if (!options.on(CliOptions.QUIET)) {
                notes.add("validated: no errors against the FHIR " + release.version()
                        + " base profiles" + (issues.isEmpty() ? "." : " (" + plural(issues.size(), "other issue", "other issues") + ")."));
            }
            return;
        }
        codes.add(ExitCodes.INVALID_RESULT);
        List<String> locations = errors.stream().map(ConversionRun::location).distinct().toList();
        int shown = options.on(CliOptions.VERBOSE) ? locations.size() : Math.min(LOCATIONS_SHOWN, locations.size());
        String listed = String.join(", ", locations.subList(0, shown))
                + (shown < locations.size() ? " and " + (locations.size() - shown) + " more" : "");
        notes.add("dicom2fhir: the result has " + plural(errors.size(), "validation error", "validation errors")
                + " against the FHIR " + release.version() + " base profiles, at " + listed
                + "; the output was written anyway" + (options.on(CliOptions.VERBOSE) ? "." : " (--verbose shows the validator's messages, redacted)."));
    }

    private static String location(ValidationIssue issue) {
        return issue.location().isBlank() ? "(no location)" : issue.location();
    }

    private void writeReport(OutputTarget target, ConversionReport report) {
        byte[] json = ReportJson.render(options.studyDir(), report).getBytes(StandardCharsets.UTF_8);
        try (OutputTarget.Sink sink = target.open()) {
            sink.stream().write(json);
            sink.stream().flush();
            sink.commit();
        } catch (IOException e) {
            codes.add(ExitCodes.CANNOT_READ_OR_WRITE);
            notes.add("dicom2fhir: cannot write the report file: " + Failures.reason(e) + ".");
        }
    }

    /** Warnings, the files that failed, the errors collected, and the one-line summary last. */
    private void printNotes(ConversionReport report, boolean converted) {
        if (report != null) {
            if (!options.on(CliOptions.QUIET)) {
                for (Warning w : report.warnings()) {
                    err.println("warning: " + w.message() + " [" + w.code() + "]");
                }
                printFileWarnings(report);
            }
            if (options.on(CliOptions.VERBOSE)) {
                for (FileReport skipped : report.files(Disposition.SKIPPED)) {
                    err.println("skipped: " + skipped.path() + ": " + message(skipped) + " [" + skipped.reason() + "]");
                }
            }
            for (FileReport failed : report.files(Disposition.FAILED)) {
                err.println("failed: " + failed.path() + ": " + message(failed) + " [" + failed.reason() + "]");
            }
        }
        for (String note : notes) {
            err.println(note);
        }
        if (report != null && !options.on(CliOptions.QUIET)) {
            err.println(summary(report.totals(), converted));
        }
        err.flush();
    }

    private void printFileWarnings(ConversionReport report) {
        int shown = 0;
        int hidden = 0;
        for (FileReport file : report.files()) {
            for (Warning w : file.warnings()) {
                if (options.on(CliOptions.VERBOSE) || shown < FILE_WARNINGS_SHOWN) {
                    err.println("warning: " + file.path() + ": " + w.message() + " [" + w.code() + "]");
                    shown++;
                } else {
                    hidden++;
                }
            }
        }
        if (hidden > 0) {
            err.println("warning: " + plural(hidden, "more file warning", "more file warnings")
                    + " not shown (--verbose or --report FILE lists them all).");
        }
    }

    private static String message(FileReport file) {
        if (file.message() != null && !file.message().isBlank()) {
            return file.message();
        }
        ReasonCode reason = file.reason();
        return reason == null ? "no details" : reason.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }

    /** {@code converted 1 study: 3 series, 17 instances; skipped 2 files, failed 0}. */
    static String summary(ConversionReport.Totals totals, boolean converted) {
        String files = "skipped " + plural(totals.skipped(), "file", "files") + ", failed " + totals.failed();
        if (!converted) {
            return "converted no study; " + files;
        }
        return "converted " + plural(totals.studies(), "study", "studies") + ": " + totals.series() + " series, "
                + plural(totals.instances(), "instance", "instances") + "; " + files;
    }

    static String plural(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
