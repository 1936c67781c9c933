package org.dicom2fhir.testkit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the small sample study committed under {@code samples/ct-chest}: a CT chest series, an MR
 * knee series (with laterality) and a structured report, 4 instances each, 64x64 16-bit pixels,
 * explicit and implicit VR little endian alternating. Fully synthetic and deterministic: the same
 * bytes on every run.
 *
 * <pre>java -cp testkit/target/classes:api/target/classes org.dicom2fhir.testkit.SampleStudy samples/ct-chest</pre>
 */
public final class SampleStudy {
    private SampleStudy() {
    }

    /** The study the sample folder holds. */
    public static GeneratedStudy study() {
        return StudyGenerator.builder()
                .seed(20240115L)
                .series(3)
                .instancesPerSeries(4)
                .modalities("CT", "MR", "SR")
                .bodyParts("CHEST", "KNEE", "")
                .pixelData(64, 64)
                .transferSyntaxes(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN)
                .patient("Sample^Patient", "SAMPLE-0001", "O", "19700101")
                .accessionNumber("SAMPLE-ACC-0001")
                .studyDateTime("20240115", "093000")
                .timezoneOffset("+0100")
                .studyDescription("CT Chest (sample)")
                .build();
    }

    public static List<Path> write(Path dir) throws IOException {
        return study().writeTo(dir);
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "samples/ct-chest");
        List<Path> files = write(dir);
        System.out.println("wrote " + files.size() + " files to " + dir);
    }
}
