package org.dicom2fhir.cli;

import java.io.PrintStream;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps patient data out of what third-party libraries say. The HAPI validator and FHIR models quote
 * the offending value in their messages; we show their messages only with {@code --verbose}, and
 * then with quoted text and every word holding a digit (dates, identifiers, numbers) replaced.
 */
final class Redaction {
    static final String PLACEHOLDER = "<value>";

    private static final Pattern QUOTED = Pattern.compile(
            "'[^']*'|\"[^\"]*\"|`[^`]*`|\u2018[^\u2019]*\u2019|\u201c[^\u201d]*\u201d|\u00ab[^\u00bb]*\u00bb");
    /**
     * A canonical URL of the specifications (a value set, a code system, a profile) is not a value of
     * the study and says which rule failed: kept. Otherwise, a word holding a digit is replaced.
     */
    private static final Pattern SPEC_URL_OR_WORD_WITH_DIGIT = Pattern.compile(
            "(https?://(?:[a-z]+\\.)?(?:hl7\\.org|dicom\\.nema\\.org|snomed\\.info|loinc\\.org|unitsofmeasure\\.org)"
                    + "(?:/[^\\s()<>'\"`,;]*)?)"
                    + "|[^\\s()\\[\\],;:]*\\d[^\\s()\\[\\],;:]*");
    private static final Pattern ASSIGNED = Pattern.compile("(=\\s*)[^\\s,;)\\]]+");

    private Redaction() {
    }

    /** A third-party message with the values it may quote replaced by {@value #PLACEHOLDER}. */
    static String redact(String message) {
        if (message == null || message.isEmpty()) {
            return "";
        }
        String s = QUOTED.matcher(message).replaceAll(PLACEHOLDER);
        s = ASSIGNED.matcher(s).replaceAll("$1" + PLACEHOLDER);
        return SPEC_URL_OR_WORD_WITH_DIGIT.matcher(s)
                .replaceAll(m -> isCanonical(m.group(1)) ? Matcher.quoteReplacement(m.group(1)) : PLACEHOLDER);
    }

    /** A specification URL without a fragment or query (those could carry a code taken from the study). */
    private static boolean isCanonical(String specUrl) {
        return specUrl != null && specUrl.indexOf('#') < 0 && specUrl.indexOf('?') < 0;
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
