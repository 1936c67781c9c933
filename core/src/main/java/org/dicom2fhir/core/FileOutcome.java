package org.dicom2fhir.core;

import java.util.Objects;
import org.dicom2fhir.api.Disposition;

/**
 * What reading one file gave: its report and, when the file holds an instance that can be included,
 * the instance's facts (the only thing a batch engine needs to ship on to {@link Converter#mapStudy}).
 * An included report is provisional: grouping may still find the file to be another copy of an
 * instance and skip it as {@code DUPLICATE_INSTANCE}.
 *
 * @param facts non-null exactly when the report says included
 */
public record FileOutcome(FileReport report, InstanceFacts facts) {
    public FileOutcome {
        Objects.requireNonNull(report, "report");
        if ((report.disposition() == Disposition.INCLUDED) != (facts != null)) {
            throw new IllegalArgumentException("facts are present exactly when the file is included");
        }
    }

    public boolean included() {
        return facts != null;
    }
}
