package org.dicom2fhir.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dicom2fhir.api.spi.FhirRelease;
import org.dicom2fhir.api.spi.ValidationIssue;

/** What standard error says about a validator's findings. */
final class ValidationFindings {
    /** Validation error locations shown without --verbose. */
    static final int LOCATIONS_SHOWN = 10;

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

    /** One line per finding, for --verbose. */
    List<String> lines() {
        List<String> lines = new ArrayList<>();
        for (ValidationIssue issue : issues) {
            lines.add("validation " + issue.severity().name().toLowerCase(Locale.ROOT) + " at "
                    + location(issue) + ": " + Redaction.redact(issue.message()));
        }
        return lines;
    }

    String noErrors() {
        return "validated: no errors against the FHIR " + release.version() + " base profiles"
                + (issues.isEmpty() ? "." : " (" + RunMessages.plural(issues.size(), "other issue", "other issues") + ").");
    }

    String errorSummary(boolean verbose) {
        List<String> locations = errors.stream().map(ValidationFindings::location).distinct().toList();
        int shown = verbose ? locations.size() : Math.min(LOCATIONS_SHOWN, locations.size());
        String listed = String.join(", ", locations.subList(0, shown))
                + (shown < locations.size() ? " and " + (locations.size() - shown) + " more" : "");
        return "dicom2fhir: the result has " + RunMessages.plural(errors.size(), "validation error", "validation errors")
                + " against the FHIR " + release.version() + " base profiles, at " + listed
                + "; the output was written anyway" + (verbose ? "." : " (--verbose shows the validator's messages, redacted).");
    }

    private static String location(ValidationIssue issue) {
        return issue.location().isBlank() ? "(no location)" : issue.location();
    }
}
