package org.dicom2fhir.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.dicom2fhir.core.Converter;
import org.dicom2fhir.testkit.GeneratedStudy;
import org.dicom2fhir.testkit.StudyGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ZIP archives in the roots: their entries are instances like files, grouped and de-duplicated across roots. */
class ShippedInputsTest {
    @TempDir
    Path tmp;

    @Test
    void aStudyAsAFolderInOneRootAndAsAZipInAnother_isOneStudy_theZipsEntriesAreTheCopiesLeftOut() throws Exception {
        GeneratedStudy study = StudyGenerator.builder().seed(77).series(2).instancesPerSeries(2).noPixelData().build();
        Path r0 = tmp.resolve("r0");
        Path r1 = tmp.resolve("r1");
        List<Path> files = study.writeTo(r0.resolve("study"));
        Files.createDirectories(r1);
        try (OutputStream out = Files.newOutputStream(r1.resolve("export.zip"));
                ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Path f : files) {
                zip.putNextEntry(new ZipEntry(r0.resolve("study").relativize(f).toString().replace('\\', '/')));
                zip.write(Files.readAllBytes(f));
                zip.closeEntry();
            }
        }
        // and another study only in the ZIP of a third root
        GeneratedStudy other = StudyGenerator.builder().seed(78).series(1).instancesPerSeries(3).noPixelData().build();
        Path r2 = tmp.resolve("r2");
        Files.createDirectories(r2);
        List<Path> otherFiles = other.writeTo(tmp.resolve("staging"));
        try (OutputStream out = Files.newOutputStream(r2.resolve("cd.zip")); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Path f : otherFiles) {
                zip.putNextEntry(new ZipEntry("DICOM/" + f.getFileName()));
                zip.write(Files.readAllBytes(f));
                zip.closeEntry();
            }
        }
        Converter converter = Converter.builder().reader("part10").writer("hapi").build();
        Path out = tmp.resolve("out");

        BatchSummary summary = BatchConverter.create(converter, List.of(r0, r1, r2), tmp.resolve("state"))
                .run(new NdjsonOutput(out, converter.writer()));

        assertThat(summary.studies()).isEqualTo(2);
        assertThat(summary.duplicates()).isEqualTo(4);
        List<String> lines = Files.readAllLines(out.resolve(NdjsonOutput.STUDIES), StandardCharsets.UTF_8);
        assertThat(String.join("\n", lines)).contains(study.studyInstanceUid()).contains(other.studyInstanceUid())
                .contains("\"numberOfInstances\":4").contains("\"numberOfInstances\":3");
        String report = Files.readString(out.resolve(NdjsonOutput.REPORT));
        assertThat(report).contains("{\"root\":1,\"path\":\"export.zip!/S01/I0001.dcm\",\"disposition\":\"skipped\","
                + "\"reason\":\"DUPLICATE_INSTANCE\"");
    }
}
