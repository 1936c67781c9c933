package org.dicom2fhir.batch;

import java.io.IOException;
import java.util.Map;

/**
 * Where a batch run's results go, in a fixed order: every study in Study Instance UID order ({@link #study} or
 * {@link #studyFailed}), then every file that was not included in (root, relative path) order, then
 * {@link #finish}. Called from one thread. NDJSON files and a FHIR server are two sinks; an embedder may write
 * to anything (a queue, a database).
 */
public interface StudySink {
    /** A mapped study. */
    void study(BatchStudy study) throws IOException;

    /** A study whose facts could not be mapped; {@code reason} names no patient value. */
    default void studyFailed(String studyInstanceUid, String reason) throws IOException {
    }

    /** A file of the archive that was not included (skipped, failed, or another copy of an instance). */
    default void file(BatchFile file) throws IOException {
    }

    /** After the last study and file. */
    default void finish(BatchSummary summary) throws IOException {
    }

    /**
     * The sink's position after what it was given so far, once that is safe from a crash of this process (written
     * through to the operating system): stored in the run's journal, and given back to {@link #resume} when an
     * interrupted run is continued. The default, an empty map, restores nothing: after a resume such a sink sees
     * again the studies it was given after the last checkpoint (at least once, never lost).
     */
    default Map<String, Long> checkpoint() throws IOException {
        return Map.of();
    }

    /**
     * Called first on a continued run, with the last {@link #checkpoint} the journal holds: the sink returns to
     * that position (e.g. cuts what it wrote after it). The studies and files after it follow.
     */
    default void resume(Map<String, Long> checkpoint) throws IOException {
    }
}
