package org.dicom2fhir.batch;

import java.io.IOException;

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
}
