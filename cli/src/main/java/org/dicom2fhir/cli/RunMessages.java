package org.dicom2fhir.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.dicom2fhir.api.Disposition;
import org.dicom2fhir.api.ReasonCode;
import org.dicom2fhir.api.Warning;
import org.dicom2fhir.core.ConversionReport;
import org.dicom2fhir.core.FileReport;

/**
 * Standard error at the end of a run: the warnings, the files that failed (and with --verbose those
 * skipped), the run's notes, and the one-line summary last. Every line is value-free: file paths
 * relative to STUDY_DIR, reason and warning codes, and the library's value-free messages.
 */
final class RunMessages {
    /** File warnings shown without --verbose; the rest are counted (the report has them all). */
    static final int FILE_WARNINGS_SHOWN = 20;

    private final PrintStream err;
    private final boolean quiet;
    private final boolean verbose;

    RunMessages(PrintStream err, boolean quiet, boolean verbose) {
        this.err = err;
        this.quiet = quiet;
        this.verbose = verbose;
    }

    /** Exit code 5: the studies found, by UID (not patient data), with their file counts. */
    static void severalStudies(Map<String, Integer> filesPerStudy, RunLog log) {
        log.fail(ExitCodes.SEVERAL_STUDIES, "dicom2fhir: STUDY_DIR holds " + filesPerStudy.size() + " studies; nothing "
                + "was written. Convert one study per folder, or use --split to write a Bundle with one ImagingStudy "
                + "per study:");
        new TreeMap<>(filesPerStudy).forEach((uid, files) -> log.note("  " + uid + " (" + plural(files, "file", "files") + ")"));
    }

    /** Exit code 3 (nothing is DICOM) or 4 (every DICOM file failed), and why. */
    static void nothingIncluded(ConversionReport report, RunLog log) {
        ConversionReport.Totals totals = report.totals();
        if (report.hasFailures()) {
            log.fail(ExitCodes.SOME_FILES_FAILED, "dicom2fhir: none of the " + plural(totals.failed(), "file", "files")
                    + " that claim to be DICOM could be read (listed above); nothing was written.");
        } else if (totals.files() == 0) {
            log.fail(ExitCodes.NOTHING_DICOM, "dicom2fhir: nothing in STUDY_DIR is DICOM: the folder holds no files; "
                    + "nothing was written.");
        } else {
            log.fail(ExitCodes.NOTHING_DICOM, "dicom2fhir: nothing in STUDY_DIR is DICOM: all "
                    + plural(totals.files(), "file was", "files were") + " skipped ("
                    + reasonCounts(report.files(Disposition.SKIPPED)) + "); nothing was written.");
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

    /**
     * Warnings, the files that failed, the notes of the run, and the one-line summary last.
     *
     * @param report    null when the folder was never scanned
     * @param converted whether a resource was produced
     */
    void print(ConversionReport report, RunLog log, boolean converted) {
        if (report != null) {
            if (!quiet) {
                for (Warning w : report.warnings()) {
                    err.println("warning: " + w.message() + " [" + w.code() + "]");
                }
                printFileWarnings(report);
            }
            if (verbose) {
                for (FileReport skipped : report.files(Disposition.SKIPPED)) {
                    err.println("skipped: " + skipped.path() + ": " + message(skipped) + " [" + skipped.reason() + "]");
                }
            }
            for (FileReport failed : report.files(Disposition.FAILED)) {
                err.println("failed: " + failed.path() + ": " + message(failed) + " [" + failed.reason() + "]");
            }
        }
        for (String note : log.notes()) {
            err.println(note);
        }
        if (report != null && !quiet) {
            err.println(summary(report.totals(), converted));
        }
        err.flush();
    }

    private void printFileWarnings(ConversionReport report) {
        int shown = 0;
        int hidden = 0;
        for (FileReport file : report.files()) {
            for (Warning w : file.warnings()) {
                if (verbose || shown < FILE_WARNINGS_SHOWN) {
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
        return reason == null ? "no details" : reason.name().toLowerCase(Locale.ROOT).replace('_', ' ');
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
