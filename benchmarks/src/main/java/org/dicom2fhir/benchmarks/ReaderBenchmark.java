package org.dicom2fhir.benchmarks;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dicom2fhir.core.Converter;
import org.dicom2fhir.core.FileOutcome;
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
import org.openjdk.jmh.infra.ThreadParams;

/**
 * Header throughput of a reader (P1, P2): one file per operation through {@link Converter#readFile},
 * the production per-file step (bounded read, parse, reduction to the instance's facts), cycling
 * over a warm study folder. The score is instances/s; run with {@code -t 2} for P2.
 *
 * <p>The reader is resolved by name through the production registry. Only {@code part10} is in the
 * shaded jar; PixelMed is added to the class path by hand and selected with
 * {@code -p reader=part10,pixelmed} (see README.md).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class ReaderBenchmark {

    @State(Scope.Benchmark)
    public static class Folder {
        @Param({"part10"})
        public String reader;

        @Param({"10k"})
        public String shape;

        Converter converter;
        Path dir;
        Path[] files;
        String[] relativePaths;

        @Setup(Level.Trial)
        public void setUp() {
            dir = StudyFolders.folder(StudyShape.parse(shape));
            List<Path> list = StudyFolders.files(dir);
            // reading needs no writer: none is requested, so none starts behind the measurement
            converter = Pipeline.readingConverter(reader);
            // every file once: checks that each is included, and warms the page cache
            Pipeline.readAll(converter, dir, list);
            files = list.toArray(Path[]::new);
            relativePaths = list.stream().map(f -> StudyFolders.relative(dir, f)).toArray(String[]::new);
        }
    }

    @State(Scope.Thread)
    public static class Cursor {
        int next;

        @Setup(Level.Trial)
        public void setUp(Folder folder, ThreadParams thread) {
            next = (int) ((long) folder.files.length * thread.getThreadIndex() / thread.getThreadCount());
        }

        int advance(int length) {
            int i = next;
            next = i + 1 == length ? 0 : i + 1;
            return i;
        }
    }

    @Benchmark
    public FileOutcome readHeader(Folder folder, Cursor cursor) {
        int i = cursor.advance(folder.files.length);
        return folder.converter.readFile(folder.files[i], folder.relativePaths[i]).get(0);
    }
}
