package org.dicom2fhir.core.internal.mapping;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Ids of contained resources derived from their content: the prefix, a dash and 12 hex digits of the
 * SHA-256 of the identifying values. The same person or equipment gets the same id in every run, so
 * series merged from two runs cannot collide, and the id tells nothing about the values.
 */
final class ContentIds {
    private static final int HEX_DIGITS = 12;

    private ContentIds() {
    }

    /** {@code prefix-<12 hex>}; null parts count, and differ from empty ones. */
    static String of(String prefix, Object... parts) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        for (Object part : parts) {
            // a separator no DICOM text holds, and a marker for null, so (a, bc) differs from (ab, c)
            sha256.update(part == null ? new byte[] {1} : String.valueOf(part).getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
        }
        return prefix + "-" + HexFormat.of().formatHex(sha256.digest()).substring(0, HEX_DIGITS);
    }
}
