package org.dicom2fhir.api.dicom;

/**
 * The DICOM tags the mapping uses, as {@code int}s ({@code (gggg,eeee)} = {@code 0xggggeeee}), and
 * their conventional rendering.
 */
public final class Tags {
    private Tags() {
    }

    // File Meta Information
    public static final int FILE_META_INFORMATION_GROUP_LENGTH = 0x00020000;
    public static final int MEDIA_STORAGE_SOP_CLASS_UID = 0x00020002;
    public static final int MEDIA_STORAGE_SOP_INSTANCE_UID = 0x00020003;
    public static final int TRANSFER_SYNTAX_UID = 0x00020010;

    // Study, patient
    public static final int SPECIFIC_CHARACTER_SET = 0x00080005;
    public static final int IMAGE_TYPE = 0x00080008;
    public static final int SOP_CLASS_UID = 0x00080016;
    public static final int SOP_INSTANCE_UID = 0x00080018;
    public static final int STUDY_DATE = 0x00080020;
    public static final int SERIES_DATE = 0x00080021;
    public static final int STUDY_TIME = 0x00080030;
    public static final int SERIES_TIME = 0x00080031;
    public static final int ACCESSION_NUMBER = 0x00080050;
    public static final int ISSUER_OF_ACCESSION_NUMBER_SEQUENCE = 0x00080051;
    public static final int MODALITY = 0x00080060;
    public static final int CODE_VALUE = 0x00080100;
    public static final int CODING_SCHEME_DESIGNATOR = 0x00080102;
    public static final int CODE_MEANING = 0x00080104;
    public static final int TIMEZONE_OFFSET_FROM_UTC = 0x00080201;
    public static final int STUDY_DESCRIPTION = 0x00081030;
    public static final int PROCEDURE_CODE_SEQUENCE = 0x00081032;
    public static final int SERIES_DESCRIPTION = 0x0008103E;

    public static final int PATIENT_NAME = 0x00100010;
    public static final int PATIENT_ID = 0x00100020;
    public static final int ISSUER_OF_PATIENT_ID = 0x00100021;
    public static final int ISSUER_OF_PATIENT_ID_QUALIFIERS_SEQUENCE = 0x00100024;
    public static final int PATIENT_BIRTH_DATE = 0x00100030;
    public static final int PATIENT_SEX = 0x00100040;

    public static final int BODY_PART_EXAMINED = 0x00180015;

    public static final int STUDY_INSTANCE_UID = 0x0020000D;
    public static final int SERIES_INSTANCE_UID = 0x0020000E;
    public static final int SERIES_NUMBER = 0x00200011;
    public static final int INSTANCE_NUMBER = 0x00200013;
    public static final int LATERALITY = 0x00200060;
    public static final int IMAGE_LATERALITY = 0x00200062;

    public static final int UNIVERSAL_ENTITY_ID = 0x00400032;
    public static final int UNIVERSAL_ENTITY_ID_TYPE = 0x00400033;
    public static final int REQUEST_ATTRIBUTES_SEQUENCE = 0x00400275;
    public static final int REASON_FOR_THE_REQUESTED_PROCEDURE = 0x00401002;
    public static final int REASON_FOR_REQUESTED_PROCEDURE_CODE_SEQUENCE = 0x0040100A;
    public static final int CONCEPT_NAME_CODE_SEQUENCE = 0x0040A043;

    public static final int DOCUMENT_TITLE = 0x00420010;
    public static final int CONTENT_LABEL = 0x00700080;

    // People (each PN value n has its Person Identification Macro in item n of the sequence after it)
    public static final int REFERRING_PHYSICIAN_NAME = 0x00080090;
    public static final int REFERRING_PHYSICIAN_IDENTIFICATION_SEQUENCE = 0x00080096;
    public static final int PERFORMING_PHYSICIAN_NAME = 0x00081050;
    public static final int PERFORMING_PHYSICIAN_IDENTIFICATION_SEQUENCE = 0x00081052;
    public static final int NAME_OF_PHYSICIANS_READING_STUDY = 0x00081060;
    public static final int PHYSICIANS_READING_STUDY_IDENTIFICATION_SEQUENCE = 0x00081062;
    public static final int OPERATORS_NAME = 0x00081070;
    public static final int OPERATOR_IDENTIFICATION_SEQUENCE = 0x00081072;
    public static final int PERSON_IDENTIFICATION_CODE_SEQUENCE = 0x00401101;
    public static final int CODING_SCHEME_UID = 0x0008010C;
    // Orders
    public static final int STUDY_ID = 0x00200010;
    public static final int REQUESTED_PROCEDURE_ID = 0x00401001;
    public static final int REQUESTED_PROCEDURE_CODE_SEQUENCE = 0x00321064;
    public static final int PLACER_ORDER_NUMBER = 0x00402016;
    public static final int FILLER_ORDER_NUMBER = 0x00402017;
    public static final int ORDER_PLACER_IDENTIFIER_SEQUENCE = 0x00400026;
    public static final int ORDER_FILLER_IDENTIFIER_SEQUENCE = 0x00400027;
    public static final int LOCAL_NAMESPACE_ENTITY_ID = 0x00400031;
    public static final int ADMISSION_ID = 0x00380010;
    public static final int ISSUER_OF_ADMISSION_ID_SEQUENCE = 0x00380014;
    public static final int OTHER_PATIENT_IDS_SEQUENCE = 0x00101002;
    // Anatomy
    public static final int ANATOMIC_REGION_SEQUENCE = 0x00082218;
    public static final int ANATOMIC_REGION_MODIFIER_SEQUENCE = 0x00082220;
    public static final int FRAME_ANATOMY_SEQUENCE = 0x00209071;
    public static final int FRAME_LATERALITY = 0x00209072;
    public static final int SHARED_FUNCTIONAL_GROUPS_SEQUENCE = 0x52009229;
    public static final int PER_FRAME_FUNCTIONAL_GROUPS_SEQUENCE = 0x52009230;
    // Place, equipment, specimen
    public static final int INSTITUTION_NAME = 0x00080080;
    public static final int INSTITUTION_ADDRESS = 0x00080081;
    public static final int INSTITUTIONAL_DEPARTMENT_NAME = 0x00081040;
    public static final int PERFORMED_LOCATION = 0x00400243;
    public static final int MANUFACTURER = 0x00080070;
    public static final int MANUFACTURER_MODEL_NAME = 0x00081090;
    public static final int STATION_NAME = 0x00081010;
    public static final int DEVICE_SERIAL_NUMBER = 0x00181000;
    public static final int DEVICE_UID = 0x00181002;
    public static final int UNIQUE_DEVICE_IDENTIFIER = 0x00181009;
    public static final int UDI_SEQUENCE = 0x0018100A;
    public static final int SOFTWARE_VERSIONS = 0x00181020;
    public static final int SPECIMEN_IDENTIFIER = 0x00400551;
    public static final int SPECIMEN_DESCRIPTION_SEQUENCE = 0x00400560;
    public static final int ISSUER_OF_THE_SPECIMEN_IDENTIFIER_SEQUENCE = 0x00400562;
    public static final int PIXEL_DATA = 0x7FE00010;

    public static final int ITEM = 0xFFFEE000;
    public static final int ITEM_DELIMITATION_ITEM = 0xFFFEE00D;
    public static final int SEQUENCE_DELIMITATION_ITEM = 0xFFFEE0DD;

    /** {@code (gggg,eeee)} in upper-case hex, the form used in every message. */
    public static String format(int tag) {
        return String.format("(%04X,%04X)", tag >>> 16, tag & 0xFFFF);
    }

    public static int group(int tag) {
        return tag >>> 16;
    }
}
