package org.dicom2fhir.benchmarks;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
 * The I/O floor (benchmarks/README.md): open, read 8 KB, close, one file per operation, cycling over the
 * study folder. The score is files/s, directly comparable with {@link ReaderBenchmark}'s
 * instances/s: P1 is the ratio of the two, measured in the same run.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class IoFloorBenchmark {

    @State(Scope.Benchmark)
    public static class Folder {
        @Param({"10k"})
        public String shape;

        String[] files;

        @Setup(Level.Trial)
        public void setUp() {
            Path dir = StudyFolders.folder(StudyShape.parse(shape));
            List<Path> list = StudyFolders.files(dir);
            files = list.stream().map(Path::toString).toArray(String[]::new);
        }
    }

    /** Each thread walks the folder from its own position, so that two threads do not read in lockstep. */
    @State(Scope.Thread)
    public static class Cursor {
        final byte[] buffer = new byte[8192];
        int next;

        @Setup(Level.Trial)
        public void setUp(Folder folder, org.openjdk.jmh.infra.ThreadParams thread) {
            next = (int) ((long) folder.files.length * thread.getThreadIndex() / thread.getThreadCount());
        }

        String nextFile(String[] files) {
            String f = files[next];
            next = next + 1 == files.length ? 0 : next + 1;
            return f;
        }
    }

    @Benchmark
    public int openRead8kClose(Folder folder, Cursor cursor) throws IOException {
        try (FileInputStream in = new FileInputStream(cursor.nextFile(folder.files))) {
            return in.read(cursor.buffer, 0, cursor.buffer.length);
        }
    }
}
