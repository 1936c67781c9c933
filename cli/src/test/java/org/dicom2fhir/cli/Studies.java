package org.dicom2fhir.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.dicom2fhir.api.dicom.Tags;
import org.dicom2fhir.testkit.DicomObject;
import org.dicom2fhir.testkit.GeneratedStudy;
import org.dicom2fhir.testkit.StudyGenerator;

/** Study folders for the tests, with patient data that must never show up on standard error or in report messages. */
final class Studies {
    static final String FAMILY = "Zebulonova";
    static final String GIVEN = "Quirina";
    static final String PATIENT_ID = "PATID4711X";
    static final String BIRTH_DATE = "19650412";
    static final String ACCESSION = "ACCX98765";
    /** What must never appear where a person reads messages. */
    static final List<String> PATIENT_DATA = List.of(FAMILY, GIVEN, PATIENT_ID, BIRTH_DATE, "1965-04-12", ACCESSION);

    static final String STUDY_A = "1.2.826.0.1.3680043.8.498.1001";
    static final String STUDY_B = "1.2.826.0.1.3680043.8.498.2002";

    private Studies() {
    }

    /** Study date and time without (0008,0201), so that --timezone decides whether started has a time. */
    static GeneratedStudy study(String studyUid, long seed, int series, int instancesPerSeries) {
        return StudyGenerator.builder().seed(seed).series(series).instancesPerSeries(instancesPerSeries)
                .studyDateTime("20240131", "101500").timezoneOffset(null).accessionNumber(ACCESSION)
                .studyInstanceUid(studyUid).patient(FAMILY + "^" + GIVEN, PATIENT_ID, "F", BIRTH_DATE)
                .modalities("CT", "MR").noPixelData().build();
    }

    /** Study A: 2 series of 3 instances, written into {@code dir}. */
    static GeneratedStudy writeStudyA(Path dir) throws IOException {
        GeneratedStudy study = study(STUDY_A, 1, 2, 3);
        study.writeTo(dir);
        return study;
    }

    /** Study A with attributes added to (and replacing those of) every instance of each series, by index. */
    static GeneratedStudy writeStudyA(Path dir, DicomObject... perSeries) throws IOException {
        GeneratedStudy study = StudyGenerator.builder().seed(1).series(2).instancesPerSeries(3)
                .studyDateTime("20240131", "101500").timezoneOffset(null).accessionNumber(ACCESSION)
                .studyInstanceUid(STUDY_A).patient(FAMILY + "^" + GIVEN, PATIENT_ID, "F", BIRTH_DATE)
                .modalities("CT", "MR").noPixelData().seriesAttributes(perSeries).build();
        study.writeTo(dir);
        return study;
    }

    /** The issuer of both series as text only, which no system is known for. */
    static DicomObject issuerWithoutSystem() {
        return new DicomObject().set(Tags.ISSUER_OF_PATIENT_ID, "LO", "CITY CLINIC")
                .setSequence(Tags.ISSUER_OF_PATIENT_ID_QUALIFIERS_SEQUENCE);
    }

    /** Study B: 1 series of 2 instances, written into {@code dir}. */
    static GeneratedStudy writeStudyB(Path dir) throws IOException {
        GeneratedStudy study = study(STUDY_B, 2, 1, 2);
        study.writeTo(dir);
        return study;
    }

    /** A text file: skipped NOT_DICOM. */
    static Path writeJunk(Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        return Files.writeString(dir.resolve(name), "shopping list: milk, eggs\n", StandardCharsets.UTF_8);
    }

    /** A DICOM file cut inside its File Meta Information: it claims to be DICOM and fails. */
    static Path writeTruncated(Path dir, String name) throws IOException {
        Path scratch = Files.createTempDirectory("d2f-truncated");
        try {
            List<Path> files = study("1.2.826.0.1.3680043.8.498.3003", 3, 1, 1).writeTo(scratch);
            byte[] whole = Files.readAllBytes(files.get(0));
            Files.createDirectories(dir);
            return Files.write(dir.resolve(name), Arrays.copyOf(whole, 200));
        } finally {
            try (var walk = Files.walk(scratch)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
