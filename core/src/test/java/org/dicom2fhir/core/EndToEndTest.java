package org.dicom2fhir.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dicom2fhir.api.Disposition;
import org.dicom2fhir.api.ReasonCode;
import org.dicom2fhir.api.model.InstanceData;
import org.dicom2fhir.api.spi.FhirRelease;
import org.dicom2fhir.api.spi.FhirValidator;
import org.dicom2fhir.api.spi.OutputFormat;
import org.dicom2fhir.api.spi.ValidationIssue;
import org.dicom2fhir.api.spi.WriteOptions;
import org.dicom2fhir.testkit.GeneratedSeries;
import org.dicom2fhir.testkit.GeneratedStudy;
import org.dicom2fhir.testkit.StudyGenerator;
import org.dicom2fhir.testkit.TransferSyntax;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated studies through the real backends found on the test class path (reader part10, writer
 * hapi), every output validated by validator-hapi: zero ERROR/FATAL issues.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class EndToEndTest {
    private static FhirValidator validator;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startValidator() {
        validator = Backends.discover().validator(null);
    }

    private static GeneratedStudy study(long seed, int series, int perSeries) {
        return StudyGenerator.builder().seed(seed).series(series).instancesPerSeries(perSeries)
                .transferSyntaxes(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN,
                        TransferSyntax.EXPLICIT_VR_BIG_ENDIAN, TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN)
                .modalities("CT", "MR")
                .build();
    }

    private static void assertValid(ConversionResult result) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        result.writeTo(out, WriteOptions.json());
        List<ValidationIssue> errors = validator.validate(out.toByteArray(), OutputFormat.JSON, FhirRelease.R4)
                .stream().filter(ValidationIssue::isError).toList();
        assertThat(errors).as("validation errors of %s", out.toString(java.nio.charset.StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void aGeneratedStudyConvertsThroughPart10AndHapiToValidFhir() throws IOException {
        GeneratedStudy generated = study(7, 3, 4);
        Path dir = Files.createDirectories(tmp.resolve("study"));
        generated.writeTo(dir);
        Files.writeString(dir.resolve("README.txt"), "not a DICOM file");

        Converter converter = Converter.builder().build();
        assertThat(converter.reader().getClass().getName()).contains("part10");
        assertThat(converter.writerProvider().nativeResourceClassName()).isEqualTo(ImagingStudy.class.getName());

        ConversionResult result = converter.convert(dir);

        ConversionReport.Totals totals = result.report().totals();
        assertThat(totals.included()).isEqualTo(generated.instanceCount());
        assertThat(totals.skipped()).isEqualTo(1);
        assertThat(totals.failed()).isZero();
        assertThat(totals.series()).isEqualTo(3);
        assertThat(result.report().files(Disposition.SKIPPED)).singleElement()
                .satisfies(f -> assertThat(f.reason()).isEqualTo(ReasonCode.NOT_DICOM));
        List<String> expectedSops = generated.series().stream().flatMap(s -> s.sopInstanceUids().stream()).sorted().toList();
        assertThat(result.studies().get(0).series().stream().flatMap(s -> s.instances().stream())
                .map(InstanceData::uid).sorted().toList()).isEqualTo(expectedSops);
        assertThat(result.studies().get(0).series()).extracting(s -> s.uid())
                .containsExactlyInAnyOrderElementsOf(generated.series().stream().map(GeneratedSeries::seriesInstanceUid).toList());
        assertValid(result);
    }

    @Test
    void damagedAndForeignFilesDoNotStopTheRest() throws IOException {
        GeneratedStudy generated = study(11, 2, 3);
        Path dir = Files.createDirectories(tmp.resolve("study"));
        List<Path> files = generated.writeTo(dir);
        // a truncated copy of one instance (fails), and an exact copy of another (duplicate)
        byte[] bytes = Files.readAllBytes(files.get(0));
        Files.write(dir.resolve("zz-truncated.dcm"), Arrays.copyOf(bytes, 200));
        Files.write(dir.resolve("zz-copy.dcm"), Files.readAllBytes(files.get(1)));
        Files.write(dir.resolve("empty"), new byte[0]);

        ConversionResult result = Converter.builder().timezone(java.time.ZoneOffset.UTC).build().convert(dir);

        assertThat(result.report().totals().included()).isEqualTo(generated.instanceCount());
        assertThat(result.report().files()).filteredOn(f -> f.path().equals("zz-copy.dcm")).singleElement()
                .satisfies(f -> assertThat(f.reason()).isEqualTo(ReasonCode.DUPLICATE_INSTANCE));
        assertThat(result.report().files()).filteredOn(f -> f.path().equals("zz-truncated.dcm")).singleElement()
                .satisfies(f -> assertThat(f.disposition()).isEqualTo(Disposition.FAILED));
        assertThat(result.report().files()).filteredOn(f -> f.path().equals("empty")).singleElement()
                .satisfies(f -> assertThat(f.reason()).isEqualTo(ReasonCode.NOT_DICOM));
        assertValid(result);
    }

    @Test
    void theSeedOneLinerReturnsHapisImagingStudy() throws IOException {
        GeneratedStudy generated = study(3, 2, 2);
        Path dir = Files.createDirectories(tmp.resolve("study"));
        generated.writeTo(dir);

        Object resource = Dicom2Fhir.processDicom2Fhir(dir);

        assertThat(resource).isInstanceOf(ImagingStudy.class);
        ImagingStudy study = (ImagingStudy) resource;
        assertThat(study.getNumberOfInstances()).isEqualTo(generated.instanceCount());
        assertThat(study.getIdentifier()).anySatisfy(
                id -> assertThat(id.getValue()).isEqualTo("urn:oid:" + generated.studyInstanceUid()));
    }

    @Test
    void theTypedOverloadReturnsTheRequestedType() throws IOException {
        GeneratedStudy generated = study(5, 2, 3);
        Path dir = Files.createDirectories(tmp.resolve("study"));
        generated.writeTo(dir);

        ImagingStudy study = Dicom2Fhir.processDicom2Fhir(dir, ImagingStudy.class);

        assertThat(study.getSeries()).hasSize(2);
        assertThat(study.getNumberOfSeries()).isEqualTo(2);
        assertThat(study.getNumberOfInstances()).isEqualTo(6);
        assertThat(study.getContained().get(0).getIdElement().getIdPart()).isEqualTo("patient.contained.inline");
        // the generated study names a referrer, an institution and its equipment: contained, each referenced
        assertThat(study.getContained()).extracting(r -> r.getResourceType().name())
                .contains("Patient", "Practitioner", "Organization", "Location", "Device");
        assertThat(study.getReferrer().getReference()).startsWith("#practitioner-");
    }

    @Test
    void splitModeWritesAValidBundleInStudyUidOrder() throws IOException {
        GeneratedStudy a = StudyGenerator.builder().seed(1).series(1).instancesPerSeries(2).studyInstanceUid("1.2.826.0.1.3680043.2.1143.2").build();
        GeneratedStudy b = StudyGenerator.builder().seed(2).series(2).instancesPerSeries(1).studyInstanceUid("1.2.826.0.1.3680043.2.1143.1").build();
        Path dir = Files.createDirectories(tmp.resolve("mixed"));
        a.writeTo(Files.createDirectories(dir.resolve("a")));
        b.writeTo(Files.createDirectories(dir.resolve("b")));

        ConversionResult result = Converter.builder().split(true).build().convert(dir);

        assertThat(result.resource()).isInstanceOf(Bundle.class);
        Bundle bundle = (Bundle) result.resource();
        assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.COLLECTION);
        assertThat(bundle.getEntry()).extracting(e -> ((ImagingStudy) e.getResource()).getIdentifier().stream()
                .filter(i -> "urn:dicom:uid".equals(i.getSystem())).findFirst().orElseThrow().getValue())
                .containsExactly("urn:oid:1.2.826.0.1.3680043.2.1143.1", "urn:oid:1.2.826.0.1.3680043.2.1143.2");
        assertValid(result);
    }

    @Test
    void theRealBackendsAreListed() {
        Backends backends = Backends.discover();
        assertThat(backends.readers()).extracting(BackendInfo::name).contains("part10");
        assertThat(backends.writers()).extracting(BackendInfo::name).contains("hapi");
        assertThat(backends.writers()).filteredOn(i -> i.name().equals("hapi")).singleElement()
                .satisfies(i -> assertThat(i.releases()).containsExactly(org.dicom2fhir.api.spi.FhirRelease.R4));
        assertThat(backends.validators()).extracting(BackendInfo::name).contains("hapi");
        assertThat(backends.loadFailures()).isEmpty();
    }
}
