package org.dicom2fhir.core.internal.mapping;

import java.util.HashMap;
import java.util.Map;

/**
 * SNOMED-RT codes (scheme designator SRT, which DICOM retired in favour of SCT; older files still carry them, such
 * as T-D3000) -> SNOMED CT by DICOM PS3.16 Table O-1 (srt-to-snomed.tsv, generated from pydicom by
 * scripts/dicom-tables.py, loaded once).
 */
final class LegacySnomed {
    static final String RESOURCE = "srt-to-snomed.tsv";

    /** A SNOMED CT code and its meaning; {@code meaning} is null where the table has none. */
    record SnomedCt(String code, String meaning) {
    }

    private LegacySnomed() {
    }

    private static final class Table {
        static final Map<String, SnomedCt> CODES = load();
    }

    /** The SNOMED CT concept for the SNOMED-RT code (trimmed, case-sensitive), or null when it is not in the table. */
    static SnomedCt snomedCt(String srtCode) {
        String code = Text.clean(srtCode);
        return code == null ? null : Table.CODES.get(code);
    }

    /** The table, for tests. */
    static Map<String, SnomedCt> codes() {
        return Table.CODES;
    }

    private static Map<String, SnomedCt> load() {
        Map<String, SnomedCt> codes = new HashMap<>(16_384);
        for (String[] row : ReferenceTables.rows(RESOURCE, 3)) {
            if (codes.put(row[0], new SnomedCt(row[1], row[2].isEmpty() ? null : row[2])) != null) {
                throw new IllegalStateException("duplicate row in " + RESOURCE + ": " + row[0]);
            }
        }
        return Map.copyOf(codes);
    }
}
