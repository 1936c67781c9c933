package org.dicom2fhir.core.internal.mapping;

import org.dicom2fhir.api.WarningCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dicom2fhir.core.internal.mapping.Fixtures.code;
import static org.dicom2fhir.core.internal.mapping.Fixtures.codes;
import static org.dicom2fhir.core.internal.mapping.Fixtures.instance;
import static org.dicom2fhir.core.internal.mapping.Fixtures.item;
import static org.dicom2fhir.core.internal.mapping.Fixtures.map;
import static org.dicom2fhir.core.internal.mapping.Fixtures.mapAll;
import static org.dicom2fhir.core.internal.mapping.Fixtures.seq;
import static org.dicom2fhir.core.internal.mapping.Fixtures.str;

import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.dicom2fhir.api.Warning;
import org.dicom2fhir.api.dicom.DicomDataSet;
import org.dicom2fhir.api.dicom.DicomElement;
import org.dicom2fhir.api.dicom.Tags;
import org.dicom2fhir.api.model.CodingData;
import org.dicom2fhir.api.model.ConceptData;
import org.dicom2fhir.api.model.EndpointData;
import org.dicom2fhir.api.model.IdentifierData;
import org.dicom2fhir.api.model.InstanceData;
import org.dicom2fhir.api.model.NameData;
import org.dicom2fhir.api.model.NameRepresentation;
import org.dicom2fhir.api.model.SeriesData;
import org.dicom2fhir.api.model.StudyData;
import org.dicom2fhir.core.IdStrategy;
import org.dicom2fhir.core.InstanceFacts;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class StudyMapperTest {
    private static final String DCM = "http://dicom.nema.org/resources/ontology/DCM";
    private static final String SCT = "http://snomed.info/sct";
    private static final String V2_0203 = "http://terminology.hl7.org/CodeSystem/v2-0203";

    private static MappingOptions zone(String zoneId) {
        return new MappingOptions(ZoneId.of(zoneId), IdStrategy.UID, null);
    }

    /** An issuer item with optional Universal Entity ID and type. */
    private static DicomDataSet issuer(String id, String type) {
        List<DicomElement> elements = new ArrayList<>();
        if (id != null) {
            elements.add(str(Tags.UNIVERSAL_ENTITY_ID, "UT", id));
        }
        if (type != null) {
            elements.add(str(Tags.UNIVERSAL_ENTITY_ID_TYPE, "CS", type));
        }
        return DicomDataSet.of(elements);
    }

    @Nested
    class StudyLevel {
        @Test
        void idIsTheNameBasedUuidOfTheStudyUid() {
            StudyData study = map(instance("1.1"));
            String expected = UUID.nameUUIDFromBytes(("dicom2fhir:" + Fixtures.STUDY_UID)
                    .getBytes(StandardCharsets.UTF_8)).toString();
            assertThat(study.id()).isEqualTo(expected);
            assertThat(UUID.fromString(study.id()).version()).isEqualTo(3);
        }

        @Test
        void randomIdOnRequest() {
            MappingOptions random = new MappingOptions(null, IdStrategy.RANDOM, null);
            String a = mapAll(random, instance("1.1")).study().id();
            String b = mapAll(random, instance("1.1")).study().id();
            assertThat(a).isNotEqualTo(b);
            assertThat(UUID.fromString(a).version()).isEqualTo(4);
        }

        @Test
        void studyUidIdentifierIsAlwaysThereAfterTheAccession() {
            StudyData study = map(instance("1.1").set(Tags.ACCESSION_NUMBER, "SH", "A123"));
            assertThat(study.identifiers()).containsExactly(
                    new IdentifierData("usual", ConceptData.of(CodingData.of(V2_0203, "ACSN", null)), null, "A123", null),
                    new IdentifierData(null, null, "urn:dicom:uid", "urn:oid:" + Fixtures.STUDY_UID, null));
            assertThat(study.accession().value()).isEqualTo("A123");
        }

        @Test
        void invalidStudyUidStillGoesIntoTheIdentifierAndTheId() {
            String bad = "1.2.3_not a FHIR id_" + "9".repeat(70);
            StudyData study = map(instance("1.1").set(Tags.STUDY_INSTANCE_UID, "UI", bad));
            assertThat(study.identifiers()).containsExactly(
                    new IdentifierData(null, null, "urn:dicom:uid", "urn:oid:" + bad, null));
            assertThat(study.id()).isEqualTo(UUID.nameUUIDFromBytes(("dicom2fhir:" + bad)
                    .getBytes(StandardCharsets.UTF_8)).toString()).matches("[A-Za-z0-9\\-.]{1,64}");
        }

        @Test
        void emptyAccessionGivesNoIdentifier() {
            StudyData study = map(instance("1.1").set(Tags.ACCESSION_NUMBER, "SH", " ")
                    .items(Tags.ISSUER_OF_ACCESSION_NUMBER_SEQUENCE, issuer("1.2.3", "ISO")));
            assertThat(study.identifiers()).extracting(IdentifierData::system).containsExactly("urn:dicom:uid");
            assertThat(study.accession()).isNull();
        }

        @ParameterizedTest
        @MethodSource("org.dicom2fhir.core.internal.mapping.StudyMapperTest#issuerSystems")
        void accessionSystemComesFromTheIssuerSequence(String id, String type, String system) {
            StudyData study = map(instance("1.1").set(Tags.ACCESSION_NUMBER, "SH", "A1")
                    .items(Tags.ISSUER_OF_ACCESSION_NUMBER_SEQUENCE, issuer(id, type)));
            assertThat(study.accession().system()).isEqualTo(system);
        }

        @Test
        void modalitiesAreDistinctInSeriesOrder() {
            StudyData study = map(
                    instance("1.1").series("1.9.1").set(Tags.SERIES_NUMBER, "IS", "3").set(Tags.MODALITY, "CS", "CT"),
                    instance("1.2").series("1.9.2").set(Tags.SERIES_NUMBER, "IS", "1").set(Tags.MODALITY, "CS", "PT"),
                    instance("1.3").series("1.9.3").set(Tags.SERIES_NUMBER, "IS", "2").set(Tags.MODALITY, "CS", "CT"),
                    instance("1.4").series("1.9.4").set(Tags.SERIES_NUMBER, "IS", "4").set(Tags.MODALITY, "CS", "SR"));
            assertThat(study.modalities()).containsExactly(CodingData.of(DCM, "PT", null),
                    CodingData.of(DCM, "CT", null), CodingData.of(DCM, "SR", null));
        }

        @Test
        void descriptionWhenNonEmpty() {
            assertThat(map(instance("1").set(Tags.STUDY_DESCRIPTION, "LO", " CT Thorax ")).description())
                    .isEqualTo("CT Thorax");
            assertThat(map(instance("1").set(Tags.STUDY_DESCRIPTION, "LO", "  ")).description()).isNull();
        }

        @Test
        void countsComeFromTheIncludedInstances() {
            StudyData study = map(instance("1.1"), instance("1.2"), instance("1.3").series("1.9"));
            assertThat(study.numberOfSeries()).isEqualTo(2);
            assertThat(study.numberOfInstances()).isEqualTo(3);
        }

        @Test
        void procedureCodesAreConceptsWithTheMeaningAsText() {
            StudyData study = map(instance("1").items(Tags.PROCEDURE_CODE_SEQUENCE,
                    code("24627-2", "LN", "CT Chest"), code("RPID16", "RADLEX", "CT Chest wo"),
                    code("CTCH", "99HOSP", "Local chest"), code("P5-0001", "SRT", null)));
            assertThat(study.procedureCodes()).containsExactly(
                    new ConceptData(List.of(CodingData.of("http://loinc.org", "24627-2", "CT Chest")), "CT Chest"),
                    new ConceptData(List.of(CodingData.of("http://www.radlex.org", "RPID16", "CT Chest wo")),
                            "CT Chest wo"),
                    new ConceptData(List.of(CodingData.unlooked("CTCH", "Local chest")), "Local chest"),
                    new ConceptData(List.of(CodingData.unlooked("P5-0001", null)), null));
        }

        @Test
        void reasonCodesFromTopLevelAndRequestAttributesWithTextOnlyWhenNoCode() {
            StudyData study = map(instance("1")
                    .items(Tags.REASON_FOR_REQUESTED_PROCEDURE_CODE_SEQUENCE, code("R07.4", "I10", "Chest pain"))
                    .set(Tags.REASON_FOR_THE_REQUESTED_PROCEDURE, "LO", "pain in the chest")
                    .items(Tags.REQUEST_ATTRIBUTES_SEQUENCE,
                            item(str(Tags.REASON_FOR_THE_REQUESTED_PROCEDURE, "LO", "follow-up")),
                            item(seq(Tags.REASON_FOR_REQUESTED_PROCEDURE_CODE_SEQUENCE,
                                    code("R07.4", "ICD10", "Chest pain"),
                                    code("29857009", "SCT", "Chest pain")))));
            assertThat(study.reasonCodes()).containsExactly(
                    new ConceptData(List.of(CodingData.of("http://hl7.org/fhir/sid/icd-10", "R07.4", "Chest pain")),
                            "Chest pain"),
                    new ConceptData(List.of(), "follow-up"),
                    new ConceptData(List.of(CodingData.of(SCT, "29857009", "Chest pain")), "Chest pain"));
        }

        @Test
        void textOnlyReason() {
            StudyData study = map(instance("1").set(Tags.REASON_FOR_THE_REQUESTED_PROCEDURE, "LO", "screening"));
            assertThat(study.reasonCodes()).containsExactly(new ConceptData(List.of(), "screening"));
        }

        @Test
        void endpointOnlyWithABaseUrl() {
            assertThat(map(instance("1")).endpoint()).isNull();
            MappingOptions withEndpoint = new MappingOptions(null, IdStrategy.UID, "https://pacs.example.org/wado");
            assertThat(mapAll(withEndpoint, instance("1")).study().endpoint())
                    .isEqualTo(new EndpointData("https://pacs.example.org/wado"));
        }

        @Test
        void invalidEndpointIsRefusedByTheOptions() {
            assertThatThrownBy(() -> new MappingOptions(null, IdStrategy.UID, "https://pacs.example.org/studies"))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    static Stream<Arguments> issuerSystems() {
        return Stream.of(
                Arguments.of("1.2.840.113619.6.1", "ISO", "urn:oid:1.2.840.113619.6.1"),
                Arguments.of("1.2.840.113619.6.1", " iso ", "urn:oid:1.2.840.113619.6.1"),
                Arguments.of("HOSPITAL", "ISO", null),
                Arguments.of("1.02.3", "ISO", null),
                Arguments.of("3F2504E0-4F89-11D3-9A0C-0305E82C3301", "UUID",
                        "urn:uuid:3f2504e0-4f89-11d3-9a0c-0305e82c3301"),
                Arguments.of("not-a-uuid", "UUID", null),
                Arguments.of("https://hospital.example.org/accession", "URI", "https://hospital.example.org/accession"),
                Arguments.of("urn:oid:1.2.840.10008", "URI", "urn:oid:1.2.840.10008"),
                // the FHIR validator rejects such short OIDs as systems (an ERROR), so they give none
                Arguments.of("urn:oid:1.2.3", "URI", null),
                Arguments.of("1.2.3", "ISO", null),
                Arguments.of("1.3.6", "ISO", "urn:oid:1.3.6"),
                Arguments.of("no scheme here", "URI", null),
                Arguments.of("hospital.example.org", "DNS", null),
                Arguments.of("1.2.3", null, null),
                Arguments.of(null, "ISO", null));
    }

    @Nested
    class PatientLevel {
        @Test
        void identifierWithTypeMrSystemFromQualifiersAndAssigner() {
            StudyData study = map(instance("1").set(Tags.PATIENT_ID, "LO", "P-42")
                    .set(Tags.ISSUER_OF_PATIENT_ID, "LO", "General Hospital")
                    .items(Tags.ISSUER_OF_PATIENT_ID_QUALIFIERS_SEQUENCE, issuer("1.2.3.4.5", "ISO")));
            assertThat(study.patient().identifiers()).containsExactly(new IdentifierData("usual",
                    ConceptData.of(CodingData.of(V2_0203, "MR", null)), "urn:oid:1.2.3.4.5", "P-42", "General Hospital"));
        }

        @ParameterizedTest
        @MethodSource("org.dicom2fhir.core.internal.mapping.StudyMapperTest#issuerSystems")
        void patientIdSystemFromTheQualifiersLikeTheAccession(String id, String type, String system) {
            StudyData study = map(instance("1").set(Tags.PATIENT_ID, "LO", "P-42")
                    .items(Tags.ISSUER_OF_PATIENT_ID_QUALIFIERS_SEQUENCE, issuer(id, type)));
            assertThat(study.patient().identifiers().get(0).system()).isEqualTo(system);
        }

        @Test
        void noPatientIdNoIdentifier() {
            StudyData study = map(instance("1").set(Tags.ISSUER_OF_PATIENT_ID, "LO", "General Hospital"));
            assertThat(study.patient().identifiers()).isEmpty();
        }

        @Test
        void nameWithAllThreeGroups() {
            StudyData study = map(instance("1").set(Tags.PATIENT_NAME, "PN", "Wang^XiaoDong=王^小東=ワン^シャオドン"));
            assertThat(study.patient().names()).extracting(NameData::representation).containsExactly(
                    NameRepresentation.ALPHABETIC, NameRepresentation.IDEOGRAPHIC, NameRepresentation.PHONETIC);
            assertThat(study.patient().names()).extracting(NameData::family).containsExactly("Wang", "王", "ワン");
        }

        @Test
        void emptyNameGivesNoName() {
            assertThat(map(instance("1").set(Tags.PATIENT_NAME, "PN", "^^=")).patient().names()).isEmpty();
        }

        @ParameterizedTest
        @CsvSource({"M, male", "F, female", "O, other", "m, male", "' f ', female", "o, other", "U, unknown",
            "X, unknown", "MALE, unknown", "'', unknown"})
        void gender(String sex, String gender) {
            assertThat(map(instance("1").set(Tags.PATIENT_SEX, "CS", sex)).patient().gender()).isEqualTo(gender);
        }

        @Test
        void absentSexIsUnknown() {
            assertThat(map(instance("1")).patient().gender()).isEqualTo("unknown");
        }

        @ParameterizedTest
        @CsvSource({"19700101, 1970-01-01", "1970.01.01, 1970-01-01", "20000229, 2000-02-29"})
        void birthDateIsADateOnly(String da, String date) {
            MappedStudy mapped = mapAll(MappingOptions.defaults(),
                    instance("1").set(Tags.PATIENT_BIRTH_DATE, "DA", da));
            assertThat(mapped.study().patient().birthDate()).isEqualTo(date);
            assertThat(mapped.warnings()).isEmpty();
        }

        @ParameterizedTest
        @CsvSource({"19700230", "1970-01-01", "197001", "19700101120000"})
        void invalidBirthDateIsOmittedWithAWarning(String da) {
            MappedStudy mapped = mapAll(MappingOptions.defaults(),
                    instance("1").set(Tags.PATIENT_BIRTH_DATE, "DA", da));
            assertThat(mapped.study().patient().birthDate()).isNull();
            assertThat(mapped.warnings()).containsExactly(new Warning(WarningCode.INVALID_DATE,
                    "(0010,0030) PatientBirthDate is not a valid date; birthDate was omitted"));
        }
    }

    @Nested
    class SeriesLevel {
        @ParameterizedTest
        @CsvSource({"7, 7", "' 12 ', 12", "+3, 3", "007, 7", "0, 0", "-1, ", "1.5, ", "abc, ", "'', ",
            "99999999999, "})
        void numberIsANonNegativeInteger(String is, Integer number) {
            assertThat(map(instance("1").set(Tags.SERIES_NUMBER, "IS", is)).series().get(0).number())
                    .isEqualTo(number);
        }

        @Test
        void missingModalityIsOtWithAWarning() {
            MappedStudy mapped = mapAll(MappingOptions.defaults(), instance("1").remove(Tags.MODALITY));
            assertThat(mapped.study().series().get(0).modality()).isEqualTo(CodingData.of(DCM, "OT", null));
            assertThat(mapped.study().modalities()).containsExactly(CodingData.of(DCM, "OT", null));
            assertThat(mapped.warnings()).containsExactly(new Warning(WarningCode.MISSING_MODALITY,
                    "series " + Fixtures.SERIES_UID + " has no (0008,0060) Modality; OT (other) was used"));
        }

        @Test
        void aModalityThatIsNoDicomDefinedTermHasNoSystemAndAWarning() {
            MappedStudy mapped = mapAll(MappingOptions.defaults(), instance("1").set(Tags.MODALITY, "CS", "XYZ"));
            assertThat(mapped.study().series().get(0).modality()).isEqualTo(new CodingData(null, "XYZ", null, true));
            assertThat(mapped.warnings()).extracting(Warning::code).containsExactly(WarningCode.UNKNOWN_MODALITY);
            assertThat(mapped.warnings().get(0).message()).doesNotContain("XYZ");
        }

        @Test
        void modalityCodeIsTrimmedAndCollapsed() {
            assertThat(map(instance("1").set(Tags.MODALITY, "CS", " MR ")).series().get(0).modality().code())
                    .isEqualTo("MR");
        }

        @Test
        void uidDescriptionAndStarted() {
            SeriesData series = map(instance("1").set(Tags.SERIES_DESCRIPTION, "LO", "Axial 5mm")
                    .set(Tags.SERIES_DATE, "DA", "20210305").set(Tags.SERIES_TIME, "TM", "081500")
                    .set(Tags.TIMEZONE_OFFSET_FROM_UTC, "SH", "+0100")).series().get(0);
            assertThat(series.uid()).isEqualTo(Fixtures.SERIES_UID);
            assertThat(series.description()).isEqualTo("Axial 5mm");
            assertThat(series.started()).isEqualTo("2021-03-05T08:15:00+01:00");
        }

        @Test
        void seriesStartedDoesNotBorrowTheStudyDate() {
            SeriesData series = map(instance("1").set(Tags.STUDY_DATE, "DA", "20210305")).series().get(0);
            assertThat(series.started()).isNull();
        }

        @Test
        void bodySiteFromTheTableOrAsFound() {
            assertThat(map(instance("1").set(Tags.BODY_PART_EXAMINED, "CS", "ABDOMEN")).series().get(0).bodySite())
                    .isEqualTo(CodingData.of(SCT, "818981001", "Abdomen"));
            assertThat(map(instance("1").set(Tags.BODY_PART_EXAMINED, "CS", "BAUCH")).series().get(0).bodySite())
                    .isEqualTo(CodingData.unlooked("BAUCH", null));
            assertThat(map(instance("1").set(Tags.BODY_PART_EXAMINED, "CS", "")).series().get(0).bodySite())
                    .isNull();
        }

        @ParameterizedTest
        @CsvSource({"L, 7771000", "R, 24028007", "B, 51440002"})
        void lateralityPairedValues(String value, String snomed) {
            CodingData laterality = map(instance("1").set(Tags.LATERALITY, "CS", value)).series().get(0)
                    .laterality();
            assertThat(laterality.system()).isEqualTo(SCT);
            assertThat(laterality.code()).isEqualTo(snomed);
        }

        @Test
        void lateralityUnpairedOmittedAndOtherUserSelected() {
            assertThat(map(instance("1").set(Tags.LATERALITY, "CS", "U")).series().get(0).laterality()).isNull();
            assertThat(map(instance("1").set(Tags.LATERALITY, "CS", "Q")).series().get(0).laterality())
                    .isEqualTo(CodingData.unlooked("Q", null));
        }

        @Test
        void imageLateralityIsTheFallbackWhenEveryInstanceAgrees() {
            SeriesData series = map(instance("1.1").set(Tags.IMAGE_LATERALITY, "CS", "R"),
                    instance("1.2").set(Tags.IMAGE_LATERALITY, "CS", "R")).series().get(0);
            assertThat(series.laterality()).isEqualTo(Laterality.RIGHT);
        }

        @Test
        void imageLateralityIsNotUsedWhenInstancesDisagreeOrLackIt() {
            assertThat(map(instance("1.1").set(Tags.IMAGE_LATERALITY, "CS", "R"),
                    instance("1.2").set(Tags.IMAGE_LATERALITY, "CS", "L")).series().get(0).laterality()).isNull();
            assertThat(map(instance("1.1").set(Tags.IMAGE_LATERALITY, "CS", "R"),
                    instance("1.2")).series().get(0).laterality()).isNull();
        }

        @Test
        void lateralityBeatsImageLaterality() {
            assertThat(map(instance("1.1").set(Tags.LATERALITY, "CS", "L").set(Tags.IMAGE_LATERALITY, "CS", "R"))
                    .series().get(0).laterality()).isEqualTo(Laterality.LEFT);
            // U is a value: the body part has no side, so there is nothing to fall back to
            assertThat(map(instance("1.1").set(Tags.LATERALITY, "CS", "U").set(Tags.IMAGE_LATERALITY, "CS", "R"))
                    .series().get(0).laterality()).isNull();
        }

        @Test
        void imageLateralityFallbackIsPerSeries() {
            StudyData study = map(instance("1.1").series("1.9.1").set(Tags.IMAGE_LATERALITY, "CS", "L"),
                    instance("1.2").series("1.9.2").set(Tags.IMAGE_LATERALITY, "CS", "R"));
            assertThat(study.series()).extracting(SeriesData::laterality)
                    .containsExactly(Laterality.LEFT, Laterality.RIGHT);
        }
    }

    @Nested
    class InstanceLevel {
        @Test
        void uidSopClassNumberAndTitle() {
            InstanceData instance = map(instance("1.2.3.4").set(Tags.INSTANCE_NUMBER, "IS", "5")
                    .set(Tags.IMAGE_TYPE, "CS", "ORIGINAL", "PRIMARY", "AXIAL")).series().get(0).instances().get(0);
            assertThat(instance).isEqualTo(new InstanceData("1.2.3.4",
                    CodingData.of("urn:ietf:rfc:3986", "urn:oid:" + Fixtures.CT_IMAGE_STORAGE, "CT Image Storage"), 5,
                    "ORIGINAL\\PRIMARY\\AXIAL"));
        }

        @ParameterizedTest
        @CsvSource({"1, 1", "' 0 ', 0", "-2, ", "x, ", "'', "})
        void numberIsANonNegativeInteger(String is, Integer number) {
            assertThat(map(instance("1").set(Tags.INSTANCE_NUMBER, "IS", is)).series().get(0).instances().get(0)
                    .number()).isEqualTo(number);
        }

        @Test
        void srTitleFromConceptName() {
            InstanceData instance = map(instance("1").set(Tags.SOP_CLASS_UID, "UI", "1.2.840.10008.5.1.4.1.1.88.22")
                    .set(Tags.MODALITY, "CS", "SR").items(Tags.CONCEPT_NAME_CODE_SEQUENCE,
                            code("18748-4", "LN", "Diagnostic Imaging Report"))).series().get(0).instances().get(0);
            assertThat(instance.title()).isEqualTo("Diagnostic Imaging Report");
        }
    }

    @Nested
    class DatesAndTimes {
        private MappedStudy study(MappingOptions options, String date, String time, String offset) {
            Fixtures.Instance file = instance("1");
            if (date != null) {
                file.set(Tags.STUDY_DATE, "DA", date);
            }
            if (time != null) {
                file.set(Tags.STUDY_TIME, "TM", time);
            }
            if (offset != null) {
                file.set(Tags.TIMEZONE_OFFSET_FROM_UTC, "SH", offset);
            }
            return mapAll(options, file);
        }

        @ParameterizedTest
        @CsvSource({
            "20200102, 101112, +0000, 2020-01-02T10:11:12Z",
            "20200102, 101112.120000, +0100, 2020-01-02T10:11:12.12+01:00",
            "20200102, 101112.000000, -0500, 2020-01-02T10:11:12-05:00",
            "20200102, 1011, -0930, 2020-01-02T10:11:00-09:30",
            "20200102, 10, +0530, 2020-01-02T10:00:00+05:30",
            "2020.01.02, 10:11:12, +0000, 2020-01-02T10:11:12Z",
            "20200102, 101112.123456, +1400, 2020-01-02T10:11:12.123456+14:00"})
        void offsetOfTheInstance(String date, String time, String offset, String started) {
            MappedStudy mapped = study(MappingOptions.defaults(), date, time, offset);
            assertThat(mapped.study().started()).isEqualTo(started);
            assertThat(mapped.warnings()).isEmpty();
        }

        @ParameterizedTest
        @CsvSource({
            "Europe/Berlin, 20210115, 100000, 2021-01-15T10:00:00+01:00",
            "Europe/Berlin, 20210715, 100000, 2021-07-15T10:00:00+02:00",
            "Europe/Berlin, 20211031, 023000, 2021-10-31T02:30:00+02:00",
            "America/Sao_Paulo, 20210715, 100000, 2021-07-15T10:00:00-03:00",
            "UTC, 20210715, 100000, 2021-07-15T10:00:00Z"})
        void configuredZoneWhenTheInstanceHasNoOffset(String zone, String date, String time, String started) {
            MappedStudy mapped = study(zone(zone), date, time, null);
            assertThat(mapped.study().started()).isEqualTo(started);
            assertThat(mapped.warnings()).isEmpty();
        }

        @Test
        void instanceOffsetBeatsTheConfiguredZone() {
            assertThat(study(zone("Europe/Berlin"), "20210715", "100000", "-0300").study().started())
                    .isEqualTo("2021-07-15T10:00:00-03:00");
        }

        @Test
        void noOffsetAndNoZoneGivesTheDateAloneAndOneWarningPerRun() {
            MappedStudy mapped = mapAll(MappingOptions.defaults(),
                    instance("1.1").set(Tags.STUDY_DATE, "DA", "20210715").set(Tags.STUDY_TIME, "TM", "100000")
                            .set(Tags.SERIES_DATE, "DA", "20210715").set(Tags.SERIES_TIME, "TM", "100500"),
                    instance("1.2").series("1.9").set(Tags.STUDY_DATE, "DA", "20210715")
                            .set(Tags.STUDY_TIME, "TM", "100000").set(Tags.SERIES_DATE, "DA", "20210715")
                            .set(Tags.SERIES_TIME, "TM", "101000"));
            assertThat(mapped.study().started()).isEqualTo("2021-07-15");
            assertThat(mapped.study().series()).extracting(SeriesData::started)
                    .containsExactly("2021-07-15", "2021-07-15");
            assertThat(codes(mapped.warnings())).containsExactly(WarningCode.NO_TIMEZONE);
        }

        @Test
        void dateWithoutTimeIsTheDateAloneWithoutWarning() {
            MappedStudy mapped = study(MappingOptions.defaults(), "20210715", null, null);
            assertThat(mapped.study().started()).isEqualTo("2021-07-15");
            assertThat(mapped.warnings()).isEmpty();
        }

        @Test
        void timeWithoutDateGivesNothing() {
            MappedStudy mapped = study(zone("UTC"), null, "101010", "+0000");
            assertThat(mapped.study().started()).isNull();
            assertThat(mapped.warnings()).isEmpty();
        }

        @ParameterizedTest
        @CsvSource({"20200230", "2020-13-01", "2020", "20201301"})
        void invalidDateOmitsStartedWithAWarning(String date) {
            MappedStudy mapped = study(zone("UTC"), date, "101010", null);
            assertThat(mapped.study().started()).isNull();
            assertThat(mapped.warnings()).containsExactly(new Warning(WarningCode.INVALID_DATE,
                    "(0008,0020) StudyDate is not a valid date; started was omitted"));
        }

        @ParameterizedTest
        @CsvSource({"2561", "240000", "123060", "1"})
        void invalidTimeGivesTheDateAloneWithAWarning(String time) {
            MappedStudy mapped = study(zone("UTC"), "20200101", time, "+0100");
            assertThat(mapped.study().started()).isEqualTo("2020-01-01");
            assertThat(mapped.warnings()).containsExactly(new Warning(WarningCode.INVALID_TIME,
                    "(0008,0030) StudyTime is not a valid time; started holds the date alone"));
        }

        @Test
        void invalidOffsetIsIgnoredWithAWarning() {
            MappedStudy mapped = study(zone("Europe/Berlin"), "20210115", "100000", "CET");
            assertThat(mapped.study().started()).isEqualTo("2021-01-15T10:00:00+01:00");
            assertThat(codes(mapped.warnings())).containsExactly(WarningCode.INVALID_TIMEZONE_OFFSET);
        }

        @Test
        void invalidSeriesDateNamesTheSeries() {
            MappedStudy mapped = mapAll(MappingOptions.defaults(), instance("1").set(Tags.SERIES_DATE, "DA", "2020"));
            assertThat(mapped.study().series().get(0).started()).isNull();
            assertThat(mapped.warnings()).containsExactly(new Warning(WarningCode.INVALID_DATE,
                    "(0008,0021) SeriesDate of series " + Fixtures.SERIES_UID
                            + " is not a valid date; series.started was omitted"));
        }
    }

    @Nested
    class SeveralFiles {
        @Test
        void majorityWinsAndTheWarningNamesTheAttributeNotTheValues() {
            MappedStudy mapped = mapAll(MappingOptions.defaults(),
                    instance("1.1").set(Tags.PATIENT_NAME, "PN", "Minority^Name"),
                    instance("1.2").set(Tags.PATIENT_NAME, "PN", "Majority^Name"),
                    instance("1.3").set(Tags.PATIENT_NAME, "PN", "Majority^Name"));
            assertThat(mapped.study().patient().names().get(0).family()).isEqualTo("Majority");
            assertThat(mapped.warnings()).containsExactly(new Warning(WarningCode.CONFLICTING_VALUES,
                    "instances disagree on (0010,0010) PatientName; the value held by most instances was used"));
        }

        @Test
        void tieGoesToTheFirstFileInSortedPathOrder() {
            InstanceFacts b = instance("1.2").set(Tags.STUDY_DESCRIPTION, "LO", "from b").facts("dir/b");
            InstanceFacts a = instance("1.1").set(Tags.STUDY_DESCRIPTION, "LO", "from a").facts("dir/a");
            MappedStudy mapped = StudyMapper.map(List.of(b, a), MappingOptions.defaults());
            assertThat(mapped.study().description()).isEqualTo("from a");
            assertThat(mapped.warnings()).containsExactly(new Warning(WarningCode.CONFLICTING_VALUES,
                    "instances disagree on (0008,1030) StudyDescription; no value was held by most instances,"
                            + " so the value of the first file in sorted path order was used"));
        }

        @Test
        void absentAndEmptyValuesDoNotVote() {
            MappedStudy mapped = mapAll(MappingOptions.defaults(),
                    instance("1.1"),
                    instance("1.2").set(Tags.PATIENT_NAME, "PN", ""),
                    instance("1.3").set(Tags.PATIENT_NAME, "PN", "Doe^Jane"),
                    instance("1.4").set(Tags.ACCESSION_NUMBER, "SH", "A1"));
            assertThat(mapped.study().patient().names().get(0).family()).isEqualTo("Doe");
            assertThat(mapped.study().accession().value()).isEqualTo("A1");
            assertThat(mapped.warnings()).isEmpty();
        }

        @Test
        void everyStudyAndPatientLevelAttributeIsVoted() {
            Fixtures.Instance one = instance("1.1").set(Tags.PATIENT_ID, "LO", "P1")
                    .set(Tags.PATIENT_SEX, "CS", "F").set(Tags.PATIENT_BIRTH_DATE, "DA", "19800101")
                    .set(Tags.ACCESSION_NUMBER, "SH", "A1").set(Tags.STUDY_DATE, "DA", "20200101")
                    .items(Tags.PROCEDURE_CODE_SEQUENCE, code("P1", "LN", "One"));
            Fixtures.Instance other = instance("1.2").set(Tags.PATIENT_ID, "LO", "P2")
                    .set(Tags.PATIENT_SEX, "CS", "M").set(Tags.PATIENT_BIRTH_DATE, "DA", "19800102")
                    .set(Tags.ACCESSION_NUMBER, "SH", "A2").set(Tags.STUDY_DATE, "DA", "20200102")
                    .items(Tags.PROCEDURE_CODE_SEQUENCE, code("P2", "LN", "Two"));
            MappedStudy mapped = mapAll(MappingOptions.defaults(), one, other, instance("1.3")
                    .set(Tags.PATIENT_ID, "LO", "P2").set(Tags.PATIENT_SEX, "CS", "M")
                    .set(Tags.PATIENT_BIRTH_DATE, "DA", "19800102").set(Tags.ACCESSION_NUMBER, "SH", "A2")
                    .set(Tags.STUDY_DATE, "DA", "20200102").items(Tags.PROCEDURE_CODE_SEQUENCE,
                            code("P2", "LN", "Two")));
            StudyData study = mapped.study();
            assertThat(study.patient().identifiers().get(0).value()).isEqualTo("P2");
            assertThat(study.patient().gender()).isEqualTo("male");
            assertThat(study.patient().birthDate()).isEqualTo("1980-01-02");
            assertThat(study.accession().value()).isEqualTo("A2");
            assertThat(study.started()).isEqualTo("2020-01-02");
            assertThat(study.procedureCodes()).extracting(ConceptData::text).containsExactly("Two");
            assertThat(mapped.warnings()).extracting(Warning::message).allMatch(m -> m.startsWith("instances disagree"))
                    .anyMatch(m -> m.contains("(0010,0020) PatientID"))
                    .anyMatch(m -> m.contains("(0010,0040) PatientSex"))
                    .anyMatch(m -> m.contains("(0010,0030) PatientBirthDate"))
                    .anyMatch(m -> m.contains("(0008,0050) AccessionNumber"))
                    .anyMatch(m -> m.contains("(0008,0020) StudyDate"))
                    .anyMatch(m -> m.contains("(0008,1032) ProcedureCodeSequence"))
                    .noneMatch(m -> m.contains("P1") || m.contains("P2") || m.contains("A1") || m.contains("A2")
                            || m.contains("1980") || m.contains("2020") || m.contains("One") || m.contains("Two"));
        }

        @Test
        void seriesLevelValuesAreVotedWithinTheSeries() {
            MappedStudy mapped = mapAll(MappingOptions.defaults(),
                    instance("1.1").set(Tags.SERIES_DESCRIPTION, "LO", "Axial"),
                    instance("1.2").set(Tags.SERIES_DESCRIPTION, "LO", "Axial"),
                    instance("1.3").set(Tags.SERIES_DESCRIPTION, "LO", "Coronal"),
                    instance("2.1").series("1.9").set(Tags.SERIES_DESCRIPTION, "LO", "Sagittal"));
            assertThat(mapped.study().series()).extracting(SeriesData::description)
                    .containsExactlyInAnyOrder("Axial", "Sagittal");
            assertThat(mapped.warnings()).containsExactly(new Warning(WarningCode.CONFLICTING_VALUES,
                    "instances of series " + Fixtures.SERIES_UID + " disagree on (0008,103E) SeriesDescription;"
                            + " the value held by most instances was used"));
        }

        @Test
        void duplicateSopInstanceUidIsMappedOnceFromTheFirstPath() {
            InstanceFacts second = instance("1.1").set(Tags.INSTANCE_NUMBER, "IS", "2").facts("b");
            InstanceFacts first = instance("1.1").set(Tags.INSTANCE_NUMBER, "IS", "1").facts("a");
            StudyData study = StudyMapper.map(List.of(second, first), MappingOptions.defaults()).study();
            assertThat(study.numberOfInstances()).isEqualTo(1);
            assertThat(study.series().get(0).instances().get(0).number()).isEqualTo(1);
        }

        @Test
        void instancesOfSeveralStudiesAreRefused() {
            List<InstanceFacts> facts = List.of(instance("1.1").facts("a"),
                    instance("1.2").set(Tags.STUDY_INSTANCE_UID, "UI", "1.2.3.999").facts("b"));
            assertThatThrownBy(() -> StudyMapper.map(facts, MappingOptions.defaults()))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> StudyMapper.map(List.of(), MappingOptions.defaults()))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Ordering {
        @Test
        void seriesByNumberThenUidUnnumberedLastByUid() {
            StudyData study = map(
                    instance("1").series("1.5").set(Tags.SERIES_NUMBER, "IS", "10"),
                    instance("2").series("1.4"),
                    instance("3").series("1.3").set(Tags.SERIES_NUMBER, "IS", "2"),
                    instance("4").series("1.2").set(Tags.SERIES_NUMBER, "IS", "10"),
                    instance("5").series("1.1"),
                    instance("6").series("1.6").set(Tags.SERIES_NUMBER, "IS", "x"));
            assertThat(study.series()).extracting(SeriesData::uid)
                    .containsExactly("1.3", "1.2", "1.5", "1.1", "1.4", "1.6");
        }

        @Test
        void instancesByNumberThenUidUnnumberedLastByUid() {
            StudyData study = map(
                    instance("1.9").set(Tags.INSTANCE_NUMBER, "IS", "10"),
                    instance("1.8"),
                    instance("1.7").set(Tags.INSTANCE_NUMBER, "IS", "2"),
                    instance("1.6").set(Tags.INSTANCE_NUMBER, "IS", "10"),
                    instance("1.5"));
            assertThat(study.series().get(0).instances()).extracting(InstanceData::uid)
                    .containsExactly("1.7", "1.6", "1.9", "1.5", "1.8");
        }

        @Test
        void resultDoesNotDependOnTheOrderOfTheFacts() {
            List<InstanceFacts> facts = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                facts.add(instance("1.2." + i).series("1.9." + (i % 4))
                        .set(Tags.INSTANCE_NUMBER, "IS", String.valueOf(i % 7))
                        .set(Tags.SERIES_NUMBER, "IS", String.valueOf(i % 4))
                        .set(Tags.STUDY_DESCRIPTION, "LO", "d" + (i % 3)).facts(String.format("p%03d", i)));
            }
            MappedStudy expected = StudyMapper.map(facts, MappingOptions.defaults());
            for (long seed = 0; seed < 5; seed++) {
                List<InstanceFacts> shuffled = new ArrayList<>(facts);
                Collections.shuffle(shuffled, new Random(seed));
                assertThat(StudyMapper.map(shuffled, MappingOptions.defaults())).isEqualTo(expected);
            }
        }
    }

    @Test
    void noEmptyStringAnywhereWhenEveryValueIsEmptyOrBlank() throws Exception {
        Fixtures.Instance file = instance("1");
        for (int tag : new int[] {Tags.PATIENT_NAME, Tags.PATIENT_ID, Tags.ISSUER_OF_PATIENT_ID, Tags.PATIENT_SEX,
            Tags.PATIENT_BIRTH_DATE, Tags.ACCESSION_NUMBER, Tags.STUDY_DATE, Tags.STUDY_TIME, Tags.STUDY_DESCRIPTION,
            Tags.SERIES_NUMBER, Tags.SERIES_DESCRIPTION, Tags.SERIES_DATE, Tags.SERIES_TIME,
            Tags.BODY_PART_EXAMINED, Tags.LATERALITY, Tags.IMAGE_LATERALITY, Tags.INSTANCE_NUMBER,
            Tags.DOCUMENT_TITLE, Tags.CONTENT_LABEL, Tags.TIMEZONE_OFFSET_FROM_UTC,
            Tags.REASON_FOR_THE_REQUESTED_PROCEDURE}) {
            file.set(tag, "LO", " ");
        }
        file.set(Tags.IMAGE_TYPE, "CS", "", "")
                .items(Tags.PROCEDURE_CODE_SEQUENCE, code(" ", " ", " "))
                .items(Tags.REASON_FOR_REQUESTED_PROCEDURE_CODE_SEQUENCE, code("", "", ""))
                .items(Tags.ISSUER_OF_PATIENT_ID_QUALIFIERS_SEQUENCE, issuer(" ", " "))
                .items(Tags.CONCEPT_NAME_CODE_SEQUENCE, code(null, null, " "));
        StudyData study = map(file);
        assertNoEmptyStrings(study, "study");
        assertThat(study.patient().names()).isEmpty();
        assertThat(study.patient().identifiers()).isEmpty();
        assertThat(study.procedureCodes()).isEmpty();
        assertThat(study.reasonCodes()).isEmpty();
        assertThat(study.identifiers()).hasSize(1);
    }

    /** Walks records and lists: no string may be empty or blank. */
    static void assertNoEmptyStrings(Object value, String where) throws Exception {
        if (value instanceof String s) {
            assertThat(s.isBlank()).as(where + " is blank").isFalse();
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                assertNoEmptyStrings(list.get(i), where + "[" + i + "]");
            }
        } else if (value != null && value.getClass().isRecord()) {
            for (RecordComponent c : value.getClass().getRecordComponents()) {
                assertNoEmptyStrings(c.getAccessor().invoke(value), where + "." + c.getName());
            }
        }
    }
}
