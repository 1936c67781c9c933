package org.dicom2fhir.core;

import java.util.List;
import org.dicom2fhir.core.internal.pipeline.FetchedHead;
import org.dicom2fhir.core.internal.pipeline.FileReading;

/**
 * A scanned file's head, fetched by {@link Converter#fetch} (the file opened, read once and closed again) so that
 * {@link Converter#read(FetchedFile)} can read it on another thread: a caller keeps its reading threads on the disk
 * and parses on as many threads as there are cores. Holds the caller's buffer until it is read; the buffer is the
 * caller's again once {@code read} returns (nothing read from it refers to it).
 */
public final class FetchedFile {
    /**
     * A head that holds the whole header of most DICOM files without their pixel data: a file whose header goes on
     * past the head is opened again for the rest.
     */
    public static final int HEAD_BYTES = FileReading.HEAD_BYTES;

    final ScannedFile entry;
    final byte[] buffer;
    /** What the fetch read; null when the outcome is {@link #known}. */
    final FetchedHead head;
    /** The outcome known without reading (an entry the scan decided, a file that could not be fetched), or null. */
    final List<FileOutcome> known;

    FetchedFile(ScannedFile entry, byte[] buffer, FetchedHead head, List<FileOutcome> known) {
        this.entry = entry;
        this.buffer = buffer;
        this.head = head;
        this.known = known;
    }

    /** The entry fetched. */
    public ScannedFile entry() {
        return entry;
    }
}
