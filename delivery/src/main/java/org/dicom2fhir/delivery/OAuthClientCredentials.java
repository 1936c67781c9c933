package org.dicom2fhir.delivery;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import org.dicom2fhir.http.ClientSecretBasic;
import org.dicom2fhir.http.Credentials;
import org.dicom2fhir.http.OAuthTokens;

/**
 * OAuth2 client credentials (RFC 6749 section 4.4) with {@code client_secret_basic}: the client's id and secret from
 * a properties file ({@code client_id}, {@code client_secret}, optional {@code scope}), tokens from the token
 * endpoint, renewed before they expire. The secret is never printed: {@link #toString()} names the endpoint and the
 * client id.
 */
public final class OAuthClientCredentials {
    private final URI tokenUrl;
    private final ClientSecretBasic client;
    private final String scope;

    private OAuthClientCredentials(URI tokenUrl, ClientSecretBasic client, String scope) {
        this.tokenUrl = tokenUrl;
        this.client = client;
        this.scope = scope;
    }

    /**
     * @param tokenUrl the token endpoint: https, or http on a loopback address only (the secret travels in it)
     * @param clientFile a UTF-8 properties file with {@code client_id}, {@code client_secret} and optionally {@code scope}
     * @throws IOException naming the file when it cannot be read
     * @throws DeliveryException naming the file and the missing property
     * @throws IllegalArgumentException for a token URL that is not https (or loopback http)
     */
    public static OAuthClientCredentials fromFile(String tokenUrl, Path clientFile) throws IOException {
        URI url = TokenEndpoints.checked(tokenUrl);
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(Objects.requireNonNull(clientFile, "clientFile"), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        String id = TokenEndpoints.required(properties, "client_id", clientFile);
        String secret = TokenEndpoints.required(properties, "client_secret", clientFile);
        String scope = properties.getProperty("scope");
        return new OAuthClientCredentials(url, new ClientSecretBasic(id, secret),
                scope == null || scope.isBlank() ? null : scope.strip());
    }

    Credentials credentials(Duration requestTimeout) {
        return new OAuthTokens(tokenUrl, scope, client, requestTimeout);
    }

    @Override
    public String toString() {
        return "OAuthClientCredentials[" + tokenUrl + ", " + client + "]";
    }
}
