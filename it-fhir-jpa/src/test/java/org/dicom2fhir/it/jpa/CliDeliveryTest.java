package org.dicom2fhir.it.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.dicom2fhir.api.dicom.Tags;
import org.dicom2fhir.cli.Main;
import org.dicom2fhir.testkit.DicomObject;
import org.dicom2fhir.testkit.GeneratedStudy;
import org.dicom2fhir.testkit.SampleStudy;
import org.dicom2fhir.testkit.StudyGenerator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command's {@code --post} against a real FHIR server (HAPI FHIR JPA, R4, H2): the command runs
 * in-process ({@code Main.run}) on DICOM studies written by the testkit, and the server is searched afterwards
 * (uncached) to show what it holds: nothing duplicated on re-runs, patients linked by identifier only, and
 * nothing written for the studies the command refuses or the server rejects.
 *
 * <p>One server for the run ({@link SharedJpaServer}, with {@link CliMergeTest}); every test uses Study Instance UIDs
 * and patient IDs of its own.
 */
@ExtendWith(SharedJpaServer.class)
class CliDeliveryTest {
    private static final String UID_SYSTEM = "urn:dicom:uid";
    /** The testkit's (0010,0024): Universal Entity ID of type UUID. */
    private static final String PATIENT_SYSTEM = "urn:uuid:9b3a6f0e-3c4d-4b8a-9a57-2f1d6c0e8b11";
    private static final String FAMILY = "Xylophonia";
    private static final String GIVEN = "Quendolyn";
    private static final String BIRTH_DATE = "19580323";
    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private static String base;

    @TempDir
    Path tmp;

    @BeforeAll
    static void connect() {
        base = SharedJpaServer.base();
    }

    @Test
    void theSamplePostedTwiceWithPatientBundle_isOneStudyAndOnePatient_createdThenUnchanged() throws Exception {
        Path dir = tmp.resolve("ct-chest");
        SampleStudy.write(dir);
        String uid = SampleStudy.study().studyInstanceUid();
        List<String> patientData = List.of("Sample^Patient", "SAMPLE-0001", "SAMPLE-MRN-0001", "SAMPLE-INS-0001",
                "19700101", "1970-01-01");

        // the first run also validates every transaction before sending it
        CommandRun first = cli("--post", base, "--patient", "bundle", "--validate", "--report", report("first"), dir.toString());
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.stdout()).isEmpty();
        JsonNode created = onlyDelivery(first);
        assertThat(created.path("studyInstanceUid").asText()).isEqualTo(uid);
        assertThat(created.path("outcome").asText()).isEqualTo("created");
        assertThat(created.path("httpStatus").asInt()).isEqualTo(200);
        assertThat(created.path("version").asText()).isEqualTo("1");
        String studyId = created.path("id").asText();
        // the server keeps our UID-derived id (the entry's fullUrl is <base>/ImagingStudy/<id>, not a urn:uuid)
        assertThat(studyId).isEqualTo(dryRunStudyId(dir));

        CommandRun second = cli("--post", base, "--patient", "bundle", "--report", report("second"), dir.toString());
        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(second.stdout()).isEmpty();
        JsonNode again = onlyDelivery(second);
        // the same transaction changes nothing: HAPI suppresses the no-op update and keeps version 1
        assertThat(again.path("outcome").asText()).isEqualTo("unchanged");
        assertThat(again.path("id").asText()).isEqualTo(studyId);
        assertThat(again.path("version").asText()).isEqualTo("1");

        List<ImagingStudy> studies = studies(uid);
        assertThat(studies).extracting(s -> s.getIdElement().getIdPart()).containsExactly(studyId);
        List<Patient> patients = patients(PATIENT_SYSTEM + "|SAMPLE-0001");
        assertThat(patients).hasSize(1);
        assertThat(studies.get(0).getSubject().getReference())
                .isEqualTo("Patient/" + patients.get(0).getIdElement().getIdPart());
        // no contained Patient: the patient is the server's
        assertThat(studies.get(0).getContained()).noneMatch(r -> r instanceof Patient);

        first.assertNothingOf(patientData);
        second.assertNothingOf(patientData);
    }

    @Test
    void aPatientAlreadyOnTheServer_becomesTheSubject_andNoPatientIsCreated() throws Exception {
        String patientId = newPatientId();
        String preloaded = createPatient(patientId);
        Path dir = tmp.resolve("study");
        GeneratedStudy study = generated(patientId).build();
        study.writeTo(dir);

        CommandRun run = cli("--post", base, "--patient", "bundle", "--validate", "--report", report("run"), dir.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdout()).isEmpty();
        assertThat(onlyDelivery(run).path("outcome").asText()).isEqualTo("created");
        assertThat(patients(PATIENT_SYSTEM + "|" + patientId)).extracting(p -> p.getIdElement().getIdPart())
                .containsExactly(preloaded);
        List<ImagingStudy> studies = studies(study.studyInstanceUid());
        assertThat(studies).hasSize(1);
        assertThat(studies.get(0).getSubject().getReference()).isEqualTo("Patient/" + preloaded);
        run.assertNothingOf(patientData(patientId));
    }

    @Test
    void aPatientIdWhoseIssuerHasNoSystem_isNotSent_NO_PATIENT_SYSTEM() throws Exception {
        String patientId = newPatientId();
        Path dir = tmp.resolve("study");
        // (0010,0021) as text only, no (0010,0024): no system is known, and --patient-id-system does not apply
        DicomObject textIssuer = new DicomObject().set(Tags.ISSUER_OF_PATIENT_ID, "LO", "CITY CLINIC")
                .setSequence(Tags.ISSUER_OF_PATIENT_ID_QUALIFIERS_SEQUENCE);
        GeneratedStudy study = generated(patientId).series(2).seriesAttributes(textIssuer, textIssuer).build();
        study.writeTo(dir);

        CommandRun run = cli("--post", base, "--patient", "bundle", "--patient-id-system", "urn:oid:1.2.3.4",
                "--report", report("run"), dir.toString());

        assertRefused(run, study.studyInstanceUid(), "not-sent", "NO_PATIENT_SYSTEM");
        assertThat(patientsWithValue(patientId)).isEmpty();
        run.assertNothingOf(patientData(patientId));
    }

    @Test
    void seriesWithDifferentPatientIds_areNotSent_PATIENT_CONFLICT() throws Exception {
        String patientId = newPatientId();
        String otherId = newPatientId();
        Path dir = tmp.resolve("study");
        GeneratedStudy study = generated(patientId).series(2)
                .seriesAttributes(new DicomObject(), new DicomObject().set(Tags.PATIENT_ID, "LO", otherId)).build();
        study.writeTo(dir);

        CommandRun run = cli("--post", base, "--patient", "bundle", "--report", report("run"), dir.toString());

        assertRefused(run, study.studyInstanceUid(), "not-sent", "PATIENT_CONFLICT");
        assertThat(patientsWithValue(patientId)).isEmpty();
        assertThat(patientsWithValue(otherId)).isEmpty();
        run.assertNothingOf(List.of(patientId, otherId, FAMILY, GIVEN, BIRTH_DATE, "1958-03-23"));
    }

    @Test
    void twoPatientsOnTheServerWithTheIdentifier_isAmbiguousPatient_andNothingIsLinked() throws Exception {
        String patientId = newPatientId();
        createPatient(patientId);
        createPatient(patientId);
        Path dir = tmp.resolve("study");
        GeneratedStudy study = generated(patientId).build();
        study.writeTo(dir);

        CommandRun run = cli("--post", base, "--patient", "bundle", "--report", report("run"), dir.toString());

        JsonNode delivery = assertRefused(run, study.studyInstanceUid(), "ambiguous-patient", null);
        assertThat(delivery.path("httpStatus").asInt()).isEqualTo(412);
        assertThat(run.stderr()).contains("several Patients");
        assertThat(patients(PATIENT_SYSTEM + "|" + patientId)).hasSize(2);
        run.assertNothingOf(patientData(patientId));
    }

    /** {@code --match id}: {@code PUT ImagingStudy/<our id>}, for servers without conditional update. */
    @Test
    void matchId_putsTheStudyUnderOurId_andARerunIsUnchanged() throws Exception {
        String patientId = newPatientId();
        Path dir = tmp.resolve("study");
        GeneratedStudy study = generated(patientId).build();
        study.writeTo(dir);
        String ourId = dryRunStudyId(dir);

        CommandRun first = cli("--post", base, "--match", "id", "--patient", "bundle", "--report", report("first"), dir.toString());
        CommandRun second = cli("--post", base, "--match", "id", "--patient", "bundle", "--report", report("second"), dir.toString());

        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(onlyDelivery(first).path("outcome").asText()).isEqualTo("created");
        assertThat(onlyDelivery(first).path("id").asText()).isEqualTo(ourId);
        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(onlyDelivery(second).path("outcome").asText()).isEqualTo("unchanged");
        assertThat(studies(study.studyInstanceUid())).extracting(s -> s.getIdElement().getIdPart()).containsExactly(ourId);
        assertThat(patients(PATIENT_SYSTEM + "|" + patientId)).hasSize(1);
        first.assertNothingOf(patientData(patientId));
        second.assertNothingOf(patientData(patientId));
    }

    /** Another client's ImagingStudy with the UID, stored under an id of its own (returned), with a patient of its own. */
    private static String storeElsewhere(String uid, String patientId) throws Exception {
        String otherId = "other-" + UUID.randomUUID();
        ImagingStudy elsewhere = new ImagingStudy();
        elsewhere.setId(otherId);
        elsewhere.addIdentifier().setSystem(UID_SYSTEM).setValue("urn:oid:" + uid);
        elsewhere.setStatus(ImagingStudy.ImagingStudyStatus.AVAILABLE);
        elsewhere.setSubject(new Reference("Patient/" + createPatient("OTHER-" + patientId)));
        HttpResponse<String> put = send(HttpRequest.newBuilder(URI.create(base + "/ImagingStudy/" + otherId))
                .header("Content-Type", "application/fhir+json")
                .PUT(HttpRequest.BodyPublishers.ofString(FHIR.newJsonParser().encodeResourceToString(elsewhere))));
        assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
        return otherId;
    }

    @Test
    void aStudyStoredUnderAnotherId_isRejected_andUpdatedWithServerIds_neverDuplicated() throws Exception {
        String patientId = newPatientId();
        Path dir = tmp.resolve("study");
        GeneratedStudy study = generated(patientId).build();
        study.writeTo(dir);
        String uid = study.studyInstanceUid();
        // another client stored the study first, under an id of its own
        String otherId = storeElsewhere(uid, patientId);

        CommandRun rejected = cli("--post", base, "--patient", "bundle", "--report", report("rejected"), dir.toString());

        JsonNode delivery = assertRefused(rejected, uid, "rejected", null);
        assertThat(delivery.path("httpStatus").asInt()).isEqualTo(400);
        assertThat(rejected.stderr()).contains("--server-ids");
        assertThat(studies(uid)).extracting(s -> s.getIdElement().getIdPart()).containsExactly(otherId);
        assertThat(patientsWithValue(patientId)).isEmpty();

        CommandRun updated = cli("--post", base, "--patient", "bundle", "--server-ids", "--validate", "--report",
                report("updated"), dir.toString());

        assertThat(updated.exitCode()).as(updated.toString()).isZero();
        assertThat(updated.stdout()).isEmpty();
        JsonNode result = onlyDelivery(updated);
        assertThat(result.path("outcome").asText()).isEqualTo("updated");
        assertThat(result.path("id").asText()).isEqualTo(otherId);
        assertThat(result.path("version").asText()).isEqualTo("2");
        List<ImagingStudy> studies = studies(uid);
        assertThat(studies).extracting(s -> s.getIdElement().getIdPart()).containsExactly(otherId);
        List<Patient> patients = patients(PATIENT_SYSTEM + "|" + patientId);
        assertThat(patients).hasSize(1);
        assertThat(studies.get(0).getSubject().getReference())
                .isEqualTo("Patient/" + patients.get(0).getIdElement().getIdPart());
        rejected.assertNothingOf(patientData(patientId));
        updated.assertNothingOf(patientData(patientId));
    }

    // ---------------------------------------------------------------------------------------------------

    /** Exit 8, nothing on standard output, the one delivery as expected, no ImagingStudy with the UID on the server. */
    private JsonNode assertRefused(CommandRun run, String uid, String outcome, String reason) throws Exception {
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(8);
        assertThat(run.stdout()).isEmpty();
        JsonNode delivery = onlyDelivery(run);
        assertThat(delivery.path("studyInstanceUid").asText()).isEqualTo(uid);
        assertThat(delivery.path("outcome").asText()).isEqualTo(outcome);
        if (reason != null) {
            assertThat(delivery.path("reason").asText()).isEqualTo(reason);
            assertThat(delivery.path("httpStatus").asInt()).isZero();
        }
        assertThat(run.stderr()).contains("study " + uid + " not delivered: " + outcome);
        if (!outcome.equals("rejected")) {
            assertThat(studies(uid)).isEmpty();
        }
        return delivery;
    }

    /** The ImagingStudy's id in the transaction the dry run of {@code --patient bundle} writes. */
    private String dryRunStudyId(Path dir) throws Exception {
        CommandRun dry = cli("--patient", "bundle", dir.toString());
        assertThat(dry.exitCode()).as(dry.toString()).isZero();
        JsonNode study = JSON.readTree(dry.stdout()).path("entry").get(1).path("resource");
        assertThat(study.path("resourceType").asText()).isEqualTo("ImagingStudy");
        return study.path("id").asText();
    }

    private static StudyGenerator.Builder generated(String patientId) {
        return StudyGenerator.builder().seed(SEQUENCE.incrementAndGet()).series(1).instancesPerSeries(2)
                .studyInstanceUid(newUid()).patient(FAMILY + "^" + GIVEN, patientId, "F", BIRTH_DATE)
                .modalities("CT", "MR").noPixelData();
    }

    private static List<String> patientData(String patientId) {
        return List.of(patientId, FAMILY, GIVEN, BIRTH_DATE, "1958-03-23");
    }

    /** A Study Instance UID of the 1.2.826.0.1.3680043.10 test root, unique per call. */
    private static String newUid() {
        return "1.2.826.0.1.3680043.10.544." + System.currentTimeMillis() + "." + SEQUENCE.incrementAndGet();
    }

    private static String newPatientId() {
        return "PIDX" + System.nanoTime() % 100_000_000L + "Q" + SEQUENCE.incrementAndGet();
    }

    private String report(String name) {
        return tmp.resolve(name + "-report.json").toString();
    }

    private static JsonNode onlyDelivery(CommandRun run) throws Exception {
        return run.onlyDelivery();
    }

    private CommandRun cli(String... args) throws Exception {
        return CommandRun.run(tmp, Map.of(), args);
    }



    private static String createPatient(String value) throws Exception {
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(PATIENT_SYSTEM).setValue(value);
        patient.addName().setFamily("Preloaded").addGiven("Server");
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + "/Patient"))
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(FHIR.newJsonParser().encodeResourceToString(patient))));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return FHIR.newJsonParser().parseResource(Patient.class, response.body()).getIdElement().getIdPart();
    }

    private static List<ImagingStudy> studies(String uid) throws Exception {
        return search(ImagingStudy.class, "ImagingStudy", "identifier", UID_SYSTEM + "|urn:oid:" + uid);
    }

    private static List<Patient> patients(String identifier) throws Exception {
        return search(Patient.class, "Patient", "identifier", identifier);
    }

    /** Patients with the identifier value in any system (or none). */
    private static List<Patient> patientsWithValue(String value) throws Exception {
        return search(Patient.class, "Patient", "identifier", value);
    }

    /** A search that HAPI answers from the database, never from its search cache. */
    private static <T extends IBaseResource> List<T> search(Class<T> type, String resource, String parameter,
            String value) throws Exception {
        String url = base + "/" + resource + "?" + parameter + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8)
                + "&_count=100";
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url)).header("Cache-Control", "no-cache").GET());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Bundle bundle = FHIR.newJsonParser().parseResource(Bundle.class, response.body());
        assertThat(bundle.getLink(Bundle.LINK_NEXT)).as("one page").isNull();
        List<T> found = new ArrayList<>();
        for (BundleEntryComponent entry : bundle.getEntry()) {
            found.add(type.cast(entry.getResource()));
        }
        return found;
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return SharedJpaServer.send(request);
    }
}
