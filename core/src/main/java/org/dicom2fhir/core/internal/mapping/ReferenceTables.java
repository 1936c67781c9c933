package org.dicom2fhir.core.internal.mapping;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the tables scripts/dicom-tables.py generates from pydicom (sop-classes.tsv, acquisition-modalities.txt,
 * srt-to-snomed.tsv): '#' comment lines first, then for .tsv a row of column names and tab-separated rows.
 */
final class ReferenceTables {
    private ReferenceTables() {
    }

    /** The lines that are not comments or blank. */
    static List<String> lines(String resource) {
        InputStream in = ReferenceTables.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("resource " + resource + " is missing from the dicom2fhir-core jar");
        }
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    lines.add(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
        return lines;
    }

    /** The rows after the column names, each split into exactly {@code columns} fields (empty ones kept). */
    static List<String[]> rows(String resource, int columns) {
        List<String> lines = lines(resource);
        List<String[]> rows = new ArrayList<>(lines.size());
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] fields = line.split("\t", -1);
            if (fields.length != columns) {
                throw new IllegalStateException("malformed row in " + resource + ": " + fields.length + " columns");
            }
            rows.add(fields);
        }
        return rows;
    }
}
