package org.dicom2fhir.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.dicom2fhir.api.dicom.Tags;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudyGeneratorTest {
    @TempDir
    Path dir;

    private static List<String> allUids(GeneratedStudy s) {
        List<String> uids = new ArrayList<>(List.of(s.studyInstanceUid()));
        for (GeneratedSeries series : s.series()) {
            uids.add(series.seriesInstanceUid());
            uids.addAll(series.sopInstanceUids());
        }
        return uids;
    }

    @Test
    void sameSeedSameStudyDownToTheBytes() {
        StudyGenerator.Builder b = StudyGenerator.builder().seed(42).series(3).instancesPerSeries(5).pixelData(8, 8)
                .transferSyntaxes(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN);
        GeneratedStudy one = b.build();
        GeneratedStudy two = b.build();
        assertThat(allUids(two)).isEqualTo(allUids(one));
        for (int s = 0; s < 3; s++) {
            for (int i = 0; i < 5; i++) {
                assertThat(DicomFileWriter.toBytes(two.instance(s, i), two.fileSpec(s, i)))
                        .isEqualTo(DicomFileWriter.toBytes(one.instance(s, i), one.fileSpec(s, i)));
            }
        }
        GeneratedStudy other = StudyGenerator.builder().seed(43).series(3).instancesPerSeries(5).build();
        assertThat(allUids(other)).doesNotContainAnyElementsOf(allUids(one));
    }

    @Test
    void uidsAreValidAndUnique() {
        GeneratedStudy s = StudyGenerator.builder().seed(7).series(4).instancesPerSeries(250).build();
        List<String> uids = allUids(s);
        assertThat(uids).allSatisfy(u -> {
            assertThat(Uids.isValid(u)).as(u).isTrue();
            assertThat(u).startsWith("2.25.");
        });
        assertThat(new HashSet<>(uids)).hasSize(uids.size());
        assertThat(s.instanceCount()).isEqualTo(1000);
        assertThat(Uids.isValid("1.02.3")).isFalse();
        assertThat(Uids.isValid("1.2." + "3".repeat(70))).isFalse();
    }

    @Test
    void headersAreRealisticPerModality() {
        GeneratedStudy s = StudyGenerator.builder().seed(5).series(4).instancesPerSeries(2)
                .modalities("CT", "MR", "SR", "MG").pixelData(16, 32).build();
        assertThat(s.series()).extracting(GeneratedSeries::modality).containsExactly("CT", "MR", "SR", "MG");
        assertThat(s.series()).extracting(GeneratedSeries::seriesNumber).containsExactly(1, 2, 3, 4);
        DicomObject ct = s.instance(0, 1);
        assertThat(ct.getString(Tags.SOP_CLASS_UID)).isEqualTo("1.2.840.10008.5.1.4.1.1.2");
        assertThat(ct.getString(Tags.SOP_INSTANCE_UID)).isEqualTo(s.series().get(0).sopInstanceUids().get(1));
        assertThat(ct.getString(Tags.STUDY_INSTANCE_UID)).isEqualTo(s.studyInstanceUid());
        assertThat(ct.getString(Tags.SERIES_INSTANCE_UID)).isEqualTo(s.series().get(0).seriesInstanceUid());
        assertThat(ct.getString(Tags.INSTANCE_NUMBER)).isEqualTo("2");
        assertThat(ct.getString(Tags.BODY_PART_EXAMINED)).isEqualTo("CHEST");
        assertThat(ct.getStrings(Tags.IMAGE_TYPE)).containsExactly("ORIGINAL", "PRIMARY", "AXIAL");
        assertThat(ct.getString(MoreTags.ROWS)).isEqualTo("16");
        assertThat(ct.getString(MoreTags.COLUMNS)).isEqualTo("32");
        assertThat(ct.getString(Tags.PATIENT_NAME)).matches("[A-Z][a-z]+\\^[A-Z][a-z]+");
        assertThat(ct.getString(Tags.PATIENT_SEX)).isIn("F", "M");
        assertThat(ct.getString(Tags.STUDY_DATE)).matches("20\\d{6}");
        assertThat(ct.getSequence(Tags.PROCEDURE_CODE_SEQUENCE)).hasSize(1);
        assertThat(s.instance(1, 0).getString(Tags.SOP_CLASS_UID)).isEqualTo("1.2.840.10008.5.1.4.1.1.4");
        DicomObject sr = s.instance(2, 0);
        assertThat(sr.contains(Tags.BODY_PART_EXAMINED)).isFalse();
        assertThat(sr.getSequence(Tags.CONCEPT_NAME_CODE_SEQUENCE).get(0).getString(Tags.CODE_MEANING))
                .isEqualTo("Diagnostic imaging report");
        assertThat(s.fileSpec(2, 0).pixelData()).isNull();
        assertThat(s.fileSpec(0, 0).pixelData()).hasSize(16 * 32 * 2);
        assertThat(s.instance(3, 0).getString(Tags.IMAGE_LATERALITY)).isIn("L", "R");
    }

    @Test
    void overridesAreUsedAndDoNotShiftTheOtherSeededValues() {
        GeneratedStudy plain = StudyGenerator.builder().seed(9).build();
        GeneratedStudy custom = StudyGenerator.builder().seed(9).studyInstanceUid("1.2.3.4")
                .patient("山田^太郎", "P-1", "F", "19800101").accessionNumber("A-1").timezoneOffset(null).build();
        assertThat(custom.studyInstanceUid()).isEqualTo("1.2.3.4");
        assertThat(custom.series()).isEqualTo(plain.series());
        DicomObject ds = custom.instance(0, 0);
        assertThat(ds.getString(Tags.PATIENT_NAME)).isEqualTo("山田^太郎");
        assertThat(ds.getString(Tags.SPECIFIC_CHARACTER_SET)).isEqualTo("ISO_IR 192");
        assertThat(ds.getString(Tags.PATIENT_ID)).isEqualTo("P-1");
        assertThat(ds.getString(Tags.ACCESSION_NUMBER)).isEqualTo("A-1");
        assertThat(ds.contains(Tags.TIMEZONE_OFFSET_FROM_UTC)).isFalse();
        assertThat(plain.instance(0, 0).getString(Tags.SPECIFIC_CHARACTER_SET)).isEqualTo("ISO_IR 100");
    }

    @Test
    void headerBytesPadsToAboutTheRequestedSize() {
        GeneratedStudy s = StudyGenerator.builder().seed(3).series(3).instancesPerSeries(3)
                .modalities("CT", "MR", "SR").headerBytes(StudyGenerator.REALISTIC_HEADER_BYTES).build();
        for (int series = 0; series < 3; series++) {
            for (int i = 0; i < 3; i++) {
                int size = DicomFileWriter.toBytes(s.instance(series, i), s.fileSpec(series, i)).length;
                assertThat(size).isBetween(StudyGenerator.REALISTIC_HEADER_BYTES - 16, StudyGenerator.REALISTIC_HEADER_BYTES + 16);
            }
        }
        assertThat(s.privateBlockBytes()).allSatisfy(n -> assertThat(n).isGreaterThan(3000));
        GeneratedStudy small = StudyGenerator.builder().seed(3).headerBytes(100).build();
        assertThat(small.privateBlockBytes()).containsOnly(0);
    }

    @Test
    void writeToRotatesSyntaxesAndWritesWhatInstanceDescribes() throws Exception {
        TransferSyntax[] rotation = {TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN,
            TransferSyntax.EXPLICIT_VR_BIG_ENDIAN, TransferSyntax.JPEG_LS_LOSSLESS};
        GeneratedStudy s = StudyGenerator.builder().seed(1).series(2).instancesPerSeries(3).pixelData(4, 4)
                .transferSyntaxes(rotation).build();
        List<Path> files = s.writeTo(dir);
        assertThat(files).hasSize(6);
        assertThat(dir.relativize(files.get(4)).toString().replace('\\', '/')).isEqualTo("S02/I0002.dcm");
        int global = 0;
        for (int series = 0; series < 2; series++) {
            for (int i = 0; i < 3; i++, global++) {
                assertThat(s.transferSyntax(series, i)).isEqualTo(rotation[global % rotation.length]);
                assertThat(Files.readAllBytes(files.get(global)))
                        .isEqualTo(DicomFileWriter.toBytes(s.instance(series, i), s.fileSpec(series, i)));
            }
        }
        Oracles.assumePydicom();
        for (int g = 0; g < 6; g++) {
            var json = new ObjectMapper().readTree(Oracles.python(OracleSupport.SUMMARY_SCRIPT, files.get(g).toString(),
                    rotation[g % 4].encapsulated() ? "encapsulated" : "plain").stdoutOrFail());
            assertThat(json.get("ts").asText()).isEqualTo(rotation[g % 4].uid());
            assertThat(json.get("sop").asText()).isEqualTo(s.series().get(g / 3).sopInstanceUids().get(g % 3));
        }
    }

    @Test
    void sparsePixelDataIsDeclaredButNotAllocated() throws Exception {
        GeneratedStudy s = StudyGenerator.builder().seed(2).series(1).instancesPerSeries(2).sparsePixelData(2048, 2048).build();
        List<Path> files = s.writeTo(dir);
        long header = DicomFileWriter.toBytes(s.instance(0, 0), DicomFileSpec.of(s.transferSyntax(0, 0))).length;
        assertThat(Files.size(files.get(0))).isEqualTo(header + 12 + 2048L * 2048 * 2);
    }

    @Test
    void writesThousandsOfSmallFilesQuickly() throws Exception {
        GeneratedStudy s = StudyGenerator.builder().seed(4).series(5).instancesPerSeries(1000).build();
        long start = System.nanoTime();
        List<Path> files = s.writeTo(dir);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(files).hasSize(5000);
        assertThat(Set.copyOf(files)).hasSize(5000);
        // generous bound for a shared 2-core machine; typically well under 5 s
        assertThat(millis).isLessThan(60_000);
    }

    @Test
    void seriesAttributesAreAddedToTheirSeriesReplacingGeneratedOnes() {
        DicomObject first = new DicomObject().set(Tags.STATION_NAME, "SH", "FIRST")
                .set(Tags.ADMISSION_ID, "LO", "ADM-1");
        GeneratedStudy study = StudyGenerator.builder().seed(8).series(3).instancesPerSeries(2)
                .seriesAttributes(first, new DicomObject().set(Tags.DEVICE_UID, "UI", "2.25.1")).build();
        first.set(Tags.ADMISSION_ID, "LO", "changed later"); // the builder took a copy
        for (int i = 0; i < 2; i++) {
            assertThat(study.instance(0, i).getString(Tags.STATION_NAME)).isEqualTo("FIRST");
            assertThat(study.instance(0, i).getString(Tags.ADMISSION_ID)).isEqualTo("ADM-1");
            assertThat(study.instance(1, i).getString(Tags.DEVICE_UID)).isEqualTo("2.25.1");
            assertThat(study.instance(1, i).contains(Tags.ADMISSION_ID)).isFalse();
            assertThat(study.instance(2, i).contains(Tags.DEVICE_UID)).isFalse();
        }
        assertThat(study.instance(2, 0).getString(Tags.STATION_NAME)).as("generated").startsWith("TK-");
    }
}
