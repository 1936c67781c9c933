package org.dicom2fhir.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.dicom2fhir.core.ConversionReport;
import org.dicom2fhir.core.ConversionResult;
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
 * Reading with a cold page cache (P3): before every operation the kernel's caches are dropped
 * ({@link PageCache}, root only), then one whole study folder is read, either through the pipeline
 * ({@link Converter#convert}: scan, concurrent reads, grouping and mapping; the writer is not called)
 * or by an I/O probe (open, read 8 KB, close every file) with the same number of reads in flight, so
 * the ratio of the two comes from one run. The score is time per folder: instances/s = the shape's
 * instance count / time.
 *
 * <p>{@code cache=warm} skips the drop (a warm-cache figure, for the smoke pass and for comparison).
 * Everything the measurement needs is loaded and compiled by the warm passes of the set-up, before
 * the first drop: after a drop only the study folder is read from the disk (the JVM's own jars are
 * evicted too, and a class loaded during the measurement would be read from the disk with it).
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
@State(Scope.Benchmark)
public class ColdCacheBenchmark {
    /** Reads in flight: the converter's {@code ioThreads}, and the probe's thread count. */
    @Param({"1", "2", "8", "16", "32"})
    public int ioThreads;

    @Param({"10k"})
    public String shape;

    /** {@code cold}: drop the caches before every operation (needs root); {@code warm}: do not. */
    @Param({"cold"})
    public String cache;

    /** Warm passes in the set-up: class loading and JIT compilation happen here, not after a drop. */
    private static final int WARM_PASSES = 3;

    private boolean cold;
    private Path dir;
    private Converter converter;
    private ReadProbe probe;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        cold = PageCache.isCold(cache);
        dir = StudyFolders.folder(StudyShape.parse(shape));
        probe = new ReadProbe(StudyFolders.files(dir), ioThreads);
        // the writer is never called here: none is requested, so none starts behind the measurement
        converter = Converter.builder().reader("part10").ioThreads(ioThreads).build();
        for (int i = 0; i < WARM_PASSES; i++) {
            checkAllIncluded(converter.convert(dir));
            probeRead8k();
        }
    }

    @Setup(Level.Invocation)
    public void dropCaches() {
        if (cold) {
            PageCache.drop();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        probe.close();
    }

    /** The pipeline's reading of the whole folder; fails unless every file is included. */
    @Benchmark
    public ConversionResult pipelineRead() throws IOException {
        return checkAllIncluded(converter.convert(dir));
    }

    /** The I/O probe: open, read 8 KB, close every file, {@code ioThreads} reads in flight; bytes read. */
    @Benchmark
    public long probeRead8k() throws Exception {
        return probe.read8k();
    }

    private ConversionResult checkAllIncluded(ConversionResult result) {
        ConversionReport.Totals totals = result.report().totals();
        if (totals.included() != probe.fileCount()) {
            throw new IllegalStateException("only " + totals.included() + " of " + probe.fileCount()
                    + " generated files were included");
        }
        return result;
    }
}
