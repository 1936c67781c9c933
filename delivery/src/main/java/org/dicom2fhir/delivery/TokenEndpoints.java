package org.dicom2fhir.delivery;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;

/** Checks shared by the OAuth2 clients. */
final class TokenEndpoints {
    private TokenEndpoints() {
    }

    /** An https URL, or http to a loopback address (a test or a local sidecar): secrets never cross a network in clear. */
    static URI checked(String tokenUrl) {
        URI uri;
        try {
            uri = new URI(tokenUrl);
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalArgumentException("the token URL is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("the token URL must be https://host/... without user information");
        }
        if (scheme.equals("https") || scheme.equals("http") && loopback(uri.getHost())) {
            return uri;
        }
        throw new IllegalArgumentException("the token URL must be https (http only on a loopback address): " + uri);
    }

    private static boolean loopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        String literal = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (!literal.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false; // no name look-up here: only literals and localhost
        }
        try {
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    static String required(Properties properties, String name, Path file) {
        String value = properties.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new DeliveryException(file + " has no " + name + " (a properties file: client_id=..., "
                    + "client_secret=..., optionally scope=...)");
        }
        return value.strip();
    }
}
