package org.dicom2fhir.batch;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reads on the I/O threads, at most four tasks per thread in flight (a task reads a few files; the scan or listing
 * waits beyond that, so that memory holds few results at a time); a {@linkplain #submitStaged staged} task's second
 * stage runs on as many parsing threads as there are cores and counts as in flight until it is done. The first
 * failure ends the reading and is thrown by the next submit or by {@link #awaitAll}.
 */
final class Reads implements AutoCloseable {
    /** One read; may throw what the source throws. */
    @FunctionalInterface
    interface Read {
        void run() throws IOException;
    }

    /** The first stage of a read, on an I/O thread: returns the second, to run on a parsing thread (or null). */
    @FunctionalInterface
    interface Staged {
        Read fetch() throws IOException;
    }

    private final ExecutorService pool;
    /** The second stages of staged reads: as many threads as cores (started on first use). */
    private final ExecutorService parsing;
    private final Semaphore inFlight;
    private final int permits;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    Reads(int threads) {
        this.permits = 4 * threads;
        this.inFlight = new Semaphore(permits);
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "dicom2fhir-batch-read");
            t.setDaemon(true);
            return t;
        });
        this.parsing = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), r -> {
            Thread t = new Thread(r, "dicom2fhir-batch-parse");
            t.setDaemon(true);
            return t;
        });
    }

    /** A read on an I/O thread. */
    void submit(Read read) throws IOException {
        acquire(1);
        rethrow();
        pool.execute(() -> run(read));
    }

    /** A read in two stages: the fetch on an I/O thread, the rest on a parsing thread; in flight until both are done. */
    void submitStaged(Staged staged) throws IOException {
        acquire(1);
        rethrow();
        pool.execute(() -> {
            Read second;
            try {
                second = staged.fetch();
                if (second != null) {
                    parsing.execute(() -> run(second));
                    return; // in flight until the second stage is done
                }
            } catch (Throwable t) {
                failure.compareAndSet(null, t); // also the parsing pool's refusal once it was closed
            }
            inFlight.release();
        });
    }

    private void run(Read read) {
        try {
            read.run();
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
        } finally {
            inFlight.release();
        }
    }

    /** Waits for every read submitted; throws the first failure. */
    void awaitAll() throws IOException {
        acquire(permits);
        inFlight.release(permits);
        rethrow();
    }

    private void acquire(int n) throws InterruptedIOException {
        try {
            inFlight.acquire(n);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException interrupted = new InterruptedIOException("interrupted while reading the input");
            interrupted.initCause(e);
            throw interrupted;
        }
    }

    private void rethrow() throws IOException {
        rethrow(failure.get());
    }

    /** Throws a failure of another thread as it was (an IOException as an IOException), or nothing for null. */
    static void rethrow(Throwable t) throws IOException {
        if (t instanceof IOException e) {
            throw e;
        }
        if (t instanceof UncheckedIOException e) {
            throw e.getCause();
        }
        if (t instanceof RuntimeException e) {
            throw e;
        }
        if (t instanceof Error e) {
            throw e;
        }
        if (t != null) {
            throw new IllegalStateException(t);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
        parsing.shutdownNow();
        try {
            pool.awaitTermination(1, TimeUnit.MINUTES);
            parsing.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
