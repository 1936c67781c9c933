package org.dicom2fhir.core.internal.mapping;

import org.dicom2fhir.api.WarningCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dicom2fhir.core.internal.mapping.Fixtures.code;
import static org.dicom2fhir.core.internal.mapping.Fixtures.instance;
import static org.dicom2fhir.core.internal.mapping.Fixtures.item;
import static org.dicom2fhir.core.internal.mapping.Fixtures.str;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.stream.Stream;
import org.dicom2fhir.api.ReasonCode;
import org.dicom2fhir.api.Warning;
import org.dicom2fhir.api.dicom.DicomDataSet;
import org.dicom2fhir.api.dicom.DicomReadException;
import org.dicom2fhir.api.dicom.Tags;
import org.dicom2fhir.core.InstanceFacts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class FactsExtractorTest {

    private static DicomReadException failure(Fixtures.Instance file) {
        try {
            FactsExtractor.extract("x", file.read());
        } catch (DicomReadException e) {
            return e;
        }
        throw new AssertionError("expected a DicomReadException");
    }

    @Test
    void minimalInstanceGivesItsUidsAndClass() {
        InstanceFacts f = instance("1.2.3.4").facts("CT/IM1");
        assertThat(f.path()).isEqualTo("CT/IM1");
        assertThat(f.studyInstanceUid()).isEqualTo(Fixtures.STUDY_UID);
        assertThat(f.seriesInstanceUid()).isEqualTo(Fixtures.SERIES_UID);
        assertThat(f.sopInstanceUid()).isEqualTo("1.2.3.4");
        assertThat(f.sopClassUid()).isEqualTo(Fixtures.CT_IMAGE_STORAGE);
        assertThat(f.series().modality()).isEqualTo("CT");
        assertThat(f.warnings()).isEmpty();
    }

    @Test
    void dicomdirByMediaStorageSopClassIsSkipped() {
        DicomReadException e = failure(new Fixtures.Instance()
                .meta(Tags.MEDIA_STORAGE_SOP_CLASS_UID, "UI", FactsExtractor.DICOMDIR_SOP_CLASS));
        assertThat(e.reason()).isEqualTo(ReasonCode.DICOMDIR);
    }

    @Test
    void dicomdirBySopClassIsSkipped() {
        DicomReadException e = failure(instance("1.2.3").set(Tags.SOP_CLASS_UID, "UI",
                FactsExtractor.DICOMDIR_SOP_CLASS));
        assertThat(e.reason()).isEqualTo(ReasonCode.DICOMDIR);
    }

    @ParameterizedTest
    @ValueSource(ints = {Tags.STUDY_INSTANCE_UID, Tags.SERIES_INSTANCE_UID, Tags.SOP_INSTANCE_UID})
    void missingUidFailsNamingTheTag(int tag) {
        DicomReadException e = failure(instance("1.2.3").remove(tag));
        assertThat(e.reason()).isEqualTo(ReasonCode.MISSING_UIDS);
        assertThat(e.tag()).isEqualTo(tag);
        assertThat(e.getMessage()).contains(Tags.format(tag));
    }

    @Test
    void aDataSetWithNoneOfTheThreeUidsIsNotAnInstanceAndSkipped() {
        DicomReadException e = failure(instance("1.2.3").remove(Tags.STUDY_INSTANCE_UID)
                .remove(Tags.SERIES_INSTANCE_UID).remove(Tags.SOP_INSTANCE_UID));
        assertThat(e.reason()).isEqualTo(ReasonCode.NOT_AN_INSTANCE);
        assertThat(e.reason().disposition()).isEqualTo(org.dicom2fhir.api.Disposition.SKIPPED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TRUNCATED", "LENGTH_EXCEEDS_FILE", "MALFORMED"})
    void damageBeforeTheUidsFailsWithTheDamageNotAsMissingUids(String damage) {
        DicomReadException e = failure(instance("1.2.3").remove(Tags.SOP_INSTANCE_UID)
                .damage(ReasonCode.valueOf(damage), "the file ends inside (0008,0018) at byte 912"));
        assertThat(e.reason()).isEqualTo(ReasonCode.valueOf(damage));
        assertThat(e.getMessage()).contains("byte 912");
    }

    @Test
    void damageAfterTheUidsKeepsTheInstanceWithTheWarning() throws DicomReadException {
        var facts = FactsExtractor.extract("f", instance("1.2.3")
                .damage(ReasonCode.TRUNCATED, "the file ends inside (0028,0010) at byte 2000").read());
        assertThat(facts.warnings()).extracting(org.dicom2fhir.api.Warning::code).containsExactly(WarningCode.TRUNCATED);
        assertThat(facts.warnings().get(0).message())
                .isEqualTo("the file ends inside (0028,0010) at byte 2000. The elements before it were kept.");
    }

    @ParameterizedTest
    @ValueSource(ints = {Tags.STUDY_INSTANCE_UID, Tags.SERIES_INSTANCE_UID, Tags.SOP_INSTANCE_UID})
    void emptyOrPaddingOnlyUidCountsAsMissing(int tag) {
        assertThat(failure(instance("1.2.3").empty(tag, "UI")).reason()).isEqualTo(ReasonCode.MISSING_UIDS);
        assertThat(failure(instance("1.2.3").set(tag, "UI", " \0")).reason()).isEqualTo(ReasonCode.MISSING_UIDS);
    }

    @Test
    void missingSopClassEverywhereFails() {
        DicomReadException e = failure(instance("1.2.3").remove(Tags.SOP_CLASS_UID));
        assertThat(e.reason()).isEqualTo(ReasonCode.MISSING_SOP_CLASS);
    }

    @Test
    void sopClassFallsBackToMediaStorageSopClassWithAWarning() {
        InstanceFacts f = instance("1.2.3").remove(Tags.SOP_CLASS_UID)
                .meta(Tags.MEDIA_STORAGE_SOP_CLASS_UID, "UI", "1.2.840.10008.5.1.4.1.1.4").facts("a");
        assertThat(f.sopClassUid()).isEqualTo("1.2.840.10008.5.1.4.1.1.4");
        assertThat(f.warnings()).extracting(Warning::code).containsExactly(WarningCode.SOP_CLASS_FROM_FILE_META);
        assertThat(f.warnings().get(0).message()).contains("(0008,0016)", "(0002,0002)");
    }

    @Test
    void readWarningsAreKeptBeforeExtractionWarnings() {
        InstanceFacts f = instance("1.2.3").remove(Tags.SOP_CLASS_UID)
                .meta(Tags.MEDIA_STORAGE_SOP_CLASS_UID, "UI", Fixtures.CT_IMAGE_STORAGE)
                .readWarning(WarningCode.CHARACTER_SET, "unknown (0008,0005)").facts("a");
        assertThat(f.warnings()).extracting(Warning::code)
                .containsExactly(WarningCode.CHARACTER_SET, WarningCode.SOP_CLASS_FROM_FILE_META);
    }

    static Stream<Arguments> invalidUids() {
        String tooLong = "1." + "2".repeat(63);
        return Stream.of(
                Arguments.of(Tags.SERIES_INSTANCE_UID, tooLong),
                Arguments.of(Tags.SERIES_INSTANCE_UID, "1.2_3"),
                Arguments.of(Tags.SERIES_INSTANCE_UID, "1.2 3"),
                Arguments.of(Tags.SOP_INSTANCE_UID, tooLong),
                Arguments.of(Tags.SOP_INSTANCE_UID, "1.2.3/evil"),
                Arguments.of(Tags.SOP_INSTANCE_UID, "Ünïcode"));
    }

    @ParameterizedTest
    @MethodSource("invalidUids")
    void seriesOrSopUidThatIsNoFhirIdFailsNamingOnlyTheTag(int tag, String value) {
        DicomReadException e = failure(instance("1.2.3").set(tag, "UI", value));
        assertThat(e.reason()).isEqualTo(ReasonCode.INVALID_UID);
        assertThat(e.tag()).isEqualTo(tag);
        assertThat(e.getMessage()).contains(Tags.format(tag)).doesNotContain(value);
    }

    @Test
    void sixtyFourCharacterUidIsValid() {
        String uid = "1." + "2".repeat(62);
        assertThat(instance(uid).facts("a").sopInstanceUid()).isEqualTo(uid);
    }

    @Test
    void uidPaddingIncludingNulIsTrimmed() {
        InstanceFacts f = instance("1.2.3\0").set(Tags.SERIES_INSTANCE_UID, "UI", " 1.2.4 ")
                .set(Tags.STUDY_INSTANCE_UID, "UI", "1.2.5\0").facts("a");
        assertThat(f.sopInstanceUid()).isEqualTo("1.2.3");
        assertThat(f.seriesInstanceUid()).isEqualTo("1.2.4");
        assertThat(f.studyInstanceUid()).isEqualTo("1.2.5");
    }

    @Test
    void invalidStudyUidIsKept() {
        // reliability #15: a bad Study UID still goes into the identifier
        String bad = "1.2.3_not_a_uid_" + "9".repeat(60);
        assertThat(instance("1.2.3").set(Tags.STUDY_INSTANCE_UID, "UI", bad).facts("a").studyInstanceUid())
                .isEqualTo(bad);
    }

    static Stream<Arguments> titles() {
        DicomDataSet[] noItems = {};
        return Stream.of(
                Arguments.of(instance("1").items(Tags.CONCEPT_NAME_CODE_SEQUENCE,
                        code("126000", "DCM", "Imaging Measurement Report"))
                        .set(Tags.DOCUMENT_TITLE, "ST", "doc").set(Tags.IMAGE_TYPE, "CS", "ORIGINAL"),
                        "Imaging Measurement Report"),
                Arguments.of(instance("1").items(Tags.CONCEPT_NAME_CODE_SEQUENCE, code("1", "DCM", null),
                        code("2", "DCM", "Second item meaning")), "Second item meaning"),
                Arguments.of(instance("1").items(Tags.CONCEPT_NAME_CODE_SEQUENCE, noItems)
                        .set(Tags.DOCUMENT_TITLE, "ST", " Report title ").set(Tags.CONTENT_LABEL, "CS", "LABEL"),
                        "Report title"),
                Arguments.of(instance("1").empty(Tags.DOCUMENT_TITLE, "ST").set(Tags.CONTENT_LABEL, "CS", "LABEL")
                        .set(Tags.IMAGE_TYPE, "CS", "ORIGINAL", "PRIMARY"), "LABEL"),
                Arguments.of(instance("1").set(Tags.IMAGE_TYPE, "CS", "DERIVED", "PRIMARY", "IT"),
                        "DERIVED\\PRIMARY\\IT"),
                Arguments.of(instance("1").set(Tags.IMAGE_TYPE, "CS", "ORIGINAL", "", "AXIAL", ""),
                        "ORIGINAL\\\\AXIAL"),
                Arguments.of(instance("1").set(Tags.IMAGE_TYPE, "CS", "", ""), null),
                Arguments.of(instance("1"), null));
    }

    @ParameterizedTest
    @MethodSource("titles")
    void titleIsTheFirstNonEmptySource(Fixtures.Instance file, String expected) {
        assertThat(file.facts("a").title()).isEqualTo(expected);
    }

    @Test
    void reasonsComeFromTopLevelAndEveryRequestAttributesItem() {
        InstanceFacts f = instance("1")
                .items(Tags.REASON_FOR_REQUESTED_PROCEDURE_CODE_SEQUENCE, code("R1", "SCT", "Top"))
                .set(Tags.REASON_FOR_THE_REQUESTED_PROCEDURE, "LO", "top text")
                .items(Tags.REQUEST_ATTRIBUTES_SEQUENCE,
                        item(str(Tags.REASON_FOR_THE_REQUESTED_PROCEDURE, "LO", "first request")),
                        item(str(Tags.ACCESSION_NUMBER, "SH", "nothing about reasons")),
                        item(Fixtures.seq(Tags.REASON_FOR_REQUESTED_PROCEDURE_CODE_SEQUENCE,
                                code("R2", "LN", "Second"))))
                .facts("a");
        assertThat(f.study().reasons()).containsExactly(
                new InstanceFacts.Reason(List.of(new InstanceFacts.Code("R1", "SCT", "Top")), "top text"),
                new InstanceFacts.Reason(List.of(), "first request"),
                new InstanceFacts.Reason(List.of(new InstanceFacts.Code("R2", "LN", "Second")), null));
    }

    @Test
    void longCodeValueIsTheFallbackForCodeValue() {
        InstanceFacts f = instance("1").items(Tags.PROCEDURE_CODE_SEQUENCE, item(
                str(FactsExtractor.LONG_CODE_VALUE, "UC", "123456789012345678"),
                str(Tags.CODING_SCHEME_DESIGNATOR, "SH", "SCT"))).facts("a");
        assertThat(f.study().procedureCodes()).containsExactly(new InstanceFacts.Code("123456789012345678", "SCT",
                null));
    }

    @Test
    void issuersKeepUniversalEntityIdAndType() {
        InstanceFacts f = instance("1")
                .items(Tags.ISSUER_OF_PATIENT_ID_QUALIFIERS_SEQUENCE, item(
                        str(Tags.UNIVERSAL_ENTITY_ID, "UT", "1.2.3.99"),
                        str(Tags.UNIVERSAL_ENTITY_ID_TYPE, "CS", "ISO")))
                .items(Tags.ISSUER_OF_ACCESSION_NUMBER_SEQUENCE, item(str(Tags.ACCESSION_NUMBER, "SH", "x")))
                .facts("a");
        assertThat(f.patient().idIssuer()).isEqualTo(new InstanceFacts.Issuer("1.2.3.99", "ISO"));
        assertThat(f.study().accessionIssuer()).isNull();
    }

    @Test
    void rawValuesAreTrimmedAndEmptyOnesAbsent() {
        InstanceFacts f = instance("1").set(Tags.PATIENT_NAME, "PN", "Doe^John=ド^ジ=do^jo ")
                .set(Tags.PATIENT_ID, "LO", " 123 ").empty(Tags.ACCESSION_NUMBER, "SH")
                .set(Tags.STUDY_DESCRIPTION, "LO", "").set(Tags.SERIES_NUMBER, "IS", " 7 ")
                .set(Tags.TIMEZONE_OFFSET_FROM_UTC, "SH", "+0100").set(Tags.IMAGE_LATERALITY, "CS", "L")
                .set(Tags.INSTANCE_NUMBER, "IS", "12").facts("a");
        assertThat(f.patient().name()).isEqualTo("Doe^John=ド^ジ=do^jo");
        assertThat(f.patient().id()).isEqualTo("123");
        assertThat(f.study().accessionNumber()).isNull();
        assertThat(f.study().description()).isNull();
        assertThat(f.series().number()).isEqualTo("7");
        assertThat(f.timezoneOffset()).isEqualTo("+0100");
        assertThat(f.imageLaterality()).isEqualTo("L");
        assertThat(f.instanceNumber()).isEqualTo("12");
    }

    @Test
    void repeatedUidsOfDifferentFilesAreOneString() {
        InstanceFacts a = instance("1.1").facts("a");
        InstanceFacts b = instance("1.2").facts("b");
        assertThat(b.sopClassUid()).isSameAs(a.sopClassUid());
        assertThat(b.studyInstanceUid()).isSameAs(a.studyInstanceUid());
    }

    @Test
    void factsSurviveJavaSerialisationWithTheirWarnings() throws IOException, ClassNotFoundException {
        InstanceFacts original = instance("1.2").remove(Tags.SOP_CLASS_UID)
                .meta(Tags.MEDIA_STORAGE_SOP_CLASS_UID, "UI", Fixtures.CT_IMAGE_STORAGE)
                .set(Tags.PATIENT_NAME, "PN", "Doe^Jane")
                .items(Tags.PROCEDURE_CODE_SEQUENCE, code("P1", "LN", "Procedure"))
                .items(Tags.ISSUER_OF_ACCESSION_NUMBER_SEQUENCE, item(
                        str(Tags.UNIVERSAL_ENTITY_ID, "UT", "1.2.3"), str(Tags.UNIVERSAL_ENTITY_ID_TYPE, "CS", "ISO")))
                .set(Tags.REASON_FOR_THE_REQUESTED_PROCEDURE, "LO", "why")
                .set(Tags.REFERRING_PHYSICIAN_NAME, "PN", "Ref^Rita").set(Tags.OPERATORS_NAME, "PN", "Op^A", "Op^B")
                .set(Tags.MANUFACTURER, "LO", "ACME").set(Tags.SOFTWARE_VERSIONS, "LO", "1", "2")
                .items(Tags.SPECIMEN_DESCRIPTION_SEQUENCE, item(str(Tags.SPECIMEN_IDENTIFIER, "LO", "S1")))
                .items(Tags.ANATOMIC_REGION_SEQUENCE, code("T-D3000", "SRT", "Chest"))
                .items(Tags.OTHER_PATIENT_IDS_SEQUENCE, item(str(Tags.PATIENT_ID, "LO", "X1")))
                .set(Tags.REQUESTED_PROCEDURE_ID, "SH", "RP1").facts("dir/file");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(original);
        }
        Object copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = in.readObject();
        }
        assertThat(copy).isInstanceOf(InstanceFacts.class).isEqualTo(original);
        assertThat(((InstanceFacts) copy).warnings()).hasSize(1);
    }

    @Test
    void toStringShowsNoPatientValues() {
        InstanceFacts f = instance("1.2").set(Tags.PATIENT_NAME, "PN", "Secret^Name")
                .set(Tags.PATIENT_ID, "LO", "ID4711").set(Tags.ACCESSION_NUMBER, "SH", "ACC99")
                .set(Tags.STUDY_DESCRIPTION, "LO", "Private description")
                .set(Tags.PATIENT_BIRTH_DATE, "DA", "19700101")
                .items(Tags.ISSUER_OF_PATIENT_ID_QUALIFIERS_SEQUENCE, item(
                        str(Tags.UNIVERSAL_ENTITY_ID, "UT", "HOSPITAL-X"),
                        str(Tags.UNIVERSAL_ENTITY_ID_TYPE, "CS", "URI")))
                .set(Tags.REFERRING_PHYSICIAN_NAME, "PN", "Referrer^Hidden")
                .set(Tags.PERFORMING_PHYSICIAN_NAME, "PN", "Performer^Hidden")
                .set(Tags.INSTITUTION_NAME, "LO", "Hidden Hospital").set(Tags.STATION_NAME, "SH", "HIDDENSTATION")
                .set(Tags.ADMISSION_ID, "LO", "ADMHIDDEN")
                .items(Tags.SPECIMEN_DESCRIPTION_SEQUENCE, item(str(Tags.SPECIMEN_IDENTIFIER, "LO", "SPECHIDDEN")))
                .items(Tags.OTHER_PATIENT_IDS_SEQUENCE, item(str(Tags.PATIENT_ID, "LO", "OTHERHIDDEN")))
                .set(Tags.PLACER_ORDER_NUMBER, "LO", "PLACERHIDDEN")
                .facts("a");
        String text = f + " " + f.patient() + " " + f.study() + " " + f.series() + " " + f.patient().idIssuer()
                + " " + f.study().referrer() + " " + f.study().requests() + " " + f.series().equipment() + " "
                + f.series().specimens() + " " + f.patient().otherIds() + " " + f.series().performers();
        assertThat(text).doesNotContain("Secret", "ID4711", "ACC99", "Private", "19700101", "HOSPITAL", "Hidden",
                "HIDDEN");
    }

    @Test
    void requiredTagsCoverEveryTopLevelAttributeReadAndTheCharacterSet() {
        assertThat(FactsExtractor.REQUIRED_TAGS).contains(Tags.SPECIFIC_CHARACTER_SET, Tags.SOP_CLASS_UID,
                Tags.SOP_INSTANCE_UID, Tags.STUDY_INSTANCE_UID, Tags.SERIES_INSTANCE_UID, Tags.PATIENT_NAME,
                Tags.PATIENT_ID, Tags.ISSUER_OF_PATIENT_ID, Tags.ISSUER_OF_PATIENT_ID_QUALIFIERS_SEQUENCE,
                Tags.PATIENT_SEX, Tags.PATIENT_BIRTH_DATE, Tags.ACCESSION_NUMBER,
                Tags.ISSUER_OF_ACCESSION_NUMBER_SEQUENCE, Tags.STUDY_DATE, Tags.STUDY_TIME, Tags.SERIES_DATE,
                Tags.SERIES_TIME, Tags.TIMEZONE_OFFSET_FROM_UTC, Tags.STUDY_DESCRIPTION, Tags.SERIES_DESCRIPTION,
                Tags.PROCEDURE_CODE_SEQUENCE, Tags.REASON_FOR_REQUESTED_PROCEDURE_CODE_SEQUENCE,
                Tags.REASON_FOR_THE_REQUESTED_PROCEDURE, Tags.REQUEST_ATTRIBUTES_SEQUENCE, Tags.MODALITY,
                Tags.SERIES_NUMBER, Tags.INSTANCE_NUMBER, Tags.BODY_PART_EXAMINED, Tags.LATERALITY,
                Tags.IMAGE_LATERALITY, Tags.CONCEPT_NAME_CODE_SEQUENCE, Tags.DOCUMENT_TITLE, Tags.CONTENT_LABEL,
                Tags.IMAGE_TYPE, Tags.REFERRING_PHYSICIAN_NAME, Tags.REFERRING_PHYSICIAN_IDENTIFICATION_SEQUENCE,
                Tags.PERFORMING_PHYSICIAN_NAME, Tags.PERFORMING_PHYSICIAN_IDENTIFICATION_SEQUENCE,
                Tags.NAME_OF_PHYSICIANS_READING_STUDY, Tags.PHYSICIANS_READING_STUDY_IDENTIFICATION_SEQUENCE,
                Tags.OPERATORS_NAME, Tags.OPERATOR_IDENTIFICATION_SEQUENCE, Tags.STUDY_ID, Tags.REQUESTED_PROCEDURE_ID,
                Tags.REQUESTED_PROCEDURE_CODE_SEQUENCE, Tags.PLACER_ORDER_NUMBER, Tags.FILLER_ORDER_NUMBER,
                Tags.ORDER_PLACER_IDENTIFIER_SEQUENCE, Tags.ORDER_FILLER_IDENTIFIER_SEQUENCE, Tags.ADMISSION_ID,
                Tags.ISSUER_OF_ADMISSION_ID_SEQUENCE, Tags.OTHER_PATIENT_IDS_SEQUENCE, Tags.ANATOMIC_REGION_SEQUENCE,
                Tags.SHARED_FUNCTIONAL_GROUPS_SEQUENCE, Tags.INSTITUTION_NAME, Tags.INSTITUTION_ADDRESS,
                Tags.INSTITUTIONAL_DEPARTMENT_NAME, Tags.PERFORMED_LOCATION, Tags.MANUFACTURER,
                Tags.MANUFACTURER_MODEL_NAME, Tags.STATION_NAME, Tags.DEVICE_SERIAL_NUMBER, Tags.DEVICE_UID,
                Tags.UDI_SEQUENCE, Tags.SOFTWARE_VERSIONS, Tags.SPECIMEN_DESCRIPTION_SEQUENCE);
        assertThat(FactsExtractor.REQUIRED_TAGS).as("one item per frame: never read")
                .doesNotContain(Tags.PER_FRAME_FUNCTIONAL_GROUPS_SEQUENCE);
        assertThat(FactsExtractor.REQUIRED_TAGS).allMatch(tag -> Tags.group(tag) != 2 && tag != Tags.PIXEL_DATA);
    }
}
