package org.dicom2fhir.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dicom2fhir.api.Disposition;
import org.dicom2fhir.api.ReasonCode;
import org.dicom2fhir.api.model.StudyData;
import org.dicom2fhir.api.spi.FhirRelease;
import org.dicom2fhir.api.spi.FhirValidator;
import org.dicom2fhir.api.spi.OutputFormat;
import org.dicom2fhir.api.spi.ValidationIssue;
import org.dicom2fhir.core.Backends;
import org.dicom2fhir.core.ConversionResult;
import org.dicom2fhir.core.Converter;
import org.dicom2fhir.testkit.GeneratedStudy;
import org.dicom2fhir.testkit.StudyGenerator;
import org.dicom2fhir.testkit.TransferSyntax;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Runs every library example of the README against a small generated study (synthetic data only). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LibraryExamplesTest {
    private Path dir;
    private GeneratedStudy study;

    @BeforeAll
    void writeStudy(@TempDir Path tempDir) throws IOException {
        dir = tempDir;
        study = StudyGenerator.builder().seed(42).series(2).instancesPerSeries(3).modalities("CT", "MR")
                .transferSyntaxes(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN)
                .pixelData(8, 8).studyDateTime("20240115", "093000").build();
        study.writeTo(dir);
        Files.writeString(dir.resolve("notes.txt"), "not DICOM: skipped, and reported as such\n");
    }

    @Test
    void oneLinerGivesTheDefaultWritersImagingStudy() throws IOException {
        Object imagingStudy = LibraryExamples.oneLiner(dir);
        // several writers are on this class path (hapi, hapi-r5, ibm, hapi-logged): the default, hapi, wins
        assertThat(imagingStudy).isInstanceOf(org.hl7.fhir.r4.model.ImagingStudy.class);
        assertThat(((org.hl7.fhir.r4.model.ImagingStudy) imagingStudy).getNumberOfInstances())
                .isEqualTo(study.instanceCount());
    }

    @Test
    void typedOneLinersGiveEachFhirModel() throws IOException {
        org.hl7.fhir.r4.model.ImagingStudy r4 = LibraryExamples.hapiR4(dir);
        org.hl7.fhir.r5.model.ImagingStudy r5 = LibraryExamples.hapiR5(dir);
        com.ibm.fhir.model.resource.ImagingStudy ibm = LibraryExamples.ibm(dir);

        assertThat(r4.getNumberOfInstances()).isEqualTo(study.instanceCount());
        assertThat(r4.getSeries()).hasSize(2);
        assertThat(r5.getNumberOfInstances()).isEqualTo(study.instanceCount());
        assertThat(r5.getSeries()).hasSize(2);
        assertThat(ibm.getNumberOfInstances().getValue()).isEqualTo(study.instanceCount());
        assertThat(ibm.getSeries()).hasSize(2);
        String uid = "urn:oid:" + study.studyInstanceUid();
        assertThat(r4.getIdentifier()).extracting(i -> i.getValue()).contains(uid);
        assertThat(r5.getIdentifier()).extracting(i -> i.getValue()).contains(uid);
        assertThat(ibm.getIdentifier()).extracting(i -> i.getValue().getValue()).contains(uid);
    }

    @Test
    void builderWritesValidJsonAndReportsEveryFile() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LibraryExamples.BuilderOutcome outcome = LibraryExamples.builder(dir, out);

        ConversionResult result = outcome.result();
        assertThat(outcome.imagingStudy().getNumberOfInstances()).isEqualTo(study.instanceCount());
        assertThat(outcome.imagingStudy().getContained()).extracting(r -> r.fhirType())
                .as("a contained Patient, and the Endpoint asked for").contains("Patient", "Endpoint");
        String json = out.toString(StandardCharsets.UTF_8);
        assertThat(json).startsWith("{").contains("\n  \"resourceType\": \"ImagingStudy\"")
                .contains("https://pacs.example.org/dicom-web");
        assertThat(result.report().files()).hasSize(study.instanceCount() + 1);
        assertThat(result.report().files(Disposition.SKIPPED)).singleElement().satisfies(f -> {
            assertThat(f.path()).isEqualTo("notes.txt");
            assertThat(f.reason()).isEqualTo(ReasonCode.NOT_DICOM);
        });
        FhirValidator validator = Backends.discover().validator("hapi");
        List<ValidationIssue> errors = validator.validate(out.toByteArray(), OutputFormat.JSON, FhirRelease.R4).stream()
                .filter(ValidationIssue::isError).toList();
        assertThat(errors).as("validation errors of %s", json).isEmpty();
    }

    @Test
    void readAndMapGivesWhatConvertGives() throws IOException {
        List<StudyData> studies = LibraryExamples.readAndMap(dir);

        Converter converter = Converter.builder().reader("part10").build();
        assertThat(studies).isEqualTo(converter.convert(dir).studies());
        // and a writer renders the neutral study afterwards, wherever the batch ends
        assertThat(Backends.discover().writer("hapi").toNative(studies.get(0)))
                .isInstanceOf(org.hl7.fhir.r4.model.ImagingStudy.class);
    }
}
