package org.dicom2fhir.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Properties;

/** {@code -V}: our version (filtered into version.properties by the build) and the Java that runs us. */
final class VersionProvider {
    private VersionProvider() {
    }

    /** The lines {@code --version} prints. */
    static List<String> lines() {
        return List.of(
                "dicom2fhir " + version(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
    }

    static String version() {
        try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version");
                if (v != null && !v.startsWith("${")) {
                    return v;
                }
            }
        } catch (IOException e) {
            // fall through to the manifest
        }
        String fromManifest = VersionProvider.class.getPackage().getImplementationVersion();
        return fromManifest != null ? fromManifest : "(unknown version)";
    }
}
