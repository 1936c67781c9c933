package org.dicom2fhir.spark;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.RecordWriter;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;

/**
 * The job's output format, under Spark's output committer: each task writes one file per resource type it has
 * lines of, {@code <Type>-part-r-NNNNN.ndjson} ({@code report-...} for the report), and a hidden
 * {@code _counts-part-r-NNNNN} file with each file's line count, from which the driver writes the manifest once
 * the job is committed. Keys are the type, values the lines.
 */
public final class NdjsonParts extends FileOutputFormat<String, String> {
    static final String REPORT = "report";
    static final String COUNTS_PREFIX = "_counts-";

    @Override
    public RecordWriter<String, String> getRecordWriter(TaskAttemptContext context) throws IOException {
        Path part = getDefaultWorkFile(context, ".ndjson");
        FileSystem fs = part.getFileSystem(context.getConfiguration());
        return new RecordWriter<>() {
            private final Map<String, OutputStream> files = new HashMap<>();
            private final Map<String, Long> counts = new TreeMap<>();

            @Override
            public void write(String type, String line) throws IOException {
                OutputStream out = files.get(type);
                if (out == null) {
                    out = fs.create(new Path(part.getParent(), type + "-" + part.getName()), false);
                    files.put(type, out);
                }
                out.write(line.getBytes(StandardCharsets.UTF_8));
                out.write('\n');
                counts.merge(type + "-" + part.getName(), 1L, Long::sum);
            }

            @Override
            public void close(TaskAttemptContext c) throws IOException {
                for (OutputStream out : files.values()) {
                    out.close();
                }
                String name = part.getName();
                try (OutputStream out = fs.create(new Path(part.getParent(), COUNTS_PREFIX
                        + name.substring(0, name.length() - ".ndjson".length())), false)) {
                    StringBuilder text = new StringBuilder();
                    counts.forEach((file, count) -> text.append(file).append('\t').append(count).append('\n'));
                    out.write(text.toString().getBytes(StandardCharsets.UTF_8));
                }
            }
        };
    }
}
