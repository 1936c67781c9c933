package org.dicom2fhir.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dicom2fhir.api.dicom.Tags;

/**
 * The attributes the extended ImagingStudy mapping reads (people, orders, anatomy, place, specimen,
 * equipment, admission, other patient IDs), by tag and as ready-made items, so that the reader
 * contract, the differential tests and the sample study build them one way. Every value is synthetic.
 */
public final class MappedAttributes {
    private MappedAttributes() {
    }

    // People (PS3.3 C.7.2.1, C.7.3.1; Person Identification Macro, Table 10-1)
    public static final int REFERRING_PHYSICIAN_NAME = 0x00080090;
    public static final int REFERRING_PHYSICIAN_IDENTIFICATION_SEQUENCE = 0x00080096;
    public static final int PERFORMING_PHYSICIAN_NAME = 0x00081050;
    public static final int PERFORMING_PHYSICIAN_IDENTIFICATION_SEQUENCE = 0x00081052;
    public static final int NAME_OF_PHYSICIANS_READING_STUDY = 0x00081060;
    public static final int PHYSICIANS_READING_STUDY_IDENTIFICATION_SEQUENCE = 0x00081062;
    public static final int OPERATORS_NAME = 0x00081070;
    public static final int OPERATOR_IDENTIFICATION_SEQUENCE = 0x00081072;
    public static final int PERSON_IDENTIFICATION_CODE_SEQUENCE = 0x00401101;

    // Orders (Request Attributes Sequence, and the same attributes at top level)
    public static final int REQUESTED_PROCEDURE_ID = 0x00401001;
    public static final int REQUESTED_PROCEDURE_CODE_SEQUENCE = 0x00321064;
    public static final int PLACER_ORDER_NUMBER = 0x00402016;
    public static final int FILLER_ORDER_NUMBER = 0x00402017;
    public static final int ORDER_PLACER_IDENTIFIER_SEQUENCE = 0x00400026;
    public static final int ORDER_FILLER_IDENTIFIER_SEQUENCE = 0x00400027;
    public static final int LOCAL_NAMESPACE_ENTITY_ID = 0x00400031;

    // Anatomy, single- and multi-frame
    public static final int ANATOMIC_REGION_SEQUENCE = 0x00082218;
    public static final int ANATOMIC_REGION_MODIFIER_SEQUENCE = 0x00082220;
    public static final int SHARED_FUNCTIONAL_GROUPS_SEQUENCE = 0x52009229;
    public static final int PER_FRAME_FUNCTIONAL_GROUPS_SEQUENCE = 0x52009230;
    public static final int FRAME_ANATOMY_SEQUENCE = 0x00209071;
    public static final int FRAME_LATERALITY = 0x00209072;
    public static final int FRAME_CONTENT_SEQUENCE = 0x00209111;
    public static final int DIMENSION_INDEX_VALUES = 0x00209157;
    public static final int FRAME_REFERENCE_DATETIME = 0x00189151;

    // Place
    public static final int INSTITUTION_NAME = 0x00080080;
    public static final int INSTITUTION_ADDRESS = 0x00080081;
    public static final int INSTITUTIONAL_DEPARTMENT_NAME = 0x00081040;
    public static final int PERFORMED_LOCATION = 0x00400243;

    // Specimen
    public static final int SPECIMEN_DESCRIPTION_SEQUENCE = 0x00400560;
    public static final int SPECIMEN_IDENTIFIER = 0x00400551;
    public static final int SPECIMEN_UID = 0x00400554;
    public static final int ISSUER_OF_THE_SPECIMEN_IDENTIFIER_SEQUENCE = 0x00400562;

    public static final int STUDY_ID = 0x00200010;

    // Equipment
    public static final int MANUFACTURER = 0x00080070;
    public static final int STATION_NAME = 0x00081010;
    public static final int MANUFACTURER_MODEL_NAME = 0x00081090;
    public static final int DEVICE_SERIAL_NUMBER = 0x00181000;
    public static final int DEVICE_UID = 0x00181002;
    public static final int UNIQUE_DEVICE_IDENTIFIER = 0x00181009;
    public static final int UDI_SEQUENCE = 0x0018100A;
    public static final int SOFTWARE_VERSIONS = 0x00181020;

    // Admission, other patient IDs
    public static final int ADMISSION_ID = 0x00380010;
    public static final int ISSUER_OF_ADMISSION_ID_SEQUENCE = 0x00380014;
    public static final int OTHER_PATIENT_IDS_SEQUENCE = 0x00101002;
    public static final int TYPE_OF_PATIENT_ID = 0x00100022;

    /** An item of a code sequence (Code Sequence Macro: value, scheme, meaning). */
    public static DicomObject code(String value, String scheme, String meaning) {
        return new DicomObject().set(Tags.CODE_VALUE, "SH", value).set(Tags.CODING_SCHEME_DESIGNATOR, "SH", scheme)
                .set(Tags.CODE_MEANING, "LO", meaning);
    }

    /** An HL7 v2 hierarchic designator item (local namespace, universal ID and its type); a null part is left out. */
    public static DicomObject issuer(String localNamespace, String universalId, String universalIdType) {
        DicomObject item = new DicomObject();
        if (localNamespace != null) {
            item.set(LOCAL_NAMESPACE_ENTITY_ID, "UT", localNamespace);
        }
        if (universalId != null) {
            item.set(Tags.UNIVERSAL_ENTITY_ID, "UT", universalId).set(Tags.UNIVERSAL_ENTITY_ID_TYPE, "CS", universalIdType);
        }
        return item;
    }

    /** An item of a Person Identification Macro sequence: the person's codes and institution. */
    public static DicomObject person(String institution, DicomObject... codes) {
        return new DicomObject().setSequence(PERSON_IDENTIFICATION_CODE_SEQUENCE, codes)
                .set(INSTITUTION_NAME, "LO", institution);
    }

    /** An Anatomic Region Sequence item, with its modifiers (none: no modifier sequence). */
    public static DicomObject region(DicomObject region, DicomObject... modifiers) {
        DicomObject item = region.copy();
        if (modifiers.length > 0) {
            item.setSequence(ANATOMIC_REGION_MODIFIER_SEQUENCE, modifiers);
        }
        return item;
    }

    /** The one item of a Shared Functional Groups Sequence: frame anatomy three levels above a modifier. */
    public static DicomObject sharedGroups(DicomObject region, String laterality) {
        return new DicomObject().setSequence(FRAME_ANATOMY_SEQUENCE, new DicomObject()
                .setSequence(ANATOMIC_REGION_SEQUENCE, region)
                .set(FRAME_LATERALITY, "CS", laterality));
    }

    /** Per-frame functional group items, one per frame, each with its Frame Content (index and time). */
    public static List<DicomObject> perFrameGroups(int frames) {
        List<DicomObject> items = new ArrayList<>(frames);
        for (int f = 1; f <= frames; f++) {
            items.add(new DicomObject().setSequence(FRAME_CONTENT_SEQUENCE, new DicomObject()
                    .setInts(DIMENSION_INDEX_VALUES, "UL", 1, f)
                    .set(FRAME_REFERENCE_DATETIME, "DT", String.format(Locale.ROOT, "20240115093000.%06d", f))));
        }
        return items;
    }

    /**
     * Every attribute the mapping reads, in Latin-1, in one data set (to add to a complete one): all the
     * nested sequences, multi-valued names, UT values (one with a backslash, which UT does not split),
     * an empty sequence and an empty item. No per-frame groups: add {@link #perFrameGroups} as needed.
     */
    public static DicomObject all() {
        DicomObject chest = code("51185008", "SCT", "Thorax");
        DicomObject left = code("7771000", "SCT", "Left");
        return new DicomObject()
                .set(REFERRING_PHYSICIAN_NAME, "PN", "Referrer^Renée^^Dr")
                .setSequence(REFERRING_PHYSICIAN_IDENTIFICATION_SEQUENCE,
                        person("Example Clinic", code("R-1234", "L", "Referrer Renée")))
                .set(PERFORMING_PHYSICIAN_NAME, "PN", "Performer^One", "Performer^Two")
                .setSequence(PERFORMING_PHYSICIAN_IDENTIFICATION_SEQUENCE,
                        person("Example Hospital", code("P-1", "L", "Performer One")),
                        person("Example Hospital", code("P-2", "L", "Performer Two")))
                .set(OPERATORS_NAME, "PN", "Operator^Olga")
                .setSequence(OPERATOR_IDENTIFICATION_SEQUENCE, new DicomObject()) // an empty item
                .set(NAME_OF_PHYSICIANS_READING_STUDY, "PN", "Reader^Rita", "", "Reader^Rolf")
                .setSequence(PHYSICIANS_READING_STUDY_IDENTIFICATION_SEQUENCE,
                        person("Example Hospital", code("RD-1", "L", "Reader Rita")))
                .set(Tags.ACCESSION_NUMBER, "SH", "ACC-TOP")
                .setSequence(Tags.ISSUER_OF_ACCESSION_NUMBER_SEQUENCE, issuer("RIS", null, null))
                .setSequence(Tags.REQUEST_ATTRIBUTES_SEQUENCE,
                        new DicomObject().set(REQUESTED_PROCEDURE_ID, "SH", "RP-1")
                                .setSequence(REQUESTED_PROCEDURE_CODE_SEQUENCE, code("24627-2", "LN", "CT Chest"))
                                .set(Tags.ACCESSION_NUMBER, "SH", "ACC-1")
                                .setSequence(Tags.ISSUER_OF_ACCESSION_NUMBER_SEQUENCE,
                                        issuer("RIS", "2.25.1111", "ISO"))
                                .set(PLACER_ORDER_NUMBER, "LO", "PLACER-1")
                                .set(FILLER_ORDER_NUMBER, "LO", "FILLER-1")
                                .setSequence(ORDER_PLACER_IDENTIFIER_SEQUENCE, issuer("HIS", "2.25.2222", "ISO"))
                                .setSequence(ORDER_FILLER_IDENTIFIER_SEQUENCE, issuer("RIS\\EAST", null, null)),
                        new DicomObject().set(REQUESTED_PROCEDURE_ID, "SH", "RP-2")
                                .set(PLACER_ORDER_NUMBER, "LO", "PLACER-2")
                                .setEmpty(ORDER_PLACER_IDENTIFIER_SEQUENCE, "SQ")) // an empty sequence
                .set(REQUESTED_PROCEDURE_ID, "SH", "RP-1")
                .set(PLACER_ORDER_NUMBER, "LO", "PLACER-1")
                .set(FILLER_ORDER_NUMBER, "LO", "FILLER-1")
                .setSequence(ORDER_PLACER_IDENTIFIER_SEQUENCE, issuer("HIS", "2.25.2222", "ISO"))
                .setSequence(ORDER_FILLER_IDENTIFIER_SEQUENCE, issuer(null, "urn:oid:2.25.3333", "URI"))
                .setSequence(ANATOMIC_REGION_SEQUENCE, region(code("T-D3000", "SRT", "Chest"),
                        code("7771000", "SCT", "Left"), code("24028007", "SCT", "Right")))
                .set(Tags.LATERALITY, "CS", "L")
                .set(Tags.IMAGE_LATERALITY, "CS", "B")
                .set(INSTITUTION_NAME, "LO", "Example Hospital")
                .set(INSTITUTION_ADDRESS, "ST", "1 Example Street\\Building B\r\nExample Town")
                .set(INSTITUTIONAL_DEPARTMENT_NAME, "LO", "Radiology")
                .set(PERFORMED_LOCATION, "SH", "CT Room 2")
                .setSequence(SPECIMEN_DESCRIPTION_SEQUENCE, new DicomObject()
                        .set(SPECIMEN_IDENTIFIER, "LO", "SPEC-0001")
                        .set(SPECIMEN_UID, "UI", "2.25.4444")
                        .setSequence(ISSUER_OF_THE_SPECIMEN_IDENTIFIER_SEQUENCE, issuer("LIS", "2.25.5555", "ISO")))
                .set(STUDY_ID, "SH", "STUDY-7")
                .set(MANUFACTURER, "LO", "Example Devices")
                .set(MANUFACTURER_MODEL_NAME, "LO", "Scanner 3000")
                .set(DEVICE_SERIAL_NUMBER, "LO", "SN-0042")
                .set(DEVICE_UID, "UI", "2.25.6666")
                .set(SOFTWARE_VERSIONS, "LO", "VA10", "build 7")
                .set(STATION_NAME, "SH", "CTROOM2")
                .setSequence(UDI_SEQUENCE, new DicomObject().set(UNIQUE_DEVICE_IDENTIFIER, "UT",
                        "(01)00844588003288(17)141120(10)7654321D(21)10987654d321"))
                .set(ADMISSION_ID, "LO", "ADM-9")
                .setSequence(ISSUER_OF_ADMISSION_ID_SEQUENCE, issuer("ADT", "2.25.7777", "ISO"))
                .setSequence(OTHER_PATIENT_IDS_SEQUENCE,
                        new DicomObject().set(Tags.PATIENT_ID, "LO", "OTHER-1").set(Tags.ISSUER_OF_PATIENT_ID, "LO", "SITE-A")
                                .set(TYPE_OF_PATIENT_ID, "CS", "TEXT")
                                .setSequence(Tags.ISSUER_OF_PATIENT_ID_QUALIFIERS_SEQUENCE,
                                        issuer(null, "2.25.8888", "ISO")),
                        new DicomObject().set(Tags.PATIENT_ID, "LO", "OTHER-2").set(TYPE_OF_PATIENT_ID, "CS", "RFID"))
                .setSequence(SHARED_FUNCTIONAL_GROUPS_SEQUENCE, sharedGroups(region(chest, left), "L"));
    }
}
