package org.dicom2fhir.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.dicom2fhir.api.spi.WriteOptions;
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

/**
 * The library in a warm JVM (P5, P7): one whole study folder to JSON bytes per operation, through
 * {@link Converter#convert} with its default concurrent reads, discarded into a counting sink. The
 * score is time per folder; divide by the shape's instance count for the per-instance cost.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
@State(Scope.Benchmark)
public class EndToEndBenchmark {
    @Param({"hapi", "ibm", "hapi-r5"})
    public String writer;

    @Param({"10k"})
    public String shape;

    private Converter converter;
    private Path dir;

    @Setup(Level.Trial)
    public void setUp() {
        dir = StudyFolders.folder(StudyShape.parse(shape));
        converter = Pipeline.converter("part10", writer);
        Path first = StudyFolders.files(dir).get(0);
        Pipeline.warmUpWriter(converter, converter.readFile(first, StudyFolders.relative(dir, first)).get(0).facts());
    }

    @Benchmark
    public long folderToJson() throws IOException {
        Pipeline.CountingSink sink = new Pipeline.CountingSink();
        converter.convert(dir).writeTo(sink, WriteOptions.json());
        return sink.count();
    }
}
