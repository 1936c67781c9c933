package org.dicom2fhir.testkit;

/** Tags the generator uses that {@link org.dicom2fhir.api.dicom.Tags} does not name. */
final class MoreTags {
    private MoreTags() {
    }

    static final int INSTANCE_CREATION_DATE = 0x00080012;
    static final int INSTANCE_CREATION_TIME = 0x00080013;
    static final int ACQUISITION_DATE = 0x00080022;
    static final int CONTENT_DATE = 0x00080023;
    static final int ACQUISITION_TIME = 0x00080032;
    static final int CONTENT_TIME = 0x00080033;
    static final int MANUFACTURER = 0x00080070;
    static final int INSTITUTION_NAME = 0x00080080;
    static final int REFERRING_PHYSICIAN_NAME = 0x00080090;
    static final int STATION_NAME = 0x00081010;
    static final int PHYSICIANS_OF_RECORD = 0x00081048;
    static final int PERFORMING_PHYSICIAN_NAME = 0x00081050;
    static final int OPERATORS_NAME = 0x00081070;
    static final int MANUFACTURER_MODEL_NAME = 0x00081090;
    static final int REFERENCED_STUDY_SEQUENCE = 0x00081110;
    static final int REFERENCED_SOP_CLASS_UID = 0x00081150;
    static final int REFERENCED_SOP_INSTANCE_UID = 0x00081155;

    static final int PATIENT_AGE = 0x00101010;
    static final int PATIENT_SIZE = 0x00101020;
    static final int PATIENT_WEIGHT = 0x00101030;
    static final int ADDITIONAL_PATIENT_HISTORY = 0x001021B0;

    static final int SCANNING_SEQUENCE = 0x00180020;
    static final int SEQUENCE_VARIANT = 0x00180021;
    static final int MR_ACQUISITION_TYPE = 0x00180023;
    static final int SLICE_THICKNESS = 0x00180050;
    static final int KVP = 0x00180060;
    static final int REPETITION_TIME = 0x00180080;
    static final int ECHO_TIME = 0x00180081;
    static final int MAGNETIC_FIELD_STRENGTH = 0x00180087;
    static final int DEVICE_SERIAL_NUMBER = 0x00181000;
    static final int SOFTWARE_VERSIONS = 0x00181020;
    static final int PROTOCOL_NAME = 0x00181030;
    static final int EXPOSURE_TIME = 0x00181150;
    static final int XRAY_TUBE_CURRENT = 0x00181151;
    static final int IMAGER_PIXEL_SPACING = 0x00181164;
    static final int PATIENT_POSITION = 0x00185100;
    static final int VIEW_POSITION = 0x00185101;

    static final int STUDY_ID = 0x00200010;
    static final int IMAGE_POSITION_PATIENT = 0x00200032;
    static final int IMAGE_ORIENTATION_PATIENT = 0x00200037;
    static final int FRAME_OF_REFERENCE_UID = 0x00200052;
    static final int POSITION_REFERENCE_INDICATOR = 0x00201040;
    static final int SLICE_LOCATION = 0x00201041;
    static final int IMAGE_COMMENTS = 0x00204000;

    static final int SAMPLES_PER_PIXEL = 0x00280002;
    static final int PHOTOMETRIC_INTERPRETATION = 0x00280004;
    static final int ROWS = 0x00280010;
    static final int COLUMNS = 0x00280011;
    static final int PIXEL_SPACING = 0x00280030;
    static final int BITS_ALLOCATED = 0x00280100;
    static final int BITS_STORED = 0x00280101;
    static final int HIGH_BIT = 0x00280102;
    static final int PIXEL_REPRESENTATION = 0x00280103;
    static final int WINDOW_CENTER = 0x00281050;
    static final int WINDOW_WIDTH = 0x00281051;
    static final int RESCALE_INTERCEPT = 0x00281052;
    static final int RESCALE_SLOPE = 0x00281053;
    static final int RESCALE_TYPE = 0x00281054;

    static final int PRIVATE_CREATOR_0029 = 0x00290010;
    static final int PRIVATE_BLOCK_DATA = 0x00291010;

    static final int REQUESTED_PROCEDURE_DESCRIPTION = 0x00321060;
    static final int SCHEDULED_PROCEDURE_STEP_ID = 0x00400009;
    static final int LOCAL_NAMESPACE_ENTITY_ID = 0x00400031;
    static final int PPS_START_DATE = 0x00400244;
    static final int PPS_START_TIME = 0x00400245;
    static final int PPS_ID = 0x00400253;
    static final int PPS_DESCRIPTION = 0x00400254;
    static final int REQUESTED_PROCEDURE_ID = 0x00401001;
    static final int RELATIONSHIP_TYPE = 0x0040A010;
    static final int VALUE_TYPE = 0x0040A040;
    static final int CONTINUITY_OF_CONTENT = 0x0040A050;
    static final int TEXT_VALUE = 0x0040A160;
    static final int COMPLETION_FLAG = 0x0040A491;
    static final int VERIFICATION_FLAG = 0x0040A493;
    static final int CONTENT_SEQUENCE = 0x0040A730;

    static final int DIRECTORY_RECORD_SEQUENCE = 0x00041220;
}
