package org.dicom2fhir.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
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

    /**
     * The token in a file: its one line (surrounding white space and the line end are dropped).
     *
     * @throws IOException naming the file when it cannot be read
     * @throws IllegalArgumentException naming the file when it holds no token or more than one line
     */
    public static BearerToken fromFile(Path file) throws IOException {
        return of(Files.readString(file, StandardCharsets.UTF_8), "the file " + file);
    }

    /** The token of an environment variable, or null when it is unset or blank. */
    public static BearerToken fromEnvironment(Map<String, String> environment, String variable) {
        String value = environment.get(variable);
        return value == null || value.isBlank() ? null : of(value, "the environment variable " + variable);
    }

    /** The header's value; for the request only, never for a message or a log. */
    public String headerValue() {
        return "Bearer " + value;
    }

    @Override
    public String kind() {
        return "the bearer token";
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
