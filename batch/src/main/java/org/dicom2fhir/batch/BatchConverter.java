package org.dicom2fhir.batch;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.dicom2fhir.api.Disposition;
import org.dicom2fhir.api.ReasonCode;
import org.dicom2fhir.core.Converter;
import org.dicom2fhir.core.FileOutcome;
import org.dicom2fhir.core.InstanceFacts;
import org.dicom2fhir.core.ScannedFile;
import org.dicom2fhir.core.StudyConversion;

/**
 * Converts an archive: every file below every root is read once, its facts go to an on-disk store grouped by Study
 * Instance UID (whatever the folder layout: a study may span folders and roots, a folder may hold many studies),
 * copies of an instance are dropped (the first in root order, then relative path, is kept), and only when every
 * file is read is each study mapped, in Study UID order, and handed to a {@link StudySink}. Memory holds the
 * folders being walked, the reads in flight, the store's page cache and one study's facts, whatever the archive's
 * size.
 */
public final class BatchConverter {
    private final Converter converter;
    private final List<Path> roots;
    private final Path storeFile;
    private final int cacheMiB;

    private BatchConverter(Converter converter, List<Path> roots, Path storeFile, int cacheMiB) {
        this.converter = converter;
        this.roots = roots;
        this.storeFile = storeFile;
        this.cacheMiB = cacheMiB;
    }

    /**
     * @param converter the reader, mapping options and limits of the run (its writer is not used here: the sink
     *                  writes)
     * @param roots     the folders to convert, in the order that decides which copy of an instance is kept
     * @param workDir   where the store file ({@code facts.mv.db}) is created; an existing one is replaced
     */
    public static BatchConverter create(Converter converter, List<Path> roots, Path workDir) {
        Objects.requireNonNull(converter, "converter");
        Objects.requireNonNull(workDir, "workDir");
        if (roots.isEmpty()) {
            throw new IllegalArgumentException("no root to convert");
        }
        return new BatchConverter(converter, List.copyOf(roots), workDir.resolve("facts.mv.db"), 16);
    }

    /**
     * Runs the conversion.
     *
     * @throws java.nio.file.NoSuchFileException a root is missing (every root is checked before anything is read;
     *         also NotDirectoryException, AccessDeniedException)
     * @throws InterruptedIOException the calling thread was interrupted
     */
    public BatchSummary run(StudySink sink) throws IOException {
        Objects.requireNonNull(sink, "sink");
        for (Path root : roots) {
            Converter.checkFolder(root);
        }
        Files.createDirectories(storeFile.getParent());
        Files.deleteIfExists(storeFile);
        try (FactStore store = FactStore.open(storeFile, cacheMiB)) {
            long files = readAll(store);
            store.commit();
            return emit(store, files, sink);
        }
    }

    private long readAll(FactStore store) throws IOException {
        int threads = converter.ioThreads();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "dicom2fhir-batch-read");
            t.setDaemon(true);
            return t;
        });
        Semaphore inFlight = new Semaphore(4 * threads);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicLong files = new AtomicLong();
        try {
            for (int i = 0; i < roots.size(); i++) {
                int root = i;
                converter.scan(roots.get(i), entry -> {
                    files.incrementAndGet();
                    acquire(inFlight);
                    rethrow(failure.get());
                    pool.execute(() -> {
                        try {
                            keep(store, root, converter.read(entry));
                        } catch (Throwable t) {
                            failure.compareAndSet(null, t);
                        } finally {
                            inFlight.release();
                        }
                    });
                });
            }
            acquire(inFlight, 4 * threads); // every read finished
            rethrow(failure.get());
            return files.get();
        } finally {
            pool.shutdownNow();
            try {
                pool.awaitTermination(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void keep(FactStore store, int root, FileOutcome outcome) {
        if (outcome.included()) {
            store.offer(root, outcome.facts());
        } else {
            store.notIncluded(root, outcome.report());
        }
    }

    private BatchSummary emit(FactStore store, long files, StudySink sink) throws IOException {
        long included = 0;
        long studies = 0;
        long studiesFailed = 0;
        long instances = 0;
        for (List<InstanceFacts> facts : store.studies()) {
            included += facts.size();
            String uid = facts.get(0).studyInstanceUid();
            StudyConversion conversion;
            try {
                conversion = converter.mapStudy(facts);
            } catch (RuntimeException e) {
                // one study's failure is a report line, never the end of the run
                studiesFailed++;
                sink.studyFailed(uid, "the study could not be mapped: " + e.getClass().getSimpleName());
                continue;
            }
            studies++;
            instances += conversion.study().numberOfInstances();
            sink.study(new BatchStudy(conversion));
        }
        long duplicates = 0;
        long skipped = 0;
        long failed = 0;
        for (BatchFile file : store.filesNotIncluded()) {
            if (file.report().reason() == ReasonCode.DUPLICATE_INSTANCE) {
                duplicates++;
            } else if (file.report().disposition() == Disposition.FAILED) {
                failed++;
            } else {
                skipped++;
            }
            sink.file(file);
        }
        BatchSummary summary = new BatchSummary(files, included, duplicates, skipped, failed, studies, studiesFailed,
                instances);
        sink.finish(summary);
        return summary;
    }

    private static void acquire(Semaphore semaphore) throws InterruptedIOException {
        acquire(semaphore, 1);
    }

    private static void acquire(Semaphore semaphore, int permits) throws InterruptedIOException {
        try {
            semaphore.acquire(permits);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException interrupted = new InterruptedIOException("interrupted while reading the archive");
            interrupted.initCause(e);
            throw interrupted;
        }
    }

    private static void rethrow(Throwable failure) {
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
    }
}
