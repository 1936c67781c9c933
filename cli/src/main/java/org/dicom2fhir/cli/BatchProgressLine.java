package org.dicom2fhir.cli;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.dicom2fhir.batch.BatchProgress;

/**
 * The status line of {@code batch} on a terminal: files read and their rate while reading; then studies and
 * instances written, the rate and the time left. Counters only; {@link ProgressBar} draws {@link #line()}.
 */
final class BatchProgressLine implements BatchProgress {
    private static final int WIDTH = 30;

    private final AtomicLong files = new AtomicLong();
    private final AtomicLong studiesTotal = new AtomicLong(-1);
    private final AtomicLong studies = new AtomicLong();
    private final AtomicLong instances = new AtomicLong();
    private final long start = System.nanoTime();
    private volatile long writingStart;

    @Override
    public void filesRead(long count) {
        files.accumulateAndGet(count, Math::max);
    }

    @Override
    public void studiesFound(long total) {
        writingStart = System.nanoTime();
        studiesTotal.set(total);
    }

    @Override
    public void studiesDone(long doneStudies, long doneInstances) {
        studies.set(doneStudies);
        instances.set(doneInstances);
    }

    String line() {
        long total = studiesTotal.get();
        if (total < 0) {
            double seconds = Math.max(1e-3, (System.nanoTime() - start) / 1e9);
            return String.format(Locale.ROOT, "reading: %,d files (%,.0f/s)", files.get(), files.get() / seconds);
        }
        long done = studies.get();
        double seconds = Math.max(1e-3, (System.nanoTime() - writingStart) / 1e9);
        double rate = done / seconds;
        int filled = total == 0 ? WIDTH : (int) (Math.min(done, total) * WIDTH / total);
        String left = rate <= 0 || done >= total ? "" : ", " + duration((long) ((total - done) / rate)) + " left";
        return String.format(Locale.ROOT, "studies [%s%s] %,d/%,d, %,d instances, %,.0f studies/s%s",
                "=".repeat(filled), " ".repeat(WIDTH - filled), done, total, instances.get(), rate, left);
    }

    private static String duration(long seconds) {
        return seconds >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }
}
