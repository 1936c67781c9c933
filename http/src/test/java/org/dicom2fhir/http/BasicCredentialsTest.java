package org.dicom2fhir.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BasicCredentialsTest {
    @TempDir
    Path tmp;

    @Test
    void theFilesOneLineIsUserColonPasswordAndIsNeverPrinted() throws Exception {
        Path file = Files.writeString(tmp.resolve("pacs"), "alice:s3cr:et\n");
        BasicCredentials credentials = BasicCredentials.fromFile(file);
        assertThat(credentials.authorization(null)).isEqualTo("Basic "
                + Base64.getEncoder().encodeToString("alice:s3cr:et".getBytes(StandardCharsets.UTF_8)));
        assertThat(credentials.toString()).doesNotContain("alice").doesNotContain("s3cr");
        HttpSettings settings = new HttpSettings(Duration.ofSeconds(1), Duration.ofSeconds(1), 0, Duration.ZERO,
                Duration.ZERO, Duration.ZERO, credentials, null, null);
        assertThat(settings.toString()).doesNotContain("alice").doesNotContain("s3cr").contains("credentials=redacted");
    }

    @Test
    void aFileWithoutUserAndPasswordIsRefusedWithoutQuotingIt() throws Exception {
        for (String content : new String[] {"", "alice", ":pw", "alice:", "alice:pw\nbob:pw2\n"}) {
            Path file = Files.writeString(tmp.resolve("bad"), content);
            assertThatThrownBy(() -> BasicCredentials.fromFile(file)).as(content)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(file.toString())
                    .hasMessageNotContaining("alice").hasMessageNotContaining("pw");
        }
    }
}
