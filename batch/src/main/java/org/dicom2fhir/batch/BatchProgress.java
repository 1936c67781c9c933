package org.dicom2fhir.batch;

/**
 * What a batch run has done so far, for a progress display. Called from the reading threads and the emitting
 * thread: implementations only update counters. On a resume the counts start with what this run does.
 */
public interface BatchProgress {
    /** No display. */
    BatchProgress NONE = new BatchProgress() {
    };

    /** Files read so far (all roots). */
    default void filesRead(long files) {
    }

    /** Reading is over; {@code studies} studies are to be mapped and handed on. */
    default void studiesFound(long studies) {
    }

    /** Studies and their instances handed on so far. */
    default void studiesDone(long studies, long instances) {
    }
}
