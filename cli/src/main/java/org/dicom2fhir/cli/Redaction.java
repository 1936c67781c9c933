package org.dicom2fhir.cli;

import java.io.PrintStream;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Keeps patient data out of what third-party code says on standard error. Foreign exception messages
 * are withheld from stack traces (ours are value-free by rule); a validator's findings are shown by
 * their structure only ({@link ValidationFindings}). Nothing is redacted by guessing which words of a
 * text are values.
 */
final class Redaction {
    private Redaction() {
    }

    /**
     * A stack trace for {@code --verbose}. Our own exceptions carry value-free messages by rule and
     * are shown as they are; the messages of any other exception (a library's, the JDK's) are
     * withheld, because we cannot know what they quote.
     */
    static void printStackTrace(Throwable error, PrintStream err) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        String prefix = "";
        for (Throwable t = error; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            err.println(prefix + t.getClass().getName() + ": " + safeMessage(t));
            for (StackTraceElement frame : t.getStackTrace()) {
                err.println("\tat " + frame);
            }
            prefix = "Caused by: ";
        }
    }

    /** The message of one of our exceptions (or a class-loading failure), or a note that a foreign one was withheld. */
    static String safeMessage(Throwable t) {
        // ours are value-free by rule; the JVM's linkage and reflection failures name classes and members
        if (t.getClass().getName().startsWith("org.dicom2fhir.") || t instanceof LinkageError
                || t instanceof ReflectiveOperationException) {
            return t.getMessage() == null ? "(no message)" : t.getMessage();
        }
        return "(message withheld: it may quote values of the study)";
    }
}
