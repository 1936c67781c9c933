package org.dicom2fhir.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * {@code private_key_jwt} client authentication as SMART Backend Services require it: a JWT signed with the
 * client's RS384 or ES384 key, with {@code iss} and {@code sub} the client id, {@code aud} the token endpoint,
 * {@code exp} five minutes ahead (the profile's limit) and a new {@code jti} per request, sent as
 * {@code client_assertion}.
 *
 * <p>Signed with the JDK's own providers, no JOSE library: RS384 is {@code SHA384withRSA}; ES384 is
 * {@code SHA384withECDSAinP1363Format}, whose signature is already JOSE's fixed-length R||S (RFC 7518 section 3.4),
 * so no DER conversion is written here.
 */
public final class PrivateKeyJwt implements OAuthTokens.ClientAuthentication {
    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final Duration LIFETIME = Duration.ofMinutes(5);

    private final String clientId;
    private final PrivateKey key;
    private final String keyId;
    private final URI audience;
    private final String algorithm;

    /**
     * @param key an RSA key (RS384, at least 2048 bits) or an EC key on P-384 (ES384)
     * @param keyId the {@code kid} under which the server knows the public key (the client's JWK Set)
     * @param audience the token endpoint's URL
     * @throws IllegalArgumentException for another kind of key or curve
     */
    public PrivateKeyJwt(String clientId, PrivateKey key, String keyId, URI audience) {
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.key = Objects.requireNonNull(key, "key");
        this.keyId = Objects.requireNonNull(keyId, "keyId");
        this.audience = Objects.requireNonNull(audience, "audience");
        this.algorithm = algorithm(key);
    }

    /** RS384 or ES384, by the key. */
    public static String algorithm(PrivateKey key) {
        if (key instanceof RSAPrivateKey rsa) {
            if (rsa.getModulus().bitLength() < 2048) {
                throw new IllegalArgumentException("the RSA key has " + rsa.getModulus().bitLength()
                        + " bits: RS384 needs at least 2048");
            }
            return "RS384";
        }
        if (key instanceof ECPrivateKey ec && ec.getParams().getCurve().getField().getFieldSize() == 384) {
            return "ES384";
        }
        throw new IllegalArgumentException("the key is neither RSA (RS384) nor EC on the P-384 curve (ES384)");
    }

    @Override
    public void authenticate(HttpRequest.Builder request, Map<String, String> form) throws TransportException {
        form.put("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
        form.put("client_assertion", assertion(Instant.now(), UUID.randomUUID().toString()));
    }

    /** The signed JWT. */
    String assertion(Instant now, String jti) throws TransportException {
        try {
            String header = encode(json(g -> {
                g.writeStringField("alg", algorithm);
                g.writeStringField("typ", "JWT");
                g.writeStringField("kid", keyId);
            }));
            String claims = encode(json(g -> {
                g.writeStringField("iss", clientId);
                g.writeStringField("sub", clientId);
                g.writeStringField("aud", audience.toString());
                g.writeNumberField("exp", now.plus(LIFETIME).getEpochSecond());
                g.writeNumberField("iat", now.getEpochSecond());
                g.writeStringField("jti", jti);
            }));
            String signingInput = header + "." + claims;
            Signature signature = Signature.getInstance(algorithm.equals("RS384") ? "SHA384withRSA"
                    : "SHA384withECDSAinP1363Format");
            signature.initSign(key);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + encode(signature.sign());
        } catch (GeneralSecurityException | IOException e) {
            throw new TransportException(TransportException.Kind.AUTHORIZATION,
                    "cannot sign the client assertion (" + algorithm + "): " + e.getClass().getSimpleName(), 0, e);
        }
    }

    private interface Fields {
        void write(JsonGenerator generator) throws IOException;
    }

    private static byte[] json(Fields fields) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator generator = JSON.createGenerator(out)) {
            generator.writeStartObject();
            fields.write(generator);
            generator.writeEndObject();
        }
        return out.toByteArray();
    }

    private static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public String toString() {
        return "PrivateKeyJwt[" + clientId + ", " + algorithm + ", kid " + keyId + ", key redacted]";
    }
}
