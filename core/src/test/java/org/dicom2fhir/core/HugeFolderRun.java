package org.dicom2fhir.core;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import org.dicom2fhir.api.spi.WriteOptions;

/**
 * Converts one folder with the default converter (part10 reader, HAPI writer) and prints, on one line,
 * the totals, the elapsed time and the sum of the heap pools' peak usage (an upper bound: the pools
 * peak at different times; the GC log's occupancy after each collection gives the live set). Run by
 * {@link HugeFolderTest} in a JVM of its own with a small {@code -Xmx}.
 */
final class HugeFolderRun {
    private HugeFolderRun() {
    }

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        ConversionResult result = Converter.builder().build().convert(Path.of(args[0]));
        result.writeTo(OutputStream.nullOutputStream(), WriteOptions.json());
        long millis = (System.nanoTime() - start) / 1_000_000;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        ConversionReport.Totals t = result.report().totals();
        System.out.println("files=" + t.files() + " included=" + t.included() + " series=" + t.series()
                + " instances=" + t.instances() + " millis=" + millis + " peakHeapBytes=" + peak
                + " maxHeapBytes=" + Runtime.getRuntime().maxMemory());
    }
}
