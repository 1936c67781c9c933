package org.dicom2fhir.batch;

import java.io.IOException;
import java.util.List;

/**
 * An interrupted run cannot be continued: the options differ from the journal's, or the input changed under it
 * (a file read before the interruption changed or vanished: its study would mix stale and fresh facts). Starting
 * again (discarding the journal) is the way out. The message names options, root indexes and relative paths only.
 */
public final class ResumeRefusedException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Why. */
    public enum Kind {
        /** the run's options differ from those the journal recorded ({@link #differences()} names them) */
        OPTIONS_CHANGED,
        /** a file read before the interruption changed or vanished */
        INPUT_CHANGED
    }

    private final Kind kind;
    private final List<String> differences;

    ResumeRefusedException(Kind kind, String message, List<String> differences) {
        super(message);
        this.kind = kind;
        this.differences = List.copyOf(differences);
    }

    public Kind kind() {
        return kind;
    }

    /** The names of the options that differ (OPTIONS_CHANGED), else empty. */
    public List<String> differences() {
        return differences;
    }
}
