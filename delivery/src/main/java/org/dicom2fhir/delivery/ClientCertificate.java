package org.dicom2fhir.delivery;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import javax.net.ssl.X509KeyManager;
import org.dicom2fhir.http.KeyFiles;

/**
 * The client certificate of mutual TLS: a PKCS#12 key store, or a PEM file holding an unencrypted PKCS#8 private key
 * and the certificate chain. The key is read once, into memory; {@link #toString()} names the file only.
 */
public final class ClientCertificate {
    /** The environment variable holding the PKCS#12 store's password (else a password file). */
    public static final String PASSWORD_ENVIRONMENT_VARIABLE = "DICOM2FHIR_CLIENT_CERT_PASSWORD";

    private final X509KeyManager keyManager;
    private final Path file;

    private ClientCertificate(X509KeyManager keyManager, Path file) {
        this.keyManager = keyManager;
        this.file = file;
    }

    /**
     * @param password the PKCS#12 store's password, or null (a PEM key has none); overwritten after use
     * @throws IOException naming the file when it cannot be read, holds no key and chain, or the password is wrong
     */
    public static ClientCertificate fromFile(Path file, char[] password) throws IOException {
        Objects.requireNonNull(file, "file");
        try {
            return new ClientCertificate(KeyFiles.clientKeyManager(file, password), file);
        } finally {
            KeyFiles.clear(password);
        }
    }

    X509KeyManager keyManager() {
        return keyManager;
    }

    @Override
    public String toString() {
        return "ClientCertificate[" + file + ", key redacted]";
    }
}
