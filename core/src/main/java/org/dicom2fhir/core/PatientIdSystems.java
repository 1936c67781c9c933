package org.dicom2fhir.core;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where the {@code system} of the Patient ID comes from when the data set does not name it as a URI. The
 * first that applies: (1) the Universal Entity ID of Issuer of Patient ID Qualifiers (0010,0024);
 * (2) {@link #issuerMap()} by the exact, trimmed Issuer of Patient ID (0010,0021); (3) {@link #defaultSystem()},
 * only when (0010,0021) and (0010,0024) are both absent or empty. An issuer that is named but maps to
 * nothing gives no system: a guessed system would link the study to another issuer's patient.
 *
 * @param issuerMap     (0010,0021) text -> system URI
 * @param defaultSystem the system of Patient IDs that name no issuer at all, or null
 */
public record PatientIdSystems(Map<String, String> issuerMap, String defaultSystem) {
    private static final PatientIdSystems NONE = new PatientIdSystems(Map.of(), null);

    public PatientIdSystems {
        issuerMap = Map.copyOf(issuerMap);
        issuerMap.values().forEach(uri -> requireAbsoluteUri(uri, "an issuer map's system"));
        if (defaultSystem != null) {
            requireAbsoluteUri(defaultSystem, "the Patient ID system");
        }
    }

    /** Only (1): the data set's own issuer URIs. */
    public static PatientIdSystems none() {
        return NONE;
    }

    /**
     * Reads an issuer map: UTF-8 lines {@code ISSUER=URI}, split at the last {@code =}, both sides trimmed;
     * blank lines and lines starting with {@code #} are ignored.
     *
     * @throws InvalidOptionException the file cannot be read, or a line (named by its number) is not
     *                                {@code ISSUER=URI} with an absolute URI, or repeats an issuer
     */
    public static Map<String, String> readIssuerMap(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new InvalidOptionException("The issuer map " + file + " is not UTF-8 text.", e);
        } catch (IOException e) {
            throw new InvalidOptionException("Cannot read the issuer map " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = "line " + (i + 1) + " of the issuer map " + file;
            int split = line.lastIndexOf('=');
            String issuer = split < 0 ? "" : line.substring(0, split).strip();
            String system = split < 0 ? "" : line.substring(split + 1).strip();
            if (issuer.isEmpty() || system.isEmpty()) {
                throw new InvalidOptionException("Expected ISSUER=URI on " + where + ".");
            }
            if (!isAbsoluteUri(system)) {
                throw new InvalidOptionException("The system on " + where + " is not an absolute URI.");
            }
            if (map.put(issuer, system) != null) {
                throw new InvalidOptionException("The issuer on " + where + " is listed twice.");
            }
        }
        return map;
    }

    private static void requireAbsoluteUri(String uri, String what) {
        if (!isAbsoluteUri(uri)) {
            throw new InvalidOptionException(what.substring(0, 1).toUpperCase(Locale.ROOT) + what.substring(1)
                    + " must be an absolute URI (e.g. urn:oid:1.2.3.4 or https://hospital.example/patients).");
        }
    }

    private static boolean isAbsoluteUri(String value) {
        try {
            return value != null && !value.isBlank() && new URI(value).isAbsolute();
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
