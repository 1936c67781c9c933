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
 * A server that validates every request against a stricter profile than FHIR's, loaded in the test: an R4
 * RestfulServer on Jetty 12 (the R4 in-memory store of {@link InMemoryTransactions}) with HAPI's
 * {@link RequestValidatingInterceptor}, whose validator checks each ImagingStudy of a transaction with HAPI's
 * instance validator against a profile that makes {@code ImagingStudy.description} 1..1 (a differential whose
 * snapshot HAPI's snapshot generator builds). Real servers' diagnostics quote the submitted resource; HAPI's
 * cardinality message does not, so the server's module appends the study's patient name to each message, as a
 * server echoing the resource would: the test checks that the server's answer really carries it, and that the
 * Delivery does not.
 *
 * <p>Start-up (printed by {@link #startServer()} to the surefire output file): the validation support chain, the
 * profile's snapshot (which loads FHIR R4's conformance resources), RestfulServer and Jetty took 8.9 to 11.8 s in
 * three runs, and the first validation 1.1 to 3.4 s more, with other builds keeping the 2-core machine's load average
 * at 2.8 to 3.6.
 *
 * <p>The server answers 422, which {@link FhirDeliveryClient} reports as {@link Outcome#REJECTED}: the server refused
 * what it received ({@link Outcome#INVALID} is for our own validation before sending), hence the issue's exit 8.
 */
class ProfileValidatingServerTest {
    static final String PROFILE = "http://example.org/fhir/StructureDefinition/described-imaging-study";
    /** a name that appears nowhere else: if it is found, it came from the patient */
    static final String PLANTED_FAMILY = "Qwyzzelbrandt";

    private static Server server;
    private static ServerConnector http;
    private static FhirContext r4;
    private static FhirWriter hapi;

    @BeforeAll
    static void startServer() throws Exception {
        long start = System.nanoTime();
        r4 = FhirContext.forR4();
        ValidationSupportChain chain = new ValidationSupportChain(new DefaultProfileValidationSupport(r4),
                new SnapshotGeneratingValidationSupport(r4), new InMemoryTerminologyServerValidationSupport(r4),
                new CommonCodeSystemsTerminologyService(r4));
        StructureDefinition profile = describedImagingStudy(chain);
        PrePopulatedValidationSupport profiles = new PrePopulatedValidationSupport(r4);
        profiles.addStructureDefinition(profile);
        chain.addValidationSupport(0, profiles);
        FhirValidator profileValidator = r4.newValidator().registerValidatorModule(new FhirInstanceValidator(chain));

        RequestValidatingInterceptor validating = new RequestValidatingInterceptor();
        validating.setValidatorModules(List.of(new ImagingStudiesAgainstTheProfile(profileValidator)));
        validating.setFailOnSeverity(ResultSeverityEnum.ERROR);
        RestfulServer restful = new RestfulServer(r4);
        restful.registerProvider(new InMemoryTransactions(r4));
        restful.registerInterceptor(validating);

        server = new Server();
        http = new ServerConnector(server);
        http.setHost("127.0.0.1");
        http.setPort(0);
        server.addConnector(http);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        ServletHolder holder = new ServletHolder(restful);
        holder.setInitOrder(1);
        context.addServlet(holder, "/r4/*");
        server.setHandler(context);
        server.start();
        long started = System.nanoTime();
        hapi = new HapiR4WriterProvider().create();
        // the first validation loads FHIR's conformance resources: measured apart from the start-up
        profileValidator.validateWithResult(new ImagingStudy(), new ValidationOptions().addProfile(PROFILE));
        long warm = System.nanoTime();
        // redirected to target/surefire-reports/*-output.txt
        System.out.printf("validating RestfulServer start-up %d ms, first validation %d ms%n",
                (started - start) / 1_000_000, (warm - started) / 1_000_000);
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    /** ImagingStudy with description 1..1: a differential on FHIR's ImagingStudy, its snapshot generated by HAPI. */
    static StructureDefinition describedImagingStudy(ValidationSupportChain chain) {
        StructureDefinition profile = new StructureDefinition();
        profile.setUrl(PROFILE);
        profile.setName("DescribedImagingStudy");
        profile.setStatus(Enumerations.PublicationStatus.ACTIVE);
        profile.setFhirVersion(Enumerations.FHIRVersion._4_0_1);
        profile.setKind(StructureDefinition.StructureDefinitionKind.RESOURCE);
        profile.setAbstract(false);
        profile.setType("ImagingStudy");
        profile.setBaseDefinition("http://hl7.org/fhir/StructureDefinition/ImagingStudy");
        profile.setDerivation(StructureDefinition.TypeDerivationRule.CONSTRAINT);
        ElementDefinition root = new ElementDefinition().setPath("ImagingStudy");
        root.setId("ImagingStudy");
        ElementDefinition description = new ElementDefinition().setPath("ImagingStudy.description").setMin(1);
        description.setId("ImagingStudy.description");
        profile.getDifferential().addElement(root);
        profile.getDifferential().addElement(description);
        StructureDefinition withSnapshot = (StructureDefinition) new SnapshotGeneratingValidationSupport(r4)
                .generateSnapshot(new ValidationSupportContext(chain), profile, PROFILE, "http://example.org/fhir",
                        "DescribedImagingStudy");
        assertThat(withSnapshot.getSnapshot().getElement())
                .filteredOn(e -> e.getPath().equals("ImagingStudy.description"))
                .singleElement().satisfies(e -> assertThat(e.getMin()).isEqualTo(1));
        return withSnapshot;
    }

    /**
     * Validates each ImagingStudy of a transaction against {@link #PROFILE}, and echoes the study's patient name
     * into each message's diagnostics, as servers quoting the submitted resource do.
     */
    static final class ImagingStudiesAgainstTheProfile implements IValidatorModule {
        private final FhirValidator validator;

        ImagingStudiesAgainstTheProfile(FhirValidator validator) {
            this.validator = validator;
        }

        @Override
        public void validateResource(IValidationContext<IBaseResource> context) {
            if (!(context.getResource() instanceof Bundle)) {
                return;
            }
            Bundle bundle = (Bundle) context.getResource();
            for (int i = 0; i < bundle.getEntry().size(); i++) {
                Resource resource = bundle.getEntry().get(i).getResource();
                if (!(resource instanceof ImagingStudy)) {
                    continue;
                }
                String patient = patientName(bundle, (ImagingStudy) resource);
                ValidationResult result = validator.validateWithResult(resource,
                        new ValidationOptions().addProfile(PROFILE));
                for (SingleValidationMessage message : result.getMessages()) {
                    String path = message.getLocationString().replaceFirst("^ImagingStudy", "");
                    message.setLocationString("Bundle.entry[" + i + "].resource" + path);
                    message.setMessage(message.getMessage() + " (study of patient " + patient + ")");
                    context.addValidationMessage(message);
                }
            }
        }

        private static String patientName(Bundle bundle, ImagingStudy study) {
            List<Patient> patients = study.getContained().stream().filter(Patient.class::isInstance)
                    .map(Patient.class::cast).collect(Collectors.toList());
            bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).filter(Patient.class::isInstance)
                    .map(Patient.class::cast).forEach(patients::add);
            return patients.isEmpty() ? "(none)" : patients.get(0).getNameFirstRep().getNameAsSingleString();
        }
    }

    private static String base() {
        return "http://127.0.0.1:" + http.getLocalPort() + "/r4";
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
