package org.dicom2fhir.core;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One entry a {@linkplain Converter#scan scan} found below a folder: a file to read with
 * {@link Converter#read(ScannedFile)}, or an entry whose fate the scan already decided (a folder too deep or
 * unreadable), which is never opened.
 *
 * @param relativePath relative to the scanned folder, {@code /} separators
 * @param file         the path to open (as the listing returned it)
 * @param decided      the report of an entry the scan decided, or null for a file to read
 */
public record ScannedFile(String relativePath, Path file, FileReport decided) {
    public ScannedFile {
        Objects.requireNonNull(relativePath, "relativePath");
        Objects.requireNonNull(file, "file");
    }

    /** Takes the entries of a scan in sorted relative-path order; may throw to stop it. */
    @FunctionalInterface
    public interface Sink {
        void accept(ScannedFile entry) throws java.io.IOException;
    }
}
