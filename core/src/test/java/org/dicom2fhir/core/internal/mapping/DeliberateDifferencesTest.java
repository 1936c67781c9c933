package org.dicom2fhir.core.internal.mapping;

import org.dicom2fhir.api.WarningCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dicom2fhir.core.internal.mapping.Fixtures.code;
import static org.dicom2fhir.core.internal.mapping.Fixtures.instance;
import static org.dicom2fhir.core.internal.mapping.Fixtures.map;
import static org.dicom2fhir.core.internal.mapping.Fixtures.mapAll;

import java.time.ZoneId;
import org.dicom2fhir.api.dicom.Tags;
import org.dicom2fhir.api.model.CodingData;
import org.dicom2fhir.api.model.ConceptData;
import org.dicom2fhir.api.model.IdentifierData;
import org.dicom2fhir.api.model.InstanceData;
import org.dicom2fhir.api.model.SeriesData;
import org.dicom2fhir.api.model.StudyData;
import org.dicom2fhir.core.IdStrategy;
import org.junit.jupiter.api.Test;

/**
 * One named test per row of "Deliberate differences from the original" in mapping.md (the row on several
 * studies belongs to the pipeline and is tested there).
 */
class DeliberateDifferencesTest {

    /** The first file lacks the attribute, the second has it: the original dropped such files. */
    private static StudyData firstFileWithout(int tag, String vr, String value) {
        return map(instance("1.1").remove(tag), instance("1.2").set(tag, vr, value));
    }

    @Test
    void deliberateDifference_missingAccessionNumberKeepsTheFileAndOmitsTheIdentifier() {
        StudyData alone = map(instance("1.1"));
        assertThat(alone.numberOfInstances()).isEqualTo(1);
        assertThat(alone.accession()).isNull();
        assertThat(alone.identifiers()).extracting(IdentifierData::system).containsExactly("urn:dicom:uid");
        StudyData both = firstFileWithout(Tags.ACCESSION_NUMBER, "SH", "ACC1");
        assertThat(both.numberOfInstances()).isEqualTo(2);
        assertThat(both.accession().value()).isEqualTo("ACC1");
    }

    @Test
    void deliberateDifference_missingPatientIdKeepsTheFileAndOmitsTheIdentifier() {
        StudyData alone = map(instance("1.1"));
        assertThat(alone.numberOfInstances()).isEqualTo(1);
        assertThat(alone.patient().identifiers()).isEmpty();
        StudyData both = firstFileWithout(Tags.PATIENT_ID, "LO", "PID1");
        assertThat(both.numberOfInstances()).isEqualTo(2);
        assertThat(both.patient().identifiers()).extracting(IdentifierData::value).containsExactly("PID1");
    }

    @Test
    void deliberateDifference_missingPatientNameKeepsTheFileAndOmitsTheName() {
        StudyData alone = map(instance("1.1"));
        assertThat(alone.numberOfInstances()).isEqualTo(1);
        assertThat(alone.patient().names()).isEmpty();
        StudyData both = firstFileWithout(Tags.PATIENT_NAME, "PN", "Doe^Jane");
        assertThat(both.numberOfInstances()).isEqualTo(2);
        assertThat(both.patient().names()).hasSize(1);
    }

    @Test
    void deliberateDifference_missingPatientSexKeepsTheFileAndGivesUnknown() {
        StudyData alone = map(instance("1.1"));
        assertThat(alone.numberOfInstances()).isEqualTo(1);
        assertThat(alone.patient().gender()).isEqualTo("unknown");
        StudyData both = firstFileWithout(Tags.PATIENT_SEX, "CS", "F");
        assertThat(both.numberOfInstances()).isEqualTo(2);
        assertThat(both.patient().gender()).isEqualTo("female");
    }

    @Test
    void deliberateDifference_missingPatientBirthDateKeepsTheFileAndOmitsTheBirthDate() {
        StudyData alone = map(instance("1.1"));
        assertThat(alone.numberOfInstances()).isEqualTo(1);
        assertThat(alone.patient().birthDate()).isNull();
        StudyData both = firstFileWithout(Tags.PATIENT_BIRTH_DATE, "DA", "19700101");
        assertThat(both.numberOfInstances()).isEqualTo(2);
        assertThat(both.patient().birthDate()).isEqualTo("1970-01-01");
    }

    @Test
    void deliberateDifference_missingSeriesNumberKeepsTheFileAndOmitsTheNumber() {
        StudyData study = map(instance("1.1").series("1.9.1"),
                instance("1.2").series("1.9.2").set(Tags.SERIES_NUMBER, "IS", "4"));
        assertThat(study.numberOfInstances()).isEqualTo(2);
        assertThat(study.series()).extracting(SeriesData::number).containsExactly(4, null);
    }

    @Test
    void deliberateDifference_missingInstanceNumberKeepsTheFileAndOmitsTheNumber() {
        StudyData study = map(instance("1.1"), instance("1.2").set(Tags.INSTANCE_NUMBER, "IS", "1"));
        assertThat(study.series().get(0).instances()).extracting(InstanceData::number).containsExactly(1, null);
    }

    @Test
    void deliberateDifference_emptyValuesAreOmittedNotEmittedAsEmptyStrings() throws Exception {
        Fixtures.Instance file = instance("1.1");
        for (int tag : new int[] {Tags.ACCESSION_NUMBER, Tags.PATIENT_ID, Tags.PATIENT_NAME, Tags.PATIENT_SEX,
            Tags.PATIENT_BIRTH_DATE, Tags.STUDY_DESCRIPTION, Tags.SERIES_DESCRIPTION, Tags.STUDY_DATE,
            Tags.SERIES_NUMBER, Tags.INSTANCE_NUMBER, Tags.BODY_PART_EXAMINED, Tags.LATERALITY}) {
            file.empty(tag, "LO");
        }
        StudyData study = map(file);
        StudyMapperTest.assertNoEmptyStrings(study, "study");
        SeriesData series = study.series().get(0);
        assertThat(study.description()).isNull();
        assertThat(study.started()).isNull();
        assertThat(series.description()).isNull();
        assertThat(series.bodySite()).isNull();
        assertThat(series.laterality()).isNull();
        assertThat(series.instances().get(0).title()).isNull();
    }

    @Test
    void deliberateDifference_startedHasAnOffsetOrIsTheDateAlone() {
        Fixtures.Instance file = instance("1.1").set(Tags.STUDY_DATE, "DA", "20200315").set(Tags.STUDY_TIME, "TM",
                "14").set(Tags.PATIENT_BIRTH_DATE, "DA", "19700101");
        // without any offset: the date alone, never a time without offset
        MappedStudy noZone = mapAll(MappingOptions.defaults(), file);
        assertThat(noZone.study().started()).isEqualTo("2020-03-15");
        assertThat(noZone.warnings()).extracting(w -> w.code()).containsExactly(WarningCode.NO_TIMEZONE);
        // a short time is the time it says (14:00), not midnight; the offset comes from the configured zone
        MappedStudy zoned = mapAll(new MappingOptions(ZoneId.of("Europe/Paris"), IdStrategy.UID, null), file);
        assertThat(zoned.study().started()).isEqualTo("2020-03-15T14:00:00+01:00");
        // birthDate is a date without a time part
        assertThat(zoned.study().patient().birthDate()).isEqualTo("1970-01-01");
        // the instance's own offset first
        assertThat(map(file.set(Tags.TIMEZONE_OFFSET_FROM_UTC, "SH", "-0700")).started())
                .isEqualTo("2020-03-15T14:00:00-07:00");
    }

    @Test
    void deliberateDifference_idIsDeterministicByDefaultAndRandomOnRequest() {
        assertThat(map(instance("1.1")).id()).isEqualTo(map(instance("1.1")).id());
        MappingOptions random = new MappingOptions(null, IdStrategy.RANDOM, null);
        assertThat(mapAll(random, instance("1.1")).study().id())
                .isNotEqualTo(mapAll(random, instance("1.1")).study().id());
    }

    @Test
    void deliberateDifference_bodySiteIsSnomedWhenTheTermIsListed() {
        assertThat(map(instance("1.1").set(Tags.BODY_PART_EXAMINED, "CS", "KNEE")).series().get(0).bodySite())
                .isEqualTo(CodingData.of("http://snomed.info/sct", "72696002", "Knee"));
        assertThat(map(instance("1.1").set(Tags.BODY_PART_EXAMINED, "CS", "KNIE")).series().get(0).bodySite())
                .isEqualTo(new CodingData(null, "KNIE", null, true));
    }

    @Test
    void deliberateDifference_rawSchemeDesignatorIsNeverTheSystem() {
        StudyData study = map(instance("1.1").items(Tags.PROCEDURE_CODE_SEQUENCE, code("T-D3000", "SRT", "Chest"),
                code("X1", "99LOCAL", "Local"), code("CT", "DCM", "Computed Tomography")));
        assertThat(study.procedureCodes()).flatExtracting(ConceptData::codings).extracting(CodingData::system)
                .containsExactly("http://snomed.info/sct", null, "http://dicom.nema.org/resources/ontology/DCM");
        assertThat(study.procedureCodes()).flatExtracting(ConceptData::codings).extracting(CodingData::code)
                .as("the retired SNOMED-RT code becomes its SNOMED CT equivalent").containsExactly("51185008", "X1", "CT");
        assertThat(study.procedureCodes()).flatExtracting(ConceptData::codings)
                .extracting(CodingData::userSelected).containsExactly(false, true, false);
    }

    @Test
    void deliberateDifference_srInstanceTitleIsTheConceptNameCodeMeaning() {
        StudyData study = map(instance("1.1").set(Tags.SOP_CLASS_UID, "UI", "1.2.840.10008.5.1.4.1.1.88.33")
                .set(Tags.MODALITY, "CS", "SR")
                .items(Tags.CONCEPT_NAME_CODE_SEQUENCE, code("11528-7", "LN", "Radiology Report")));
        assertThat(study.series().get(0).instances().get(0).title()).isEqualTo("Radiology Report");
    }

    @Test
    void deliberateDifference_issuerOfPatientIdIsTheAssignerDisplay() {
        StudyData study = map(instance("1.1").set(Tags.PATIENT_ID, "LO", "PID1")
                .set(Tags.ISSUER_OF_PATIENT_ID, "LO", "City Hospital"));
        assertThat(study.patient().identifiers().get(0).assignerDisplay()).isEqualTo("City Hospital");
    }

    @Test
    void deliberateDifference_seriesAndInstancesAreSortedByNumberThenUid() {
        StudyData study = map(
                instance("1.1.3").series("1.9.2").set(Tags.SERIES_NUMBER, "IS", "2")
                        .set(Tags.INSTANCE_NUMBER, "IS", "11"),
                instance("1.1.2").series("1.9.2").set(Tags.SERIES_NUMBER, "IS", "2")
                        .set(Tags.INSTANCE_NUMBER, "IS", "9"),
                instance("1.1.1").series("1.9.1").set(Tags.SERIES_NUMBER, "IS", "10"));
        assertThat(study.series()).extracting(SeriesData::uid).containsExactly("1.9.2", "1.9.1");
        assertThat(study.series().get(0).instances()).extracting(InstanceData::uid)
                .containsExactly("1.1.2", "1.1.3");
    }

    @Test
    void deliberateDifference_noFileEndpointOnlyADicomWebBaseUrl() {
        assertThat(map(instance("1.1")).endpoint()).isNull();
        assertThatThrownBy(() -> new MappingOptions(null, IdStrategy.UID, "file:///data/Doe_Jane/study"))
                .isInstanceOf(IllegalArgumentException.class);
        StudyData study = mapAll(new MappingOptions(null, IdStrategy.UID, "https://pacs.example.org/dicom-web"),
                instance("1.1")).study();
        assertThat(study.endpoint().address()).isEqualTo("https://pacs.example.org/dicom-web");
    }
}
