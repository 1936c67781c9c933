package org.dicom2fhir.reader.pixelmed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.dicom2fhir.api.Warning;
import org.dicom2fhir.api.dicom.DicomReadResult;
import org.dicom2fhir.api.dicom.ReadOptions;
import org.dicom2fhir.api.dicom.Tags;
import org.dicom2fhir.testkit.DicomFileSpec;
import org.dicom2fhir.testkit.DicomFileWriter;
import org.dicom2fhir.testkit.DicomObject;
import org.dicom2fhir.testkit.Fixtures;
import org.dicom2fhir.testkit.TransferSyntax;
import org.junit.jupiter.api.Test;

/**
 * What PixelMed refuses in bytes this reader's scan let through (values it judges implausible) is
 * left out element by element, with a warning naming it: the rest of the data set is still read.
 */
class LibraryFailuresTest {
    @Test
    void anElementPixelmedThrowsOnIsLeftOutAndTheRestIsReadAgain() throws Exception {
        // implicit VR: a 70,000-byte LO is legal bytes, but PixelMed gives up on a short-VR value over 64 KiB
        byte[] big = new byte[70_000];
        Arrays.fill(big, (byte) 'A');
        DicomObject ds = Fixtures.dataSet().set(Tags.SPECIFIC_CHARACTER_SET, "CS", "ISO_IR 203")
                .set(Tags.PATIENT_NAME, "PN", "Šœ€^Ž")
                .setBytes(Tags.PATIENT_ID, "LO", big)
                .setSequence(Tags.REQUEST_ATTRIBUTES_SEQUENCE, new DicomObject()
                        .set(Tags.SPECIFIC_CHARACTER_SET, "CS", "ISO_IR 144")
                        .set(Tags.REASON_FOR_THE_REQUESTED_PROCEDURE, "LO", "Люксембург"));
        byte[] file = DicomFileWriter.toBytes(ds, DicomFileSpec.of(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN));

        DicomReadResult r = BothReaders.PIXELMED.read(file, ReadOptions.defaults());

        assertThat(r.dataSet().contains(Tags.PATIENT_ID)).isFalse();
        assertThat(r.warnings()).extracting(Warning::message).anySatisfy(m -> assertThat(m)
                .startsWith("PixelMed could not read element (0010,0020)"));
        assertThat(r.dataSet().string(Tags.PATIENT_NAME)).isEqualTo("Šœ€^Ž");
        assertThat(r.dataSet().string(Tags.STUDY_INSTANCE_UID)).isEqualTo(Fixtures.STUDY_INSTANCE_UID);
        assertThat(r.dataSet().items(Tags.REQUEST_ATTRIBUTES_SEQUENCE)).singleElement().satisfies(item -> assertThat(
                item.string(Tags.REASON_FOR_THE_REQUESTED_PROCEDURE)).as("the item's own character set, found again")
                .isEqualTo("Люксембург"));
        DicomReadResult part10 = BothReaders.PART10.read(file, ReadOptions.defaults());
        assertThat(part10.dataSet().elements()).filteredOn(e -> e.tag() != Tags.PATIENT_ID)
                .containsExactlyElementsOf(r.dataSet().elements());
    }

    @Test
    void aValuePixelmedSilentlyDropsIsReportedAsLeftOut() throws Exception {
        DicomObject ds = Fixtures.dataSet().setBytes(0x00189087, "FD", new byte[4]); // half an FD
        DicomReadResult r = BothReaders.PIXELMED.read(DicomFileWriter.toBytes(ds,
                DicomFileSpec.of(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN)), ReadOptions.defaults());
        assertThat(r.dataSet().contains(0x00189087)).isFalse();
        assertThat(r.dataSet().string(Tags.SERIES_INSTANCE_UID)).isEqualTo(Fixtures.SERIES_INSTANCE_UID);
        assertThat(r.warnings()).extracting(Warning::message).anySatisfy(m -> assertThat(m).contains("(0018,9087)"));
    }
}
