package org.dicom2fhir.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.interceptor.RequestValidatingInterceptor;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.IValidationContext;
import ca.uhn.fhir.validation.IValidatorModule;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationOptions;
import ca.uhn.fhir.validation.ValidationResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.dicom2fhir.api.model.NameData;
import org.dicom2fhir.api.model.NameRepresentation;
import org.dicom2fhir.api.model.PatientData;
import org.dicom2fhir.api.model.StudyData;
import org.dicom2fhir.api.model.TransactionData;
import org.dicom2fhir.api.spi.FhirWriter;
import org.dicom2fhir.api.spi.WriteOptions;
import org.dicom2fhir.core.TransactionPlan;
import org.dicom2fhir.core.TransactionPlan.Match;
import org.dicom2fhir.core.TransactionPlan.PatientMode;
import org.dicom2fhir.delivery.Delivery.Outcome;
import org.dicom2fhir.fhir.hapi.HapiR4WriterProvider;
import org.dicom2fhir.testkit.contract.NeutralStudies;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.ElementDefinition;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The client against {@link ProfileValidatingServer}: a study without description is refused (422), which
 * {@link FhirDeliveryClient} reports as {@link Outcome#REJECTED}: the server refused what it received
 * ({@link Outcome#INVALID} is for our own validation before sending), hence the issue's exit 8; the server's
 * diagnostics quote the planted patient name, the Delivery does not.
 */
class ProfileValidatingServerTest {
    /** a name that appears nowhere else: if it is found, it came from the patient */
    static final String PLANTED_FAMILY = "Qwyzzelbrandt";

    private static ProfileValidatingServer server;
    private static FhirWriter hapi;

    @BeforeAll
    static void startServer() throws Exception {
        server = ProfileValidatingServer.start();
        hapi = new HapiR4WriterProvider().create();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private static String base() {
        return server.base();
    }

    /** testkit's full study with the planted patient name, with or without its description, as a conditional-create transaction. */
    private static byte[] transaction(boolean described) throws IOException {
        StudyData full = NeutralStudies.full();
        PatientData patient = new PatientData(full.patient().identifiers(),
                List.of(new NameData(PLANTED_FAMILY, List.of("Ottilie"), List.of(), List.of(), NameRepresentation.ALPHABETIC)),
                "female", "1960-01-02");
        StudyData study = NeutralStudies.withPatient(full, patient);
        if (!described) {
            study = withoutDescription(study);
        }
        TransactionData tx = new TransactionPlan(Match.IDENTIFIER, PatientMode.BUNDLE, null).plan(study, false).transaction();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        hapi.writeTransaction(tx, out, WriteOptions.json());
        return out.toByteArray();
    }

    private static StudyData withoutDescription(StudyData s) {
        return new StudyData(s.id(), s.identifiers(), s.patient(), s.modalities(), s.started(), null, s.endpoint(),
                s.procedureCodes(), s.reasonCodes(), s.series(), s.acquisitionModalities(), s.referrerId(), s.interpreterIds(),
                s.orders(), s.locationId(), s.encounter(), s.contained(), s.subjectReference());
    }

    private static FhirDeliveryClient client() {
        return FhirDeliveryClient.builder(base()).connectTimeout(Duration.ofSeconds(5))
                .requestTimeout(Duration.ofSeconds(30)).retries(0).proxyEnvironment(Map.of()).build();
    }

    @Test
    void aStudyWithADescriptionPassesTheProfile() throws Exception {
        Delivery delivery = client().deliver(NeutralStudies.full().studyInstanceUid(), transaction(true), Before.none());
        assertThat(delivery.outcome()).as(delivery.toString()).isEqualTo(Outcome.CREATED);
    }

    @Test
    void aStudyWithoutDescriptionIsRefusedAndThePlantedNameStaysOutOfTheDelivery() throws Exception {
        byte[] body = transaction(false);
        assertThat(new String(body, StandardCharsets.UTF_8)).contains(PLANTED_FAMILY)
                .doesNotContain(NeutralStudies.full().description());

        // the server's own answer quotes the patient's name in its diagnostics
        HttpResponse<String> raw = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(URI.create(base())).header("Content-Type", "application/fhir+json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(raw.statusCode()).isEqualTo(422);
        assertThat(raw.body()).contains("OperationOutcome").contains("\"diagnostics\"").contains(PLANTED_FAMILY)
                .contains("ImagingStudy.description");

        Delivery delivery = client().deliver(NeutralStudies.full().studyInstanceUid(), body, Before.none());
        assertThat(delivery.outcome()).as(delivery.toString()).isEqualTo(Outcome.REJECTED);
        assertThat(delivery.outcome().delivered()).isFalse();
        assertThat(delivery.httpStatus()).isEqualTo(422);
        // the profile's error (description missing, reported on the ImagingStudy) and the base validation's warnings
        // (codes the in-memory terminology cannot check)
        assertThat(delivery.issues()).isNotEmpty().allSatisfy(issue -> {
            assertThat(issue.severity()).isIn("error", "warning", "information");
            assertThat(issue.code()).isNotBlank();
            assertThat(issue.expression()).allSatisfy(e -> assertThat(e).startsWith("Bundle.entry[1].resource"));
        });
        assertThat(delivery.issues()).filteredOn(issue -> issue.severity().equals("error")).singleElement()
                .isEqualTo(new Delivery.Issue("error", "processing", List.of("Bundle.entry[1].resource")));
        assertThat(delivery.toString()).doesNotContain(PLANTED_FAMILY).doesNotContain("Ottilie");
        assertThat(String.valueOf(delivery.reason())).doesNotContain(PLANTED_FAMILY);
        assertThat(delivery.issues().toString()).doesNotContain(PLANTED_FAMILY);
        for (Delivery.Issue issue : delivery.issues()) {
            assertThat(issue.severity() + issue.code() + issue.expression()).doesNotContain(PLANTED_FAMILY);
        }
    }
}
