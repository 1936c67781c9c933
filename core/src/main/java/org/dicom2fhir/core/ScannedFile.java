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
 * @param size         a file's size as the scan saw it (its {@code lstat}, links not followed), or {@link #UNKNOWN}
 * @param lastModifiedMillis a file's modification time as the scan saw it, or {@link #UNKNOWN}: with the size, what
 *                     a caller that must notice a changed file compares (a batch's resume) without a second stat
 */
public record ScannedFile(String relativePath, Path file, FileReport decided, long size, long lastModifiedMillis) {
    /** The size and time of an entry the scan decided (never opened). */
    public static final long UNKNOWN = -1;

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
