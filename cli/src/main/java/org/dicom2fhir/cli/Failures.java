package org.dicom2fhir.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** Sentences for failures; never an exception class name or a value unless {@code --verbose}. */
final class Failures {
    private Failures() {
    }

    /** Exit code 1: a bug. The message says so and how to report it. */
    static int internalError(Throwable error, PrintStream err, boolean verbose) {
        if (error instanceof OutOfMemoryError) {
            // not a bug in itself: a very large study needs a larger heap
            err.println("dicom2fhir: the Java heap ran out of memory. Run again with a larger heap: "
                    + "DICOM2FHIR_JAVA_OPTS=-Xmx4g with the launcher, or java -Xmx4g -jar dicom2fhir.jar.");
            return ExitCodes.INTERNAL_ERROR;
        }
        String what = error.getClass().getName().startsWith("org.dicom2fhir.") && error.getMessage() != null
                ? ": " + Main.sentence(error.getMessage())
                : ".";
        err.println("dicom2fhir: internal error: the run stopped unexpectedly" + what);
        err.println("This is a bug in dicom2fhir, not a problem with your files or options. Please report it on the "
                + "project's issue tracker with the command line you used and the standard error of the same "
                + "command run with --verbose (it holds no patient data; check before sharing).");
        if (verbose) {
            Redaction.printStackTrace(error, err);
        } else {
            err.println("Run again with --verbose to see where it happened.");
        }
        return ExitCodes.INTERNAL_ERROR;
    }

    /**
     * Why an I/O operation failed, as a phrase without the path or the library's text (a path may hold
     * a patient's name: the folder names of study exports often do).
     */
    static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "it or its folder does not exist";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NotDirectoryException) {
            return "a part of the path is not a folder";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason().toLowerCase(java.util.Locale.ROOT);
        }
        if (e.getClass().getName().startsWith("org.dicom2fhir.") && e.getMessage() != null) {
            return e.getMessage();
        }
        // a plain IOException from a failed write carries the system's text ("No space left on device")
        String message = e.getMessage();
        if (e.getClass() == IOException.class && message != null && !message.isBlank() && message.indexOf('/') < 0
                && message.indexOf(java.io.File.separatorChar) < 0 && message.length() <= 80) {
            return message.toLowerCase(java.util.Locale.ROOT);
        }
        return "an input/output error occurred";
    }
}
