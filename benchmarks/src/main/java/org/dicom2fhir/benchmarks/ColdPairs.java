package org.dicom2fhir.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.dicom2fhir.batch.BatchConverter;
import org.dicom2fhir.batch.BatchSummary;
import org.dicom2fhir.batch.NdjsonOutput;
import org.dicom2fhir.core.Converter;

/**
 * The cold-cache ratio of {@link BatchBenchmark} measured in pairs: in one JVM, the caches dropped before every
 * operation, a batch run ({@code batchToNdjson}) and the I/O probe ({@code probeRead8k}, same reads in flight) in
 * turn, the order swapped every pair. JMH runs the two benchmarks minutes apart, and this machine's cold reads
 * change speed by up to 1.7x between such runs (benchmarks/README.md); a pair is seconds apart, so the median of the
 * pairs' ratios is the steadier figure. Prints each operation's wall time and the process's user and system CPU
 * during it. Root only (it drops the kernel's caches).
 *
 * <p>Before the pairs, {@code WARM_UP} unmeasured passes of each (default 6): the emission's code runs once per study,
 * 1,000 times a pass, and with two passes C2 was still compiling the study mapper during the measured pairs.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar org.dicom2fhir.benchmarks.ColdPairs [STUDIESxINSTANCES] [PAIRS] [IO_THREADS] [WARM_UP]</pre>
 */
public final class ColdPairs {

    private ColdPairs() {
    }

    public static void main(String[] args) throws Exception {
        String archive = args.length > 0 ? args[0] : "1000x100";
        int pairs = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        int ioThreads = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        int warmPasses = args.length > 3 ? Integer.parseInt(args[3]) : 6;
        String[] shape = archive.split("x");
        Path dir = StudyFolders.archive(Integer.parseInt(shape[0]), Integer.parseInt(shape[1]));
        List<Path> files = StudyFolders.files(dir);
        Converter converter = Converter.builder().reader("part10").writer("hapi").ioThreads(ioThreads).build();
        Path work = Files.createTempDirectory("dicom2fhir-cold-pairs");
        try (ReadProbe probe = new ReadProbe(files, ioThreads)) {
            Operation batch = new Operation("batch", () -> batch(converter, dir, work, files.size()));
            Operation read = new Operation("probe", probe::read8k);
            for (int i = 0; i < warmPasses; i++) {
                batch.run(false);
                read.run(false);
            }
            double[] ratios = new double[pairs];
            for (int p = 0; p < pairs; p++) {
                boolean batchFirst = p % 2 == 0;
                long first = (batchFirst ? batch : read).run(true);
                long second = (batchFirst ? read : batch).run(true);
                long batchNanos = batchFirst ? first : second;
                long probeNanos = batchFirst ? second : first;
                ratios[p] = (double) probeNanos / batchNanos;
                System.out.printf(Locale.ROOT, "pair %d: probe / batch = %.3f%n", p + 1, ratios[p]);
            }
            Arrays.sort(ratios);
            double median = pairs % 2 == 1 ? ratios[pairs / 2] : (ratios[pairs / 2 - 1] + ratios[pairs / 2]) / 2;
            System.out.printf(Locale.ROOT, "%s, %d reads in flight, %d pairs: median probe / batch = %.3f (range %.3f-%.3f)%n",
                    archive, ioThreads, pairs, median, ratios[0], ratios[pairs - 1]);
        } finally {
            StudyFolders.deleteTree(work);
        }
    }

    private static BatchSummary batch(Converter converter, Path dir, Path work, long instances) throws IOException {
        StudyFolders.deleteTree(work);
        Files.createDirectories(work);
        BatchSummary summary = BatchConverter.create(converter, List.of(dir), work.resolve("state"))
                .run(new NdjsonOutput(work.resolve("out"), converter.writer()));
        if (summary.instances() != instances) {
            throw new IllegalStateException("only " + summary.instances() + " of " + instances + " files converted");
        }
        return summary;
    }

    /** One measured operation: the caches dropped first, then wall time and this process's CPU during it. */
    private record Operation(String name, Body body) {
        long run(boolean measured) throws Exception {
            PageCache.drop();
            long[] cpuBefore = ProcessCpu.millis();
            long start = System.nanoTime();
            Object result = body.run();
            long nanos = System.nanoTime() - start;
            long[] cpuAfter = ProcessCpu.millis();
            if (measured) {
                // a batch also says how its time split between reading and emitting (mapping, writing)
                String phases = result instanceof BatchSummary s ? String.format(Locale.ROOT, " (reading %d ms, emitting %d ms)",
                        s.reading().toMillis(), s.emitting().toMillis()) : "";
                System.out.printf(Locale.ROOT, "%-5s %6d ms wall, %6d ms user, %6d ms system, %7d page faults%s%n", name,
                        nanos / 1_000_000, cpuAfter[0] - cpuBefore[0], cpuAfter[1] - cpuBefore[1], cpuAfter[2] - cpuBefore[2],
                        phases);
            }
            return nanos;
        }
    }

    @FunctionalInterface
    private interface Body {
        Object run() throws Exception;
    }

    /** User and system CPU of this process so far, in ms, and its minor page faults, from {@code /proc/self/stat} (Linux). */
    static final class ProcessCpu {
        /** Clock ticks per second: 100 on every Linux this runs on (USER_HZ). */
        private static final int TICKS_PER_SECOND = 100;

        private ProcessCpu() {
        }

        static long[] millis() throws IOException {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            // the command name may hold spaces: the fields after it start past the last ')'
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long minorFaults = Long.parseLong(fields[7]);
            long user = Long.parseLong(fields[11]);
            long system = Long.parseLong(fields[12]);
            return new long[] {user * 1000 / TICKS_PER_SECOND, system * 1000 / TICKS_PER_SECOND, minorFaults};
        }
    }
}
