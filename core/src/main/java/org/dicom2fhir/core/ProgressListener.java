package org.dicom2fhir.core;

/** Told about progress while a folder is converted; called from reader threads, must be thread-safe and cheap. */
public interface ProgressListener {
    ProgressListener NONE = new ProgressListener() {
        @Override
        public void filesFound(int total) {
        }

        @Override
        public void fileDone(int done) {
        }
    };

    /** The scan is complete: this many files will be read. */
    void filesFound(int total);

    /** Another file has its disposition; {@code done} counts them. */
    void fileDone(int done);
}
