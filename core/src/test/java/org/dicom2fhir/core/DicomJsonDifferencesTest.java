package org.dicom2fhir.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dicom2fhir.api.Disposition;
import org.dicom2fhir.api.ReasonCode;
import org.dicom2fhir.api.WarningCode;
import org.dicom2fhir.api.dicom.DicomReadResult;
import org.dicom2fhir.api.dicom.ReadOptions;
import org.dicom2fhir.api.dicom.Tags;
import org.dicom2fhir.core.internal.source.DicomJsonReader;
import org.dicom2fhir.testkit.BadInputs;
import org.dicom2fhir.testkit.DicomFileSpec;
import org.dicom2fhir.testkit.DicomFileWriter;
import org.dicom2fhir.testkit.Fixtures;
import org.dicom2fhir.testkit.Oracles;
import org.dicom2fhir.testkit.TransferSyntax;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the DICOM JSON model cannot carry, one test per difference listed in docs/sources.md: the same
 * file as Part 10 and as dcm2json's JSON, and what each gives. Skipped where dcmtk is absent.
 */
class DicomJsonDifferencesTest {
    @TempDir
    Path tmp;

    private final Converter converter = Converter.builder().reader("part10").writer(FakeWriter.provider()).build();

    @BeforeEach
    void needsDcm2json() {
        Oracles.assumeDcm2json();
    }

    /** The Part 10 file's outcome and its JSON's (dcm2json must convert it). */
    private FileOutcome[] both(String name, byte[] part10) throws IOException {
        Path file = Files.write(tmp.resolve(name), part10);
        Path json = tmp.resolve(name + ".json");
        assertThat(Oracles.dcm2json(file, json).exitCode()).as("dcm2json converts " + name).isZero();
        return new FileOutcome[] {converter.readFile(file, name).get(0), converter.readFile(json, name + ".json").get(0)};
    }

    @Test
    void theSopClassThatOnlyTheFileMetaNamesIsLost() throws IOException {
        FileOutcome[] o = both("meta-only.dcm", BadInputs.sopClassOnlyInFileMeta());

        assertThat(o[0].included()).isTrue();
        assertThat(o[0].report().warnings()).extracting(w -> w.code()).contains(WarningCode.SOP_CLASS_FROM_FILE_META);
        assertThat(o[1].report().reason()).isEqualTo(ReasonCode.MISSING_SOP_CLASS);
    }

    @Test
    void aDicomdirIsNotRecognisedWithoutItsFileMeta() throws IOException {
        FileOutcome[] o = both("DICOMDIR", Fixtures.dicomdir());

        assertThat(o[0].report().reason()).isEqualTo(ReasonCode.DICOMDIR);
        assertThat(o[1].report().disposition()).isEqualTo(Disposition.SKIPPED);
        assertThat(o[1].report().reason()).isEqualTo(ReasonCode.NOT_AN_INSTANCE);
    }

    @Test
    void theTransferSyntaxAndTheFileMetaAreNotCarriedAndNotNeeded() throws IOException {
        byte[] part10 = Fixtures.valid(TransferSyntax.EXPLICIT_VR_BIG_ENDIAN);
        FileOutcome[] o = both("big-endian.dcm", part10);
        DicomReadResult read = new DicomJsonReader().read(tmp.resolve("big-endian.dcm.json"), ReadOptions.defaults());

        assertThat(read.transferSyntaxUid()).isEmpty();
        assertThat(read.fileMeta().isEmpty()).isTrue();
        assertThat(o[1].facts()).usingRecursiveComparison().ignoringFields("path").isEqualTo(o[0].facts());
    }

    @Test
    void bytesDcm2jsonCannotConvertHaveNoJsonToCompare() throws IOException {
        // encapsulated Pixel Data (dcm2json refuses to write it inline) and ISO 2022 IR 87 (not in glibc's iconv)
        Path compressed = Files.write(tmp.resolve("jpeg.dcm"), DicomFileWriter.toBytes(Fixtures.dataSet(),
                DicomFileSpec.of(TransferSyntax.JPEG_BASELINE).withPixelData(new byte[64])));
        Path japanese = Files.write(tmp.resolve("ir87.dcm"), DicomFileWriter.toBytes(Fixtures.dataSet()
                .set(Tags.SPECIFIC_CHARACTER_SET, "CS", "", "ISO 2022 IR 87")
                .set(Tags.PATIENT_NAME, "PN", "Yamada^Tarou=山田^太郎=やまだ^たろう"),
                DicomFileSpec.of(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN)));

        for (Path file : List.of(compressed, japanese)) {
            assertThat(converter.readFile(file, file.getFileName().toString()).get(0).included()).as("Part 10").isTrue();
            Oracles.ProcessResult dcm2json = Oracles.dcm2json(file, tmp.resolve(file.getFileName() + ".json"));
            assertThat(dcm2json.exitCode()).as("dcm2json on %s: %s", file.getFileName(), dcm2json.stderr()).isNotZero();
        }
    }

    @Test
    void theSpecificCharacterSetIsIgnoredBecauseJsonIsUtf8() throws IOException {
        byte[] part10 = DicomFileWriter.toBytes(Fixtures.dataSet().set(Tags.SPECIFIC_CHARACTER_SET, "CS", "ISO_IR 100")
                .set(Tags.STUDY_DESCRIPTION, "LO", "Jérôme"), DicomFileSpec.of(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
        FileOutcome[] o = both("latin1.dcm", part10);
        String json = Files.readString(tmp.resolve("latin1.dcm.json"), StandardCharsets.UTF_8);
        DicomReadResult read = new DicomJsonReader().read(tmp.resolve("latin1.dcm.json"), ReadOptions.defaults());

        assertThat(json).contains("\"00080005\"", "Jérôme");
        assertThat(read.dataSet().contains(Tags.SPECIFIC_CHARACTER_SET)).isFalse();
        assertThat(read.dataSet().string(Tags.STUDY_DESCRIPTION)).isEqualTo("Jérôme");
        assertThat(read.warnings()).isEmpty();
        assertThat(o[1].facts().study().description()).isEqualTo(o[0].facts().study().description());
    }

    @Test
    void bulkDataIsNeverReadFromInlineBinaryOrBulkDataUri() throws IOException {
        Path json = Files.writeString(tmp.resolve("bulk.json"), "{\"00080018\":{\"vr\":\"UI\",\"Value\":[\"1.2.3\"]},"
                + "\"00091001\":{\"vr\":\"OB\",\"InlineBinary\":\"AQIDBA==\"},"
                + "\"00420011\":{\"vr\":\"OB\",\"BulkDataURI\":\"http://example.org/bulk\"},"
                + "\"7FE00010\":{\"vr\":\"OW\",\"BulkDataURI\":\"http://example.org/pixels\"}}");

        DicomReadResult read = new DicomJsonReader().read(json, ReadOptions.defaults());

        assertThat(read.dataSet().get(0x00091001).values()).isEmpty();
        assertThat(read.dataSet().get(0x00420011).values()).isEmpty();
        assertThat(read.dataSet().contains(Tags.PIXEL_DATA)).as("nothing from Pixel Data on, as in Part 10").isFalse();
    }
}
