package org.dicom2fhir.api.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.dicom2fhir.api.spi.BackgroundWarmUp;
import org.junit.jupiter.api.Test;

class TransactionDataTest {
    private static final String URN = "urn:uuid:0a4d55a8-d778-4e2b-9a6a-5c4f3b2e1d0c";
    private static final StudyData STUDY = BackgroundWarmUp.writerSample();

    @Test
    void withoutASubjectReferenceThePatientIsContained() {
        assertThat(STUDY.subjectReference()).isNull();
        assertThat(STUDY.containsPatient()).isTrue();
        assertThat(STUDY.patientReference()).isEqualTo(FhirTerms.PATIENT_REFERENCE);
    }

    @Test
    void withSubjectReferenceIsACopyThatChangesOnlyTheSubject() {
        StudyData referencing = STUDY.withSubjectReference("Patient/123");
        assertThat(referencing.subjectReference()).isEqualTo("Patient/123");
        assertThat(referencing.containsPatient()).isFalse();
        assertThat(referencing.patientReference()).isEqualTo("Patient/123");
        assertThat(referencing.patient()).as("the patient data stays").isEqualTo(STUDY.patient());
        assertThat(referencing.withSubjectReference(null)).isEqualTo(STUDY);
        assertThat(STUDY.withSubjectReference("")).as("empty is absent").isEqualTo(STUDY);
    }

    @Test
    void aLocalSubjectReferenceIsRefused() {
        assertThatThrownBy(() -> STUDY.withSubjectReference("#patient")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPatientEntryMustBeTheStudysSubject() {
        TransactionData.PatientEntry entry = new TransactionData.PatientEntry(URN, "identifier=a|b");
        TransactionData tx = new TransactionData(STUDY.withSubjectReference(URN), "ImagingStudy/warm-up", true, entry);
        assertThat(tx.studyFullUrl()).isEqualTo("urn:uuid:warm-up");
        assertThatThrownBy(() -> new TransactionData(STUDY, "ImagingStudy/warm-up", true, entry))
                .as("a contained Patient besides the entry").isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining(URN);
        assertThatThrownBy(() -> new TransactionData(STUDY.withSubjectReference("Patient/1"), "ImagingStudy/warm-up",
                true, entry)).as("another subject").isInstanceOf(IllegalArgumentException.class);
        assertThat(new TransactionData(STUDY.withSubjectReference("Patient/1"), "ImagingStudy/warm-up", false, null)
                .patient()).isNull();
    }

    @Test
    void atAKnownServerTheStudysFullUrlIsItsUrlThere_soTheServerKeepsOurId() {
        TransactionData dryRun = new TransactionData(STUDY, "ImagingStudy?identifier=x|y", true, null);
        assertThat(dryRun.serverBase()).isNull();
        assertThat(dryRun.studyFullUrl()).isEqualTo("urn:uuid:warm-up");

        TransactionData sent = dryRun.atServer("https://fhir.example.org/fhir/");
        assertThat(sent.serverBase()).as("without the trailing slash").isEqualTo("https://fhir.example.org/fhir");
        assertThat(sent.studyFullUrl()).isEqualTo("https://fhir.example.org/fhir/ImagingStudy/warm-up");
        assertThat(sent.study()).isSameAs(dryRun.study());
        assertThat(sent.atServer(null)).isEqualTo(dryRun);

        // without our id in the body the server assigns one: the entry stays a urn:uuid
        TransactionData serverIds = new TransactionData(STUDY, "ImagingStudy?identifier=x|y", false, null)
                .atServer("https://fhir.example.org/fhir");
        assertThat(serverIds.studyFullUrl()).isEqualTo("urn:uuid:warm-up");
    }

    @Test
    void theCurrentVersionIsFoundByTheConditionalSearch_orById() {
        assertThat(new TransactionData(STUDY, "ImagingStudy?identifier=x|y", true, null).currentVersionSearch())
                .isEqualTo("ImagingStudy?identifier=x|y");
        assertThat(new TransactionData(STUDY, "ImagingStudy/warm-up", true, null).currentVersionSearch())
                .isEqualTo("ImagingStudy?_id=warm-up");
    }

    @Test
    void requiredValuesAreRequiredAndEmptyOptionalOnesAbsent() {
        assertThatThrownBy(() -> new TransactionData(null, "ImagingStudy/x", true, null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new TransactionData(STUDY, "", true, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new TransactionData.PatientEntry(null, null)).isInstanceOf(NullPointerException.class);
        assertThat(new TransactionData.PatientEntry(URN, "").ifNoneExist()).isNull();
    }
}
