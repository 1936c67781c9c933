package org.dicom2fhir.core.internal.mapping;

import java.util.List;
import java.util.Objects;
import org.dicom2fhir.api.Warning;
import org.dicom2fhir.api.model.StudyData;

/**
 * One mapped study and the run-level warnings of its mapping (value-free).
 *
 * @param patientConflict whether the instances disagree on (0010,0020) PatientID, (0010,0021) IssuerOfPatientID
 *                        or (0010,0024) IssuerOfPatientIDQualifiersSequence (present values only): such a study
 *                        must not be linked to a server's patient
 */
public record MappedStudy(StudyData study, List<Warning> warnings, boolean patientConflict) {
    public MappedStudy {
        Objects.requireNonNull(study, "study");
        warnings = List.copyOf(warnings);
    }
}
