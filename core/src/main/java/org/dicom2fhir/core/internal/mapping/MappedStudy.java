package org.dicom2fhir.core.internal.mapping;

import java.util.List;
import java.util.Objects;
import org.dicom2fhir.api.Warning;
import org.dicom2fhir.api.model.StudyData;

/** One mapped study and the run-level warnings of its mapping (value-free). */
public record MappedStudy(StudyData study, List<Warning> warnings) {
    public MappedStudy {
        Objects.requireNonNull(study, "study");
        warnings = List.copyOf(warnings);
    }
}
