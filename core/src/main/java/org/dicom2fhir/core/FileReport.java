package org.dicom2fhir.core;

import java.util.List;
import java.util.Objects;
import org.dicom2fhir.api.Disposition;
import org.dicom2fhir.api.ReasonCode;
import org.dicom2fhir.api.Warning;

/**
 * What became of one file.
 *
 * @param path        relative to the study folder, {@code /} separators
 * @param reason      null when included
 * @param message     null when included; a value-free sentence otherwise
 */
public record FileReport(String path, Disposition disposition, ReasonCode reason, String message,
        List<Warning> warnings) {
    public FileReport {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(disposition, "disposition");
        warnings = List.copyOf(warnings);
        if ((disposition == Disposition.INCLUDED) != (reason == null)) {
            throw new IllegalArgumentException("a reason is required exactly when the file is not included");
        }
        if (reason != null && reason.disposition() != disposition) {
            throw new IllegalArgumentException("reason " + reason + " does not fit disposition " + disposition);
        }
    }

    public static FileReport included(String path, List<Warning> warnings) {
        return new FileReport(path, Disposition.INCLUDED, null, null, warnings);
    }

    public static FileReport notIncluded(String path, ReasonCode reason, String message, List<Warning> warnings) {
        return new FileReport(path, reason.disposition(), reason, message, warnings);
    }
}
