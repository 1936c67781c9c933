package org.dicom2fhir.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dicom2fhir.api.spi.FhirRelease;
import org.dicom2fhir.api.spi.FhirValidator;
import org.dicom2fhir.api.spi.OutputFormat;
import org.dicom2fhir.api.spi.ValidationIssue;
import org.dicom2fhir.core.Backends;
import org.dicom2fhir.core.Converter;
import org.dicom2fhir.testkit.DicomObject;
import org.dicom2fhir.testkit.StudyGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Patients of their own ({@code Patient.ndjson}): one Patient per identifier under a keyed id, made from the
 * patient's first study in UID order; every ImagingStudy references its Patient; the studies that cannot are
 * refused and reported, and a study whose patient data differ from the first's is marked.
 */
class PatientsTest {
    /** The testkit's (0010,0024): Universal Entity ID of type UUID. */
    private static final String SYSTEM = "urn:uuid:9b3a6f0e-3c4d-4b8a-9a57-2f1d6c0e8b11";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PatientIds IDS = PatientIds.withKey("a test key of 32 characters....".getBytes(StandardCharsets.UTF_8));

    @TempDir
    Path tmp;

    @Test
    void onePatientPerIdentifier_keyedIds_everyStudyReferencesItsPatient_refusalsAndDifferencesReported()
            throws Exception {
        Path root = tmp.resolve("root");
        for (int i = 0; i < 9; i++) {
            StudyGenerator.builder().seed(40 + i).series(1).instancesPerSeries(1).noPixelData()
                    .patient("Brannock^Elsie" + (i % 3), "PAT-" + (i % 3), "F", "19800101").build()
                    .writeTo(root.resolve("s" + i));
        }
        // the same Patient ID with another birth date: linked to the same Patient, marked PATIENT_CONFLICT
        StudyGenerator.builder().seed(60).series(1).instancesPerSeries(1).noPixelData()
                .patient("Brannock^Elsie0", "PAT-0", "F", "19800202").build().writeTo(root.resolve("other-birth"));
        // an issuer given as text only: no system for the Patient ID, the study cannot reference a Patient
        StudyGenerator.builder().seed(61).series(1).instancesPerSeries(1).noPixelData()
                .patient("Corvell^Ada", "PAT-9", "F", "19800101")
                .seriesAttributes(new DicomObject().set(0x00100021, "LO", "HOSPITAL A").setSequence(0x00100024)).build()
                .writeTo(root.resolve("no-system"));
        Converter converter = Converter.builder().reader("part10").writer("hapi").build();
        Path out = tmp.resolve("out");

        BatchSummary summary = BatchConverter.create(converter, List.of(root), tmp.resolve("state")).patients(IDS)
                .run(new NdjsonOutput(out, converter.writer()));

        assertThat(summary.studies()).isEqualTo(11);
        List<JsonNode> patients = lines(out.resolve(NdjsonOutput.PATIENTS));
        assertThat(patients).extracting(p -> p.path("id").asText()).containsExactlyInAnyOrder(
                IDS.id(SYSTEM, "PAT-0"), IDS.id(SYSTEM, "PAT-1"), IDS.id(SYSTEM, "PAT-2"));
        assertThat(patients).allSatisfy(p -> assertThat(p.path("id").asText()).hasSize(64).doesNotContain("PAT"));
        Map<String, JsonNode> patientById = new HashMap<>();
        patients.forEach(p -> patientById.put(p.path("id").asText(), p));
        assertThat(patientById.get(IDS.id(SYSTEM, "PAT-0")).path("birthDate").asText())
                .as("the first study of the patient in UID order makes the Patient").isIn("1980-01-01", "1980-02-02");

        List<JsonNode> studies = lines(out.resolve(NdjsonOutput.STUDIES));
        assertThat(studies).hasSize(10);
        assertThat(studies).allSatisfy(study -> {
            String reference = study.path("subject").path("reference").asText();
            assertThat(reference).startsWith("Patient/");
            assertThat(patientById).containsKey(reference.substring("Patient/".length()));
            assertThat(study.path("contained").toString()).doesNotContain("\"Patient\"");
        });

        List<JsonNode> report = lines(out.resolve(NdjsonOutput.REPORT));
        assertThat(report).filteredOn(l -> "not-written".equals(l.path("outcome").asText())).singleElement()
                .satisfies(l -> assertThat(l.path("reason").asText()).isEqualTo("NO_PATIENT_SYSTEM"));
        assertThat(report).filteredOn(l -> l.path("warnings").toString().contains("PATIENT_CONFLICT")).hasSize(1);
        JsonNode manifest = JSON.readTree(out.resolve(NdjsonOutput.MANIFEST).toFile());
        assertThat(manifest.path("output")).extracting(o -> o.path("type").asText() + ":" + o.path("count").asInt())
                .containsExactly("ImagingStudy:10", "Patient:3");

        FhirValidator validator = Backends.discover().validator(null);
        for (String line : Files.readAllLines(out.resolve(NdjsonOutput.PATIENTS))) {
            List<ValidationIssue> errors = validator.validate(line.getBytes(StandardCharsets.UTF_8), OutputFormat.JSON,
                    FhirRelease.R4).stream().filter(ValidationIssue::isError).toList();
            assertThat(errors).isEmpty();
        }
    }

    @Test
    void patientIdsAreKeyed_anotherKeyGivesOtherIds() {
        PatientIds other = PatientIds.withKey("another key, also long enough".getBytes(StandardCharsets.UTF_8));
        assertThat(IDS.id(SYSTEM, "PAT-0")).isEqualTo(IDS.id(SYSTEM, "PAT-0")).isNotEqualTo(other.id(SYSTEM, "PAT-0"))
                .isNotEqualTo(IDS.id(SYSTEM, "PAT-1")).matches("[0-9a-f]{64}");
        assertThat(IDS.toString()).doesNotContain("test key");
    }

    private static List<JsonNode> lines(Path file) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }
}
