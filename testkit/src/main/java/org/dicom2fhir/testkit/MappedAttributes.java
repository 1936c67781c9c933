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

    // Orders (Request Attributes Sequence, and the same attributes at top level)

    // Anatomy, single- and multi-frame
    public static final int FRAME_CONTENT_SEQUENCE = 0x00209111;
    public static final int DIMENSION_INDEX_VALUES = 0x00209157;
    public static final int FRAME_REFERENCE_DATETIME = 0x00189151;

    // Place

    // Specimen
    public static final int SPECIMEN_UID = 0x00400554;


    // Equipment

    // Admission, other patient IDs
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
            item.set(Tags.LOCAL_NAMESPACE_ENTITY_ID, "UT", localNamespace);
        }
        if (universalId != null) {
            item.set(Tags.UNIVERSAL_ENTITY_ID, "UT", universalId).set(Tags.UNIVERSAL_ENTITY_ID_TYPE, "CS", universalIdType);
        }
        return item;
    }

    /** An item of a Person Identification Macro sequence: the person's codes and institution. */
    public static DicomObject person(String institution, DicomObject... codes) {
        return new DicomObject().setSequence(Tags.PERSON_IDENTIFICATION_CODE_SEQUENCE, codes)
                .set(Tags.INSTITUTION_NAME, "LO", institution);
    }

    /** An Anatomic Region Sequence item, with its modifiers (none: no modifier sequence). */
    public static DicomObject region(DicomObject region, DicomObject... modifiers) {
        DicomObject item = region.copy();
        if (modifiers.length > 0) {
            item.setSequence(Tags.ANATOMIC_REGION_MODIFIER_SEQUENCE, modifiers);
        }
        return item;
    }

    /** The one item of a Shared Functional Groups Sequence: frame anatomy three levels above a modifier. */
    public static DicomObject sharedGroups(DicomObject region, String laterality) {
        return new DicomObject().setSequence(Tags.FRAME_ANATOMY_SEQUENCE, new DicomObject()
                .setSequence(Tags.ANATOMIC_REGION_SEQUENCE, region)
                .set(Tags.FRAME_LATERALITY, "CS", laterality));
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
                .set(Tags.REFERRING_PHYSICIAN_NAME, "PN", "Referrer^Renée^^Dr")
                .setSequence(Tags.REFERRING_PHYSICIAN_IDENTIFICATION_SEQUENCE,
                        person("Example Clinic", code("R-1234", "L", "Referrer Renée")))
                .set(Tags.PERFORMING_PHYSICIAN_NAME, "PN", "Performer^One", "Performer^Two")
                .setSequence(Tags.PERFORMING_PHYSICIAN_IDENTIFICATION_SEQUENCE,
                        person("Example Hospital", code("P-1", "L", "Performer One")),
                        person("Example Hospital", code("P-2", "L", "Performer Two")))
                .set(Tags.OPERATORS_NAME, "PN", "Operator^Olga")
                .setSequence(Tags.OPERATOR_IDENTIFICATION_SEQUENCE, new DicomObject()) // an empty item
                .set(Tags.NAME_OF_PHYSICIANS_READING_STUDY, "PN", "Reader^Rita", "", "Reader^Rolf")
                .setSequence(Tags.PHYSICIANS_READING_STUDY_IDENTIFICATION_SEQUENCE,
                        person("Example Hospital", code("RD-1", "L", "Reader Rita")))
                .set(Tags.ACCESSION_NUMBER, "SH", "ACC-TOP")
                .setSequence(Tags.ISSUER_OF_ACCESSION_NUMBER_SEQUENCE, issuer("RIS", null, null))
                .setSequence(Tags.REQUEST_ATTRIBUTES_SEQUENCE,
                        new DicomObject().set(Tags.REQUESTED_PROCEDURE_ID, "SH", "RP-1")
                                .setSequence(Tags.REQUESTED_PROCEDURE_CODE_SEQUENCE, code("24627-2", "LN", "CT Chest"))
                                .set(Tags.ACCESSION_NUMBER, "SH", "ACC-1")
                                .setSequence(Tags.ISSUER_OF_ACCESSION_NUMBER_SEQUENCE,
                                        issuer("RIS", "2.25.1111", "ISO"))
                                .set(Tags.PLACER_ORDER_NUMBER, "LO", "PLACER-1")
                                .set(Tags.FILLER_ORDER_NUMBER, "LO", "FILLER-1")
                                .setSequence(Tags.ORDER_PLACER_IDENTIFIER_SEQUENCE, issuer("HIS", "2.25.2222", "ISO"))
                                .setSequence(Tags.ORDER_FILLER_IDENTIFIER_SEQUENCE, issuer("RIS\\EAST", null, null)),
                        new DicomObject().set(Tags.REQUESTED_PROCEDURE_ID, "SH", "RP-2")
                                .set(Tags.PLACER_ORDER_NUMBER, "LO", "PLACER-2")
                                .setEmpty(Tags.ORDER_PLACER_IDENTIFIER_SEQUENCE, "SQ")) // an empty sequence
                .set(Tags.REQUESTED_PROCEDURE_ID, "SH", "RP-1")
                .set(Tags.PLACER_ORDER_NUMBER, "LO", "PLACER-1")
                .set(Tags.FILLER_ORDER_NUMBER, "LO", "FILLER-1")
                .setSequence(Tags.ORDER_PLACER_IDENTIFIER_SEQUENCE, issuer("HIS", "2.25.2222", "ISO"))
                .setSequence(Tags.ORDER_FILLER_IDENTIFIER_SEQUENCE, issuer(null, "urn:oid:2.25.3333", "URI"))
                .setSequence(Tags.ANATOMIC_REGION_SEQUENCE, region(code("T-D3000", "SRT", "Chest"),
                        code("7771000", "SCT", "Left"), code("24028007", "SCT", "Right")))
                .set(Tags.LATERALITY, "CS", "L")
                .set(Tags.IMAGE_LATERALITY, "CS", "B")
                .set(Tags.INSTITUTION_NAME, "LO", "Example Hospital")
                .set(Tags.INSTITUTION_ADDRESS, "ST", "1 Example Street\\Building B\r\nExample Town")
                .set(Tags.INSTITUTIONAL_DEPARTMENT_NAME, "LO", "Radiology")
                .set(Tags.PERFORMED_LOCATION, "SH", "CT Room 2")
                .setSequence(Tags.SPECIMEN_DESCRIPTION_SEQUENCE, new DicomObject()
                        .set(Tags.SPECIMEN_IDENTIFIER, "LO", "SPEC-0001")
                        .set(SPECIMEN_UID, "UI", "2.25.4444")
                        .setSequence(Tags.ISSUER_OF_THE_SPECIMEN_IDENTIFIER_SEQUENCE, issuer("LIS", "2.25.5555", "ISO")))
                .set(Tags.STUDY_ID, "SH", "STUDY-7")
                .set(Tags.MANUFACTURER, "LO", "Example Devices")
                .set(Tags.MANUFACTURER_MODEL_NAME, "LO", "Scanner 3000")
                .set(Tags.DEVICE_SERIAL_NUMBER, "LO", "SN-0042")
                .set(Tags.DEVICE_UID, "UI", "2.25.6666")
                .set(Tags.SOFTWARE_VERSIONS, "LO", "VA10", "build 7")
                .set(Tags.STATION_NAME, "SH", "CTROOM2")
                .setSequence(Tags.UDI_SEQUENCE, new DicomObject().set(Tags.UNIQUE_DEVICE_IDENTIFIER, "UT",
                        "(01)00844588003288(17)141120(10)7654321D(21)10987654d321"))
                .set(Tags.ADMISSION_ID, "LO", "ADM-9")
                .setSequence(Tags.ISSUER_OF_ADMISSION_ID_SEQUENCE, issuer("ADT", "2.25.7777", "ISO"))
                .setSequence(Tags.OTHER_PATIENT_IDS_SEQUENCE,
                        new DicomObject().set(Tags.PATIENT_ID, "LO", "OTHER-1").set(Tags.ISSUER_OF_PATIENT_ID, "LO", "SITE-A")
                                .set(TYPE_OF_PATIENT_ID, "CS", "TEXT")
                                .setSequence(Tags.ISSUER_OF_PATIENT_ID_QUALIFIERS_SEQUENCE,
                                        issuer(null, "2.25.8888", "ISO")),
                        new DicomObject().set(Tags.PATIENT_ID, "LO", "OTHER-2").set(TYPE_OF_PATIENT_ID, "CS", "RFID"))
                .setSequence(Tags.SHARED_FUNCTIONAL_GROUPS_SEQUENCE, sharedGroups(region(chest, left), "L"));
    }
}
