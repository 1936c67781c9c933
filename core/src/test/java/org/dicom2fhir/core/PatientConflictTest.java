package org.dicom2fhir.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dicom2fhir.api.dicom.Tags;
import org.dicom2fhir.api.model.StudyData;
import org.dicom2fhir.testkit.DicomObject;
import org.dicom2fhir.testkit.StudyGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A folder whose series name two patients converts, and the result says so, so that it is never linked. */
class PatientConflictTest {
    @TempDir
    Path tmp;

    private ConversionResult convert(DicomObject... perSeries) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("study" + perSeries.length));
        StudyGenerator.builder().seed(3).series(2).instancesPerSeries(2).noPixelData().seriesAttributes(perSeries)
                .build().writeTo(dir);
        return Converter.builder().reader("part10").writer(FakeWriter.provider()).build().convert(dir);
    }

    @Test
    void twoPatientIdsInOneStudyAreAConflictThatRefusesLinking() throws IOException {
        ConversionResult result = convert(new DicomObject().set(Tags.PATIENT_ID, "LO", "P-ONE"),
                new DicomObject().set(Tags.PATIENT_ID, "LO", "P-TWO"));
        StudyData study = result.studies().get(0);
        assertThat(result.patientConflict(study)).isTrue();
        assertThat(new TransactionPlan(TransactionPlan.Match.IDENTIFIER, TransactionPlan.PatientMode.BUNDLE, null)
                .plan(study, result.patientConflict(study)).refusal()).isEqualTo(TransactionPlan.Refusal.PATIENT_CONFLICT);
    }

    @Test
    void oneStudyOnePatientIsNoConflict() throws IOException {
        ConversionResult result = convert();
        assertThat(result.patientConflict(result.studies().get(0))).isFalse();
    }
}
