package org.dicom2fhir.core;

import java.util.List;
import java.util.Objects;
import org.dicom2fhir.api.Warning;
import org.dicom2fhir.api.model.StudyData;
import org.dicom2fhir.api.spi.FhirWriter;

/**
 * The facts of one study mapped to the neutral study.
 *
 * @param warnings   run-level warnings of the mapping (conflicting values, no time zone...)
 * @param duplicates a {@code DUPLICATE_INSTANCE} report for every copy of an instance that was left
 *                   out (the first copy in sorted path order is kept)
 */
public record StudyConversion(StudyData study, List<Warning> warnings, List<FileReport> duplicates) {
    public StudyConversion {
        Objects.requireNonNull(study, "study");
        warnings = List.copyOf(warnings);
        duplicates = List.copyOf(duplicates);
    }

    /** The study as the writer's native ImagingStudy. */
    public Object resource(FhirWriter writer) {
        return writer.toNative(study);
    }
}
