package org.dicom2fhir.spark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.dicom2fhir.batch.ReportLines;
import org.dicom2fhir.spark.Records.GroupResult;
import org.dicom2fhir.spark.Records.PatientOutcome;

/**
 * Converts an archive as a Spark job, to the output of {@code dicom2fhir batch -o}: the driver lists the input,
 * tasks read the files (facts or dispositions), a shuffle by Study UID brings each study's facts together, core
 * maps each study and the executor's writer writes it; the per-study results are persisted (memory and disk) so
 * that the archive is read once; with Patients of their own a second shuffle on the Patient id makes each Patient
 * once; the lines are written through Spark's output committer and the driver writes {@code manifest.json} after
 * the commit.
 */
public final class SparkConversion {
    static final String MANIFEST = "manifest.json";

    private final JobSettings settings;
    private final List<URI> roots;
    private final URI output;
    private final boolean overwrite;
    private final URI fileList;
    private final int partitions;
    private final Stages.FailOnce failOnce;

    private SparkConversion(JobSettings settings, List<URI> roots, URI output, boolean overwrite, URI fileList,
            int partitions, Stages.FailOnce failOnce) {
        this.settings = settings;
        this.roots = roots;
        this.output = output;
        this.overwrite = overwrite;
        this.fileList = fileList;
        this.partitions = partitions;
        this.failOnce = failOnce;
    }

    /** A job with the default backends (part10, hapi) and options. */
    public static SparkConversion of(List<URI> roots, URI output) {
        if (roots.isEmpty()) {
            throw new IllegalArgumentException("no input URI to convert");
        }
        return new SparkConversion(new JobSettings("part10", "hapi", null, null, null, null), List.copyOf(roots),
                Objects.requireNonNull(output, "output"), false, null, 0, null);
    }

    /** The reader and writer by name (as the command's {@code --reader}, {@code --writer}). */
    public SparkConversion backends(String reader, String writer) {
        return with(new JobSettings(reader, writer, settings.timezone(), settings.endpoint(),
                settings.patientIdSystem(), settings.idKey()));
    }

    /** The mapping options: a time zone id, a DICOMweb endpoint, a Patient ID system; each may be null. */
    public SparkConversion mapping(String timezone, String endpoint, String patientIdSystem) {
        return with(new JobSettings(settings.reader(), settings.writer(), timezone, endpoint, patientIdSystem,
                settings.idKey()));
    }

    /** Patients of their own ({@code --patient bundle}), with this id key (at least 16 bytes). */
    public SparkConversion patients(byte[] idKey) {
        org.dicom2fhir.batch.PatientIds.withKey(idKey); // refuses a short key here, on the driver
        return with(new JobSettings(settings.reader(), settings.writer(), settings.timezone(), settings.endpoint(),
                settings.patientIdSystem(), idKey));
    }

    /** Replaces an existing output instead of refusing it. */
    public SparkConversion overwrite(boolean overwrite) {
        return new SparkConversion(settings, roots, output, overwrite, fileList, partitions, failOnce);
    }

    /** Reads the files named in this list (one URI a line, each below an input URI) instead of listing. */
    public SparkConversion fileList(URI list) {
        return new SparkConversion(settings, roots, output, overwrite, list, partitions, failOnce);
    }

    /** The number of read tasks and of study groups (default: from the file count and the cluster's cores). */
    public SparkConversion partitions(int n) {
        return new SparkConversion(settings, roots, output, overwrite, fileList, n, failOnce);
    }

    /** Test seam: the read task of {@code partition} fails once, the marker file (on a shared disk) making it once. */
    SparkConversion failOnce(java.nio.file.Path marker, int partition) {
        return new SparkConversion(settings, roots, output, overwrite, fileList, partitions,
                new Stages.FailOnce(marker.toString(), partition));
    }

    private SparkConversion with(JobSettings s) {
        return new SparkConversion(s, roots, output, overwrite, fileList, partitions, failOnce);
    }

    /** What a run wrote: the line count of each output file (by URI) and of each type. */
    public record Summary(Instant started, long files, TreeMap<String, Long> lines) {
        public long count(String type) {
            return lines.entrySet().stream().filter(e -> name(e.getKey()).startsWith(type + "-"))
                    .mapToLong(java.util.Map.Entry::getValue).sum();
        }

        private static String name(String uri) {
            return uri.substring(uri.lastIndexOf('/') + 1);
        }
    }

    /**
     * Runs the job on the context.
     *
     * @throws OutputExistsException the output exists and overwriting was not asked for
     */
    public Summary run(JavaSparkContext spark) throws IOException {
        Instant started = Instant.now();
        Configuration conf = spark.hadoopConfiguration();
        Path out = new Path(output);
        FileSystem outFs = out.getFileSystem(conf);
        if (outFs.exists(out)) {
            if (!overwrite) {
                throw new OutputExistsException(output + " exists: give another output or --overwrite to replace it");
            }
            outFs.delete(out, true);
        }
        List<InputFile> files = fileList != null ? InputListing.fromList(fileList, roots, conf)
                : InputListing.list(settings.converter(), roots, conf);
        int n = partitions > 0 ? partitions : Math.max(2 * spark.defaultParallelism(), files.size() / 5000 + 1);
        Broadcast<HadoopConf> hadoop = spark.broadcast(new HadoopConf(conf));

        JavaPairRDD<String, byte[]> reads = spark.parallelize(files, Math.max(1, Math.min(n, files.size())))
                .mapPartitionsToPair(new Stages.ReadFiles(settings, hadoop, failOnce))
                .persist(StorageLevel.MEMORY_AND_DISK()); // read once: the duplicate pass and the groups use it
        // batch keeps the first copy of a SOP Instance UID archive-wide: the few UIDs whose copies lie in several
        // studies go to every task with the place of their first copy
        Map<String, Records.Place> acrossStudies = new HashMap<>(reads.flatMapToPair(new Stages.CopyPlaces())
                .reduceByKey(Records.Place::earlier).filter(p -> p._2().severalStudies()).collectAsMap());
        JavaRDD<GroupResult> groups = reads.groupByKey(n)
                .map(new Stages.ConvertGroup(settings, spark.broadcast(acrossStudies)))
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Set<String> conflicts = new HashSet<>();
            JavaRDD<PatientOutcome> patients = null;
            if (settings.patientsOfTheirOwn()) {
                patients = groups.filter(g -> g.patient() != null)
                        .mapToPair(g -> new scala.Tuple2<>(g.patientId(), g.patient())).groupByKey(n)
                        .flatMap(new Stages.ResolvePatient()).persist(StorageLevel.MEMORY_AND_DISK());
                conflicts.addAll(patients.filter(p -> p.conflictingStudy() != null)
                        .map(PatientOutcome::conflictingStudy).collect());
            }
            Broadcast<Set<String>> shared = spark.broadcast(conflicts);
            JavaPairRDD<String, String> lines = groups.flatMapToPair(new Stages.GroupLines(shared));
            if (patients != null) {
                lines = lines.union(patients.filter(p -> p.patientLine() != null)
                        .mapToPair(p -> new scala.Tuple2<>("Patient", p.patientLine())));
            }
            lines.saveAsNewAPIHadoopFile(out.toString(), String.class, String.class, NdjsonParts.class, conf);
            if (patients != null) {
                patients.unpersist(false);
            }
        } finally {
            groups.unpersist(false);
            reads.unpersist(false);
        }
        TreeMap<String, Long> counts = writeManifest(outFs, out, started);
        return new Summary(started, files.size(), counts);
    }

    /** After the commit: gathers the tasks' line counts, writes the manifest, removes the count files. */
    private static TreeMap<String, Long> writeManifest(FileSystem fs, Path out, Instant started) throws IOException {
        TreeMap<String, Long> byName = new TreeMap<>();
        List<Path> countFiles = new ArrayList<>();
        for (FileStatus status : fs.listStatus(out)) {
            String name = status.getPath().getName();
            if (!name.startsWith(NdjsonParts.COUNTS_PREFIX)) {
                continue;
            }
            countFiles.add(status.getPath());
            try (BufferedReader in = new BufferedReader(new InputStreamReader(fs.open(status.getPath()),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    int tab = line.indexOf('\t');
                    byName.put(line.substring(0, tab), Long.parseLong(line.substring(tab + 1)));
                }
            }
        }
        TreeMap<String, Long> byUri = new TreeMap<>();
        List<ReportLines.ManifestEntry> output = new ArrayList<>();
        List<ReportLines.ManifestEntry> error = new ArrayList<>();
        for (var e : byName.entrySet()) {
            Path file = new Path(out, e.getKey());
            if (!fs.exists(file)) {
                throw new IOException("the committed output lacks " + e.getKey());
            }
            String uri = fs.makeQualified(file).toUri().toString();
            byUri.put(uri, e.getValue());
            String type = e.getKey().substring(0, e.getKey().indexOf("-part-"));
            if (type.equals("OperationOutcome")) {
                error.add(new ReportLines.ManifestEntry(type, uri, e.getValue()));
            } else if (!type.equals(NdjsonParts.REPORT)) {
                output.add(new ReportLines.ManifestEntry(type, uri, e.getValue()));
            }
        }
        if (output.stream().noneMatch(m -> m.type().equals("ImagingStudy"))) {
            // no study: batch still writes an (empty) ImagingStudy.ndjson and lists it with its count, 0
            Path empty = new Path(out, "ImagingStudy-part-r-00000.ndjson");
            fs.create(empty, false).close();
            String uri = fs.makeQualified(empty).toUri().toString();
            byUri.put(uri, 0L);
            output.add(new ReportLines.ManifestEntry("ImagingStudy", uri, 0));
        }
        // batch lists ImagingStudy first, then Patient
        output.sort(java.util.Comparator.comparing((ReportLines.ManifestEntry m) -> !m.type().equals("ImagingStudy"))
                .thenComparing(ReportLines.ManifestEntry::url));
        try (OutputStream manifest = fs.create(new Path(out, MANIFEST), false)) {
            manifest.write(ReportLines.manifest(started, output, error).getBytes(StandardCharsets.UTF_8));
        }
        for (Path p : countFiles) {
            fs.delete(p, false);
        }
        return byUri;
    }

    /** The output exists and the run was not asked to replace it. */
    public static final class OutputExistsException extends IOException {
        private static final long serialVersionUID = 1L;

        OutputExistsException(String message) {
            super(message);
        }
    }
}
