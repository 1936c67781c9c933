package org.dicom2fhir.core.internal.mapping;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * The codes of the DCM code system that FHIR R4 publishes (dcm-codes.txt, loaded once). A validator
 * rejects a DCM coding whose code it does not know, so a code outside this list is treated like any
 * code we cannot look up: no system, {@code userSelected: true}.
 */
final class DcmCodes {
    static final String RESOURCE = "dcm-codes.txt";

    private DcmCodes() {
    }

    private static final class Table {
        static final Set<String> CODES = load();
    }

    static boolean known(String code) {
        return code != null && Table.CODES.contains(code);
    }

    private static Set<String> load() {
        Set<String> codes = new HashSet<>();
        try (InputStream in = DcmCodes.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from dicom2fhir-core");
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    codes.add(line.strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        return Set.copyOf(codes);
    }
}
