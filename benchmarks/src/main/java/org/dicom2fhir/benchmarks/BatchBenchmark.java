package org.dicom2fhir.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dicom2fhir.batch.BatchConverter;
import org.dicom2fhir.batch.BatchSummary;
import org.dicom2fhir.batch.NdjsonOutput;
import org.dicom2fhir.core.Converter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A whole archive through {@code dicom2fhir batch}'s library ({@link BatchConverter} into an {@link NdjsonOutput}
 * folder on disk, the HAPI writer): scan, concurrent reads, grouping by Study UID, one ImagingStudy line per study,
 * the report and the manifest. Beside it, the I/O probe over the same files with as many reads in flight, so that
 * the cold-cache ratio comes from one run. One operation is one whole archive: instances/s = the archive's instances
 * / time. Compare with {@link EndToEndBenchmark} at the same number of instances (the single-folder rate).
 *
 * <p>{@code archive} is STUDIESxINSTANCES ({@link GenerateArchive}'s shape: one folder per study, one series per 25
 * instances); {@code cache=cold} drops the kernel's caches before every operation (root only, see
 * {@link ColdCacheBenchmark}).
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g") // as EndToEndBenchmark: the same heap for the side-by-side figures
@State(Scope.Benchmark)
public class BatchBenchmark {
    @Param({"1000x100", "10000x1"})
    public String archive;

    /** {@code cold}: drop the caches before every operation (needs root); {@code warm}: do not. */
    @Param({"warm"})
    public String cache;

    /** Reads in flight: the converter's {@code ioThreads} (16 is its default), and the probe's thread count. */
    @Param({"16"})
    public int ioThreads;

    private static final int WARM_PASSES = 2;

    private boolean cold;
    private Path dir;
    private long instances;
    private Converter converter;
    private ReadProbe probe;
    private Path work;
    private int run;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        cold = PageCache.isCold(cache);
        String[] shape = archive.split("x");
        int studies = Integer.parseInt(shape[0]);
        int perStudy = Integer.parseInt(shape[1]);
        dir = StudyFolders.archive(studies, perStudy);
        List<Path> files = StudyFolders.files(dir);
        instances = files.size();
        converter = Converter.builder().reader("part10").writer("hapi").ioThreads(ioThreads).build();
        probe = new ReadProbe(files, ioThreads);
        work = Files.createTempDirectory("dicom2fhir-batch-bench");
        for (int i = 0; i < WARM_PASSES; i++) {
            batchToNdjson();
            probe.read8k();
        }
    }

    @Setup(Level.Invocation)
    public void dropCaches() {
        if (cold) {
            PageCache.drop();
        }
    }

    /** The folders of the last operation, removed outside the measurement. */
    @TearDown(Level.Invocation)
    public void removeOutput() throws IOException {
        StudyFolders.deleteTree(work);
        Files.createDirectories(work);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        probe.close();
        StudyFolders.deleteTree(work);
    }

    /** The archive to NDJSON on disk; fails unless every file became an instance of the output. */
    @Benchmark
    public BatchSummary batchToNdjson() throws IOException {
        Path out = work.resolve("out-" + run++);
        BatchSummary summary = BatchConverter.create(converter, List.of(dir), work.resolve("state-" + run))
                .run(new NdjsonOutput(out, converter.writer()));
        if (summary.instances() != instances) {
            throw new IllegalStateException("only " + summary.instances() + " of " + instances
                    + " generated files were converted");
        }
        return summary;
    }

    /**
     * What {@link ColdCacheBenchmark#pipelineRead} measures for one folder, for the archive: scan, reads, grouping by
     * Study UID and the mapping of every study, into a sink that keeps nothing (no writer, no file).
     */
    @Benchmark
    public BatchSummary batchMapOnly() throws IOException {
        BatchSummary summary = BatchConverter.create(converter, List.of(dir), work.resolve("state-" + run++))
                .run(study -> { });
        if (summary.instances() != instances) {
            throw new IllegalStateException("only " + summary.instances() + " of " + instances
                    + " generated files were mapped");
        }
        return summary;
    }

    /** The I/O probe over the archive's files: open, read 8 KB, close, {@code ioThreads} reads in flight. */
    @Benchmark
    public long probeRead8k() throws Exception {
        return probe.read8k();
    }
}
