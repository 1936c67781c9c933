package org.dicom2fhir.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.X509KeyManager;

/**
 * Private keys and client certificates from files, with the JDK only: PEM (an unencrypted PKCS#8 key,
 * {@code -----BEGIN PRIVATE KEY-----}, and X.509 certificates) and PKCS#12 key stores. Messages name the file and
 * what is wrong with it, never a password or key material.
 */
public final class KeyFiles {
    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*?)-----END \\1-----");

    private KeyFiles() {
    }

    /** One PEM block: its label and its bytes. */
    private record Block(String label, byte[] der) {
    }

    /**
     * The private key of a PEM file (RSA or EC, PKCS#8 unencrypted).
     *
     * @throws IOException naming the file when it cannot be read or holds no such key
     */
    public static PrivateKey privateKey(Path pemFile) throws IOException {
        List<Block> keys = blocks(pemFile).stream().filter(b -> b.label().endsWith("PRIVATE KEY")).toList();
        if (keys.size() != 1) {
            throw new IOException(pemFile + " holds " + (keys.isEmpty() ? "no" : keys.size())
                    + " PEM private keys: expected one -----BEGIN PRIVATE KEY----- block");
        }
        return pkcs8(pemFile, keys.get(0));
    }

    /**
     * The key manager of a client certificate: a PKCS#12 key store (one key entry) or a PEM file holding the private
     * key and the certificate chain (the client's certificate first).
     *
     * @param password the PKCS#12 store's password (null: none); unused for PEM
     * @throws IOException naming the file when it cannot be read, the password is wrong, or there is no key and chain
     */
    public static X509KeyManager clientKeyManager(Path file, char[] password) throws IOException {
        byte[] content = Files.readAllBytes(file);
        boolean pem = new String(content, StandardCharsets.ISO_8859_1).contains("-----BEGIN ");
        // a PEM key has no password: its in-memory store uses none, whatever the environment holds
        char[] storePassword = password == null || pem ? new char[0] : password;
        try {
            KeyStore store;
            if (pem) {
                store = fromPem(file);
            } else {
                store = KeyStore.getInstance("PKCS12");
                try {
                    store.load(new ByteArrayInputStream(content), storePassword);
                } catch (IOException e) {
                    // the JDK reports a wrong password as an IOException whose cause is UnrecoverableKeyException
                    throw new IOException(file + " is no PKCS#12 key store, or its password is wrong", e);
                }
                if (keyEntries(store) != 1) {
                    throw new IOException(file + " holds " + keyEntries(store) + " private keys: expected exactly one");
                }
            }
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, storePassword);
            for (KeyManager manager : factory.getKeyManagers()) {
                if (manager instanceof X509KeyManager x509) {
                    return x509;
                }
            }
            throw new GeneralSecurityException("no X.509 key manager");
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot use the client certificate of " + file + ": " + e.getClass().getSimpleName(), e);
        }
    }

    private static KeyStore fromPem(Path file) throws IOException, GeneralSecurityException {
        List<Block> blocks = blocks(file);
        List<Block> keys = blocks.stream().filter(b -> b.label().endsWith("PRIVATE KEY")).toList();
        List<Certificate> chain = new ArrayList<>();
        CertificateFactory x509 = CertificateFactory.getInstance("X.509");
        for (Block block : blocks) {
            if (block.label().equals("CERTIFICATE")) {
                chain.add(x509.generateCertificate(new ByteArrayInputStream(block.der())));
            }
        }
        if (keys.size() != 1 || chain.isEmpty()) {
            throw new IOException(file + " must hold one private key and its certificate chain (PEM), found "
                    + keys.size() + " keys and " + chain.size() + " certificates");
        }
        PrivateKey key = pkcs8(file, keys.get(0));
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("client", key, new char[0], chain.toArray(Certificate[]::new));
        return store;
    }

    private static int keyEntries(KeyStore store) throws GeneralSecurityException {
        int keys = 0;
        for (String alias : java.util.Collections.list(store.aliases())) {
            if (store.isKeyEntry(alias)) {
                keys++;
            }
        }
        return keys;
    }

    private static PrivateKey pkcs8(Path file, Block block) throws IOException {
        if (!block.label().equals("PRIVATE KEY")) {
            throw new IOException(file + " holds a " + block.label() + ": give an unencrypted PKCS#8 key "
                    + "(-----BEGIN PRIVATE KEY-----, e.g. openssl pkcs8 -topk8 -nocrypt), or a PKCS#12 store with a password");
        }
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(block.der());
        for (String algorithm : List.of("RSA", "EC")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                // the next algorithm
            }
        }
        throw new IOException(file + " holds a private key that is neither RSA nor EC");
    }

    private static List<Block> blocks(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.ISO_8859_1);
        List<Block> blocks = new ArrayList<>();
        Matcher matcher = PEM.matcher(text);
        while (matcher.find()) {
            try {
                blocks.add(new Block(matcher.group(1), Base64.getMimeDecoder().decode(matcher.group(2))));
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ": a PEM block " + matcher.group(1) + " is not valid base64");
            }
        }
        if (blocks.isEmpty()) {
            throw new IOException(file + " holds no PEM block");
        }
        return blocks;
    }

    /** Overwrites a password once it is no longer needed. */
    public static void clear(char[] password) {
        if (password != null) {
            Arrays.fill(password, '\0');
        }
    }
}
