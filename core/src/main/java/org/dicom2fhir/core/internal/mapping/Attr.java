package org.dicom2fhir.core.internal.mapping;

import org.dicom2fhir.api.dicom.Tags;

/** The attributes named in warnings: tag and keyword, never a value. */
enum Attr {
    PATIENT_NAME(Tags.PATIENT_NAME, "PatientName"),
    PATIENT_ID(Tags.PATIENT_ID, "PatientID"),
    ISSUER_OF_PATIENT_ID(Tags.ISSUER_OF_PATIENT_ID, "IssuerOfPatientID"),
    ISSUER_OF_PATIENT_ID_QUALIFIERS(Tags.ISSUER_OF_PATIENT_ID_QUALIFIERS_SEQUENCE,
            "IssuerOfPatientIDQualifiersSequence"),
    PATIENT_SEX(Tags.PATIENT_SEX, "PatientSex"),
    PATIENT_BIRTH_DATE(Tags.PATIENT_BIRTH_DATE, "PatientBirthDate"),
    ACCESSION_NUMBER(Tags.ACCESSION_NUMBER, "AccessionNumber"),
    ISSUER_OF_ACCESSION_NUMBER(Tags.ISSUER_OF_ACCESSION_NUMBER_SEQUENCE, "IssuerOfAccessionNumberSequence"),
    STUDY_DATE(Tags.STUDY_DATE, "StudyDate"),
    STUDY_TIME(Tags.STUDY_TIME, "StudyTime"),
    TIMEZONE_OFFSET(Tags.TIMEZONE_OFFSET_FROM_UTC, "TimezoneOffsetFromUTC"),
    STUDY_DESCRIPTION(Tags.STUDY_DESCRIPTION, "StudyDescription"),
    PROCEDURE_CODES(Tags.PROCEDURE_CODE_SEQUENCE, "ProcedureCodeSequence"),
    REASONS("(0040,100A) ReasonForRequestedProcedureCodeSequence and (0040,1002) ReasonForTheRequestedProcedure"),
    MODALITY(Tags.MODALITY, "Modality"),
    SERIES_NUMBER(Tags.SERIES_NUMBER, "SeriesNumber"),
    SERIES_DESCRIPTION(Tags.SERIES_DESCRIPTION, "SeriesDescription"),
    SERIES_DATE(Tags.SERIES_DATE, "SeriesDate"),
    SERIES_TIME(Tags.SERIES_TIME, "SeriesTime"),
    BODY_PART_EXAMINED(Tags.BODY_PART_EXAMINED, "BodyPartExamined"),
    LATERALITY(Tags.LATERALITY, "Laterality");

    private final String label;

    Attr(int tag, String keyword) {
        this(Tags.format(tag) + " " + keyword);
    }

    Attr(String label) {
        this.label = label;
    }

    /** {@code (gggg,eeee) Keyword}. */
    String label() {
        return label;
    }
}
