package org.dicom2fhir.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.dicom2fhir.delivery.Delivery.Outcome;
import org.dicom2fhir.http.HttpAnswer;
import org.junit.jupiter.api.Test;

/** The parts of the answers the test server does not produce: absolute locations, ETags only, odd bodies. */
class TransactionResponsesTest {
    private static final RequestBundles.Summary SENT = new RequestBundles.Summary(true, true);

    private static Delivery interpret(int status, String body, Before before) {
        HttpAnswer answer = new HttpAnswer(status, HttpHeaders.of(Map.of(), (a, b) -> true),
                body.getBytes(StandardCharsets.UTF_8), 1);
        return TransactionResponses.interpret("1.2.3", answer, before, SENT, List.of());
    }

    private static String response(String entries) {
        return "{\"resourceType\":\"Bundle\",\"type\":\"transaction-response\",\"entry\":[" + entries + "]}";
    }

    @Test
    void theStudyIsTheLastEntryWithAnAbsoluteLocation() {
        Delivery delivery = interpret(200, response("{\"response\":{\"status\":\"200 OK\",\"location\":\"Patient/9/_history/4\"}},"
                + "{\"response\":{\"status\":\"201 Created\",\"location\":\"https://h/fhir/ImagingStudy/abc-1/_history/1\"}}"), Before.none());
        assertThat(delivery.outcome()).isEqualTo(Outcome.CREATED);
        assertThat(delivery.resourceId()).isEqualTo("abc-1");
        assertThat(delivery.versionId()).isEqualTo("1");
    }

    @Test
    void theEtagGivesTheVersionWhenTheLocationHasNone() {
        Delivery delivery = interpret(200, response("{\"response\":{\"status\":\"200\",\"location\":\"ImagingStudy/7\","
                + "\"etag\":\"W/\\\"3\\\"\"}}"), new Before("7", "3"));
        assertThat(delivery.outcome()).isEqualTo(Outcome.UNCHANGED);
        assertThat(delivery.resourceId()).isEqualTo("7");
        assertThat(delivery.versionId()).isEqualTo("3");
        assertThat(interpret(200, response("{\"response\":{\"status\":\"200 OK\",\"location\":\"ImagingStudy/7/_history/4\"}}"),
                new Before("7", "3")).outcome()).isEqualTo(Outcome.UPDATED);
        assertThat(interpret(200, response("{\"response\":{\"status\":\"200 OK\",\"location\":\"ImagingStudy/8/_history/3\"}}"),
                new Before("7", "3")).outcome()).as("another resource").isEqualTo(Outcome.UPDATED);
    }

    @Test
    void anUnreadableSuccessIsInvalid() {
        assertThat(interpret(200, "<html>Plantedname</html>", Before.none()))
                .satisfies(d -> assertThat(d.outcome()).isEqualTo(Outcome.INVALID))
                .satisfies(d -> assertThat(d.toString()).doesNotContain("Plantedname"));
        assertThat(interpret(200, response(""), Before.none()).outcome()).isEqualTo(Outcome.INVALID);
        assertThat(interpret(200, response("{\"response\":{\"status\":\"404 Not Found\"}}"), Before.none()).outcome())
                .isEqualTo(Outcome.INVALID);
    }

    @Test
    void aPreconditionFailureWithoutAConditionalPatientIsARejection() {
        HttpAnswer answer = new HttpAnswer(412, HttpHeaders.of(Map.of(), (a, b) -> true), new byte[0], 1);
        Delivery delivery = TransactionResponses.interpret("1.2.3", answer, Before.none(),
                new RequestBundles.Summary(true, false), List.of());
        assertThat(delivery.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(interpret(412, "", Before.none()).outcome()).isEqualTo(Outcome.AMBIGUOUS_PATIENT);
        assertThat(interpret(400, "", Before.none()).outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(interpret(422, "", Before.none()).outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(interpret(403, "", Before.none()).reason()).contains("check the bearer token");
    }

    @Test
    void issuesKeepSeverityCodeAndExpressionOnly() {
        List<Delivery.Issue> issues = TransactionResponses.issues(("{\"resourceType\":\"OperationOutcome\",\"issue\":["
                + "{\"severity\":\"error\",\"code\":\"invalid\",\"diagnostics\":\"Plantedname\",\"details\":{\"text\":\"Plantedname\"},"
                + "\"location\":[\"Plantedname\"],\"expression\":[\"Patient.name\"]},{\"severity\":\"warning\",\"code\":\"informational\"}]}")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(issues).containsExactly(new Delivery.Issue("error", "invalid", List.of("Patient.name")),
                new Delivery.Issue("warning", "informational", List.of()));
        assertThat(issues.toString()).doesNotContain("Plantedname");
        assertThat(TransactionResponses.issues("{\"resourceType\":\"Patient\"}".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    @Test
    void theConditionalPatientCreateIsFoundInTheRequest() throws Exception {
        assertThat(RequestBundles.summarise(FhirDeliveryClientTest.bundle("1.2.3", "M", "Doe", "1970-01-01", "CT")))
                .isEqualTo(new RequestBundles.Summary(true, true));
        assertThat(RequestBundles.summarise(("{\"type\":\"transaction\",\"entry\":[{\"request\":{\"method\":\"PUT\","
                + "\"url\":\"ImagingStudy?identifier=a|b\"},\"resource\":{\"resourceType\":\"ImagingStudy\"}}],"
                + "\"resourceType\":\"Bundle\"}").getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new RequestBundles.Summary(true, false));
    }
}
