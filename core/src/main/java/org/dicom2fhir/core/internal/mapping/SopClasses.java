package org.dicom2fhir.core.internal.mapping;

import java.util.HashMap;
import java.util.Map;

/**
 * SOP Class UID -> its name in the DICOM PS3.6 UID registry, retired classes included (sop-classes.tsv, generated
 * from pydicom by scripts/dicom-tables.py, loaded once).
 */
final class SopClasses {
    static final String RESOURCE = "sop-classes.tsv";

    /** A registry entry; {@code retired} for the classes the standard has retired (still found in old files). */
    record Entry(String name, boolean retired) {
    }

    private SopClasses() {
    }

    private static final class Table {
        static final Map<String, Entry> ENTRIES = load();
    }

    /** The registry name of the SOP class; null for null, empty or a UID the registry does not list. */
    static String name(String uid) {
        Entry entry = entry(uid);
        return entry == null ? null : entry.name();
    }

    /** The registry entry, or null. UIDs are compared after removing padding (a UI value may end in NUL). */
    static Entry entry(String uid) {
        String value = Text.clean(uid);
        return value == null ? null : Table.ENTRIES.get(value);
    }

    /** The table, for tests. */
    static Map<String, Entry> entries() {
        return Table.ENTRIES;
    }

    private static Map<String, Entry> load() {
        Map<String, Entry> entries = new HashMap<>(512);
        for (String[] row : ReferenceTables.rows(RESOURCE, 3)) {
            if (entries.put(row[0], new Entry(row[1], !row[2].isEmpty())) != null) {
                throw new IllegalStateException("duplicate row in " + RESOURCE + ": " + row[0]);
            }
        }
        return Map.copyOf(entries);
    }
}
