package org.dicom2fhir.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenSourceTest {
    @TempDir
    Path folder;

    @Test
    void fromTheEnvironment() {
        assertThat(TokenSource.fromEnvironment(Map.of())).isEmpty();
        assertThat(TokenSource.fromEnvironment(Map.of("DICOM2FHIR_FHIR_TOKEN", "  "))).isEmpty();
        TokenSource source = TokenSource.fromEnvironment(Map.of("DICOM2FHIR_FHIR_TOKEN", "eyJ.abc.def")).orElseThrow();
        assertThat(source.origin()).isEqualTo("the environment variable DICOM2FHIR_FHIR_TOKEN");
        assertThat(source.toString()).doesNotContain("eyJ").contains("redacted");
    }

    @Test
    void fromAFileOfOneLine() throws Exception {
        Path file = Files.writeString(folder.resolve("token"), "eyJ.abc.def\r\n");
        TokenSource source = TokenSource.fromFile(file);
        assertThat(source.token().toString()).doesNotContain("eyJ");
        assertThat(source.toString()).contains(file.toString()).doesNotContain("eyJ");

        Path twoLines = Files.writeString(folder.resolve("two"), "eyJ.abc\nsecond-line-secret\n");
        assertThatThrownBy(() -> TokenSource.fromFile(twoLines)).isInstanceOf(DeliveryException.class)
                .hasMessageContaining(twoLines.toString()).hasMessageNotContaining("secret").hasMessageNotContaining("eyJ");
        Path empty = Files.writeString(folder.resolve("empty"), "\n");
        assertThatThrownBy(() -> TokenSource.fromFile(empty)).isInstanceOf(DeliveryException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> TokenSource.fromFile(folder.resolve("missing"))).isInstanceOf(NoSuchFileException.class);
    }
}
