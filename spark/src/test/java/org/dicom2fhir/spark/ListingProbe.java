package org.dicom2fhir.spark;

import java.net.URI;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.dicom2fhir.core.Converter;

/**
 * Benchmark helper, not a test (benchmarks/scripts/spark-vs-batch.sh runs it): the driver's listing of a local
 * folder as the job does it (java.nio through core's scan) against Hadoop's {@code FileSystem.listFiles} on the
 * same folder, each timed ROUNDS times. Usage: {@code ListingProbe DIR [ROUNDS]}.
 */
final class ListingProbe {
    private ListingProbe() {
    }

    public static void main(String[] args) throws Exception {
        URI root = java.nio.file.Path.of(args[0]).toAbsolutePath().toUri();
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Converter converter = Converter.builder().reader("part10").build();
        Configuration conf = new Configuration();
        for (int r = 1; r <= rounds; r++) {
            long start = System.nanoTime();
            int nio = InputListing.list(converter, List.of(root), conf).size();
            long nioNanos = System.nanoTime() - start;
            start = System.nanoTime();
            int hadoop = 0;
            FileSystem fs = FileSystem.get(root, conf);
            RemoteIterator<LocatedFileStatus> it = fs.listFiles(new Path(root), true);
            while (it.hasNext()) {
                it.next();
                hadoop++;
            }
            long hadoopNanos = System.nanoTime() - start;
            System.out.printf("round %d: java.nio (core's scan) %d files in %d ms; Hadoop listFiles %d files in %d ms%n",
                    r, nio, nioNanos / 1_000_000, hadoop, hadoopNanos / 1_000_000);
        }
    }
}
