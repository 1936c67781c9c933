package org.dicom2fhir.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.dicom2fhir.api.model.CodingData;
import org.dicom2fhir.api.model.ConceptData;
import org.dicom2fhir.api.model.IdentifierData;
import org.dicom2fhir.api.model.PatientData;
import org.dicom2fhir.api.model.StudyData;
import org.dicom2fhir.api.model.TransactionData;
import org.dicom2fhir.core.TransactionPlan.Match;
import org.dicom2fhir.core.TransactionPlan.PatientMode;
import org.dicom2fhir.core.TransactionPlan.Refusal;
import org.junit.jupiter.api.Test;

class TransactionPlanTest {
    private static final String UID = "1.2.826.0.1.3680043.8.498.42";
    private static final String ID = "3f1b7c1e-0d3a-3b7e-9a51-1c2d3e4f5a6b";

    private static StudyData study(String patientId, String system) {
        List<IdentifierData> ids = patientId == null ? List.of() : List.of(new IdentifierData("usual",
                ConceptData.of(CodingData.of("http://terminology.hl7.org/CodeSystem/v2-0203", "MR", null)), system,
                patientId, null));
        return new StudyData(ID, List.of(new IdentifierData(null, null, "urn:dicom:uid", "urn:oid:" + UID, null)),
                new PatientData(ids, List.of(), "unknown", null), List.of(), null, null, null, List.of(), List.of(),
                List.of());
    }

    private static TransactionData planned(TransactionPlan plan, StudyData study) {
        TransactionPlan.Planned planned = plan.plan(study, false);
        assertThat(planned.refusal()).isNull();
        return planned.transaction();
    }

    @Test
    void theDefaultIsAConditionalUpdateByTheStudyUidWithOurIdAndTheContainedPatient() {
        TransactionData tx = planned(TransactionPlan.defaults(), study("P1", null));
        assertThat(tx.studyRequestUrl()).isEqualTo("ImagingStudy?identifier=urn:dicom:uid|urn:oid:" + UID);
        assertThat(tx.studyIdInBody()).isTrue();
        assertThat(tx.patient()).isNull();
        assertThat(tx.study().subjectReference()).isNull();
    }

    @Test
    void serverIdsLeaveTheIdOutAndIdMatchingPutsByIdOnly() {
        assertThat(planned(new TransactionPlan(Match.IDENTIFIER_SERVER_IDS, PatientMode.CONTAINED, null),
                study("P1", null)).studyIdInBody()).isFalse();
        TransactionData byId = planned(new TransactionPlan(Match.ID, PatientMode.CONTAINED, null), study("P1", null));
        assertThat(byId.studyRequestUrl()).isEqualTo("ImagingStudy/" + ID);
        assertThat(byId.studyIdInBody()).isTrue();
    }

    @Test
    void bundleModeCreatesThePatientOnlyIfNoneHasItsIdentifierAndTheStudyPointsAtIt() {
        TransactionData tx = planned(new TransactionPlan(Match.IDENTIFIER, PatientMode.BUNDLE, null),
                study("P 1|x", "urn:oid:1.2.840.99.1"));
        assertThat(tx.patient().fullUrl()).startsWith("urn:uuid:").isEqualTo(tx.study().subjectReference());
        assertThat(tx.patient().ifNoneExist()).isEqualTo("identifier=urn%3Aoid%3A1.2.840.99.1|P+1%5C%7Cx");
        assertThat(planned(new TransactionPlan(Match.IDENTIFIER, PatientMode.BUNDLE, null),
                study("P 1|x", "urn:oid:1.2.840.99.1")).patient().fullUrl())
                .as("the same identifier, the same entry").isEqualTo(tx.patient().fullUrl());
        assertThat(planned(new TransactionPlan(Match.IDENTIFIER, PatientMode.BUNDLE, null),
                study("P2", "urn:oid:1.2.840.99.1")).patient().fullUrl()).isNotEqualTo(tx.patient().fullUrl());
    }

    @Test
    void bundleModeRefusesAPatientIdWithoutSystemOrNoPatientId() {
        TransactionPlan bundle = new TransactionPlan(Match.IDENTIFIER, PatientMode.BUNDLE, null);
        assertThat(bundle.plan(study("P1", null), false).refusal()).isEqualTo(Refusal.NO_PATIENT_SYSTEM);
        assertThat(bundle.plan(study(null, null), false).refusal()).isEqualTo(Refusal.NO_PATIENT_ID);
    }

    @Test
    void referenceModeSendsNoPatientAndPointsEveryPatientReferenceAtTheSubject() {
        TransactionData tx = planned(new TransactionPlan(Match.IDENTIFIER, PatientMode.REFERENCE, "Patient/123"),
                study("P1", null));
        assertThat(tx.patient()).isNull();
        assertThat(tx.study().subjectReference()).isEqualTo("Patient/123");
    }

    @Test
    void aPatientConflictIsRefusedWhenLinkingButTheContainedPatientIsTheStudysOwn() {
        StudyData study = study("P1", "urn:oid:1.2.840.99.1");
        assertThat(new TransactionPlan(Match.IDENTIFIER, PatientMode.BUNDLE, null).plan(study, true).refusal())
                .isEqualTo(Refusal.PATIENT_CONFLICT);
        assertThat(new TransactionPlan(Match.IDENTIFIER, PatientMode.REFERENCE, "Patient/9").plan(study, true)
                .refusal()).isEqualTo(Refusal.PATIENT_CONFLICT);
        assertThat(TransactionPlan.defaults().plan(study, true).transaction()).isNotNull();
    }

    @Test
    void theSubjectBelongsToReferenceModeAndMustBeAReference() {
        assertThatThrownBy(() -> new TransactionPlan(Match.IDENTIFIER, PatientMode.REFERENCE, null))
                .isInstanceOf(InvalidOptionException.class).hasMessageContaining("Patient/123");
        assertThatThrownBy(() -> new TransactionPlan(Match.IDENTIFIER, PatientMode.BUNDLE, "Patient/1"))
                .isInstanceOf(InvalidOptionException.class).hasMessageContaining("only with");
        assertThatThrownBy(() -> new TransactionPlan(Match.IDENTIFIER, PatientMode.REFERENCE, "#patient"))
                .isInstanceOf(InvalidOptionException.class);
        assertThat(new TransactionPlan(Match.IDENTIFIER, PatientMode.REFERENCE, "https://ehr.example/fhir/Patient/9")
                .subject()).endsWith("/Patient/9");
    }
}
