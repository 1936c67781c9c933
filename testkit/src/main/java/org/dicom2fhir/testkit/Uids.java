package org.dicom2fhir.testkit;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.UUID;

/** UIDs for generated data: {@code 2.25.<decimal of a UUID>} (PS3.5 B.2), at most 44 characters. */
public final class Uids {
    private Uids() {
    }

    /** A version-4 UUID drawn from {@code random} (deterministic for a seeded generator), as a 2.25 UID. */
    public static String random(SplittableRandom random) {
        long msb = (random.nextLong() & ~0xF000L) | 0x4000L; // version 4
        long lsb = (random.nextLong() & ~(0xC000_0000_0000_0000L)) | 0x8000_0000_0000_0000L; // IETF variant
        return of(new UUID(msb, lsb));
    }

    /** A name-based (version 3) UUID of {@code name}, as a 2.25 UID: the same name gives the same UID. */
    public static String fromName(String name) {
        return of(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)));
    }

    public static String of(UUID uuid) {
        byte[] b = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits()).array();
        return "2.25." + new BigInteger(1, b);
    }

    /** Whether {@code uid} is a syntactically valid UID: at most 64 characters, digits and dots, no leading zeros. */
    public static boolean isValid(String uid) {
        if (uid == null || uid.isEmpty() || uid.length() > 64) {
            return false;
        }
        for (String part : uid.split("\\.", -1)) {
            if (part.isEmpty() || !part.chars().allMatch(c -> c >= '0' && c <= '9')
                    || (part.length() > 1 && part.charAt(0) == '0')) {
                return false;
            }
        }
        return true;
    }
}
