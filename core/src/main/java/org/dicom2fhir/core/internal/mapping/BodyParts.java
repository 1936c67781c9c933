package org.dicom2fhir.core.internal.mapping;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.dicom2fhir.api.model.CodingData;
import org.dicom2fhir.api.model.FhirTerms;

/** (0018,0015) Body Part Examined -> SNOMED CT by DICOM PS3.16 Table L-1 (body-part-snomed.tsv, loaded once). */
final class BodyParts {
    static final String RESOURCE = "body-part-snomed.tsv";

    /** A row of the table; {@code snomedCode} is null for the terms the table gives no code (FETAL*). */
    record Term(String snomedCode, String meaning) {
    }

    private BodyParts() {
    }

    private static final class Table {
        static final Map<String, Term> TERMS = load();
    }

    /**
     * The body site: SNOMED {@code {system, code, display}} when the normalised term (trimmed, upper-case)
     * is in the table with a code; otherwise {@code {code: <value as found>, userSelected: true}} (with the
     * table's meaning as display for a listed term without a code); null when empty.
     */
    static CodingData bodySite(String raw) {
        String value = Text.code(raw);
        if (value == null) {
            return null;
        }
        Term term = Table.TERMS.get(value.toUpperCase(Locale.ROOT));
        if (term == null) {
            return CodingData.unlooked(value, null);
        }
        if (term.snomedCode() == null) {
            return CodingData.unlooked(value, term.meaning());
        }
        return CodingData.of(FhirTerms.SNOMED_SYSTEM, term.snomedCode(), term.meaning());
    }

    /** The table, for tests. */
    static Map<String, Term> terms() {
        return Table.TERMS;
    }

    private static Map<String, Term> load() {
        InputStream in = BodyParts.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException("resource " + RESOURCE + " is missing from the dicom2fhir-core jar");
        }
        Map<String, Term> terms = new HashMap<>(512);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            boolean header = true;
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (header) {
                    header = false; // column names
                    continue;
                }
                String[] columns = line.split("\t", -1);
                if (columns.length != 3) {
                    throw new IllegalStateException("malformed row in " + RESOURCE + ": " + columns.length
                            + " columns");
                }
                terms.put(columns[0].trim(), new Term(Text.clean(columns[1]), Text.clean(columns[2])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        return Map.copyOf(terms);
    }
}
