package org.dicom2fhir.core.internal.pipeline;

import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Applies a function to every item on a bounded pool and hands the results to a sink in the items'
 * order, whatever order they complete in. At most {@code window} items are in flight or waiting, so
 * memory does not grow with the number of items; each item is released from the input list as soon
 * as it has been submitted.
 */
public final class OrderedParallel {
    private static final AtomicInteger POOL_COUNT = new AtomicInteger();

    private OrderedParallel() {
    }

    /**
     * @param items    consumed (each element is set to null once submitted, so it can be collected)
     * @param executor where the work runs (never shut down here), or null for a pool of {@code threads} made
     *                 for this run
     * @param threads  pool size when there is no executor (the pool is never larger than the number of items)
     * @param window  most items submitted but not yet handed to the sink
     * @param work    must not throw; a throwable it throws anyway is rethrown here after the pool stops
     * @param sink    called on the calling thread, in item order
     * @throws InterruptedIOException when the calling thread is interrupted while waiting
     */
    public static <T, R> void run(List<T> items, Executor executor, int threads, int window, Function<T, R> work,
            Consumer<R> sink) throws InterruptedIOException {
        if (threads < 1 || window < 1) {
            throw new IllegalArgumentException("threads and window must be positive");
        }
        int n = items.size();
        if (n == 0) {
            return;
        }
        if (executor == null && (threads == 1 || n == 1)) {
            for (int i = 0; i < n; i++) {
                T item = items.set(i, null);
                sink.accept(work.apply(item));
            }
            return;
        }
        ExecutorService pool = executor != null ? null : Executors.newFixedThreadPool(Math.min(threads, n), daemonThreads());
        Executor runOn = executor != null ? executor : pool;
        Deque<Future<R>> inFlight = new ArrayDeque<>(Math.min(window, n));
        try {
            int next = 0;
            while (next < n || !inFlight.isEmpty()) {
                while (next < n && inFlight.size() < window) {
                    T item = items.set(next++, null);
                    FutureTask<R> task = new FutureTask<>(() -> work.apply(item));
                    inFlight.add(task);
                    runOn.execute(task);
                }
                sink.accept(await(inFlight.poll()));
            }
        } finally {
            for (Future<R> f : inFlight) {
                f.cancel(true);
            }
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    private static <R> R await(Future<R> future) throws InterruptedIOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException io = new InterruptedIOException("interrupted while reading the study folder");
            io.initCause(e);
            throw io;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("a read task failed", cause);
        }
    }

    private static ThreadFactory daemonThreads() {
        int pool = POOL_COUNT.incrementAndGet();
        AtomicInteger thread = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "dicom2fhir-read-" + pool + "-" + thread.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
