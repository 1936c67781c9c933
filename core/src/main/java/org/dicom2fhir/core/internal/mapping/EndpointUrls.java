package org.dicom2fhir.core.internal.mapping;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** The DICOMweb base URL of the contained Endpoint, checked by HL7's rule for DICOMweb endpoints. */
public final class EndpointUrls {
    private EndpointUrls() {
    }

    /**
     * Returns the URL when it is an absolute http or https URL with a host, without query, fragment,
     * trailing slash or trailing {@code /studies}.
     *
     * @throws IllegalArgumentException saying what is wrong (the URL is quoted: it is not patient data)
     */
    public static String validate(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("the endpoint URL is empty; give the DICOMweb base URL,"
                    + " e.g. https://pacs.example.org/dicom-web");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw invalid(url, "is not a valid URI");
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw invalid(url, "is not an absolute http or https URL");
        }
        if (uri.isOpaque() || uri.getRawAuthority() == null || uri.getRawAuthority().isEmpty()) {
            throw invalid(url, "has no host");
        }
        if (uri.getRawQuery() != null) {
            throw invalid(url, "has a query; the base URL must not have one");
        }
        if (uri.getRawFragment() != null) {
            throw invalid(url, "has a fragment; the base URL must not have one");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (path.endsWith("/")) {
            throw invalid(url, "ends with a slash; give the base URL without it");
        }
        if (path.toLowerCase(Locale.ROOT).endsWith("/studies")) {
            throw invalid(url, "ends with /studies; give the DICOMweb base URL, without /studies");
        }
        return url;
    }

    private static IllegalArgumentException invalid(String url, String what) {
        return new IllegalArgumentException("the endpoint URL '" + url + "' " + what
                + " (HL7's rule for DICOMweb endpoints)");
    }
}
