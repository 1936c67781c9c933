package org.dicom2fhir.validator.hapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.dicom2fhir.api.spi.FhirRelease;
import org.dicom2fhir.api.spi.FhirValidator;
import org.dicom2fhir.api.spi.FhirValidatorProvider;
import org.dicom2fhir.api.spi.OutputFormat;
import org.dicom2fhir.api.spi.ValidationIssue;
import org.dicom2fhir.api.spi.ValidationIssue.Severity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HapiValidatorTest {
    /** Slow to start (seconds): one per class. */
    private static FhirValidator validator;

    private static final String VALID_JSON = """
            {"resourceType":"ImagingStudy","id":"0b5a3c58-5e0c-3d3f-9f43-5b1a2c9d8e7f",
             "contained":[{"resourceType":"Patient","id":"patient.contained.inline","active":true,
                           "name":[{"family":"Doe","given":["Jane"]}],"gender":"female","birthDate":"1970-01-02"}],
             "identifier":[{"system":"urn:dicom:uid","value":"urn:oid:1.2.3.4"}],
             "status":"available",
             "modality":[{"system":"http://dicom.nema.org/resources/ontology/DCM","code":"CT"}],
             "subject":{"reference":"#patient.contained.inline"},
             "started":"2020-01-02T10:11:12.12+01:00",
             "numberOfSeries":1,"numberOfInstances":1,
             "series":[{"uid":"1.2.3.4.5","modality":{"system":"http://dicom.nema.org/resources/ontology/DCM","code":"CT"},
                        "numberOfInstances":1,
                        "instance":[{"uid":"1.2.3.4.5.6","sopClass":{"system":"urn:ietf:rfc:3986",
                                     "code":"urn:oid:1.2.840.10008.5.1.4.1.1.2"}}]}]}
            """;

    private static final String VALID_XML = """
            <ImagingStudy xmlns="http://hl7.org/fhir">
              <id value="0b5a3c58-5e0c-3d3f-9f43-5b1a2c9d8e7f"/>
              <contained><Patient><id value="patient.contained.inline"/><active value="true"/></Patient></contained>
              <status value="available"/>
              <subject><reference value="#patient.contained.inline"/></subject>
              <started value="2020-01-02T10:11:12Z"/>
            </ImagingStudy>
            """;

    @BeforeAll
    static void startValidator() {
        long start = System.nanoTime();
        validator = new HapiValidatorProvider().create();
        validate(VALID_JSON, OutputFormat.JSON); // waits for the background set-up
        System.out.printf("validator start-up and first validation: %d ms%n", (System.nanoTime() - start) / 1_000_000);
    }

    private static List<ValidationIssue> validate(String resource, OutputFormat format) {
        return validator.validate(resource.getBytes(StandardCharsets.UTF_8), format, FhirRelease.R4);
    }

    private static List<ValidationIssue> errors(List<ValidationIssue> issues) {
        return issues.stream().filter(ValidationIssue::isError).toList();
    }

    @Test
    void providerIsFoundByServiceLoaderAndDescribesItself() {
        List<FhirValidatorProvider> providers = ServiceLoader.load(FhirValidatorProvider.class).stream()
                .map(ServiceLoader.Provider::get).toList();
        assertThat(providers).singleElement().isInstanceOf(HapiValidatorProvider.class);
        FhirValidatorProvider provider = providers.get(0);
        assertThat(provider.name()).isEqualTo("hapi");
        assertThat(provider.releases()).containsExactly(FhirRelease.R4, FhirRelease.R5);
        assertThat(provider.description()).contains("HAPI FHIR 8.8.0").contains("R4").contains("R5");
    }

    @Test
    void validImagingStudyInJsonHasNoErrors() {
        long start = System.nanoTime();
        List<ValidationIssue> issues = validate(VALID_JSON, OutputFormat.JSON);
        System.out.printf("one validation: %d ms%n", (System.nanoTime() - start) / 1_000_000);
        assertThat(errors(issues)).as("issues: %s", issues).isEmpty();
    }

    @Test
    void validImagingStudyInXmlHasNoErrors() {
        List<ValidationIssue> issues = validate(VALID_XML, OutputFormat.XML);
        assertThat(errors(issues)).as("issues: %s", issues).isEmpty();
    }

    @Test
    void missingStatusIsAnError() {
        String noStatus = VALID_JSON.replace("\"status\":\"available\",", "");
        assertThat(noStatus).isNotEqualTo(VALID_JSON);
        List<ValidationIssue> errors = errors(validate(noStatus, OutputFormat.JSON));
        assertThat(errors).isNotEmpty();
        assertThat(errors).anySatisfy(issue -> {
            assertThat(issue.severity()).isEqualTo(Severity.ERROR);
            assertThat(issue.location()).isEqualTo("ImagingStudy");
            assertThat(issue.messageId()).isEqualTo("Validation_VAL_Profile_Minimum");
            assertThat(issue.message()).contains("status");
        });
    }

    @Test
    void dateTimeWithTimeButNoOffsetIsAnError() {
        String noOffset = VALID_JSON.replace("2020-01-02T10:11:12.12+01:00", "2020-01-02T10:11:12");
        assertThat(noOffset).isNotEqualTo(VALID_JSON);
        List<ValidationIssue> errors = errors(validate(noOffset, OutputFormat.JSON));
        assertThat(errors).singleElement().satisfies(issue -> {
            assertThat(issue.location()).isEqualTo("ImagingStudy.started");
            assertThat(issue.messageId()).isEqualTo("Type_Specific_Checks_DT_DateTime_TZ");
        });
    }

    /** What a caller shows instead of the message, which may quote values: the template id and the path. */
    @Test
    void messageIdAndLocationNameTheFindingWithoutItsValue() {
        String value = "2020-01-02T10:11:12";
        String noOffset = VALID_JSON.replace("2020-01-02T10:11:12.12+01:00", value);
        ValidationIssue issue = errors(validate(noOffset, OutputFormat.JSON)).get(0);
        assertThat(issue.messageId() + " at " + issue.location())
                .isEqualTo("Type_Specific_Checks_DT_DateTime_TZ at ImagingStudy.started")
                .doesNotContain(value);
        assertThat(validate(VALID_JSON, OutputFormat.JSON)).as("every issue of HAPI's has an id")
                .isNotEmpty().allSatisfy(i -> assertThat(i.messageId()).isNotBlank());
    }

    @Test
    void emptyStringIsAnErrorAtThatElement() {
        String empty = VALID_JSON.replace("\"family\":\"Doe\"", "\"family\":\"\"");
        assertThat(empty).isNotEqualTo(VALID_JSON);
        List<ValidationIssue> errors = errors(validate(empty, OutputFormat.JSON));
        assertThat(errors).extracting(ValidationIssue::location).as("every error is at the empty family name")
                .isNotEmpty()
                .allSatisfy(location -> assertThat(location).startsWith("ImagingStudy.contained[0]")
                        .endsWith(".name[0].family"));
        assertThat(errors).extracting(ValidationIssue::messageId).contains("Type_Specific_Checks_DT_Primitive_NotEmpty");
    }

    @Test
    void unreferencedContainedResourceIsTheOneErrorDom3() {
        String unreferenced = VALID_JSON.replace("\"reference\":\"#patient.contained.inline\"", "\"display\":\"x\"");
        assertThat(unreferenced).isNotEqualTo(VALID_JSON);
        assertThat(errors(validate(unreferenced, OutputFormat.JSON))).singleElement().satisfies(issue -> {
            assertThat(issue.location()).isEqualTo("ImagingStudy.contained[0]");
            assertThat(issue.messageId()).isEqualTo("CONTAINED_ORPHAN_DOM3");
        });
    }

    @Test
    void contentInAnotherFormatThanDeclaredIsFatal() {
        for (String[] content : new String[][] {{VALID_XML, "JSON"}, {VALID_JSON, "XML"}, {"", "JSON"}}) {
            assertThat(validate(content[0], OutputFormat.valueOf(content[1]))).singleElement().satisfies(issue -> {
                assertThat(issue.severity()).isEqualTo(Severity.FATAL);
                assertThat(issue.messageId()).isEqualTo(ValidationEngine.NOT_IN_DECLARED_FORMAT);
                assertThat(issue.message()).contains("not a FHIR resource in " + content[1]);
            });
        }
    }

    @Test
    void malformedJsonIsOneFatalIssueInOurWordsNotAnException() {
        String malformed = "{\"resourceType\":\"ImagingStudy\",\"id\":\"SECRET-ID\",";
        assertThat(validate(malformed, OutputFormat.JSON)).singleElement().satisfies(issue -> {
            assertThat(issue.severity()).isEqualTo(Severity.FATAL);
            assertThat(issue.messageId()).isEqualTo(ValidationEngine.UNREADABLE);
            assertThat(issue.message()).contains("well-formed JSON").doesNotContain("SECRET");
        });
    }

    /** An ImagingStudy of one series with {@code count} CT instances, the uid of those in {@code emptyUid} empty. */
    private static String studyWithInstances(int count, Set<Integer> emptyUid) {
        StringJoiner instances = new StringJoiner(",");
        for (int i = 0; i < count; i++) {
            instances.add("""
                    {"uid":"%s","sopClass":{"system":"urn:ietf:rfc:3986","code":"urn:oid:1.2.840.10008.5.1.4.1.1.2"}}"""
                    .formatted(emptyUid.contains(i) ? "" : "1.2.3.4.5." + i));
        }
        return """
                {"resourceType":"ImagingStudy","status":"available","subject":{"display":"synthetic"},
                 "numberOfSeries":1,"numberOfInstances":%d,
                 "series":[{"uid":"1.2.3.4.5","modality":{"system":"http://dicom.nema.org/resources/ontology/DCM","code":"CT"},
                            "numberOfInstances":%d,"instance":[%s]}]}""".formatted(count, count, instances);
    }

    /**
     * HAPI says "ValueSet ... not found" (DICOM's SOP Class value set is not available offline) for each
     * instance, and its validator compares every new message with all before it: 20,000 instances took
     * tens of seconds. The finding is said once, with the count; findings about the data are not merged.
     */
    @Test
    void aFindingAboutTheProfileIsSaidOncePerElementNotOncePerInstance() {
        int count = 2_000;
        List<ValidationIssue> issues = validate(studyWithInstances(count, Set.of(7, 1_500)), OutputFormat.JSON);
        assertThat(issues).filteredOn(i -> i.location().endsWith(".sopClass")).singleElement().satisfies(issue -> {
            assertThat(issue.messageId()).isEqualTo("Terminology_TX_ValueSet_NotFound");
            assertThat(issue.location()).isEqualTo("ImagingStudy.series[0].instance[0].sopClass");
            assertThat(issue.message()).endsWith("(the same for " + (count - 1)
                    + " more elements at ImagingStudy.series[*].instance[*].sopClass)");
        });
        assertThat(errors(issues)).extracting(ValidationIssue::location).as("each bad instance is still named")
                .contains("ImagingStudy.series[0].instance[7].uid", "ImagingStudy.series[0].instance[1500].uid")
                .allSatisfy(location -> assertThat(location).matches("ImagingStudy\\.series\\[0]\\.instance\\[(7|1500)]\\.uid"));
        assertThat(issues).as("issues: %s", issues).hasSizeLessThan(20);
    }

    @Test
    void byteOrderMarkIsAccepted() {
        assertThat(errors(validate("\uFEFF" + VALID_JSON, OutputFormat.JSON))).isEmpty();
    }

    /** The R5 shape of mapping.md's "FHIR R5" section. */
    private static final String VALID_R5_JSON = """
            {"resourceType":"ImagingStudy","id":"0b5a3c58-5e0c-3d3f-9f43-5b1a2c9d8e7f",
             "contained":[{"resourceType":"Patient","id":"patient.contained.inline","active":true,"gender":"female"},
                          {"resourceType":"Endpoint","id":"endpoint","status":"active",
                           "connectionType":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/endpoint-connection-type",
                                                          "code":"dicom-wado-rs"}]}],
                           "payload":[{"type":[{"text":"DICOM"}],"mimeType":["application/dicom"]}],
                           "address":"https://pacs.example.org/dicomweb"}],
             "identifier":[{"system":"urn:dicom:uid","value":"urn:oid:1.2.3.4"}],
             "status":"available",
             "modality":[{"coding":[{"system":"http://dicom.nema.org/resources/ontology/DCM","code":"CT"}]}],
             "subject":{"reference":"#patient.contained.inline"},
             "started":"2020-01-02T10:11:12.12+01:00",
             "basedOn":[{"type":"ServiceRequest","identifier":{"use":"usual",
                         "type":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v2-0203","code":"ACSN"}]},
                         "value":"ACC-1"}}],
             "endpoint":[{"reference":"#endpoint"}],
             "numberOfSeries":1,"numberOfInstances":1,
             "procedure":[{"concept":{"text":"CT Chest"}}],
             "reason":[{"concept":{"text":"Suspected pneumonia"}}],
             "series":[{"uid":"1.2.3.4.5",
                        "modality":{"coding":[{"system":"http://dicom.nema.org/resources/ontology/DCM","code":"CT"}]},
                        "numberOfInstances":1,
                        "bodySite":{"concept":{"coding":[{"system":"http://snomed.info/sct","code":"51185008","display":"Thorax"}]}},
                        "laterality":{"coding":[{"system":"http://snomed.info/sct","code":"7771000","display":"Left"}]},
                        "instance":[{"uid":"1.2.3.4.5.6","sopClass":{"system":"urn:ietf:rfc:3986",
                                     "code":"urn:oid:1.2.840.10008.5.1.4.1.1.2"}}]}]}
            """;

    @Test
    void everyReleaseOfTheApiIsSupported() {
        assertThat(new HapiValidatorProvider().releases()).containsExactlyInAnyOrder(FhirRelease.values());
    }

    @Test
    void validR5ImagingStudyHasNoErrorsAsR5() {
        List<ValidationIssue> issues = validator.validate(VALID_R5_JSON.getBytes(StandardCharsets.UTF_8),
                OutputFormat.JSON, FhirRelease.R5);
        assertThat(errors(issues)).as("issues: %s", issues).isEmpty();
    }

    @Test
    void eachReleaseValidatesAgainstItsOwnProfiles() {
        // R4's Coding modality is not R5's CodeableConcept, and R5's basedOn/procedure/reason are not R4
        List<ValidationIssue> r4AsR5 = validator.validate(VALID_JSON.getBytes(StandardCharsets.UTF_8),
                OutputFormat.JSON, FhirRelease.R5);
        assertThat(errors(r4AsR5)).anySatisfy(issue -> assertThat(issue.location()).contains("modality"));
        List<ValidationIssue> r5AsR4 = validate(VALID_R5_JSON, OutputFormat.JSON);
        assertThat(errors(r5AsR4)).anySatisfy(issue -> assertThat(issue.message()).contains("procedure"));
    }

    @Test
    void anR5ErrorIsReportedAsAnError() {
        String noStatus = VALID_R5_JSON.replace("\"status\":\"available\",", "");
        assertThat(noStatus).isNotEqualTo(VALID_R5_JSON);
        assertThat(errors(validator.validate(noStatus.getBytes(StandardCharsets.UTF_8), OutputFormat.JSON,
                FhirRelease.R5))).anySatisfy(issue -> assertThat(issue.message()).contains("status"));
    }

    @Test
    void concurrentValidationsGiveTheSameIssues() throws Exception {
        String noStatus = VALID_JSON.replace("\"status\":\"available\",", "");
        List<ValidationIssue> expectedValid = validate(VALID_JSON, OutputFormat.JSON);
        List<ValidationIssue> expectedInvalid = validate(noStatus, OutputFormat.JSON);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<ValidationIssue>>> valid = new ArrayList<>();
            List<Future<List<ValidationIssue>>> invalid = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                valid.add(pool.submit(() -> validate(VALID_JSON, OutputFormat.JSON)));
                invalid.add(pool.submit(() -> validate(noStatus, OutputFormat.JSON)));
            }
            for (Future<List<ValidationIssue>> f : valid) {
                assertThat(f.get()).isEqualTo(expectedValid);
            }
            for (Future<List<ValidationIssue>> f : invalid) {
                assertThat(f.get()).isEqualTo(expectedInvalid);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
