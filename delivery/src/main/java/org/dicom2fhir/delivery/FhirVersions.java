package org.dicom2fhir.delivery;

import java.net.URI;

/** A server's FHIR version against the writers' releases, as advice a user can act on. */
final class FhirVersions {
    private FhirVersions() {
    }

    /** Only what a version holds (digits, letters, dots, dashes), at most 32 characters: it goes into messages. */
    static String sanitised(String version) {
        String kept = version.trim().replaceAll("[^0-9A-Za-z.\\-]", "?");
        return kept.length() > 32 ? kept.substring(0, 32) + "..." : kept;
    }

    static String mismatch(URI base, String serverVersion, String expectedPrefix) {
        return "The FHIR server at " + base + " speaks FHIR " + serverVersion + " (its CapabilityStatement's fhirVersion), "
                + "but the transaction Bundles are FHIR " + expectedPrefix + ".x: " + advice(serverVersion);
    }

    private static String advice(String serverVersion) {
        if (serverVersion.startsWith("4.0.")) {
            return "for a FHIR R4 server use the writer -w hapi or -w ibm.";
        }
        if (serverVersion.startsWith("5.0.")) {
            return "for a FHIR R5 server use the writer -w hapi-r5.";
        }
        return "no dicom2fhir writer produces FHIR " + serverVersion + " (R4 4.0.x: -w hapi or -w ibm; R5 5.0.x: -w hapi-r5).";
    }
}
