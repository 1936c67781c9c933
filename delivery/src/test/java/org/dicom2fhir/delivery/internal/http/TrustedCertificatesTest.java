package org.dicom2fhir.delivery.internal.http;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trust of real certificates is tested against the TLS server in FhirDeliveryClientTest; here the refusals. */
class TrustedCertificatesTest {
    @TempDir
    Path folder;

    @Test
    void aFileWithoutCertificatesIsRefusedNamingIt() throws Exception {
        Path text = Files.writeString(folder.resolve("notes.pem"), "just text\n");
        assertThatThrownBy(() -> TrustedCertificates.withExtraCertificates(text))
                .isInstanceOf(java.io.IOException.class).hasMessageContaining(text.toString());
        Path broken = Files.writeString(folder.resolve("broken.pem"),
                "-----BEGIN CERTIFICATE-----\nnot base64 at all!\n-----END CERTIFICATE-----\n");
        assertThatThrownBy(() -> TrustedCertificates.withExtraCertificates(broken))
                .isInstanceOf(java.io.IOException.class).hasMessageContaining(broken.toString());
    }
}
