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
 * @param patientConflict whether the instances disagree on (0010,0020) PatientID, (0010,0021) IssuerOfPatientID or
 *                   (0010,0024) IssuerOfPatientIDQualifiersSequence (present values only): such a study must
 *                   not be linked to a server's patient ({@link TransactionPlan} refuses it)
 */
public record StudyConversion(StudyData study, List<Warning> warnings, List<FileReport> duplicates,
        boolean patientConflict) {
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
