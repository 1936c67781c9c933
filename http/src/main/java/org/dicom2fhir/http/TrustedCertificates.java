package org.dicom2fhir.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509KeyManager;
import javax.net.ssl.X509TrustManager;

/**
 * A TLS context trusting the JVM's default CAs plus the certificates of a PEM file (a hospital's own CA, say).
 * The JDK's PKIX trust manager does every check, the client keeps host name verification on, and there is no
 * way to switch either off.
 */
public final class TrustedCertificates {
    private TrustedCertificates() {
    }

    /**
     * @param pemFile one or more PEM certificates ({@code -----BEGIN CERTIFICATE-----}); other PEM blocks, such as
     *        a private key by mistake, are refused
     * @throws IOException naming the file when it cannot be read or holds no certificate
     */
    public static SSLContext withExtraCertificates(Path pemFile) throws IOException {
        return context(pemFile, null);
    }

    /**
     * A TLS context with extra trusted CAs and a client certificate, each optional.
     *
     * @param pemFile as {@link #withExtraCertificates(Path)}, or null for the JVM's trust only
     * @param client the client certificate's key manager (mutual TLS), or null for none
     */
    public static SSLContext context(Path pemFile, X509KeyManager client) throws IOException {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(client == null ? null : new KeyManager[] {client},
                    pemFile == null ? null : new TrustManager[] {trustManager(pemFile)}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot build a TLS context" + (pemFile == null ? "" : " with the certificates of "
                    + pemFile) + ": " + e.getMessage(), e);
        }
    }

    /** The JDK's PKIX trust manager over the JVM's trusted certificates plus the file's. */
    static X509TrustManager trustManager(Path pemFile) throws IOException {
        List<X509Certificate> extra = read(pemFile);
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (X509Certificate jvm : jvmDefaultTrust().getAcceptedIssuers()) {
                store.setCertificateEntry("jvm-" + i++, jvm);
            }
            i = 0;
            for (X509Certificate certificate : extra) {
                store.setCertificateEntry("extra-" + i++, certificate);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager) {
                    return (X509TrustManager) manager;
                }
            }
            throw new GeneralSecurityException("no X.509 trust manager");
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot build a TLS context with the certificates of " + pemFile + ": " + e.getMessage(), e);
        }
    }

    static List<X509Certificate> read(Path pemFile) throws IOException {
        String text = Files.readString(pemFile, java.nio.charset.StandardCharsets.US_ASCII);
        if (text.contains("PRIVATE KEY-----")) {
            throw new IOException(pemFile + " holds a private key: give only the CA certificates (and keep the key secret)");
        }
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(pemFile)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (java.security.cert.CertificateException e) {
            throw new IOException(pemFile + " is not a file of PEM certificates: " + e.getMessage(), e);
        }
        List<X509Certificate> list = new ArrayList<>();
        for (Certificate certificate : certificates) {
            list.add((X509Certificate) certificate);
        }
        if (list.isEmpty()) {
            throw new IOException(pemFile + " holds no certificate (expected -----BEGIN CERTIFICATE----- blocks)");
        }
        return list;
    }

    private static X509TrustManager jvmDefaultTrust() throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager) {
                return (X509TrustManager) manager;
            }
        }
        throw new GeneralSecurityException("the JVM has no X.509 trust manager");
    }
}
