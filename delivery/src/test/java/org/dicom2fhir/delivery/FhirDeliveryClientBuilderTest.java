package org.dicom2fhir.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FhirDeliveryClientBuilderTest {
    @Test
    void theBaseUrlIsHttpOrHttpsWithoutCredentialsQueryOrTrailingSlash() {
        assertThat(FhirDeliveryClient.builder("https://fhir.example.org/fhir/").proxyEnvironment(Map.of()).build().baseUrl())
                .hasToString("https://fhir.example.org/fhir");
        assertThatThrownBy(() -> FhirDeliveryClient.builder("ftp://fhir.example.org/")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FhirDeliveryClient.builder("fhir.example.org/fhir")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FhirDeliveryClient.builder("https://user:Pa55@fhir.example.org/"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("Pa55");
        assertThatThrownBy(() -> FhirDeliveryClient.builder("https://fhir.example.org/fhir?x=1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void settingsOutOfRangeAreRefused() {
        FhirDeliveryClient.Builder builder = FhirDeliveryClient.builder("http://h/fhir").proxyEnvironment(Map.of());
        assertThatThrownBy(() -> builder.retries(-1).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FhirDeliveryClient.builder("http://h/fhir").requestTimeout(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FhirDeliveryClient.builder("http://h/fhir").backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FhirDeliveryClient.builder("http://h/fhir").proxyEnvironment(Map.of("HTTP_PROXY", "socks5://p:1")).build())
                .isInstanceOf(DeliveryException.class).hasMessageContaining("HTTP_PROXY");
    }

    @Test
    void aConditionalSearchUrlIsEncodedForTheQuery() {
        assertThat(FhirDeliveryClient.encodeQuery("ImagingStudy?identifier=urn:dicom:uid|urn:oid:1.2.3"))
                .isEqualTo("ImagingStudy?identifier=urn:dicom:uid%7Curn:oid:1.2.3");
        assertThat(FhirDeliveryClient.encodeQuery("Patient?identifier=a b+c%7C")).isEqualTo("Patient?identifier=a%20b%2Bc%7C");
        FhirDeliveryClient client = FhirDeliveryClient.builder("http://h/fhir").proxyEnvironment(Map.of()).build();
        assertThatThrownBy(() -> client.currentVersion("https://elsewhere/ImagingStudy?x=1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.currentVersion("ImagingStudy")).isInstanceOf(IllegalArgumentException.class);
    }
}
