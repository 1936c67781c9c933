package org.dicom2fhir.spark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dicom2fhir.testkit.DicomObject;
import org.dicom2fhir.testkit.GeneratedStudy;
import org.dicom2fhir.testkit.StudyGenerator;

/**
 * A generated archive of two roots, as batch's ArchiveTest builds it: studies split across roots, folders holding
 * ten studies, copies of instances across roots (the copy in root 0 wins), damaged and non-DICOM files; patients
 * shared by several studies, some with differing patient data (PATIENT_CONFLICT) and some without an identifier
 * system (refused with Patients of their own).
 */
final class TestArchive {
    static final byte[] ID_KEY = "a test key of 32 characters....".getBytes(StandardCharsets.UTF_8);

    final Path r0;
    final Path r1;
    final int studies;

    private TestArchive(Path r0, Path r1, int studies) {
        this.r0 = r0;
        this.r1 = r1;
        this.studies = studies;
    }

    static TestArchive write(Path dir, int studies) throws IOException {
        Path r0 = dir.resolve("root0");
        Path r1 = dir.resolve("root1");
        Path staging = dir.resolve("staging");
        for (int i = 0; i < studies; i++) {
            StudyGenerator.Builder b = StudyGenerator.builder().seed(1000 + i).series(1 + i % 3)
                    .instancesPerSeries(1 + i % 2).modalities("CT", "MR", "SR").noPixelData();
            // a patient every 4 studies; every 9th study of a patient's has another birth date
            b.patient("Brannock^Elsie" + (i % 25), "PAT-" + (i % 25), "F", i % 9 == 4 ? "19800202" : "19800101");
            if (i % 31 == 5) {
                // an issuer as text only: no system for the Patient ID
                DicomObject issuer = new DicomObject().set(0x00100021, "LO", "HOSPITAL A").setSequence(0x00100024);
                b.seriesAttributes(issuer, issuer, issuer);
            }
            GeneratedStudy study = b.build();
            Path s = staging.resolve("s" + i);
            List<Path> files = study.writeTo(s);
            String name = String.format("st%04d", i);
            switch (i % 5) {
                case 0 -> moveAll(s, files, r0.resolve(name), "");
                case 1 -> {
                    for (Path f : files) {
                        Path rel = s.relativize(f);
                        Path target = (rel.startsWith("S01") ? r0 : r1).resolve("split").resolve(name).resolve(rel);
                        Files.createDirectories(target.getParent());
                        Files.move(f, target);
                    }
                }
                case 2 -> moveAll(s, files, r1.resolve("mixed-" + (i / 10)), name + "-");
                case 3 -> {
                    moveAll(s, files, r1.resolve(name), "");
                    String firstRel = s.relativize(files.get(0)).toString().replace('\\', '/');
                    Path copy = r0.resolve("copies").resolve(name + ".dcm");
                    Files.createDirectories(copy.getParent());
                    Files.copy(r1.resolve(name).resolve(firstRel), copy);
                    // and a copy inside the same root, later in path order
                    Path again = r1.resolve(name + "-again.dcm");
                    Files.copy(copy, again);
                }
                default -> moveAll(s, files, r0.resolve("deep/a/b").resolve(name), "");
            }
            if (i % 50 == 7) {
                Path damaged = r0.resolve("damaged").resolve(name + ".dcm");
                Files.createDirectories(damaged.getParent());
                byte[] bytes = new byte[200];
                System.arraycopy("DICM".getBytes(StandardCharsets.US_ASCII), 0, bytes, 128, 4);
                bytes[132] = 0x02; // a group 0002 element that ends mid-header
                Files.write(damaged, bytes);
                Path notes = r1.resolve("mixed-" + (i / 10)).resolve("notes-" + i + ".txt");
                Files.createDirectories(notes.getParent());
                Files.writeString(notes, "scanned on a Tuesday\n");
            }
        }
        return new TestArchive(r0, r1, studies);
    }

    private static void moveAll(Path from, List<Path> files, Path to, String prefix) throws IOException {
        for (Path f : files) {
            String rel = from.relativize(f).toString().replace('\\', '/');
            Path target = prefix.isEmpty() ? to.resolve(rel) : to.resolve(prefix + rel.replace('/', '-'));
            Files.createDirectories(target.getParent());
            Files.move(f, target);
        }
    }
}
