package org.dicom2fhir.batch;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Patient ids for bulk data: HMAC-SHA-256 of {@code system|value} under a secret key, as 64 hex digits (a valid
 * FHIR id). The same identifier always gets the same id, and the id reveals nothing of it: a plain hash of an MRN
 * could be reversed by hashing every possible MRN, a keyed one cannot without the key.
 */
public final class PatientIds {
    /** Shorter keys could be guessed. */
    public static final int MIN_KEY_BYTES = 16;

    private final byte[] key;

    private PatientIds(byte[] key) {
        this.key = key;
    }

    /** @throws IllegalArgumentException a key shorter than {@value #MIN_KEY_BYTES} bytes (the message shows no key) */
    public static PatientIds withKey(byte[] key) {
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("the id key must have at least " + MIN_KEY_BYTES + " bytes");
        }
        return new PatientIds(key.clone());
    }

    /** The id of the Patient with this identifier. */
    public String id(String system, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((system + "|" + value).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("the JDK has no HMAC-SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "PatientIds[key redacted]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PatientIds other && Arrays.equals(key, other.key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key);
    }
}
