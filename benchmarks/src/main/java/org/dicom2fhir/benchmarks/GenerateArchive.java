package org.dicom2fhir.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a synthetic archive for batch runs: STUDIES studies of INSTANCES instances each (no pixel data, one series
 * per 25 instances, the files of the single-folder benchmarks: {@link StudyShape#realistic}), one folder per study
 * under DIR, on all cores. Synthetic data only.
 *
 * <p>{@code java -cp benchmarks.jar org.dicom2fhir.benchmarks.GenerateArchive STUDIES INSTANCES DIR}
 */
public final class GenerateArchive {
    private GenerateArchive() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: GenerateArchive STUDIES INSTANCES_PER_STUDY DIR   (DIR new or empty)");
            System.exit(2);
        }
        int studies = Integer.parseInt(args[0]);
        int instances = Integer.parseInt(args[1]);
        Path dir = Path.of(args[2]);
        Files.createDirectories(dir);
        try (var entries = Files.list(dir)) {
            if (entries.findAny().isPresent()) {
                System.err.println("GenerateArchive: " + dir + " is not empty");
                System.exit(2);
            }
        }
        long start = System.nanoTime();
        write(studies, instances, dir);
        System.err.printf("GenerateArchive: wrote %d studies of about %d instances to %s in %.1f s%n", studies,
                instances, dir, (System.nanoTime() - start) / 1e9);
    }

    /** Writes the archive into dir (which should be empty), on all cores. */
    static void write(int studies, int instances, Path dir) throws Exception {
        int series = Math.max(1, (instances + 24) / 25);
        ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < studies; i++) {
            int index = i;
            done.add(pool.submit(() -> {
                StudyShape.realistic(1_000_000L + index).series(series)
                        .instancesPerSeries((instances + series - 1) / series).noPixelData().build()
                        .writeTo(dir.resolve(String.format("%02d/study%06d", index % 100, index)));
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
    }
}
