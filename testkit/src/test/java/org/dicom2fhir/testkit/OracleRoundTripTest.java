package org.dicom2fhir.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import org.dicom2fhir.api.dicom.Tags;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Files from the writer, read back by pydicom and dcmtk (skipped when they are not installed). */
class OracleRoundTripTest {
    @TempDir
    Path dir;

    static DicomObject instance() {
        return new DicomObject()
                .set(Tags.SPECIFIC_CHARACTER_SET, "CS", "ISO_IR 100")
                .set(Tags.SOP_CLASS_UID, "UI", "1.2.840.10008.5.1.4.1.1.2")
                .set(Tags.SOP_INSTANCE_UID, "UI", "1.2.826.0.1.3680043.2.1125.1.1")
                .set(Tags.STUDY_INSTANCE_UID, "UI", "1.2.826.0.1.3680043.2.1125.1.2")
                .set(Tags.SERIES_INSTANCE_UID, "UI", "1.2.826.0.1.3680043.2.1125.1.3")
                .set(Tags.PATIENT_NAME, "PN", "Buc^Jérôme")
                .set(Tags.STUDY_DESCRIPTION, "LO", "Röntgen")
                .setSequence(Tags.PROCEDURE_CODE_SEQUENCE,
                        new DicomObject().set(Tags.CODE_MEANING, "LO", "one")
                                .setSequence(0x0040A730, new DicomObject().set(Tags.CODE_MEANING, "LO", "deep")),
                        new DicomObject().set(Tags.CODE_MEANING, "LO", "two"));
    }

    @ParameterizedTest
    @EnumSource(TransferSyntax.class)
    void pydicomReadsEveryTransferSyntax(TransferSyntax ts) throws Exception {
        Oracles.assumePydicom();
        for (boolean undefined : new boolean[] {false, true}) {
            Path file = dir.resolve(ts + "-" + undefined + ".dcm");
            byte[] pixels = GeneratedStudy.pixelData(4, 5);
            DicomFileWriter.write(file, instance(),
                    DicomFileSpec.of(ts).withUndefinedLengths(undefined).withPixelData(pixels));
            JsonNode s = OracleSupport.pydicomSummary(file, ts.encapsulated());
            assertThat(s.get("ts").asText()).isEqualTo(ts.uid());
            assertThat(s.get("mediaSop").asText()).isEqualTo("1.2.826.0.1.3680043.2.1125.1.1");
            assertThat(s.get("mediaSopClass").asText()).isEqualTo("1.2.840.10008.5.1.4.1.1.2");
            assertThat(s.get("sop").asText()).isEqualTo("1.2.826.0.1.3680043.2.1125.1.1");
            assertThat(s.get("study").asText()).isEqualTo("1.2.826.0.1.3680043.2.1125.1.2");
            assertThat(s.get("series").asText()).isEqualTo("1.2.826.0.1.3680043.2.1125.1.3");
            assertThat(s.get("name").asText()).isEqualTo("Buc^Jérôme");
            assertThat(s.get("description").asText()).isEqualTo("Röntgen");
            assertThat(s.get("items")).extracting(JsonNode::asText).containsExactly("one", "two");
            if (ts.encapsulated()) {
                assertThat(s.get("fragments")).extracting(JsonNode::asInt).containsExactly(pixels.length);
            } else {
                assertThat(s.get("pixelBytes").asInt()).isEqualTo(pixels.length);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TransferSyntax.class)
    void dcmdumpReadsEveryTransferSyntax(TransferSyntax ts) throws Exception {
        Oracles.assumeDcmdump();
        for (boolean undefined : new boolean[] {false, true}) {
            Path file = dir.resolve(ts + "-" + undefined + ".dcm");
            DicomFileWriter.write(file, instance(), DicomFileSpec.of(ts).withUndefinedLengths(undefined)
                    .withPixelData(GeneratedStudy.pixelData(4, 4)));
            Oracles.ProcessResult r = Oracles.dcmdump(file, "+U8");
            assertThat(r.stderr()).doesNotContainIgnoringCase("error");
            Map<String, String> v = OracleSupport.dcmdumpValues(r.stdoutOrFail());
            assertThat(v.get("(0002,0010)")).satisfiesAnyOf(
                    x -> assertThat(x).isEqualTo(ts.uid()),
                    x -> assertThat(x).doesNotStartWith("1.")); // dcmdump names known syntaxes
            assertThat(v.get("(0008,0018)")).isEqualTo("1.2.826.0.1.3680043.2.1125.1.1");
            assertThat(v.get("(0020,000D)")).isEqualTo("1.2.826.0.1.3680043.2.1125.1.2");
            assertThat(v.get("(0020,000E)")).isEqualTo("1.2.826.0.1.3680043.2.1125.1.3");
            assertThat(v.get("(0010,0010)")).isEqualTo("Buc^Jérôme");
            assertThat(r.stdout()).contains("(0040,a730)");
        }
    }

    @Test
    void dcmdumpFindsNoLengthErrorsInGeneratedStudies() throws Exception {
        Oracles.assumeDcmdump();
        GeneratedStudy study = StudyGenerator.builder().seed(11).series(3).instancesPerSeries(2)
                .modalities("CT", "MG", "SR").headerBytes(StudyGenerator.REALISTIC_HEADER_BYTES).pixelData(8, 8)
                .transferSyntaxes(TransferSyntax.values()).build();
        for (Path f : study.writeTo(dir)) {
            Oracles.ProcessResult r = Oracles.dcmdump(f, "-q");
            assertThat(r.exitCode()).as(f.toString()).isZero();
            assertThat(r.stderr()).as(f.toString()).isEmpty();
        }
    }
}
