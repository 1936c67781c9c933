package org.dicom2fhir.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An OAuth2 token endpoint for the tests, checking what a real one checks: the client credentials grant with
 * {@code client_secret_basic} (id and secret), or SMART Backend Services' {@code private_key_jwt} (the JWT's RS384 or
 * ES384 signature with the registered key of its {@code kid}, {@code iss} = {@code sub} = the client id, {@code aud}
 * = this endpoint's URL, {@code exp} in the future and at most five minutes ahead, a {@code jti} never seen before).
 * Refusals are RFC 6749 error responses. Tokens live {@link #lifetime}; {@link #check} tells the FHIR server whether
 * a request's token is one of ours and still valid.
 */
public final class TestTokenEndpoint extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a FHIR request's Authorization header was, judged by this endpoint. */
    public enum Verdict {
        VALID, EXPIRED, UNKNOWN
    }

    /** One token request: when, and whether a token was issued. */
    public record Request(long nanoTime, boolean issued, String error) {
    }

    private volatile String clientId = "dicom2fhir-test-client";
    private volatile String clientSecret;
    private final Map<String, PublicKey> keys = new ConcurrentHashMap<>();
    private volatile Duration lifetime = Duration.ofSeconds(2);
    private volatile String requiredScope;
    private final Map<String, Long> expiries = new ConcurrentHashMap<>();
    private final Set<String> jtis = ConcurrentHashMap.newKeySet();
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final List<String> assertions = Collections.synchronizedList(new ArrayList<>());

    public void reset() {
        clientSecret = null;
        keys.clear();
        lifetime = Duration.ofSeconds(2);
        requiredScope = null;
        expiries.clear();
        jtis.clear();
        requests.clear();
        assertions.clear();
    }

    public TestTokenEndpoint clientSecret(String id, String secret) {
        clientId = id;
        clientSecret = secret;
        return this;
    }

    public TestTokenEndpoint registerKey(String id, String kid, PublicKey key) {
        clientId = id;
        keys.put(kid, key);
        return this;
    }

    public TestTokenEndpoint lifetime(Duration tokenLifetime) {
        lifetime = tokenLifetime;
        return this;
    }

    public TestTokenEndpoint requireScope(String scope) {
        requiredScope = scope;
        return this;
    }

    public List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** The client assertions received, in order (to replay one). */
    public List<String> assertions() {
        synchronized (assertions) {
            return List.copyOf(assertions);
        }
    }

    /** Whether {@code authorization} carries a token this endpoint issued that has not expired now. */
    public Verdict check(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return Verdict.UNKNOWN;
        }
        Long expiry = expiries.get(authorization.substring(7));
        if (expiry == null) {
            return Verdict.UNKNOWN;
        }
        return System.nanoTime() - expiry < 0 ? Verdict.VALID : Verdict.EXPIRED;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        long now = System.nanoTime();
        Map<String, String> form = form(new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        String error = refusal(request, form);
        requests.add(new Request(now, error == null, error));
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "no-store");
        if (error != null) {
            response.setStatus(error.equals("invalid_client") ? 401 : 400);
            if (error.equals("invalid_client")) {
                response.setHeader("WWW-Authenticate", "Basic realm=\"test\"");
            }
            response.getOutputStream().write(("{\"error\":\"" + error + "\",\"error_description\":\"refused by the test "
                    + "endpoint\"}").getBytes(StandardCharsets.UTF_8));
            return;
        }
        String token = "tok-" + UUID.randomUUID();
        expiries.put(token, now + lifetime.toNanos());
        double seconds = lifetime.toMillis() / 1000.0;
        response.getOutputStream().write(("{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":"
                + (seconds == Math.rint(seconds) ? String.valueOf((long) seconds) : String.valueOf(seconds))
                + "}").getBytes(StandardCharsets.UTF_8));
    }

    /** The RFC 6749 error code, or null when the request is good. */
    private String refusal(HttpServletRequest request, Map<String, String> form) {
        if (!"client_credentials".equals(form.get("grant_type"))) {
            return "unsupported_grant_type";
        }
        if (requiredScope != null && !requiredScope.equals(form.get("scope"))) {
            return "invalid_scope";
        }
        String basic = request.getHeader("Authorization");
        if (basic != null) {
            return basicValid(basic) ? null : "invalid_client";
        }
        String assertion = form.get("client_assertion");
        if (assertion == null
                || !"urn:ietf:params:oauth:client-assertion-type:jwt-bearer".equals(form.get("client_assertion_type"))) {
            return "invalid_client";
        }
        assertions.add(assertion);
        return assertionValid(assertion, request.getRequestURL().toString()) ? null : "invalid_client";
    }

    private boolean basicValid(String header) {
        if (clientSecret == null || !header.startsWith("Basic ")) {
            return false;
        }
        String pair = new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8);
        int colon = pair.indexOf(':');
        return colon > 0 && URLDecoder.decode(pair.substring(0, colon), StandardCharsets.UTF_8).equals(clientId)
                && URLDecoder.decode(pair.substring(colon + 1), StandardCharsets.UTF_8).equals(clientSecret);
    }

    private boolean assertionValid(String jwt, String endpointUrl) {
        try {
            String[] parts = jwt.split("\\.");
            if (parts.length != 3) {
                return false;
            }
            JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            PublicKey key = keys.get(header.path("kid").asText());
            String alg = header.path("alg").asText();
            if (key == null || !verified(alg, key, (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII),
                    Base64.getUrlDecoder().decode(parts[2]))) {
                return false;
            }
            long nowSeconds = System.currentTimeMillis() / 1000;
            long exp = claims.path("exp").asLong(0);
            return clientId.equals(claims.path("iss").asText()) && clientId.equals(claims.path("sub").asText())
                    && endpointUrl.equals(claims.path("aud").asText())
                    && exp > nowSeconds && exp <= nowSeconds + 300 + 5
                    && !claims.path("jti").asText().isEmpty() && jtis.add(claims.path("jti").asText());
        } catch (Exception e) {
            return false;
        }
    }

    /**
     * RS384 with SHA384withRSA; ES384 by converting JOSE's R||S to the DER that the JDK's plain SHA384withECDSA
     * verifies (an independent check of the client's format).
     */
    private static boolean verified(String alg, PublicKey key, byte[] input, byte[] signature) throws Exception {
        Signature verifier;
        byte[] der = signature;
        if (alg.equals("RS384") && key.getAlgorithm().equals("RSA")) {
            verifier = Signature.getInstance("SHA384withRSA");
        } else if (alg.equals("ES384") && key.getAlgorithm().equals("EC") && signature.length == 96) {
            verifier = Signature.getInstance("SHA384withECDSA");
            der = der(Arrays.copyOfRange(signature, 0, 48), Arrays.copyOfRange(signature, 48, 96));
        } else {
            return false;
        }
        verifier.initVerify(key);
        verifier.update(input);
        return verifier.verify(der);
    }

    private static byte[] der(byte[] r, byte[] s) {
        byte[] rDer = new BigInteger(1, r).toByteArray();
        byte[] sDer = new BigInteger(1, s).toByteArray();
        int length = 2 + rDer.length + 2 + sDer.length;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(0x30);
        if (length > 127) {
            out.write(0x81);
        }
        out.write(length);
        out.write(0x02);
        out.write(rDer.length);
        out.writeBytes(rDer);
        out.write(0x02);
        out.write(sDer.length);
        out.writeBytes(sDer);
        return out.toByteArray();
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }
}
