package org.dicom2fhir.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * Access tokens of the OAuth2 client credentials grant (RFC 6749 section 4.4), obtained before the first request
 * and renewed before they expire: a token is used only while more than a safety margin of its lifetime is left
 * (a quarter of it, at most 60 s), so no request leaves with a token that expires on the way. A 401 of the FHIR
 * server drops the token (the transport then renews it once and retries once).
 *
 * <p>How the client proves who it is, is a {@link ClientAuthentication}: {@code client_secret_basic} or SMART
 * Backend Services' {@code private_key_jwt}. Messages name the token endpoint, its HTTP status and its
 * {@code error} code (a fixed vocabulary), never a secret, an assertion or a token; the {@code error_description}
 * (free text) is not read.
 */
public final class OAuthTokens implements Credentials {
    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final Pattern ERROR_CODE = Pattern.compile("[a-z_]{1,64}");
    private static final Duration LARGEST_MARGIN = Duration.ofSeconds(60);

    private final URI tokenUrl;
    private final String scope;
    private final ClientAuthentication client;
    private final Duration requestTimeout;
    private Token current;

    /** How the client authenticates at the token endpoint. */
    public interface ClientAuthentication {
        /** Adds the client's proof to the token request: a header, or form parameters. */
        void authenticate(HttpRequest.Builder request, Map<String, String> form) throws TransportException;
    }

    /** A token and the instant (System.nanoTime) from which it is no longer used. */
    private record Token(String header, long renewAtNanos) {
    }

    /**
     * @param scope the {@code scope} parameter, or null for none
     * @param requestTimeout the timeout of a token request
     */
    public OAuthTokens(URI tokenUrl, String scope, ClientAuthentication client, Duration requestTimeout) {
        this.tokenUrl = Objects.requireNonNull(tokenUrl, "tokenUrl");
        this.scope = scope;
        this.client = Objects.requireNonNull(client, "client");
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
    }

    @Override
    public synchronized String authorization(Exchange tokenRequests) throws TransportException {
        if (current == null || System.nanoTime() - current.renewAtNanos() >= 0) {
            current = fetch(tokenRequests);
        }
        return current.header();
    }

    @Override
    public synchronized boolean refused(String authorization) {
        if (current != null && current.header().equals(authorization)) {
            current = null;
        }
        return true;
    }

    private Token fetch(Exchange tokenRequests) throws TransportException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        if (scope != null) {
            form.put("scope", scope);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(tokenUrl).timeout(requestTimeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json");
        client.authenticate(request, form);
        StringJoiner body = new StringJoiner("&");
        form.forEach((name, value) -> body.add(formEncode(name) + "=" + formEncode(value)));
        long sent = System.nanoTime(); // the lifetime counts from the request: never later than the server's clock
        HttpAnswer answer = tokenRequests.send(request.POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
        if (answer.status() != 200) {
            String error = errorCode(answer.body());
            throw failure("the token endpoint " + tokenUrl + " refused the token request: HTTP " + answer.status()
                    + (error == null ? "" : " (" + error + ")") + attempts(answer), answer.attempts());
        }
        Map<String, String> fields;
        try {
            fields = topLevelScalars(answer.body());
        } catch (IOException e) {
            throw failure("the token endpoint " + tokenUrl + " answered no JSON object", answer.attempts());
        }
        String token = fields.get("access_token");
        String type = fields.get("token_type");
        if (token == null || type == null || !type.toLowerCase(Locale.ROOT).equals("bearer")) {
            throw failure("the token endpoint " + tokenUrl + " answered no bearer access_token", answer.attempts());
        }
        String header;
        try {
            header = BearerToken.of(token, "the token endpoint " + tokenUrl).headerValue();
        } catch (IllegalArgumentException e) {
            throw failure(e.getMessage(), answer.attempts());
        }
        return new Token(header, sent + usableFor(fields.get("expires_in")).toNanos());
    }

    /**
     * How long a token is used: its lifetime less a quarter of it (at most 60 s). Without {@code expires_in} it is
     * used until a server refuses it (RFC 6749 leaves the lifetime to the server's documentation then).
     */
    static Duration usableFor(String expiresIn) throws TransportException {
        if (expiresIn == null) {
            return Duration.ofDays(365);
        }
        long millis;
        try {
            millis = Math.round(Double.parseDouble(expiresIn) * 1000);
        } catch (NumberFormatException e) {
            throw new TransportException(TransportException.Kind.AUTHORIZATION,
                    "the token endpoint answered an expires_in that is no number", 1, e);
        }
        Duration lifetime = Duration.ofMillis(Math.max(0, millis));
        Duration margin = lifetime.dividedBy(4);
        return lifetime.minus(margin.compareTo(LARGEST_MARGIN) > 0 ? LARGEST_MARGIN : margin);
    }

    private static TransportException failure(String message, int attempts) {
        return new TransportException(TransportException.Kind.AUTHORIZATION, message, attempts, null);
    }

    private static String attempts(HttpAnswer answer) {
        return answer.attempts() > 1 ? " after " + answer.attempts() + " attempts" : "";
    }

    /** The {@code error} of an OAuth2 error response when it is a code of the RFC's shape, else null. */
    private static String errorCode(byte[] body) {
        try {
            String error = topLevelScalars(body).get("error");
            return error != null && ERROR_CODE.matcher(error).matches() ? error : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** The strings and numbers of a JSON object's top level, as text; nested values are skipped. */
    private static Map<String, String> topLevelScalars(byte[] json) throws IOException {
        Map<String, String> fields = new LinkedHashMap<>();
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value.isScalarValue() && value != JsonToken.VALUE_NULL) {
                    fields.put(name, parser.getText());
                } else {
                    parser.skipChildren();
                }
            }
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IOException("not valid JSON"); // never jackson's message: it quotes the document
        }
        return fields;
    }

    static String formEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "OAuthTokens[" + tokenUrl + ", token redacted]";
    }
}
