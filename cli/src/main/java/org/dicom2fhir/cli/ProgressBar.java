package org.dicom2fhir.cli;

import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.dicom2fhir.core.ProgressListener;

/**
 * A one-line progress bar on standard error, redrawn with a carriage return. Reader threads only
 * update counters; a timer draws, and only once the run has lasted {@code delayMillis}, so short
 * runs never show it. {@link #close()} draws the final count and clears the line. The command hands
 * it to each conversion as that run's listener ({@code RunOptions.withProgress}).
 */
final class ProgressBar implements ProgressListener, AutoCloseable {
    static final long DEFAULT_DELAY_MILLIS = 1000;
    private static final long REDRAW_MILLIS = 200;
    private static final int WIDTH = 30;

    private final PrintStream err;
    private final AtomicInteger total = new AtomicInteger(-1);
    private final AtomicInteger done = new AtomicInteger();
    private final long delayMillis;
    /** What the bar shows, asked at each redraw. */
    private final java.util.function.Supplier<String> status;
    private ScheduledExecutorService timer;
    private int drawnLength;
    private String lastLine = "";

    ProgressBar(PrintStream err, long delayMillis) {
        this.err = err;
        this.delayMillis = delayMillis;
        this.status = () -> line(done.get(), total.get());
    }

    /** A status line of the caller's (batch's), drawn the same way: after the delay, redrawn, cleared at the end. */
    ProgressBar(PrintStream err, long delayMillis, java.util.function.Supplier<String> status) {
        this.err = err;
        this.delayMillis = delayMillis;
        this.status = status;
    }

    /** Starts the clock: the bar appears after the delay unless {@link #close()} comes first. */
    synchronized void start() {
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "dicom2fhir-progress");
                t.setDaemon(true);
                return t;
            });
            timer.scheduleAtFixedRate(this::draw, delayMillis, REDRAW_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void filesFound(int count) {
        total.set(count);
    }

    @Override
    public void fileDone(int count) {
        done.accumulateAndGet(count, Math::max);
    }

    private synchronized void draw() {
        String line = status.get();
        if (line.length() == drawnLength && line.equals(lastLine)) {
            return;
        }
        lastLine = line;
        StringBuilder out = new StringBuilder("\r").append(line);
        for (int i = line.length(); i < drawnLength; i++) {
            out.append(' ');
        }
        drawnLength = line.length();
        err.print(out);
        err.flush();
    }

    static String line(int done, int total) {
        if (total < 0) {
            return "scanning the folder...";
        }
        if (total == 0) {
            return "finishing...";
        }
        int filled = (int) ((long) Math.min(done, total) * WIDTH / total);
        return "reading files [" + "=".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + done + "/" + total
                + (done >= total ? ", finishing..." : "");
    }

    @Override
    public void close() {
        ScheduledExecutorService running;
        synchronized (this) {
            running = timer;
        }
        if (running != null) {
            running.shutdownNow();
            try {
                running.awaitTermination(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            if (drawnLength > 0) {
                // the final count, then the line is cleared: the bar never stops at a stale count
                draw();
                err.print("\r" + " ".repeat(drawnLength) + "\r");
                err.flush();
                drawnLength = 0;
            }
        }
    }
}
