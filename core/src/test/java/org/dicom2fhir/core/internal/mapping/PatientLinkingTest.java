package org.dicom2fhir.core.internal.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dicom2fhir.core.internal.mapping.Fixtures.instance;
import static org.dicom2fhir.core.internal.mapping.Fixtures.item;
import static org.dicom2fhir.core.internal.mapping.Fixtures.mapAll;
import static org.dicom2fhir.core.internal.mapping.Fixtures.str;

import java.util.Map;
import org.dicom2fhir.api.dicom.Tags;
import org.dicom2fhir.api.model.IdentifierData;
import org.dicom2fhir.core.PatientIdSystems;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The Patient ID's system, first that applies, and the refusal to link a study whose instances disagree. */
class PatientLinkingTest {
    private static final PatientIdSystems SYSTEMS = new PatientIdSystems(
            Map.of("HOSP A", "urn:oid:1.2.840.99.1"), "https://default.example/patients");

    private static MappedStudy map(Fixtures.Instance... files) {
        return mapAll(MappingOptions.defaults().withPatientIdSystems(SYSTEMS), files);
    }

    private static String system(Fixtures.Instance file) {
        return map(file).study().patient().identifiers().get(0).system();
    }

    private static Fixtures.Instance patient(String id) {
        return instance("1.1").set(Tags.PATIENT_ID, "LO", id);
    }

    @Nested
    class SystemOfThePatientId {
        @Test
        void theQualifiersUniversalEntityIdComesFirst() {
            assertThat(system(patient("P1").set(Tags.ISSUER_OF_PATIENT_ID, "LO", "HOSP A")
                    .items(Tags.ISSUER_OF_PATIENT_ID_QUALIFIERS_SEQUENCE, item(
                            str(Tags.UNIVERSAL_ENTITY_ID, "UT", "1.2.840.99.77"),
                            str(Tags.UNIVERSAL_ENTITY_ID_TYPE, "CS", "ISO"))))).isEqualTo("urn:oid:1.2.840.99.77");
        }

        @Test
        void thenTheIssuerMapByTheIssuersExactText() {
            assertThat(system(patient("P1").set(Tags.ISSUER_OF_PATIENT_ID, "LO", "HOSP A"))).isEqualTo("urn:oid:1.2.840.99.1");
            assertThat(system(patient("P1").set(Tags.ISSUER_OF_PATIENT_ID, "LO", "hosp a")))
                    .as("exact text: another spelling is another issuer").isNull();
        }

        @Test
        void aNamedIssuerThatMapsToNothingGivesNoSystemNotTheDefault() {
            assertThat(system(patient("P1").set(Tags.ISSUER_OF_PATIENT_ID, "LO", "UNKNOWN CLINIC"))).isNull();
            assertThat(system(patient("P1").items(Tags.ISSUER_OF_PATIENT_ID_QUALIFIERS_SEQUENCE, item(
                    str(Tags.UNIVERSAL_ENTITY_ID_TYPE, "CS", "ISO"))))).as("qualifiers present without a usable id")
                    .isNull();
        }

        @Test
        void theDefaultOnlyWhenNoIssuerIsNamedAtAll() {
            assertThat(system(patient("P1"))).isEqualTo("https://default.example/patients");
            assertThat(system(patient("P1").set(Tags.ISSUER_OF_PATIENT_ID, "LO", "")))
                    .as("an empty issuer is absent").isEqualTo("https://default.example/patients");
        }

        @Test
        void otherPatientIdsUseTheMapButNeverTheDefault() {
            MappedStudy mapped = map(patient("P1").items(Tags.OTHER_PATIENT_IDS_SEQUENCE,
                    item(str(Tags.PATIENT_ID, "LO", "X1"), str(Tags.ISSUER_OF_PATIENT_ID, "LO", "HOSP A")),
                    item(str(Tags.PATIENT_ID, "LO", "X2"))));
            assertThat(mapped.study().patient().identifiers()).extracting(IdentifierData::system).containsExactly(
                    "https://default.example/patients", "urn:oid:1.2.840.99.1", null);
        }

        @Test
        void withoutOptionsOnlyTheDataSetsOwnUris() {
            assertThat(mapAll(MappingOptions.defaults(), patient("P1").set(Tags.ISSUER_OF_PATIENT_ID, "LO", "HOSP A"))
                    .study().patient().identifiers().get(0).system()).isNull();
        }
    }

    @Nested
    class Conflicts {
        @Test
        void instancesThatAgreeOrLackValuesAreNoConflict() {
            assertThat(map(patient("P1"), patient("P1").set(Tags.SOP_INSTANCE_UID, "UI", "1.2"),
                    instance("1.3")).patientConflict()).isFalse();
        }

        @Test
        void twoPatientIdsTwoIssuersOrTwoQualifiersAreAConflict() {
            assertThat(map(patient("P1"), patient("P2").set(Tags.SOP_INSTANCE_UID, "UI", "1.2")).patientConflict())
                    .isTrue();
            assertThat(map(patient("P1").set(Tags.ISSUER_OF_PATIENT_ID, "LO", "A"),
                    patient("P1").set(Tags.SOP_INSTANCE_UID, "UI", "1.2").set(Tags.ISSUER_OF_PATIENT_ID, "LO", "B"))
                    .patientConflict()).isTrue();
            assertThat(map(patient("P1").items(Tags.ISSUER_OF_PATIENT_ID_QUALIFIERS_SEQUENCE,
                            item(str(Tags.UNIVERSAL_ENTITY_ID, "UT", "1.2.840.99.1"))),
                    patient("P1").set(Tags.SOP_INSTANCE_UID, "UI", "1.2").items(
                            Tags.ISSUER_OF_PATIENT_ID_QUALIFIERS_SEQUENCE,
                            item(str(Tags.UNIVERSAL_ENTITY_ID, "UT", "1.2.840.99.2")))).patientConflict()).isTrue();
        }
    }
}
