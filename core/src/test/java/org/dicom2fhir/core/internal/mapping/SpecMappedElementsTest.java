package org.dicom2fhir.core.internal.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dicom2fhir.core.internal.mapping.Fixtures.code;
import static org.dicom2fhir.core.internal.mapping.Fixtures.codes;
import static org.dicom2fhir.core.internal.mapping.Fixtures.instance;
import static org.dicom2fhir.core.internal.mapping.Fixtures.item;
import static org.dicom2fhir.core.internal.mapping.Fixtures.map;
import static org.dicom2fhir.core.internal.mapping.Fixtures.mapAll;
import static org.dicom2fhir.core.internal.mapping.Fixtures.seq;
import static org.dicom2fhir.core.internal.mapping.Fixtures.str;

import java.util.List;
import java.util.stream.Stream;
import org.dicom2fhir.api.Warning;
import org.dicom2fhir.api.WarningCode;
import org.dicom2fhir.api.dicom.DicomDataSet;
import org.dicom2fhir.api.dicom.Tags;
import org.dicom2fhir.api.model.CodingData;
import org.dicom2fhir.api.model.ConceptData;
import org.dicom2fhir.api.model.DeviceData;
import org.dicom2fhir.api.model.IdentifierData;
import org.dicom2fhir.api.model.LocationData;
import org.dicom2fhir.api.model.NameData;
import org.dicom2fhir.api.model.NameRepresentation;
import org.dicom2fhir.api.model.OrderData;
import org.dicom2fhir.api.model.OrganizationData;
import org.dicom2fhir.api.model.PerformerData;
import org.dicom2fhir.api.model.PractitionerData;
import org.dicom2fhir.api.model.SeriesData;
import org.dicom2fhir.api.model.ServiceRequestData;
import org.dicom2fhir.api.model.StudyData;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The elements issue 11 added: practitioners, orders, anatomy, place, specimens, equipment, encounter,
 * other patient ids, Study ID, SOP Class names and R4's acquisition modalities. Each study mapped here is
 * validated in R4 and R5 by {@link Fixtures#mapAll}.
 */
class SpecMappedElementsTest {
    private static final String SCT = "http://snomed.info/sct";
    private static final String V2_0203 = "http://terminology.hl7.org/CodeSystem/v2-0203";
    private static final String CONTAINED_ID = "[a-z]+-[0-9a-f]{12}";

    private static DicomDataSet personId(String code, String scheme) {
        return item(seq(Tags.PERSON_IDENTIFICATION_CODE_SEQUENCE, code(code, scheme, "Doctor")));
    }

    private static DicomDataSet issuer(String local, String universal, String type) {
        List<org.dicom2fhir.api.dicom.DicomElement> elements = new java.util.ArrayList<>();
        if (local != null) {
            elements.add(str(Tags.LOCAL_NAMESPACE_ENTITY_ID, "UT", local));
        }
        if (universal != null) {
            elements.add(str(Tags.UNIVERSAL_ENTITY_ID, "UT", universal));
            elements.add(str(Tags.UNIVERSAL_ENTITY_ID_TYPE, "CS", type));
        }
        return DicomDataSet.of(elements);
    }

    private static PractitionerData practitioner(StudyData study, String id) {
        return study.contained().practitioners().stream().filter(p -> p.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no contained practitioner " + id));
    }

    private static List<String> families(PractitionerData p) {
        return p.names().stream().map(NameData::family).toList();
    }

    /** Decoded names in the scripts the patient-name rules handle (the readers decode the character sets). */
    static Stream<String> nonAsciiNames() {
        return Stream.of("Yamada^Tarou=山田^太郎=やまだ^たろう", "Hong^Gildong=洪^吉洞=홍^길동", "Wang^XiaoDong=王^小東=",
                "Διονυσιος", "Люкceмбypг", "Buc^Jérôme", "שרון^דבורה", "قباني^لنزار", "Wang^XiaoDong=王^小东=");
    }

    @Nested
    class Referrer {
        @Test
        void absentOrEmptyGivesNoReferrerAndNoPractitioner() {
            StudyData study = map(instance("1.1"), instance("1.2").set(Tags.REFERRING_PHYSICIAN_NAME, "PN", ""));
            assertThat(study.referrerId()).isNull();
            assertThat(study.contained().practitioners()).isEmpty();
        }

        @Test
        void allThreeGroupsAndTheIdentificationItem() {
            StudyData study = map(instance("1.1").set(Tags.REFERRING_PHYSICIAN_NAME, "PN", "Yamada^Tarou=山田^太郎=やまだ^たろう")
                    .items(Tags.REFERRING_PHYSICIAN_IDENTIFICATION_SEQUENCE, personId("D123", "99HOSP")));
            PractitionerData referrer = practitioner(study, study.referrerId());
            assertThat(referrer.id()).matches("practitioner-[0-9a-f]{12}");
            assertThat(referrer.names()).extracting(NameData::representation).containsExactly(
                    NameRepresentation.ALPHABETIC, NameRepresentation.IDEOGRAPHIC, NameRepresentation.PHONETIC);
            assertThat(families(referrer)).containsExactly("Yamada", "山田", "やまだ");
            assertThat(referrer.identifiers()).containsExactly(new IdentifierData(null, null, null, "D123", null));
        }

        @Test
        void identificationAloneIsAPractitionerWithoutAName() {
            StudyData study = map(instance("1.1").items(Tags.REFERRING_PHYSICIAN_IDENTIFICATION_SEQUENCE,
                    personId("D123", "DCM")));
            assertThat(practitioner(study, study.referrerId()).names()).isEmpty();
        }

        @Test
        void conflictingReferrersGiveTheMajorityAndAWarningWithoutValues() {
            MappedStudy mapped = mapAll(MappingOptions.defaults(),
                    instance("1.1").set(Tags.REFERRING_PHYSICIAN_NAME, "PN", "Smith^Anna"),
                    instance("1.2").set(Tags.REFERRING_PHYSICIAN_NAME, "PN", "Jones^Bob"),
                    instance("1.3").set(Tags.REFERRING_PHYSICIAN_NAME, "PN", "Jones^Bob"));
            assertThat(families(practitioner(mapped.study(), mapped.study().referrerId()))).containsExactly("Jones");
            assertThat(codes(mapped.warnings())).containsExactly(WarningCode.CONFLICTING_VALUES);
            assertThat(mapped.warnings()).extracting(Warning::message).allSatisfy(m -> assertThat(m)
                    .contains("(0008,0090) ReferringPhysicianName").doesNotContain("Jones", "Smith"));
        }

        @ParameterizedTest
        @MethodSource("org.dicom2fhir.core.internal.mapping.SpecMappedElementsTest#nonAsciiNames")
        void nonAsciiNamesAreKeptAsThePatientNameRulesKeepThem(String pn) {
            StudyData study = map(instance("1.1").set(Tags.REFERRING_PHYSICIAN_NAME, "PN", pn)
                    .set(Tags.PATIENT_NAME, "PN", pn));
            assertThat(practitioner(study, study.referrerId()).names()).isEqualTo(study.patient().names());
        }
    }

    @Nested
    class Performers {
        @Test
        void everyValueWithTheIdentificationItemAtItsPositionThenOperatorsThenTheDevice() {
            StudyData study = map(instance("1.1")
                    .set(Tags.PERFORMING_PHYSICIAN_NAME, "PN", "Doe^John", "", "Roe^Rita")
                    .items(Tags.PERFORMING_PHYSICIAN_IDENTIFICATION_SEQUENCE, personId("P1", "99X"), item(),
                            personId("P3", "99X"))
                    .set(Tags.OPERATORS_NAME, "PN", "Tech^Tom")
                    .set(Tags.MANUFACTURER, "LO", "ACME"));
            List<PerformerData> performers = study.series().get(0).performers();
            assertThat(performers).extracting(PerformerData::function).containsExactly(StudyMapper.PERFORMER,
                    StudyMapper.PERFORMER, StudyMapper.SECONDARY_PERFORMER, null);
            assertThat(families(practitioner(study, performers.get(0).actorId()))).containsExactly("Doe");
            assertThat(practitioner(study, performers.get(0).actorId()).identifiers())
                    .extracting(IdentifierData::value).containsExactly("P1");
            assertThat(practitioner(study, performers.get(1).actorId()).identifiers())
                    .extracting(IdentifierData::value).containsExactly("P3");
            assertThat(families(practitioner(study, performers.get(2).actorId()))).containsExactly("Tech");
            assertThat(performers.get(3).actorId()).isEqualTo(study.contained().devices().get(0).id());
        }

        @Test
        void theSamePersonInTwoRolesIsOneContainedPractitioner() {
            StudyData study = map(instance("1.1").set(Tags.REFERRING_PHYSICIAN_NAME, "PN", "Doe^John")
                    .set(Tags.PERFORMING_PHYSICIAN_NAME, "PN", "Doe^John")
                    .set(Tags.NAME_OF_PHYSICIANS_READING_STUDY, "PN", "Doe^John", "Roe^Rita"));
            assertThat(study.contained().practitioners()).hasSize(2);
            assertThat(study.series().get(0).performers().get(0).actorId()).isEqualTo(study.referrerId())
                    .isEqualTo(study.interpreterIds().get(0));
            assertThat(study.practitionersBesidesInterpreters()).extracting(PractitionerData::id)
                    .containsExactly(study.referrerId());
        }

        @Test
        void noPerformersGivesAnEmptyList() {
            assertThat(map(instance("1.1")).series().get(0).performers()).isEmpty();
        }

        @ParameterizedTest
        @MethodSource("org.dicom2fhir.core.internal.mapping.SpecMappedElementsTest#nonAsciiNames")
        void nonAsciiOperatorsAndReaders(String pn) {
            StudyData study = map(instance("1.1").set(Tags.OPERATORS_NAME, "PN", pn)
                    .set(Tags.NAME_OF_PHYSICIANS_READING_STUDY, "PN", pn).set(Tags.PATIENT_NAME, "PN", pn));
            assertThat(practitioner(study, study.interpreterIds().get(0)).names()).isEqualTo(study.patient().names());
        }

        @Test
        void seriesThatDisagreeOnPerformersKeepTheirOwnAndInstancesThatDisagreeWarn() {
            MappedStudy mapped = mapAll(MappingOptions.defaults(),
                    instance("1.1").set(Tags.OPERATORS_NAME, "PN", "A^A"),
                    instance("1.2").set(Tags.OPERATORS_NAME, "PN", "B^B"));
            assertThat(codes(mapped.warnings())).containsExactly(WarningCode.CONFLICTING_VALUES);
            assertThat(mapped.warnings().get(0).message()).contains("(0008,1070) OperatorsName")
                    .doesNotContain("A^A");
        }
    }

    @Nested
    class Orders {
        @Test
        void oneServiceRequestPerRequestedProcedureWithAllItsIdentifiers() {
            StudyData study = map(instance("1.1").set(Tags.ACCESSION_NUMBER, "SH", "ACC1")
                    .items(Tags.REQUEST_ATTRIBUTES_SEQUENCE,
                            item(str(Tags.REQUESTED_PROCEDURE_ID, "SH", "RP1"),
                                    seq(Tags.REQUESTED_PROCEDURE_CODE_SEQUENCE, code("CTCHEST", "99ORD", "CT chest")),
                                    str(Tags.PLACER_ORDER_NUMBER, "LO", "PL1"),
                                    seq(Tags.ORDER_PLACER_IDENTIFIER_SEQUENCE, issuer("HIS", "1.2.840.99.1", "ISO")),
                                    str(Tags.FILLER_ORDER_NUMBER, "LO", "FI1")),
                            item(str(Tags.ACCESSION_NUMBER, "SH", "ACC2"),
                                    str(Tags.REQUESTED_PROCEDURE_ID, "SH", "RP2"))));
            assertThat(study.orders()).hasSize(2);
            ServiceRequestData first = study.contained().serviceRequests().get(0);
            assertThat(study.orders().get(0)).isEqualTo(new OrderData(first.id(), study.accession()));
            assertThat(first.identifiers()).extracting(IdentifierData::value)
                    .containsExactly("ACC1", "PL1", "FI1", "RP1");
            assertThat(first.identifiers().get(1)).isEqualTo(new IdentifierData(null,
                    ConceptData.of(CodingData.of(V2_0203, "PLAC", null)), "urn:oid:1.2.840.99.1", "PL1", "HIS"));
            assertThat(first.identifiers().get(3).type()).isEqualTo(new ConceptData(List.of(), "Requested Procedure ID"));
            assertThat(first.code().text()).isEqualTo("CT chest");
            assertThat(study.orders().get(1).accession().value()).isEqualTo("ACC2");
            assertThat(study.identifiers()).as("R4 keeps the study's ACSN in identifier[] too")
                    .contains(study.accession());
        }

        @Test
        void theAccessionAloneIsAnIdentifierOnlyOrder() {
            StudyData study = map(instance("1.1").set(Tags.ACCESSION_NUMBER, "SH", "ACC1"));
            assertThat(study.orders()).containsExactly(new OrderData(null, study.accession()));
            assertThat(study.contained().serviceRequests()).isEmpty();
        }

        @Test
        void topLevelRequestAttributesWithoutTheSequenceAreOneRequest() {
            StudyData study = map(instance("1.1").set(Tags.REQUESTED_PROCEDURE_ID, "SH", "RP9")
                    .set(Tags.FILLER_ORDER_NUMBER, "LO", "F9"));
            assertThat(study.orders()).singleElement().satisfies(o -> assertThat(o.accession()).isNull());
            assertThat(study.contained().serviceRequests().get(0).identifiers()).extracting(IdentifierData::value)
                    .containsExactly("F9", "RP9");
        }

        @Test
        void noRequestNoOrder() {
            assertThat(map(instance("1.1")).orders()).isEmpty();
        }
    }

    @Nested
    class Anatomy {
        @Test
        void theAnatomicRegionWinsOverBodyPartExaminedAndSnomedRtIsTranslated() {
            StudyData study = map(instance("1.1").set(Tags.BODY_PART_EXAMINED, "CS", "HEAD")
                    .items(Tags.ANATOMIC_REGION_SEQUENCE, code("T-D3000", "SRT", "Chest")));
            assertThat(study.series().get(0).bodySite()).isEqualTo(CodingData.of(SCT, "51185008", "Chest"));
        }

        @Test
        void bodyPartExaminedWhenThereIsNoRegion() {
            assertThat(map(instance("1.1").set(Tags.BODY_PART_EXAMINED, "CS", "CHEST")).series().get(0).bodySite())
                    .isEqualTo(BodyParts.bodySite("CHEST")).extracting(CodingData::system).isEqualTo(SCT);
        }

        @Test
        void aLateralityModifierOfTheRegionGivesTheLaterality() {
            StudyData study = map(instance("1.1").items(Tags.ANATOMIC_REGION_SEQUENCE,
                    item(str(Tags.CODE_VALUE, "SH", "72696002"), str(Tags.CODING_SCHEME_DESIGNATOR, "SH", "SCT"),
                            str(Tags.CODE_MEANING, "LO", "Knee"),
                            seq(Tags.ANATOMIC_REGION_MODIFIER_SEQUENCE, code("G-A101", "SRT", "Left")))));
            assertThat(study.series().get(0).laterality()).isEqualTo(Laterality.LEFT);
            assertThat(study.series().get(0).bodySite()).isEqualTo(CodingData.of(SCT, "72696002", "Knee"));
        }

        @Test
        void theEnhancedObjectsSharedFrameAnatomyIsReadAndThePerFrameGroupsAreNot() {
            DicomDataSet anatomy = item(seq(Tags.ANATOMIC_REGION_SEQUENCE, code("80891009", "SCT", "Heart")),
                    str(Tags.FRAME_LATERALITY, "CS", "R"));
            DicomDataSet perFrame = item(seq(Tags.FRAME_ANATOMY_SEQUENCE, item(
                    seq(Tags.ANATOMIC_REGION_SEQUENCE, code("12738006", "SCT", "Brain")),
                    str(Tags.FRAME_LATERALITY, "CS", "L"))));
            StudyData study = map(instance("1.1")
                    .items(Tags.SHARED_FUNCTIONAL_GROUPS_SEQUENCE, item(seq(Tags.FRAME_ANATOMY_SEQUENCE, anatomy)))
                    .items(Tags.PER_FRAME_FUNCTIONAL_GROUPS_SEQUENCE, perFrame, perFrame));
            assertThat(study.series().get(0).bodySite().code()).isEqualTo("80891009");
            assertThat(study.series().get(0).laterality()).isEqualTo(Laterality.RIGHT);
            assertThat(FactsExtractor.REQUIRED_TAGS).contains(Tags.SHARED_FUNCTIONAL_GROUPS_SEQUENCE)
                    .doesNotContain(Tags.PER_FRAME_FUNCTIONAL_GROUPS_SEQUENCE);
        }

        @Test
        void lateralityOrderLateralityThenModifierThenImageThenFrame() {
            DicomDataSet rightKnee = item(str(Tags.CODE_VALUE, "SH", "72696002"),
                    str(Tags.CODING_SCHEME_DESIGNATOR, "SH", "SCT"),
                    seq(Tags.ANATOMIC_REGION_MODIFIER_SEQUENCE, code("24028007", "SCT", "Right")));
            MappedStudy mapped = mapAll(MappingOptions.defaults(), instance("1.1").set(Tags.LATERALITY, "CS", "L")
                    .items(Tags.ANATOMIC_REGION_SEQUENCE, rightKnee));
            assertThat(mapped.study().series().get(0).laterality()).isEqualTo(Laterality.LEFT);
            assertThat(codes(mapped.warnings())).containsExactly(WarningCode.CONFLICTING_VALUES);
            assertThat(mapped.warnings().get(0).message()).contains("laterality sources");

            MappedStudy agreeing = mapAll(MappingOptions.defaults(), instance("1.1")
                    .items(Tags.ANATOMIC_REGION_SEQUENCE, rightKnee).set(Tags.IMAGE_LATERALITY, "CS", "R"));
            assertThat(agreeing.study().series().get(0).laterality()).isEqualTo(Laterality.RIGHT);
            assertThat(agreeing.warnings()).isEmpty();

            assertThat(map(instance("1.1").set(Tags.IMAGE_LATERALITY, "CS", "B")).series().get(0).laterality())
                    .isEqualTo(Laterality.BOTH);
        }

        @Test
        void unpairedLateralityMeansNoSideAndDoesNotFallBack() {
            MappedStudy mapped = mapAll(MappingOptions.defaults(), instance("1.1").set(Tags.LATERALITY, "CS", "U")
                    .set(Tags.IMAGE_LATERALITY, "CS", "R"));
            assertThat(mapped.study().series().get(0).laterality()).isNull();
            assertThat(codes(mapped.warnings())).containsExactly(WarningCode.CONFLICTING_VALUES);
        }
    }

    @Nested
    class Place {
        @Test
        void performedLocationWinsAndTheInstitutionManagesIt() {
            StudyData study = map(instance("1.1").set(Tags.PERFORMED_LOCATION, "SH", "CT room 2")
                    .set(Tags.INSTITUTIONAL_DEPARTMENT_NAME, "LO", "Radiology")
                    .set(Tags.INSTITUTION_NAME, "LO", "St. Example")
                    .set(Tags.INSTITUTION_ADDRESS, "ST", "1 Example Road, Exampletown"));
            LocationData location = study.contained().locations().get(0);
            assertThat(study.locationId()).isEqualTo(location.id());
            assertThat(location.name()).isEqualTo("CT room 2");
            OrganizationData organization = study.contained().organizations().get(0);
            assertThat(location.managingOrganizationId()).isEqualTo(organization.id());
            assertThat(organization).isEqualTo(new OrganizationData(organization.id(), "St. Example",
                    "1 Example Road, Exampletown"));
        }

        @Test
        void theDepartmentWithoutAPerformedLocation() {
            StudyData study = map(instance("1.1").set(Tags.INSTITUTIONAL_DEPARTMENT_NAME, "LO", "Radiologie Süd"));
            assertThat(study.contained().locations()).singleElement()
                    .satisfies(l -> assertThat(l.name()).isEqualTo("Radiologie Süd"))
                    .satisfies(l -> assertThat(l.managingOrganizationId()).isNull());
            assertThat(study.contained().organizations()).isEmpty();
        }

        @Test
        void theInstitutionAloneIsALocationOfThatOrganization() {
            StudyData study = map(instance("1.1").set(Tags.INSTITUTION_NAME, "LO", "病院"));
            assertThat(study.contained().locations()).singleElement()
                    .satisfies(l -> assertThat(l.name()).isNull());
        }

        @Test
        void anAddressWithoutAnInstitutionNameIsNoOrganization() {
            StudyData study = map(instance("1.1").set(Tags.INSTITUTION_ADDRESS, "ST", "Somewhere"));
            assertThat(study.contained().organizations()).isEmpty();
            assertThat(study.locationId()).isNull();
        }
    }

    @Nested
    class Equipment {
        private Fixtures.Instance ct(String sop, String series) {
            return instance(sop).series(series).set(Tags.MANUFACTURER, "LO", "ACME")
                    .set(Tags.MANUFACTURER_MODEL_NAME, "LO", "Scan 3000").set(Tags.DEVICE_SERIAL_NUMBER, "LO", "SN1")
                    .set(Tags.SOFTWARE_VERSIONS, "LO", "1.0", "", "2.1").set(Tags.STATION_NAME, "SH", "CT01")
                    .set(Tags.INSTITUTION_NAME, "LO", "St. Example");
        }

        @Test
        void oneDevicePerEquipmentSharedByTheSeriesThatUsedItOwnedByTheInstitution() {
            StudyData study = map(ct("1.1", "1.2.3.1"), ct("1.2", "1.2.3.2"),
                    instance("1.3").series("1.2.3.3").set(Tags.MANUFACTURER, "LO", "Other"));
            assertThat(study.contained().devices()).hasSize(2);
            DeviceData device = study.contained().devices().get(0);
            assertThat(device).isEqualTo(new DeviceData(device.id(), "ACME", "Scan 3000", "SN1", null,
                    List.of("1.0", "2.1"), "CT01", null, study.contained().organizations().get(0).id()));
            assertThat(study.series()).extracting(s -> s.performers().get(0).actorId())
                    .containsExactly(device.id(), device.id(), study.contained().devices().get(1).id());
        }

        @Test
        void theDeviceUidIdentifiesTheDeviceAndTheUdiIsKept() {
            StudyData one = map(ct("1.1", "1.2.3.1").set(Tags.DEVICE_UID, "UI", "1.2.826.0.1.3680043.8.498.77")
                    .items(Tags.UDI_SEQUENCE, item(str(Tags.UNIQUE_DEVICE_IDENTIFIER, "UT", "(01)00844588003288"))));
            StudyData other = map(ct("1.1", "1.2.3.1").set(Tags.DEVICE_UID, "UI", "1.2.826.0.1.3680043.8.498.77")
                    .set(Tags.STATION_NAME, "SH", "renamed"));
            assertThat(one.contained().devices().get(0).id()).isEqualTo(other.contained().devices().get(0).id());
            assertThat(one.contained().devices().get(0).udi()).isEqualTo("(01)00844588003288");
            assertThat(one.contained().devices().get(0).gs1DeviceIdentifier()).isEqualTo("00844588003288");
        }

        @Test
        void noEquipmentNoDevice() {
            assertThat(map(instance("1.1")).contained().devices()).isEmpty();
        }
    }

    @Nested
    class Specimens {
        @Test
        void everyDistinctSpecimenOfTheSeriesWithItsIssuer() {
            DicomDataSet a = item(str(Tags.SPECIMEN_IDENTIFIER, "LO", "S-1"),
                    seq(Tags.ISSUER_OF_THE_SPECIMEN_IDENTIFIER_SEQUENCE, issuer("LAB", "1.2.840.99.7", "ISO")));
            DicomDataSet b = item(str(Tags.SPECIMEN_IDENTIFIER, "LO", "S-2"));
            StudyData study = map(instance("1.1").items(Tags.SPECIMEN_DESCRIPTION_SEQUENCE, a),
                    instance("1.2").items(Tags.SPECIMEN_DESCRIPTION_SEQUENCE, a, b), instance("1.3"));
            assertThat(study.series().get(0).specimenIds()).hasSize(2);
            assertThat(study.contained().specimens()).extracting(s -> s.accessionIdentifier()).containsExactly(
                    new IdentifierData(null, null, "urn:oid:1.2.840.99.7", "S-1", "LAB"),
                    new IdentifierData(null, null, null, "S-2", null));
        }

        @Test
        void anItemWithoutAnIdentifierIsNoSpecimen() {
            assertThat(map(instance("1.1").items(Tags.SPECIMEN_DESCRIPTION_SEQUENCE, item())).contained().specimens())
                    .isEmpty();
        }
    }

    @Nested
    class IdentifiersAndCodes {
        @Test
        void studyIdAdmissionAndOtherPatientIds() {
            StudyData study = map(instance("1.1").set(Tags.STUDY_ID, "SH", "S42").set(Tags.PATIENT_ID, "LO", "P1")
                    .set(Tags.ADMISSION_ID, "LO", "ADM7")
                    .items(Tags.ISSUER_OF_ADMISSION_ID_SEQUENCE, issuer("HIS", null, null))
                    .items(Tags.OTHER_PATIENT_IDS_SEQUENCE,
                            item(str(Tags.PATIENT_ID, "LO", "X-9"), str(Tags.ISSUER_OF_PATIENT_ID, "LO", "Other")),
                            item(str(Tags.ISSUER_OF_PATIENT_ID, "LO", "no id, no identifier"))));
            assertThat(study.identifiers()).last()
                    .isEqualTo(new IdentifierData(null, new ConceptData(List.of(), "Study ID"), null, "S42", null));
            assertThat(study.encounter()).isEqualTo(new IdentifierData(null,
                    ConceptData.of(CodingData.of(V2_0203, "VN", null)), null, "ADM7", "HIS"));
            assertThat(study.patient().identifiers()).extracting(IdentifierData::value).containsExactly("P1", "X-9");
            assertThat(study.patient().identifiers().get(1).assignerDisplay()).isEqualTo("Other");
        }

        @Test
        void sopClassesCarryTheirRegistryName() {
            assertThat(map(instance("1.1")).series().get(0).instances().get(0).sopClass().display())
                    .isEqualTo("CT Image Storage");
        }

        @Test
        void r4ModalityHoldsOnlyAcquisitionModalities() {
            StudyData mixed = map(instance("1.1"), instance("1.2").series("1.2.3.9").set(Tags.MODALITY, "CS", "SR"));
            assertThat(mixed.modalities()).extracting(CodingData::code).containsExactlyInAnyOrder("CT", "SR");
            assertThat(mixed.acquisitionModalities()).extracting(CodingData::code).containsExactly("CT");
            StudyData onlySr = map(instance("1.1").set(Tags.MODALITY, "CS", "SR"));
            assertThat(onlySr.acquisitionModalities()).isEmpty();
            assertThat(onlySr.modalities()).extracting(CodingData::code).containsExactly("SR");
        }
    }

    @Nested
    class ContentDerivedIds {
        private StudyData everything(String referrer) {
            return map(instance("1.1").set(Tags.REFERRING_PHYSICIAN_NAME, "PN", referrer)
                    .set(Tags.PERFORMING_PHYSICIAN_NAME, "PN", "Doe^John").set(Tags.MANUFACTURER, "LO", "ACME")
                    .set(Tags.INSTITUTION_NAME, "LO", "St. Example").set(Tags.PERFORMED_LOCATION, "SH", "Room")
                    .items(Tags.SPECIMEN_DESCRIPTION_SEQUENCE, item(str(Tags.SPECIMEN_IDENTIFIER, "LO", "S-1")))
                    .set(Tags.REQUESTED_PROCEDURE_ID, "SH", "RP1"));
        }

        private List<String> ids(StudyData s) {
            return Stream.of(s.contained().practitioners().stream().map(PractitionerData::id),
                    s.contained().organizations().stream().map(OrganizationData::id),
                    s.contained().locations().stream().map(LocationData::id),
                    s.contained().devices().stream().map(DeviceData::id),
                    s.contained().specimens().stream().map(x -> x.id()),
                    s.contained().serviceRequests().stream().map(ServiceRequestData::id)).flatMap(x -> x).toList();
        }

        @Test
        void theSameContentGivesTheSameIdsInEveryRunAndOtherContentOthers() {
            List<String> first = ids(everything("Roe^Rita"));
            assertThat(first).hasSize(7).doesNotHaveDuplicates().allMatch(id -> id.matches(CONTAINED_ID));
            assertThat(ids(everything("Roe^Rita"))).isEqualTo(first);
            List<String> changed = ids(everything("Poe^Edgar"));
            assertThat(changed.get(0)).isNotEqualTo(first.get(0));
            assertThat(changed.subList(1, 7)).isEqualTo(first.subList(1, 7));
        }

        @ParameterizedTest
        @ValueSource(strings = {"Roe^Rita", "Roe^Rita=ロー^リタ"})
        void idsSayNothingAboutTheValues(String referrer) {
            assertThat(ids(everything(referrer))).noneMatch(id -> id.contains("Roe") || id.contains("ACME"));
        }
    }

    @Test
    void aSeriesWithEverythingValidatesAndReferencesOnlyContainedResources() {
        StudyData study = map(instance("1.1").set(Tags.PERFORMING_PHYSICIAN_NAME, "PN", "Doe^John")
                .set(Tags.MANUFACTURER, "LO", "ACME").set(Tags.INSTITUTION_NAME, "LO", "St. Example")
                .items(Tags.SPECIMEN_DESCRIPTION_SEQUENCE, item(str(Tags.SPECIMEN_IDENTIFIER, "LO", "S-1"))));
        SeriesData series = study.series().get(0);
        assertThat(series.performers()).hasSize(2);
        assertThat(series.specimenIds()).containsExactly(study.contained().specimens().get(0).id());
    }
}
