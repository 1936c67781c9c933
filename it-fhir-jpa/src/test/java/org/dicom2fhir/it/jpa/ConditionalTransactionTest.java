package org.dicom2fhir.it.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a dicom2fhir upload relies on in a real FHIR server (HAPI FHIR JPA, R4): one transaction that
 * creates the Patient only if none with its identifier exists ({@code ifNoneExist}) and puts the
 * ImagingStudy by its Study Instance UID ({@code PUT ImagingStudy?identifier=urn:dicom:uid|urn:oid:...}, the
 * study's id in the body) may be sent again and again without duplicating anything.
 *
 * <p>One server for the class; every test uses identifiers of its own, so the tests do not see each other.
 */
class ConditionalTransactionTest {
    private static final String UID_SYSTEM = "urn:dicom:uid";
    private static final String PATIENT_SYSTEM = "urn:oid:1.2.826.0.1.3680043.10.1.99";
    private static final FhirContext FHIR = FhirContext.forR4Cached();

    private static JpaFhirServer server;
    private static String base;
    private static HttpClient http;

    @BeforeAll
    static void startServer(@TempDir Path temp) {
        server = JpaFhirServer.r4(temp);
        base = server.start();
        System.out.println("JpaFhirServer start-up: " + server.startUpTime().toMillis() + " ms");
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterAll
    static void stopServerAndCheckNothingIsLeft() throws Exception {
        server.close();
        // the port is closed ...
        assertThatThrownBy(() -> get("/metadata")).isInstanceOf(IOException.class);
        // ... and neither Jetty's nor HAPI's threads are left (their pools are stopped, not abandoned)
        Thread.sleep(200);
        Set<String> left = Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith("jpa-fhir-jetty") || name.startsWith("hapi-fhir-jpa-scheduler"))
                .collect(Collectors.toSet());
        assertThat(left).as("threads left running after close()").isEmpty();
    }

    @Test
    void servesR4OnTheLoopbackInterface() throws Exception {
        assertThat(base).matches("http://127\\.0\\.0\\.1:\\d+/fhir");
        // not /metadata: HAPI builds its CapabilityStatement on the first request for it, which costs more
        // than all the other tests together (see README.md)
        HttpResponse<String> search = get("/ImagingStudy?_count=1");
        assertThat(search.statusCode()).isEqualTo(200);
        assertThat(search.body()).contains("\"resourceType\":\"Bundle\"");
    }

    @Test
    void theSameTransactionTwiceLeavesOneStudyAndOnePatient() throws Exception {
        String uid = newUid();
        String patientValue = "PID-" + uid;
        Bundle transaction = transaction(patientValue, uid, idOf(uid));

        Bundle first = responseBundle(post(transaction), 200);
        assertThat(statuses(first)).containsExactly("201 Created", "201 Created");
        String patientId = resourceId(first.getEntry().get(0));
        assertThat(first.getEntry().get(1).getResponse().getLocation())
                .isEqualTo("ImagingStudy/" + idOf(uid) + "/_history/1");

        Bundle second = responseBundle(post(transaction), 200);
        // the Patient is found, not created; the ImagingStudy is "updated" with what it holds already: HAPI
        // suppresses the no-op update (JpaStorageSettings.isSuppressUpdatesWithNoChange, on by default) and
        // answers 200 with the version it has, 1
        assertThat(statuses(second)).containsExactly("200 OK", "200 OK");
        assertThat(resourceId(second.getEntry().get(0))).isEqualTo(patientId);
        assertThat(second.getEntry().get(1).getResponse().getLocation())
                .isEqualTo("ImagingStudy/" + idOf(uid) + "/_history/1");

        List<ImagingStudy> studies = search(ImagingStudy.class, "ImagingStudy?identifier=" + UID_SYSTEM + "|urn:oid:" + uid);
        assertThat(studies).hasSize(1);
        assertThat(studies.get(0).getIdElement().getIdPart()).isEqualTo(idOf(uid));
        assertThat(studies.get(0).getSubject().getReference()).isEqualTo("Patient/" + patientId);
        assertThat(search(Patient.class, "Patient?identifier=" + PATIENT_SYSTEM + "|" + patientValue)).hasSize(1);
    }

    @Test
    void aPatientAlreadyStoredWithTheIdentifierBecomesTheSubject() throws Exception {
        String uid = newUid();
        String patientValue = "PID-" + uid;
        String preloaded = create(patient(patientValue));

        Bundle response = responseBundle(post(transaction(patientValue, uid, idOf(uid))), 200);
        assertThat(statuses(response)).containsExactly("200 OK", "201 Created");
        assertThat(resourceId(response.getEntry().get(0))).isEqualTo(preloaded);

        List<ImagingStudy> studies = search(ImagingStudy.class, "ImagingStudy?identifier=" + UID_SYSTEM + "|urn:oid:" + uid);
        assertThat(studies).hasSize(1);
        assertThat(studies.get(0).getSubject().getReference()).isEqualTo("Patient/" + preloaded);
        assertThat(search(Patient.class, "Patient?identifier=" + PATIENT_SYSTEM + "|" + patientValue)).hasSize(1);
    }

    @Test
    void twoStoredPatientsWithTheIdentifierFailTheTransactionWith412AndNothingIsWritten() throws Exception {
        String uid = newUid();
        String patientValue = "PID-" + uid;
        create(patient(patientValue));
        create(patient(patientValue));

        HttpResponse<String> response = post(transaction(patientValue, uid, idOf(uid)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(412);
        System.out.println("412 for ifNoneExist with two matches: " + diagnostics(response));

        assertThat(search(ImagingStudy.class, "ImagingStudy?identifier=" + UID_SYSTEM + "|urn:oid:" + uid)).isEmpty();
        assertThat(get("/ImagingStudy/" + idOf(uid)).statusCode()).isEqualTo(404);
        assertThat(search(Patient.class, "Patient?identifier=" + PATIENT_SYSTEM + "|" + patientValue)).hasSize(2);
    }

    @Test
    void aStudyStoredUnderAnotherIdRejectsOurIdWith400AndTakesTheUpdateWithoutAnId() throws Exception {
        String uid = newUid();
        String patientValue = "PID-" + uid;
        String otherId = "other-" + UUID.randomUUID();
        // stored before, by another uploader: its own id and its own patient
        ImagingStudy elsewhere = study(uid, otherId, "Patient/" + create(patient("OTHER-" + uid)));
        HttpResponse<String> put = send(HttpRequest.newBuilder(URI.create(base + "/ImagingStudy/" + otherId))
                .header("Content-Type", "application/fhir+json")
                .PUT(HttpRequest.BodyPublishers.ofString(FHIR.newJsonParser().encodeResourceToString(elsewhere))));
        assertThat(put.statusCode()).as(put.body()).isEqualTo(201);

        // the conditional update matches ImagingStudy/<otherId>, but the body names another id: HAPI rejects
        // it (400) rather than moving or duplicating the study, and the whole transaction is rolled back
        HttpResponse<String> rejected = post(transaction(patientValue, uid, idOf(uid)));
        assertThat(rejected.statusCode()).as(rejected.body()).isEqualTo(400);
        System.out.println("400 for a conditional update matching another id: " + diagnostics(rejected));
        List<ImagingStudy> studies = search(ImagingStudy.class, "ImagingStudy?identifier=" + UID_SYSTEM + "|urn:oid:" + uid);
        assertThat(studies).extracting(s -> s.getIdElement().getIdPart()).containsExactly(otherId);
        assertThat(get("/ImagingStudy/" + idOf(uid)).statusCode()).isEqualTo(404);
        assertThat(search(Patient.class, "Patient?identifier=" + PATIENT_SYSTEM + "|" + patientValue)).isEmpty();

        // the same PUT without an id in the body updates the study that is there
        Bundle updated = responseBundle(post(transaction(patientValue, uid, null)), 200);
        assertThat(statuses(updated)).containsExactly("201 Created", "200 OK");
        assertThat(updated.getEntry().get(1).getResponse().getLocation())
                .isEqualTo("ImagingStudy/" + otherId + "/_history/2");
        String patientId = resourceId(updated.getEntry().get(0));
        studies = search(ImagingStudy.class, "ImagingStudy?identifier=" + UID_SYSTEM + "|urn:oid:" + uid);
        assertThat(studies).hasSize(1);
        assertThat(studies.get(0).getIdElement().getIdPart()).isEqualTo(otherId);
        assertThat(studies.get(0).getSubject().getReference()).isEqualTo("Patient/" + patientId);
    }

    // ---------------------------------------------------------------------------------------------------

    /** A Study Instance UID of the 1.2.826.0.1.3680043.10 test root, unique per call. */
    private static String newUid() {
        return "1.2.826.0.1.3680043.10.543." + System.currentTimeMillis() + "."
                + ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE);
    }

    /** Our id for a study: its UID (at most 64 characters, only digits and dots: a valid FHIR id). */
    private static String idOf(String uid) {
        return uid;
    }

    private static Patient patient(String value) {
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(PATIENT_SYSTEM).setValue(value);
        patient.addName().setFamily("Test").addGiven("Conditional");
        return patient;
    }

    private static ImagingStudy study(String uid, String id, String subject) {
        ImagingStudy study = new ImagingStudy();
        if (id != null) {
            study.setId(id);
        }
        study.addIdentifier().setSystem(UID_SYSTEM).setValue("urn:oid:" + uid);
        study.setStatus(ImagingStudy.ImagingStudyStatus.AVAILABLE);
        study.setSubject(new Reference(subject));
        study.setNumberOfSeries(1);
        study.setNumberOfInstances(1);
        return study;
    }

    /** The upload's transaction: the Patient if none exists (by identifier), the ImagingStudy by its UID. */
    private static Bundle transaction(String patientValue, String uid, String studyId) {
        Bundle bundle = new Bundle();
        bundle.setType(Bundle.BundleType.TRANSACTION);
        String patientUrl = "urn:uuid:" + UUID.randomUUID();
        bundle.addEntry().setFullUrl(patientUrl).setResource(patient(patientValue)).getRequest()
                .setMethod(HTTPVerb.POST).setUrl("Patient")
                .setIfNoneExist("identifier=" + PATIENT_SYSTEM + "|" + patientValue);
        bundle.addEntry().setResource(study(uid, studyId, patientUrl)).getRequest()
                .setMethod(HTTPVerb.PUT).setUrl("ImagingStudy?identifier=" + UID_SYSTEM + "|urn:oid:" + uid);
        return bundle;
    }

    private static String create(Patient patient) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + "/Patient"))
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(FHIR.newJsonParser().encodeResourceToString(patient))));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return FHIR.newJsonParser().parseResource(Patient.class, response.body()).getIdElement().getIdPart();
    }

    private static HttpResponse<String> post(Bundle transaction) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base))
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(FHIR.newJsonParser().encodeResourceToString(transaction))));
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    /** A search that HAPI answers from the database, never from its search cache. */
    private static <T extends IBaseResource> List<T> search(Class<T> type, String query) throws Exception {
        int question = query.indexOf('?');
        String[] parameter = query.substring(question + 1).split("=", 2);
        String url = base + "/" + query.substring(0, question) + "?" + parameter[0] + "="
                + URLEncoder.encode(parameter[1], StandardCharsets.UTF_8) + "&_count=100";
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url)).header("Cache-Control", "no-cache").GET());
        Bundle bundle = responseBundle(response, 200);
        assertThat(bundle.getLink(Bundle.LINK_NEXT)).as("one page").isNull();
        return bundle.getEntry().stream().map(BundleEntryComponent::getResource).map(type::cast).toList();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.header("Accept", "application/fhir+json").timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Bundle responseBundle(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return FHIR.newJsonParser().parseResource(Bundle.class, response.body());
    }

    private static List<String> statuses(Bundle response) {
        return response.getEntry().stream().map(e -> e.getResponse().getStatus()).toList();
    }

    /** The id in an entry's response location, {@code Type/id/_history/n}. */
    private static String resourceId(BundleEntryComponent entry) {
        return entry.getResponse().getLocation().split("/")[1];
    }

    private static String diagnostics(HttpResponse<String> response) {
        IParser parser = FHIR.newJsonParser();
        OperationOutcome outcome = parser.parseResource(OperationOutcome.class, response.body());
        return outcome.getIssue().stream().map(OperationOutcome.OperationOutcomeIssueComponent::getDiagnostics)
                .collect(Collectors.joining(" | "));
    }
}
