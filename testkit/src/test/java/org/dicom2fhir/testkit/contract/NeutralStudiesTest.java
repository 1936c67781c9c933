package org.dicom2fhir.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Stream;
import org.dicom2fhir.api.model.CodingData;
import org.dicom2fhir.api.model.ContainedData;
import org.dicom2fhir.api.model.FhirTerms;
import org.dicom2fhir.api.model.IdentifierData;
import org.dicom2fhir.api.model.InstanceData;
import org.dicom2fhir.api.model.NameData;
import org.dicom2fhir.api.model.NameRepresentation;
import org.dicom2fhir.api.model.PerformerData;
import org.dicom2fhir.api.model.SeriesData;
import org.dicom2fhir.api.model.StudyData;
import org.dicom2fhir.api.model.TransactionData;
import org.dicom2fhir.api.spi.FhirRelease;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The fixtures keep covering what their documentation promises, and every one has its goldens. */
class NeutralStudiesTest {
    private static List<StudyData> studies() {
        return NeutralStudies.all().stream().map(NeutralStudies.Named::study).toList();
    }

    private static Stream<SeriesData> series() {
        return studies().stream().flatMap(s -> s.series().stream());
    }

    private static Stream<InstanceData> instances() {
        return series().flatMap(s -> s.instances().stream());
    }

    private static <T> List<T> values(Stream<StudyData> studies, Function<StudyData, T> value) {
        return studies.map(value).toList();
    }

    @Test
    void patientsCoverEveryGenderNameGroupIdentifierAndBirthDateCase() {
        assertThat(values(studies().stream(), s -> s.patient().gender()))
                .contains("male", "female", "other", "unknown");
        assertThat(values(studies().stream(), s -> s.patient().birthDate())).containsNull().doesNotHaveDuplicates();
        List<NameData> names = studies().stream().flatMap(s -> s.patient().names().stream()).toList();
        assertThat(names).extracting(NameData::representation).contains(NameRepresentation.values());
        assertThat(names).anySatisfy(n -> assertThat(n.prefix()).isNotEmpty())
                .anySatisfy(n -> assertThat(n.suffix()).isNotEmpty())
                .anySatisfy(n -> assertThat(n.given()).hasSizeGreaterThan(1))
                .anySatisfy(n -> assertThat(n.given()).isEmpty());
        assertThat(studies()).anySatisfy(s -> assertThat(s.patient().names()).isEmpty())
                .anySatisfy(s -> assertThat(s.patient().names()).singleElement()
                        .satisfies(n -> assertThat(n.representation()).isEqualTo(NameRepresentation.IDEOGRAPHIC)));
        List<IdentifierData> ids = studies().stream().flatMap(s -> s.patient().identifiers().stream()).toList();
        assertThat(ids).extracting(IdentifierData::system).containsNull()
                .anyMatch(system -> system != null && system.startsWith("urn:oid:"))
                .anyMatch(system -> system != null && system.startsWith("https:"));
        assertThat(ids).extracting(IdentifierData::assignerDisplay).containsNull().anyMatch(Objects::nonNull);
    }

    @Test
    void studiesCoverAccessionsDatesEndpointsAndCodes() {
        assertThat(studies()).extracting(s -> s.accession() == null ? "none" : String.valueOf(s.accession().system()))
                .contains("none", "null").anyMatch(s -> s.startsWith("urn:oid:")).anyMatch(s -> s.startsWith("urn:uuid:"));
        assertThat(values(studies().stream(), StudyData::started)).containsNull()
                .anyMatch(d -> d != null && d.matches(".*T.*\\.\\d+[+-].*"))
                .anyMatch(d -> d != null && d.endsWith("Z"))
                .anyMatch(d -> d != null && d.matches("\\d{4}-\\d{2}-\\d{2}"));
        assertThat(values(studies().stream(), s -> s.endpoint() == null ? null : s.endpoint().address()))
                .containsNull().anyMatch(a -> a != null && a.startsWith("https://"))
                .anyMatch(a -> a != null && a.matches("http://[^/]+:\\d+/.*"));
        assertThat(values(studies().stream(), StudyData::description)).containsNull().anyMatch(Objects::nonNull);
        assertThat(studies().stream().flatMap(s -> s.procedureCodes().stream()).toList())
                .anySatisfy(c -> assertThat(c.text()).isNotNull())
                .anySatisfy(c -> assertThat(c.text()).isNull());
        assertThat(studies().stream().flatMap(s -> s.reasonCodes().stream()).toList())
                .anySatisfy(c -> assertThat(c.codings()).isEmpty())
                .anySatisfy(c -> assertThat(c.codings()).anyMatch(CodingData::userSelected))
                .anySatisfy(c -> assertThat(c.codings()).anyMatch(coding -> coding.system() != null));
        assertThat(studies()).anySatisfy(s -> assertThat(s.modalities()).hasSizeGreaterThan(2));
    }

    @Test
    void seriesAndInstancesCoverNumbersDatesBodySitesAndLateralities() {
        assertThat(series().map(SeriesData::number).toList()).containsNull().contains(0).anyMatch(n -> n != null && n > 0);
        assertThat(series().map(SeriesData::started).toList()).containsNull()
                .anyMatch(d -> d != null && d.matches(".*\\.\\d{6}-.*"))
                .anyMatch(d -> d != null && d.endsWith("+14:00"))
                .anyMatch(d -> d != null && d.matches("\\d{4}-\\d{2}-\\d{2}"));
        assertThat(series().map(SeriesData::laterality).filter(Objects::nonNull).map(CodingData::code).toList())
                .contains("7771000", "24028007", "51440002", "X");
        assertThat(series().map(SeriesData::bodySite).toList()).containsNull()
                .anyMatch(c -> c != null && c.userSelected()).anyMatch(c -> c != null && c.system() != null);
        assertThat(series().map(SeriesData::description).toList()).containsNull().anyMatch(Objects::nonNull);
        assertThat(instances().map(InstanceData::number).toList()).containsNull().contains(0);
        assertThat(instances().map(InstanceData::title).toList()).containsNull().anyMatch(Objects::nonNull);
    }

    @Test
    void containedCoversEveryContainedResourceAndReference() {
        StudyData study = NeutralStudies.named(NeutralStudies.CONTAINED);
        ContainedData contained = study.contained();
        assertThat(study.referrerId()).isNotNull();
        assertThat(study.interpreterIds()).hasSize(2);
        assertThat(study.practitionersBesidesInterpreters()).as("an interpreter only, left out of R5")
                .hasSizeLessThan(contained.practitioners().size());
        assertThat(contained.practitioners()).anySatisfy(p -> assertThat(p.names())
                .extracting(NameData::representation)
                .contains(NameRepresentation.ALPHABETIC, NameRepresentation.IDEOGRAPHIC))
                .anySatisfy(p -> assertThat(p.identifiers()).isNotEmpty());
        assertThat(study.orders()).anySatisfy(o -> assertThat(o.serviceRequestId()).isNull())
                .anySatisfy(o -> assertThat(o.serviceRequestId()).isNotNull());
        assertThat(contained.serviceRequests()).singleElement().satisfies(r -> {
            assertThat(r.code()).isNotNull();
            assertThat(r.identifiers()).anyMatch(i -> i.hasTypeCode("PLAC")).anyMatch(i -> i.hasTypeCode("FILL"))
                    .anyMatch(i -> i.hasTypeCode("ACSN")).anyMatch(i -> i.type() != null && i.type().codings().isEmpty());
        });
        assertThat(study.identifiers()).anyMatch(i -> i.type() != null && i.type().codings().isEmpty());
        assertThat(contained.locations()).singleElement().satisfies(l -> assertThat(l.managingOrganizationId())
                .isEqualTo(contained.organizations().get(0).id()));
        assertThat(contained.organizations()).singleElement().satisfies(o -> assertThat(o.address()).isNotNull());
        assertThat(contained.devices()).anySatisfy(d -> {
            assertThat(d.gs1DeviceIdentifier()).isNotNull();
            assertThat(d.softwareVersions()).hasSizeGreaterThan(1);
            assertThat(d.stationName()).isNotNull();
            assertThat(d.modelName()).isNotNull();
            assertThat(d.deviceUid()).isNotNull();
            assertThat(d.ownerId()).isNotNull();
        }).anySatisfy(d -> assertThat(d.udi()).isNotNull().satisfies(u -> assertThat(d.gs1DeviceIdentifier()).isNull()));
        List<PerformerData> performers = study.series().stream().flatMap(s -> s.performers().stream()).toList();
        assertThat(performers).extracting(p -> p.function() == null ? null : p.function().code())
                .contains("PRF", "SPRF", null);
        assertThat(study.series()).anySatisfy(s -> assertThat(s.specimenIds()).isNotEmpty());
        assertThat(study.encounter()).isNotNull();
        assertThat(study.acquisitionModalities()).hasSizeLessThan(study.modalities().size());
    }

    @ParameterizedTest
    @EnumSource(FhirRelease.class)
    void everyStudyHasAGoldenPerReleaseWithItsId(FhirRelease release) {
        for (NeutralStudies.Named named : NeutralStudies.all()) {
            JsonNode golden = JsonTrees.golden(release, named.name());
            assertThat(golden.get("resourceType").asText()).isEqualTo("ImagingStudy");
            assertThat(golden.get("id").asText()).isEqualTo(named.study().id());
            assertThat(golden.get("numberOfInstances").asInt()).isEqualTo(named.study().numberOfInstances());
        }
    }

    @ParameterizedTest
    @EnumSource(FhirRelease.class)
    void everyReferencingStudyHasAGoldenWithoutAContainedPatient(FhirRelease release) {
        assertThat(NeutralStudies.referencing()).isNotEmpty();
        for (NeutralStudies.Named named : NeutralStudies.referencing()) {
            JsonNode golden = JsonTrees.golden(release, named.name());
            assertThat(golden.get("id").asText()).isEqualTo(named.study().id());
            assertThat(golden.get("subject").get("reference").asText()).isEqualTo(named.study().subjectReference());
            assertThat(golden.path("contained").findValuesAsText("resourceType")).doesNotContain("Patient");
            assertThat(golden.toString()).doesNotContain(FhirTerms.PATIENT_REFERENCE);
        }
    }

    @ParameterizedTest
    @EnumSource(FhirRelease.class)
    void everyTransactionHasAGoldenPerRelease(FhirRelease release) {
        for (NeutralTransactions.Named named : NeutralTransactions.all()) {
            JsonNode golden = JsonTrees.golden(release, named.golden());
            assertThat(golden.get("type").asText()).as(named.name()).isEqualTo(FhirTerms.BUNDLE_TYPE_TRANSACTION);
            JsonNode entries = golden.get("entry");
            JsonNode study = entries.get(entries.size() - 1).get("resource");
            assertThat(study.has("id")).as("id of %s", named).isEqualTo(named.transaction().studyIdInBody());
            assertThat(study.get("subject").get("reference").asText()).as("subject of %s", named)
                    .isEqualTo(named.transaction().study().patientReference());
        }
    }

    /** The transactions cover each way of delivering a study. */
    @Test
    void transactionsCoverEveryMode() {
        List<TransactionData> all = NeutralTransactions.all().stream().map(NeutralTransactions.Named::transaction)
                .toList();
        assertThat(all).anyMatch(t -> t.patient() == null && t.study().containsPatient())
                .anyMatch(t -> t.patient() != null && t.patient().ifNoneExist() != null)
                .anyMatch(t -> t.patient() != null && t.patient().ifNoneExist() == null)
                .anyMatch(t -> t.patient() == null && !t.study().containsPatient())
                .anyMatch(t -> !t.studyIdInBody())
                .anyMatch(t -> t.studyRequestUrl().startsWith("ImagingStudy?"))
                .anyMatch(t -> t.studyRequestUrl().equals("ImagingStudy/" + t.study().id()));
        assertThat(all).filteredOn(t -> t.patient() != null)
                .anyMatch(t -> !t.study().contained().specimens().isEmpty()
                        && !t.study().contained().serviceRequests().isEmpty());
        assertThat(NeutralTransactions.all()).extracting(NeutralTransactions.Named::name).doesNotHaveDuplicates();
    }

    @Test
    void namesAreUniqueAndFindTheirStudies() {
        assertThat(NeutralStudies.all()).extracting(NeutralStudies.Named::name).doesNotHaveDuplicates();
        for (NeutralStudies.Named named : NeutralStudies.all()) {
            assertThat(NeutralStudies.named(named.name())).isEqualTo(named.study());
        }
    }
}
