package org.dicom2fhir.delivery.internal.http;

import java.util.Objects;

/**
 * A bearer token that never prints: {@link #toString()} is redacted, and no message of this module quotes it.
 * Only visible ASCII is accepted (RFC 6750's b64token is a subset), which also keeps CR/LF out of the header.
 */
public final class BearerToken implements Credentials {
    private final String value;

    private BearerToken(String value) {
        this.value = value;
    }

    /**
     * @param value the token, without the {@code Bearer } prefix; surrounding white space is removed
     * @param origin where it came from, for the error message (e.g. an environment variable's name); never the value
     * @throws IllegalArgumentException when empty or holding anything but visible ASCII (the message names
     *         {@code origin} and never the value)
     */
    public static BearerToken of(String value, String origin) {
        Objects.requireNonNull(value, "value");
        String token = value.strip();
        if (token.isEmpty()) {
            throw new IllegalArgumentException("the bearer token from " + origin + " is empty");
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                throw new IllegalArgumentException("the bearer token from " + origin
                        + " holds a character that is not visible ASCII (at index " + i + "; a token is one line)");
            }
        }
        return new BearerToken(token);
    }

    /** The {@code Authorization} header's value. */
    String headerValue() {
        return "Bearer " + value;
    }

    @Override
    public String authorization(Exchange tokenRequests) {
        return headerValue();
    }

    /** A fixed token cannot be renewed. */
    @Override
    public boolean refused(String authorization) {
        return false;
    }

    @Override
    public String toString() {
        return "BearerToken[redacted]";
    }
}
