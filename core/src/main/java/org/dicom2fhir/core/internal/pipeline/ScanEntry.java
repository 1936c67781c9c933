package org.dicom2fhir.core.internal.pipeline;

import java.nio.file.Path;
import java.util.Objects;
import org.dicom2fhir.api.ReasonCode;

/**
 * One entry the scan found. {@code file} is the path to open (kept as the {@link Path} the directory
 * listing returned, so that file names the platform charset cannot decode still open); a non-null
 * {@code reason} means the scan already decided the entry's fate and it is never opened.
 *
 * @param relativePath       relative to the study folder, {@code /} separators
 * @param size               the size the scan's {@code lstat} saw, or {@link #UNKNOWN}
 * @param lastModifiedMillis the modification time the scan's {@code lstat} saw, or {@link #UNKNOWN}
 */
public record ScanEntry(String relativePath, Path file, ReasonCode reason, String message, long size,
        long lastModifiedMillis) {
    /** The size and time of an entry whose attributes the scan did not keep (decided, or not from a scan). */
    public static final long UNKNOWN = -1;

    public ScanEntry {
        Objects.requireNonNull(relativePath, "relativePath");
        Objects.requireNonNull(file, "file");
        if ((reason == null) != (message == null)) {
            throw new IllegalArgumentException("a reason needs a message and vice versa");
        }
    }

    public ScanEntry(String relativePath, Path file, ReasonCode reason, String message) {
        this(relativePath, file, reason, message, UNKNOWN, UNKNOWN);
    }

    static ScanEntry regular(String relativePath, Path file) {
        return new ScanEntry(relativePath, file, null, null);
    }

    static ScanEntry regular(String relativePath, Path file, long size, long lastModifiedMillis) {
        return new ScanEntry(relativePath, file, null, null, size, lastModifiedMillis);
    }

    static ScanEntry decided(String relativePath, Path file, ReasonCode reason, String message) {
        return new ScanEntry(relativePath, file, Objects.requireNonNull(reason), Objects.requireNonNull(message));
    }

    /** Whether the file is to be read. */
    public boolean isRegularFile() {
        return reason == null;
    }
}
