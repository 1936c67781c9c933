package org.dicom2fhir.reader.pixelmed;

import org.dicom2fhir.api.dicom.Tags;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.SoftAssertions;
import org.dicom2fhir.api.spi.DicomReader;
import org.dicom2fhir.api.spi.FhirRelease;
import org.dicom2fhir.api.spi.FhirValidator;
import org.dicom2fhir.api.spi.FhirWriter;
import org.dicom2fhir.api.spi.OutputFormat;
import org.dicom2fhir.api.spi.ValidationIssue;
import org.dicom2fhir.api.spi.WriteOptions;
import org.dicom2fhir.core.Backends;
import org.dicom2fhir.core.ConversionResult;
import org.dicom2fhir.core.Converter;
import org.dicom2fhir.core.FileOutcome;
import org.dicom2fhir.core.FileReport;
import org.dicom2fhir.testkit.GeneratedStudy;
import org.dicom2fhir.testkit.MappedAttributes;
import org.dicom2fhir.testkit.SampleStudy;
import org.dicom2fhir.testkit.StudyGenerator;
import org.dicom2fhir.testkit.TransferSyntax;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline (core, the hapi writer) once with each reader: the same ImagingStudy JSON, byte
 * for byte, and the same report, for generated studies and for every file of pydicom's data; and the
 * pixelmed reader's output is valid FHIR (validator-hapi, zero errors).
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class EndToEndDifferentialTest {
    private static Converter converter(DicomReader reader) {
        return Converter.builder().reader(reader).writer("hapi").timezone(ZoneOffset.UTC).build();
    }

    private static String json(ConversionResult result) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        result.writeTo(out, WriteOptions.prettyJson());
        return out.toString(StandardCharsets.UTF_8);
    }

    private static List<String> report(ConversionResult result) {
        List<String> lines = new ArrayList<>();
        for (FileReport f : result.report().files()) {
            lines.add(f.path() + " " + f.disposition() + " " + f.reason());
        }
        return lines;
    }

    @Test
    void generatedStudiesGiveTheSameImagingStudyThroughEitherReader(@TempDir Path dir) throws IOException {
        List<GeneratedStudy> studies = List.of(
                StudyGenerator.builder().seed(31).series(5).instancesPerSeries(4).modalities("CT", "MR", "US", "SR", "KO")
                        .headerBytes(StudyGenerator.REALISTIC_HEADER_BYTES).pixelData(32, 32)
                        .transferSyntaxes(TransferSyntax.values()).build(),
                StudyGenerator.builder().seed(32).series(2).instancesPerSeries(3).patient("山田^太郎", null, null, null)
                        .characterSet("ISO_IR 192").studyDescription("Étude thoracique")
                        .transferSyntaxes(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN, TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN,
                                TransferSyntax.EXPLICIT_VR_BIG_ENDIAN).build(),
                // every attribute the extended mapping reads: the sample, and the same tags with multi-frame groups
                SampleStudy.study(),
                StudyGenerator.builder().seed(33).series(2).instancesPerSeries(2).modalities("CT", "MR")
                        .seriesAttributes(MappedAttributes.all().setSequence(Tags.PER_FRAME_FUNCTIONAL_GROUPS_SEQUENCE,
                                MappedAttributes.perFrameGroups(500)), MappedAttributes.all())
                        .transferSyntaxes(TransferSyntax.values()).build());
        FhirValidator validator = Backends.discover().validator(null);
        int n = 0;
        for (GeneratedStudy study : studies) {
            Path folder = Files.createDirectories(dir.resolve("study" + n++));
            study.writeTo(folder);
            Files.writeString(folder.resolve("notes.txt"), "not DICOM");
            ConversionResult part10 = converter(BothReaders.PART10).convert(folder);
            ConversionResult pixelmed = converter(BothReaders.PIXELMED).convert(folder);
            assertThat(report(pixelmed)).isEqualTo(report(part10));
            assertThat(pixelmed.report().totals().included()).isEqualTo(study.instanceCount());
            String json = json(pixelmed);
            assertThat(json).isEqualTo(json(part10));
            List<ValidationIssue> errors = validator.validate(json.getBytes(StandardCharsets.UTF_8), OutputFormat.JSON,
                    FhirRelease.R4).stream().filter(ValidationIssue::isError).toList();
            assertThat(errors).as("validation errors").isEmpty();
        }
    }

    @Test
    void everyPydicomFileEndsTheSameAndGoodOnesGiveTheSameImagingStudy() throws IOException {
        Converter part10 = converter(BothReaders.PART10);
        Converter pixelmed = converter(BothReaders.PIXELMED);
        FhirWriter writer = part10.writer();
        SoftAssertions soft = new SoftAssertions();
        int studies = 0;
        for (Path file : BothReaders.pydicomFiles()) {
            String name = file.getParent().getFileName() + "/" + file.getFileName();
            FileOutcome a = part10.readFile(file, name).get(0);
            FileOutcome b = pixelmed.readFile(file, name).get(0);
            soft.assertThat(b.report().disposition()).as("%s disposition", name).isEqualTo(a.report().disposition());
            soft.assertThat(b.report().reason()).as("%s reason", name).isEqualTo(a.report().reason());
            if (a.included() && b.included() && a.report().warnings().isEmpty()) {
                studies++;
                soft.assertThat(write(writer, pixelmed, b)).as("%s ImagingStudy", name).isEqualTo(write(writer, part10, a));
            }
        }
        soft.assertAll();
        assertThat(studies).as("single-file studies compared").isGreaterThan(50);
    }

    private static String write(FhirWriter writer, Converter converter, FileOutcome outcome) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.write(converter.mapStudy(List.of(outcome.facts())).study(), out, WriteOptions.prettyJson());
        return out.toString(StandardCharsets.UTF_8);
    }
}
