package org.dicom2fhir.core;

import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * What belongs to one conversion run rather than to the (shared, thread-safe) converter: who is told
 * about its progress, and where its reads run.
 *
 * @param progress told as files are found and read; called from reading threads
 * @param executor where the reads run, or null for a pool of the converter's {@link Converter#ioThreads()}
 *                 made for the run; a caller's executor is never shut down, and at most
 *                 {@code 4 x ioThreads} reads are queued on it at once
 */
public record RunOptions(ProgressListener progress, Executor executor) {
    private static final RunOptions DEFAULTS = new RunOptions(ProgressListener.NONE, null);

    public RunOptions {
        Objects.requireNonNull(progress, "progress");
    }

    public static RunOptions defaults() {
        return DEFAULTS;
    }

    public RunOptions withProgress(ProgressListener listener) {
        return new RunOptions(listener, executor);
    }

    public RunOptions withExecutor(Executor readExecutor) {
        return new RunOptions(progress, readExecutor);
    }
}
