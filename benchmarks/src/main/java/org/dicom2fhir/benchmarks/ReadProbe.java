package org.dicom2fhir.benchmarks;

import java.io.FileInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The I/O probe the pipelines are measured against: open, read 8 KB, close every file, with a given number of reads
 * in flight (threads taking the next file). The paths are listed before, so the probe lists no folder.
 */
final class ReadProbe implements AutoCloseable {
    private final String[] files;
    private final int threads;
    private final ExecutorService pool;

    ReadProbe(List<java.nio.file.Path> files, int threads) {
        this.files = files.stream().map(java.nio.file.Path::toString).toArray(String[]::new);
        this.threads = threads;
        this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "read-probe");
            t.setDaemon(true);
            return t;
        });
    }

    /** Reads the first 8 KB of every file; returns the bytes read. */
    long read8k() throws Exception {
        AtomicInteger next = new AtomicInteger();
        Callable<Long> reader = () -> {
            byte[] buffer = new byte[8192];
            long bytes = 0;
            for (int i = next.getAndIncrement(); i < files.length; i = next.getAndIncrement()) {
                try (FileInputStream in = new FileInputStream(files[i])) {
                    bytes += in.read(buffer, 0, buffer.length);
                }
            }
            return bytes;
        };
        if (pool == null) {
            return reader.call();
        }
        List<Future<Long>> readers = new ArrayList<>(threads);
        for (int t = 0; t < threads; t++) {
            readers.add(pool.submit(reader));
        }
        long bytes = 0;
        for (Future<Long> f : readers) {
            bytes += f.get();
        }
        return bytes;
    }

    int fileCount() {
        return files.length;
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
