package org.dicom2fhir.delivery;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Objects;
import org.dicom2fhir.http.Credentials;
import org.dicom2fhir.http.KeyFiles;
import org.dicom2fhir.http.OAuthTokens;
import org.dicom2fhir.http.PrivateKeyJwt;

/**
 * SMART Backend Services (SMART App Launch, "backend services"): the client credentials grant with
 * {@code private_key_jwt} client authentication, a JWT signed RS384 or ES384 with the client's private key (the
 * server knows the public key under {@code kid}), and the scopes the client was granted (e.g.
 * {@code system/ImagingStudy.write system/ImagingStudy.read}). The key is never printed.
 */
public final class SmartBackendServices {
    private final URI tokenUrl;
    private final PrivateKeyJwt client;
    private final String scope;

    private SmartBackendServices(URI tokenUrl, PrivateKeyJwt client, String scope) {
        this.tokenUrl = tokenUrl;
        this.client = client;
        this.scope = scope;
    }

    /**
     * @param tokenUrl the token endpoint: https, or http on a loopback address only
     * @param keyFile PEM, an unencrypted PKCS#8 RSA key (RS384) or EC P-384 key (ES384)
     * @param keyId the {@code kid} of the key in the client's registered JWK Set
     * @param scope space-separated scopes, as granted to the client
     * @throws IOException naming the file when it cannot be read or holds no usable key
     * @throws IllegalArgumentException for a token URL that is not https (or loopback http), an empty client id, kid
     *         or scope
     */
    public static SmartBackendServices fromKeyFile(String tokenUrl, String clientId, Path keyFile, String keyId,
            String scope) throws IOException {
        URI url = TokenEndpoints.checked(tokenUrl);
        for (String[] value : new String[][] {{"client id", clientId}, {"kid", keyId}, {"scope", scope}}) {
            if (value[1] == null || value[1].isBlank()) {
                throw new IllegalArgumentException("SMART Backend Services need a " + value[0]);
            }
        }
        PrivateKey key = KeyFiles.privateKey(Objects.requireNonNull(keyFile, "keyFile"));
        try {
            return new SmartBackendServices(url, new PrivateKeyJwt(clientId, key, keyId, url), scope.strip());
        } catch (IllegalArgumentException e) {
            throw new IOException(keyFile + ": " + e.getMessage(), e);
        }
    }

    Credentials credentials(Duration requestTimeout) {
        return new OAuthTokens(tokenUrl, scope, client, requestTimeout);
    }

    @Override
    public String toString() {
        return "SmartBackendServices[" + tokenUrl + ", " + client + "]";
    }
}
