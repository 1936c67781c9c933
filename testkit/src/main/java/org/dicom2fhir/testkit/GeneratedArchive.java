package org.dicom2fhir.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A generated archive of two roots, for the engines that convert archives (batch, spark): studies in a folder of
 * their own, studies split across the roots, folders holding ten studies, copies of an instance across the roots
 * (the copy in root 0 is kept), damaged and non-DICOM files. Optionally patients shared by several studies, some of
 * whose studies differ in birth date and some without a system for the Patient ID, copies within a root, and
 * studies shipped as ZIP archives.
 *
 * @param root0    the first root
 * @param root1    the second root
 * @param studies  Study UID to {series, instances} expected
 * @param leftOut  "root:path" of every file expected left out, to its reason ({@code DUPLICATE_INSTANCE},
 *                 {@code NOT_DICOM}) or disposition ({@code failed})
 */
public record GeneratedArchive(Path root0, Path root1, Map<String, int[]> studies, Map<String, String> leftOut) {
    /** The Patient ID's issuer (0010,0024) the generator writes: its Universal Entity ID, a UUID. */
    public static final String PATIENT_ID_SYSTEM = "urn:uuid:9b3a6f0e-3c4d-4b8a-9a57-2f1d6c0e8b11";

    public static Builder builder(int studies) {
        return new Builder(studies);
    }

    /** Configures a {@link GeneratedArchive}. */
    public static final class Builder {
        private final int count;
        private int patients;
        private boolean copiesWithinRoots;
        private boolean zipped;

        private Builder(int count) {
            this.count = count;
        }

        /**
         * Study i belongs to patient i % n (otherwise each study has the generator's own patient); every 9th study
         * (i % 9 == 4) has another birth date, and every 31st (i % 31 == 5) has an issuer as text only, so no
         * system for its Patient ID.
         */
        public Builder sharedPatients(int n) {
            this.patients = n;
            return this;
        }

        /** Besides the copy in root 0, another copy of the same instance in root 1, later in path order. */
        public Builder copiesWithinRoots() {
            this.copiesWithinRoots = true;
            return this;
        }

        /** Studies 10, 50, 90... (in a folder of their own in root 0) as a ZIP archive {@code stNNNN.zip} instead. */
        public Builder zipped() {
            this.zipped = true;
            return this;
        }

        public GeneratedArchive writeTo(Path dir) throws IOException {
            Path r0 = dir.resolve("root0");
            Path r1 = dir.resolve("root1");
            Path staging = dir.resolve("staging");
            Map<String, int[]> expected = new TreeMap<>();
            Map<String, String> leftOut = new TreeMap<>();
            for (int i = 0; i < count; i++) {
                int series = 1 + i % 3;
                StudyGenerator.Builder b = StudyGenerator.builder().seed(1000 + i).series(series)
                        .instancesPerSeries(1 + i % 2).modalities("CT", "MR", "SR").noPixelData();
                if (patients > 0) {
                    b.patient("Brannock^Elsie" + (i % patients), "PAT-" + (i % patients), "F",
                            i % 9 == 4 ? "19800202" : "19800101");
                    if (i % 31 == 5) {
                        DicomObject issuer = new DicomObject().set(0x00100021, "LO", "HOSPITAL A")
                                .setSequence(0x00100024);
                        b.seriesAttributes(issuer, issuer, issuer);
                    }
                }
                GeneratedStudy study = b.build();
                Path s = staging.resolve("s" + i);
                List<Path> files = study.writeTo(s);
                expected.put(study.studyInstanceUid(), new int[] {series, study.instanceCount()});
                String name = String.format("st%04d", i);
                switch (i % 5) {
                    case 0 -> {
                        if (zipped && i % 40 == 10) {
                            Files.createDirectories(r0);
                            Zips.zipFolder(s, r0.resolve(name + ".zip"));
                        } else {
                            moveAll(s, files, r0.resolve(name), "");
                        }
                    }
                    case 1 -> {
                        // one study over two roots: its first series in root 0, the others in root 1
                        for (Path f : files) {
                            Path rel = s.relativize(f);
                            Path target = (rel.startsWith("S01") ? r0 : r1).resolve("split").resolve(name).resolve(rel);
                            Files.createDirectories(target.getParent());
                            Files.move(f, target);
                        }
                    }
                    case 2 -> moveAll(s, files, r1.resolve("mixed-" + (i / 10)), name + "-"); // many studies a folder
                    case 3 -> {
                        moveAll(s, files, r1.resolve(name), "");
                        // a copy of the first instance in root 0: root order wins, the copy in root 1 is left out
                        String firstRel = s.relativize(files.get(0)).toString().replace('\\', '/');
                        Path copy = r0.resolve("copies").resolve(name + ".dcm");
                        Files.createDirectories(copy.getParent());
                        Files.copy(r1.resolve(name).resolve(firstRel), copy);
                        leftOut.put("1:" + name + "/" + firstRel, "DUPLICATE_INSTANCE");
                        if (copiesWithinRoots) {
                            Files.copy(copy, r1.resolve(name + "-again.dcm"));
                            leftOut.put("1:" + name + "-again.dcm", "DUPLICATE_INSTANCE");
                        }
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
                    leftOut.put("0:damaged/" + name + ".dcm", "failed");
                    Path notes = r1.resolve("mixed-" + (i / 10)).resolve("notes-" + i + ".txt");
                    Files.createDirectories(notes.getParent());
                    Files.writeString(notes, "scanned on a Tuesday\n");
                    leftOut.put("1:mixed-" + (i / 10) + "/notes-" + i + ".txt", "NOT_DICOM");
                }
            }
            return new GeneratedArchive(r0, r1, Collections.unmodifiableMap(expected),
                    Collections.unmodifiableMap(leftOut));
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
}
