package org.dicom2fhir.delivery;

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
 * A server that validates every request against a stricter profile than FHIR's, loaded here: an R4 RestfulServer
 * on Jetty 12 at {@code http://127.0.0.1:<free port>/r4} (the R4 in-memory store of {@link InMemoryTransactions})
 * with HAPI's {@link RequestValidatingInterceptor}, whose validator checks each ImagingStudy of a transaction with
 * HAPI's instance validator against a profile that makes {@code ImagingStudy.description} 1..1 (a differential whose
 * snapshot HAPI's snapshot generator builds). Real servers' diagnostics quote the submitted resource; HAPI's
 * cardinality message does not, so this server appends the study's patient name to each message, as a server
 * echoing the resource would. Answers 422 for a study without description.
 *
 * <p>Start-up (printed to the surefire output file): the validation support chain, the profile's snapshot (which
 * loads FHIR R4's conformance resources), RestfulServer and Jetty took 8.9 to 11.8 s in three runs, and the first
 * validation 1.1 to 3.4 s more, with other builds keeping the 2-core machine's load average at 2.8 to 3.6.
 */
public final class ProfileValidatingServer implements AutoCloseable {
    public static final String PROFILE = "http://example.org/fhir/StructureDefinition/described-imaging-study";

    private final Server server;
    private final ServerConnector http;

    private ProfileValidatingServer(Server server, ServerConnector http) {
        this.server = server;
        this.http = http;
    }

    public static ProfileValidatingServer start() throws Exception {
        long start = System.nanoTime();
        FhirContext r4 = FhirContext.forR4();
        ValidationSupportChain chain = new ValidationSupportChain(new DefaultProfileValidationSupport(r4),
                new SnapshotGeneratingValidationSupport(r4), new InMemoryTerminologyServerValidationSupport(r4),
                new CommonCodeSystemsTerminologyService(r4));
        StructureDefinition profile = describedImagingStudy(r4, chain);
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

        Server server = new Server();
        ServerConnector http = new ServerConnector(server);
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
        // the first validation loads FHIR's conformance resources: measured apart from the start-up
        profileValidator.validateWithResult(new ImagingStudy(), new ValidationOptions().addProfile(PROFILE));
        long warm = System.nanoTime();
        // redirected to target/surefire-reports/*-output.txt
        System.out.printf("validating RestfulServer start-up %d ms, first validation %d ms%n",
                (started - start) / 1_000_000, (warm - started) / 1_000_000);
        return new ProfileValidatingServer(server, http);
    }

    /** {@code http://127.0.0.1:<port>/r4} */
    public String base() {
        return "http://127.0.0.1:" + http.getLocalPort() + "/r4";
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    /** ImagingStudy with description 1..1: a differential on FHIR's ImagingStudy, its snapshot generated by HAPI. */
    private static StructureDefinition describedImagingStudy(FhirContext r4, ValidationSupportChain chain) {
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
        boolean required = withSnapshot.getSnapshot().getElement().stream()
                .anyMatch(e -> e.getPath().equals("ImagingStudy.description") && e.getMin() == 1);
        if (!required) {
            throw new IllegalStateException("the generated snapshot lost description 1..1");
        }
        return withSnapshot;
    }

    /**
     * Validates each ImagingStudy of a transaction against {@link #PROFILE}, and echoes the study's patient name
     * into each message's diagnostics, as servers quoting the submitted resource do.
     */
    private static final class ImagingStudiesAgainstTheProfile implements IValidatorModule {
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
}
