package org.dicom2fhir.batch;

import java.util.Objects;
import org.dicom2fhir.core.StudyConversion;

/**
 * One study of the archive, mapped: its instances may have come from several folders and roots.
 *
 * @param conversion the neutral study, its warnings and whether its instances disagree on the patient
 * @param patient    with {@linkplain BatchConverter#patients patients of their own}: the study's Patient, else null
 * @param refusal    with patients of their own, why the study cannot reference one ({@code NO_PATIENT_ID},
 *                   {@code NO_PATIENT_SYSTEM}, {@code PATIENT_CONFLICT}); null otherwise
 */
public record BatchStudy(StudyConversion conversion, PatientLink patient, String refusal) {
    public BatchStudy {
        Objects.requireNonNull(conversion, "conversion");
        if (patient != null && refusal != null) {
            throw new IllegalArgumentException("a study links to a Patient or is refused, not both");
        }
    }

    public BatchStudy(StudyConversion conversion) {
        this(conversion, null, null);
    }

    public String studyInstanceUid() {
        return conversion.study().studyInstanceUid();
    }

    /**
     * The Patient a study references ({@code Patient/<id>}).
     *
     * @param id          a keyed hash of the identifier (never the identifier itself)
     * @param first       whether this is the first study of the patient in Study UID order: its patient data make
     *                    the Patient
     * @param differsFromFirst whether this study's patient data differ from those of the first (the Patient keeps
     *                    the first's)
     */
    public record PatientLink(String id, boolean first, boolean differsFromFirst) {
        public PatientLink {
            Objects.requireNonNull(id, "id");
        }
    }
}
