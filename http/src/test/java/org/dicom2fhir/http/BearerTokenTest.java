package org.dicom2fhir.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BearerTokenTest {
    @Test
    void theValueIsNeverPrinted() {
        BearerToken token = BearerToken.of("  abc.DEF-123_~+/=  \n", "a test");
        assertThat(token.headerValue()).isEqualTo("Bearer abc.DEF-123_~+/=");
        assertThat(token.toString()).doesNotContain("abc");
        HttpSettings settings = new HttpSettings(Duration.ofSeconds(1), Duration.ofSeconds(1), 0, Duration.ZERO,
                Duration.ZERO, Duration.ZERO, token, null, null);
        assertThat(settings.toString()).doesNotContain("abc").contains("credentials=redacted");
    }

    @Test
    void headerBreakingOrEmptyTokensAreRefusedWithoutQuotingThem() {
        assertThatThrownBy(() -> BearerToken.of("secret\r\nX-Injected: 1", "the file t"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the file t").hasMessageNotContaining("secret").hasMessageNotContaining("Injected");
        assertThatThrownBy(() -> BearerToken.of("two words", "env")).hasMessageNotContaining("two");
        assertThatThrownBy(() -> BearerToken.of(" \n", "env")).hasMessageContaining("empty");
    }
}
