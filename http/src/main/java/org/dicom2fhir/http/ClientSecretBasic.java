package org.dicom2fhir.http;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;

/**
 * {@code client_secret_basic} (RFC 6749 section 2.3.1): HTTP Basic with the form-encoded client id and secret. The
 * secret lives in this object only, and {@link #toString()} does not show it.
 */
public final class ClientSecretBasic implements OAuthTokens.ClientAuthentication {
    private final String header;
    private final String clientId;

    public ClientSecretBasic(String clientId, String clientSecret) {
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        String pair = OAuthTokens.formEncode(clientId) + ":" + OAuthTokens.formEncode(clientSecret);
        this.header = "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void authenticate(HttpRequest.Builder request, Map<String, String> form) {
        request.header("Authorization", header);
    }

    @Override
    public String toString() {
        return "ClientSecretBasic[" + clientId + ", secret redacted]";
    }
}
