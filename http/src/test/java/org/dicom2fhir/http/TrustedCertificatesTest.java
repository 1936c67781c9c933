package org.dicom2fhir.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Handshakes with these certificates are tested against the TLS server in FhirDeliveryClientTest. */
class TrustedCertificatesTest {
    @TempDir
    Path folder;

    @Test
    void theFilesCertificatesAreTrustedBesideTheJvmsNotInsteadOfThem() throws Exception {
        Path pem = folder.resolve("ca.pem");
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=extra test CA",
                "-ext", "bc:c", "-validity", "2", "-keystore", "ca.p12", "-storetype", "PKCS12", "-storepass", "changeit");
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", "ca.p12", "-storepass", "changeit", "-file", "ca.pem");
        // the PEM read twice over: a file of several certificates
        Files.writeString(pem, Files.readString(pem) + Files.readString(pem));

        TrustManagerFactory jvm = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        jvm.init((KeyStore) null);
        X509Certificate[] jvmIssuers = ((X509TrustManager) jvm.getTrustManagers()[0]).getAcceptedIssuers();
        X509Certificate[] issuers = TrustedCertificates.trustManager(pem).getAcceptedIssuers();

        assertThat(Arrays.asList(issuers)).containsAll(Arrays.asList(jvmIssuers));
        assertThat(Arrays.stream(issuers).map(c -> c.getSubjectX500Principal().getName()))
                .contains("CN=extra test CA");
        assertThat(TrustedCertificates.withExtraCertificates(pem).getProtocol()).isEqualTo("TLS");
    }

    private void keytool(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
    }

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
