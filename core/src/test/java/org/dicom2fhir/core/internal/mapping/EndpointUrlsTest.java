package org.dicom2fhir.core.internal.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class EndpointUrlsTest {

    @ParameterizedTest
    @ValueSource(strings = {"https://pacs.example.org/dicom-web", "http://localhost:8042/dicom-web",
        "https://pacs.example.org", "HTTPS://pacs.example.org/wado", "https://[::1]:8443/dicomweb",
        "https://pacs.example.org/studies-archive", "https://example.org/studies/x"})
    void acceptedBaseUrls(String url) {
        assertThat(EndpointUrls.validate(url)).isEqualTo(url);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "file:///data/study | http",
        "ftp://pacs.example.org/dicom-web | http",
        "/dicom-web | http",
        "pacs.example.org/dicom-web | http",
        "https:/dicom-web | host",
        "https://pacs.example.org/dicom-web?x=1 | query",
        "https://pacs.example.org/dicom-web? | query",
        "https://pacs.example.org/dicom-web#top | fragment",
        "https://pacs.example.org/dicom-web/ | slash",
        "https://pacs.example.org/ | slash",
        "https://pacs.example.org/dicom-web/studies | /studies",
        "https://pacs.example.org/dicom-web/STUDIES | /studies",
        "https://pacs.example.org/dicom web | URI"})
    void rejectedUrlsSayWhy(String url, String why) {
        assertThatThrownBy(() -> EndpointUrls.validate(url)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(why);
    }

    @ParameterizedTest
    @NullAndEmptySource
    void missingUrlIsRejected(String url) {
        assertThatThrownBy(() -> EndpointUrls.validate(url)).isInstanceOf(IllegalArgumentException.class);
    }
}
