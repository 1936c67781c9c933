package org.dicom2fhir.batch;

import java.util.Objects;
import org.dicom2fhir.core.StudyConversion;

/**
 * One study of the archive, mapped: its instances may have come from several folders and roots.
 *
 * @param conversion the neutral study, its warnings and whether its instances disagree on the patient
 */
public record BatchStudy(StudyConversion conversion) {
    public BatchStudy {
        Objects.requireNonNull(conversion, "conversion");
    }

    public String studyInstanceUid() {
        return conversion.study().studyInstanceUid();
    }
}
