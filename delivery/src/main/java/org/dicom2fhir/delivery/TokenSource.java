package org.dicom2fhir.delivery;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.dicom2fhir.http.BearerToken;

/**
 * Where the bearer token comes from: the environment variable {@value #ENVIRONMENT_VARIABLE} or a file, never a
 * command-line argument (other users of the machine can read those). The token never appears in a
 * {@code toString}, a message or an exception; only its origin does.
 */
public final class TokenSource {
    /** The environment variable holding the FHIR server's bearer token. */
    public static final String ENVIRONMENT_VARIABLE = "DICOM2FHIR_FHIR_TOKEN";

    private final BearerToken token;
    private final String origin;

    private TokenSource(BearerToken token, String origin) {
        this.token = token;
        this.origin = origin;
    }

    /** The token of {@value #ENVIRONMENT_VARIABLE}, or empty when the variable is unset or blank. */
    public static Optional<TokenSource> fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /** As {@link #fromEnvironment()}, from the given environment (for embedders and tests). */
    public static Optional<TokenSource> fromEnvironment(Map<String, String> environment) {
        String value = environment.get(ENVIRONMENT_VARIABLE);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(create(value, "the environment variable " + ENVIRONMENT_VARIABLE));
    }

    /**
     * The token in a file: its one line (surrounding white space and the line end are dropped).
     *
     * @throws IOException naming the file when it cannot be read
     * @throws DeliveryException naming the file when it holds no token or more than one line
     */
    public static TokenSource fromFile(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        try {
            return new TokenSource(BearerToken.fromFile(file), "the file " + file);
        } catch (IllegalArgumentException e) {
            throw new DeliveryException(e.getMessage());
        }
    }

    private static TokenSource create(String value, String origin) {
        try {
            return new TokenSource(BearerToken.of(value, origin), origin);
        } catch (IllegalArgumentException e) {
            throw new DeliveryException(e.getMessage());
        }
    }

    BearerToken token() {
        return token;
    }

    /** Where the token came from; never the token. */
    public String origin() {
        return origin;
    }

    @Override
    public String toString() {
        return "TokenSource[" + origin + ", token redacted]";
    }
}
