package org.dicom2fhir.delivery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Certificates generated at test time with the JDK's keytool (no private key is committed): a test CA, a server
 * certificate it signed for IP 127.0.0.1, one it signed for another host name only, and an unrelated CA.
 */
public final class TestCertificates {
    public static final String PASSWORD = "changeit";

    private final Path folder;

    private TestCertificates(Path folder) {
        this.folder = folder;
    }

    public static TestCertificates generate(Path folder) throws Exception {
        TestCertificates certificates = new TestCertificates(folder);
        // each keytool run starts a JVM: the key pairs in parallel, then the signing (which needs the CA)
        CompletableFuture<Void> ca = CompletableFuture.runAsync(() -> certificates.ca("ca", "CN=dicom2fhir test CA"));
        CompletableFuture<Void> unrelated = CompletableFuture.runAsync(() -> certificates.ca("unrelated", "CN=unrelated test CA"));
        CompletableFuture<Void> localhost = CompletableFuture.runAsync(() -> certificates.keyPair("localhost", "CN=127.0.0.1"));
        CompletableFuture<Void> other = CompletableFuture.runAsync(() -> certificates.keyPair("other", "CN=fhir.example.org"));
        CompletableFuture.allOf(ca, localhost, other).join();
        CompletableFuture<Void> localhostSigned = CompletableFuture.runAsync(() -> certificates.sign("localhost", "SAN=ip:127.0.0.1"));
        CompletableFuture<Void> otherSigned = CompletableFuture.runAsync(() -> certificates.sign("other", "SAN=dns:fhir.example.org"));
        CompletableFuture.allOf(unrelated, localhostSigned, otherSigned).join();
        return certificates;
    }

    /** The test CA alone. */
    public Path caPem() {
        return folder.resolve("ca.pem");
    }

    /** An unrelated CA, then the test CA: a PEM file of several certificates. */
    public Path bundlePem() throws IOException {
        Path bundle = folder.resolve("bundle.pem");
        Files.writeString(bundle, Files.readString(folder.resolve("unrelated.pem")) + Files.readString(caPem()));
        return bundle;
    }

    /** A CA that signed neither server certificate. */
    public Path unrelatedPem() {
        return folder.resolve("unrelated.pem");
    }

    public Path localhostKeyStore() {
        return folder.resolve("localhost.p12");
    }

    public Path otherHostKeyStore() {
        return folder.resolve("other.p12");
    }

    private void ca(String name, String dname) {
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", dname,
                "-ext", "bc:c", "-validity", "2", "-keystore", name + "-ca.p12", "-storetype", "PKCS12");
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", name + "-ca.p12", "-file", name + ".pem");
    }

    private void keyPair(String name, String dname) {
        String store = name + ".p12";
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", dname,
                "-validity", "2", "-keystore", store, "-storetype", "PKCS12");
        keytool("-certreq", "-alias", "server", "-keystore", store, "-file", name + ".csr");
    }

    /** The CA signs the key pair's request; the key store then holds the chain (server, CA). */
    private void sign(String name, String san) {
        String store = name + ".p12";
        keytool("-gencert", "-alias", "ca", "-keystore", "ca-ca.p12", "-infile", name + ".csr", "-outfile", name + ".crt",
                "-rfc", "-ext", san, "-ext", "eku=serverAuth", "-validity", "2");
        keytool("-importcert", "-alias", "ca", "-file", "ca.pem", "-keystore", store, "-noprompt");
        keytool("-importcert", "-alias", "server", "-file", name + ".crt", "-keystore", store, "-noprompt");
    }

    private void keytool(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        // a short-lived tool: no JIT tiers beyond C1, the smallest GC
        command.addAll(List.of("-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC"));
        command.addAll(List.of(arguments));
        command.addAll(List.of("-storepass", PASSWORD));
        try {
            Process process = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException("keytool " + String.join(" ", arguments) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run keytool", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
