package org.dicom2fhir.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dicom2fhir.api.spi.FhirRelease;
import org.dicom2fhir.api.spi.ValidationIssue;

/**
 * What standard error says about a validator's findings: their structure, never their text. A
 * finding is shown by its severity, its message id (the validator's name for the kind of finding,
 * such as HAPI's {@code Terminology_TX_NoValid_2_CC}) and its location (element names and indexes:
 * {@code ImagingStudy.series[0].instance[3]}). The validator's sentence is never shown: it quotes
 * values of the resource (a patient's name, an identifier, a date), and no rule can tell which words of
 * free text are values. A message id or location that does not have the shape of one is withheld as
 * well, and so are the resource ids HAPI writes into locations ({@code /*Patient/123*}{@code /}).
 */
final class ValidationFindings {
    /** Validation error locations shown without --verbose. */
    static final int LOCATIONS_SHOWN = 10;

    /** Stands for the finding's text when the validator names no message id ({@link #TEXTS_NOT_SHOWN} says why). */
    static final String NO_MESSAGE_ID = "(no message id)";
    static final String MESSAGE_ID_WITHHELD = "(message id withheld: it is not an identifier)";
    static final String NO_LOCATION = "(no location)";
    static final String REST_WITHHELD = " (rest of the location withheld)";
    /** Said once after the findings of --verbose. */
    static final String TEXTS_NOT_SHOWN = "validation: the validator's own texts are not shown, as they may quote "
            + "patient data; run a FHIR validator on the output to read them.";

    private static final int MAX_MESSAGE_ID_LENGTH = 100;

    private final List<ValidationIssue> issues;
    private final List<ValidationIssue> errors;
    private final FhirRelease release;

    ValidationFindings(List<ValidationIssue> issues, FhirRelease release) {
        this.issues = List.copyOf(issues);
        this.errors = issues.stream().filter(ValidationIssue::isError).toList();
        this.release = release;
    }

    int errors() {
        return errors.size();
    }

    /** For --verbose: {@code validation error at ImagingStudy.status: Terminology_TX_NoValid_2_CC}, one per finding. */
    List<String> lines() {
        List<String> lines = new ArrayList<>(issues.size() + 1);
        for (ValidationIssue issue : issues) {
            lines.add("validation " + issue.severity().name().toLowerCase(Locale.ROOT) + " at "
                    + location(issue.location()) + ": " + messageId(issue.messageId()));
        }
        if (!issues.isEmpty()) {
            lines.add(TEXTS_NOT_SHOWN);
        }
        return lines;
    }

    String noErrors() {
        return "validated: no errors against the FHIR " + release.version() + " base profiles"
                + (issues.isEmpty() ? "." : " (" + RunMessages.plural(issues.size(), "other issue", "other issues") + ").");
    }

    /** Exit code 6's line: how many errors, and where (all locations with --verbose, else the first ten). */
    String errorSummary(boolean verbose) {
        return errorSummary(verbose, "the result", "the output was written anyway");
    }

    /** As {@link #errorSummary(boolean)}, for {@code what} (the result, a study's transaction) and its consequence. */
    String errorSummary(boolean verbose, String what, String consequence) {
        List<String> locations = errors.stream().map(e -> location(e.location())).distinct().toList();
        int shown = verbose ? locations.size() : Math.min(LOCATIONS_SHOWN, locations.size());
        String listed = String.join(", ", locations.subList(0, shown))
                + (shown < locations.size() ? " and " + (locations.size() - shown) + " more" : "");
        return "dicom2fhir: " + what + " has " + RunMessages.plural(errors.size(), "validation error", "validation errors")
                + " against the FHIR " + release.version() + " base profiles, at " + listed
                + "; " + consequence + (verbose ? "." : " (--verbose lists each error's message id).");
    }

    /** The message id if it has the shape of an identifier ({@code Terminology_TX_NoValid_2_CC}, {@code dom-6}). */
    static String messageId(String id) {
        if (id == null || id.isBlank()) {
            return NO_MESSAGE_ID;
        }
        if (id.length() > MAX_MESSAGE_ID_LENGTH || !isAsciiLetter(id.charAt(0))) {
            return MESSAGE_ID_WITHHELD;
        }
        for (int i = 1; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!(isAsciiLetterOrDigit(c) || c == '_' || c == '.' || c == '-')) {
                return MESSAGE_ID_WITHHELD;
            }
        }
        return id;
    }

    /**
     * The part of a location that is a path of element names, optional type filters and indexes
     * ({@code Bundle.entry[0].resource.ofType(ImagingStudy).series[1]}), or a position
     * ({@code line 3, column 17}). HAPI's resource-id comments are dropped; from the first part of
     * another shape (a quoted URL, an expression) on, the rest is withheld.
     */
    static String location(String location) {
        if (location == null || location.isBlank()) {
            return NO_LOCATION;
        }
        String s = withoutComments(location.strip());
        if (s.matches("line \\d{1,9}, column \\d{1,9}")) {
            return s;
        }
        int end = pathPrefix(s);
        if (end == 0) {
            return "(location withheld)";
        }
        return end == s.length() ? s : s.substring(0, end) + REST_WITHHELD;
    }

    /** {@code a/*x*}{@code /.b} to {@code a.b}: HAPI names the resource (type and id) in such comments. */
    private static String withoutComments(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            int open = s.indexOf("/*", i);
            if (open < 0) {
                out.append(s, i, s.length());
                break;
            }
            int close = s.indexOf("*/", open + 2);
            if (close < 0) {
                // an unclosed comment: nothing after it is kept
                out.append(s, i, open);
                out.append("/*");
                break;
            }
            out.append(s, i, open);
            i = close + 2;
        }
        return out.toString();
    }

    /**
     * The length of the longest prefix made of whole segments {@code name}, {@code name(Name)} and
     * {@code name[digits]}, separated by dots; 0 when even the first segment has another shape.
     */
    private static int pathPrefix(String s) {
        int valid = 0;
        int i = 0;
        while (true) {
            int segmentEnd = segment(s, i);
            if (segmentEnd < 0) {
                return valid;
            }
            valid = segmentEnd;
            if (segmentEnd == s.length() || s.charAt(segmentEnd) != '.') {
                return valid;
            }
            i = segmentEnd + 1;
        }
    }

    /**
     * The end of a segment starting at {@code i}, or -1 when it does not start with a name; a type
     * filter or index of another shape ends it after the name.
     */
    private static int segment(String s, int i) {
        int end = name(s, i);
        if (end < 0) {
            return -1;
        }
        if (end < s.length() && s.charAt(end) == '(') {
            int inner = name(s, end + 1);
            if (inner < 0 || inner >= s.length() || s.charAt(inner) != ')') {
                // an argument of another shape ('a quoted URL'): the name before it is kept
                return end;
            }
            end = inner + 1;
        }
        if (end < s.length() && s.charAt(end) == '[') {
            int digits = end + 1;
            while (digits < s.length() && digits - end <= 9 && isAsciiDigit(s.charAt(digits))) {
                digits++;
            }
            if (digits == end + 1 || digits >= s.length() || s.charAt(digits) != ']') {
                // an index of another shape: the name before it is kept
                return end;
            }
            end = digits + 1;
        }
        return end;
    }

    /** The end of an element or type name ({@code [A-Za-z][A-Za-z0-9_]*}) starting at {@code i}, or -1. */
    private static int name(String s, int i) {
        if (i >= s.length() || !isAsciiLetter(s.charAt(i))) {
            return -1;
        }
        int end = i + 1;
        while (end < s.length() && (isAsciiLetterOrDigit(s.charAt(end)) || s.charAt(end) == '_')) {
            end++;
        }
        return end;
    }

    private static boolean isAsciiLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return isAsciiLetter(c) || isAsciiDigit(c);
    }
}
