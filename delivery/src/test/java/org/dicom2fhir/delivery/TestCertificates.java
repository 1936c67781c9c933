package org.dicom2fhir.delivery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Certificates generated at test time with the JDK's keytool (no private key is committed): a test CA, a server
 * certificate it signed for IP 127.0.0.1, one it signed for another host name only, an unrelated CA, and a client
 * certificate the test CA signed for mutual TLS (as PKCS#12 and as PEM key plus chain).
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
        CompletableFuture<Void> client = CompletableFuture.runAsync(() -> certificates.keyPair("client", "CN=dicom2fhir test client"));
        CompletableFuture.allOf(ca, localhost, other, client).join();
        CompletableFuture<Void> localhostSigned = CompletableFuture.runAsync(() -> certificates.sign("localhost",
                "SAN=ip:127.0.0.1", "eku=serverAuth"));
        CompletableFuture<Void> otherSigned = CompletableFuture.runAsync(() -> certificates.sign("other",
                "SAN=dns:fhir.example.org", "eku=serverAuth"));
        CompletableFuture<Void> clientSigned = CompletableFuture.runAsync(() -> certificates.sign("client",
                "eku=clientAuth", "ku=digitalSignature"));
        CompletableFuture.allOf(unrelated, localhostSigned, otherSigned, clientSigned).join();
        certificates.writeClientPem();
        return certificates;
    }

    /** The client certificate, its key and the test CA in a PKCS#12 store protected by {@link #PASSWORD}. */
    public Path clientKeyStore() {
        return folder.resolve("client.p12");
    }

    /** The same as PEM: the unencrypted PKCS#8 key, then the client certificate and the test CA. */
    public Path clientPem() {
        return folder.resolve("client-key-and-chain.pem");
    }

    /** The test CA as a trust store (for a server that asks for client certificates). */
    public KeyStore caTrustStore() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        try (java.io.InputStream in = Files.newInputStream(caPem())) {
            store.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        return store;
    }

    private void writeClientPem() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (java.io.InputStream in = Files.newInputStream(clientKeyStore())) {
            store.load(in, PASSWORD.toCharArray());
        }
        StringBuilder pem = new StringBuilder(pem("PRIVATE KEY", store.getKey("server", PASSWORD.toCharArray()).getEncoded()));
        for (Certificate certificate : store.getCertificateChain("server")) {
            pem.append(pem("CERTIFICATE", certificate.getEncoded()));
        }
        Files.writeString(clientPem(), pem, StandardCharsets.US_ASCII);
    }

    /** A PEM block of DER bytes. */
    public static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
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
    private void sign(String name, String... extensions) {
        String store = name + ".p12";
        List<String> arguments = new ArrayList<>(List.of("-gencert", "-alias", "ca", "-keystore", "ca-ca.p12", "-infile",
                name + ".csr", "-outfile", name + ".crt", "-rfc", "-validity", "2"));
        for (String extension : extensions) {
            arguments.addAll(List.of("-ext", extension));
        }
        keytool(arguments.toArray(String[]::new));
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
