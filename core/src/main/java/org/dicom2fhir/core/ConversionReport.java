package org.dicom2fhir.core;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.dicom2fhir.api.Disposition;
import org.dicom2fhir.api.Warning;

/**
 * The per-file report of one conversion: every regular file under the study folder (within the
 * depth limit) exactly once, in sorted path order, plus run-level warnings.
 */
public record ConversionReport(Path studyDir, List<FileReport> files, List<Warning> warnings, Totals totals) {
    public ConversionReport {
        Objects.requireNonNull(studyDir, "studyDir");
        files = List.copyOf(files);
        warnings = List.copyOf(warnings);
        Objects.requireNonNull(totals, "totals");
    }

    /** Counts of files by disposition and of what was converted. */
    public record Totals(int files, int included, int skipped, int failed, int studies, int series, int instances) {
    }

    public List<FileReport> files(Disposition disposition) {
        return files.stream().filter(f -> f.disposition() == disposition).toList();
    }

    public boolean hasFailures() {
        return totals.failed() > 0;
    }
}
