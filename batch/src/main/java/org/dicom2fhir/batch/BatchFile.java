package org.dicom2fhir.batch;

import java.util.Objects;
import org.dicom2fhir.core.FileReport;

/**
 * A file of the archive that was not included, for the report.
 *
 * @param root   the index of its root among the roots given (0 for the first)
 * @param report its report; {@code path} relative to the root, {@code /} separators
 */
public record BatchFile(int root, FileReport report) {
    public BatchFile {
        Objects.requireNonNull(report, "report");
    }
}
