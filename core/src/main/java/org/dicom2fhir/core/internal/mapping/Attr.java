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
    LATERALITY(Tags.LATERALITY, "Laterality"),
    OTHER_PATIENT_IDS(Tags.OTHER_PATIENT_IDS_SEQUENCE, "OtherPatientIDsSequence"),
    STUDY_ID(Tags.STUDY_ID, "StudyID"),
    REFERRING_PHYSICIAN("(0008,0090) ReferringPhysicianName and (0008,0096) ReferringPhysicianIdentificationSequence"),
    READING_PHYSICIANS("(0008,1060) NameOfPhysiciansReadingStudy and (0008,1062)"
            + " PhysiciansReadingStudyIdentificationSequence"),
    PERFORMING_PHYSICIANS("(0008,1050) PerformingPhysicianName and (0008,1052)"
            + " PerformingPhysicianIdentificationSequence"),
    OPERATORS("(0008,1070) OperatorsName and (0008,1072) OperatorIdentificationSequence"),
    REQUESTS("the requested procedures ((0040,0275) RequestAttributesSequence or the top-level (0040,1001),"
            + " (0032,1064), (0040,2016), (0040,2017))"),
    PERFORMED_LOCATION(Tags.PERFORMED_LOCATION, "PerformedLocation"),
    ADMISSION_ID(Tags.ADMISSION_ID, "AdmissionID"),
    ISSUER_OF_ADMISSION_ID(Tags.ISSUER_OF_ADMISSION_ID_SEQUENCE, "IssuerOfAdmissionIDSequence"),
    ANATOMIC_REGION(Tags.ANATOMIC_REGION_SEQUENCE, "AnatomicRegionSequence"),
    FRAME_LATERALITY(Tags.FRAME_LATERALITY, "FrameLaterality"),
    EQUIPMENT("the General Equipment attributes ((0008,0070) Manufacturer, (0008,1090) ManufacturerModelName,"
            + " (0018,1000) DeviceSerialNumber, (0018,1002) DeviceUID, (0018,1020) SoftwareVersions,"
            + " (0008,1010) StationName, (0018,100A) UDISequence)"),
    INSTITUTION_NAME(Tags.INSTITUTION_NAME, "InstitutionName"),
    INSTITUTION_ADDRESS(Tags.INSTITUTION_ADDRESS, "InstitutionAddress"),
    INSTITUTIONAL_DEPARTMENT_NAME(Tags.INSTITUTIONAL_DEPARTMENT_NAME, "InstitutionalDepartmentName"),
    LATERALITY_SOURCES("the laterality sources ((0020,0060) Laterality, (0008,2220) AnatomicRegionModifierSequence,"
            + " (0020,0062) ImageLaterality, (0020,9072) FrameLaterality)");

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
