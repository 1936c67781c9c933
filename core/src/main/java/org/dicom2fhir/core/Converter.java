package org.dicom2fhir.core;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.dicom2fhir.api.BackendSelectionException;
import org.dicom2fhir.api.Warning;
import org.dicom2fhir.api.model.StudyData;
import org.dicom2fhir.api.spi.BackendOptions;
import org.dicom2fhir.api.spi.DicomReader;
import org.dicom2fhir.api.spi.FhirWriter;
import org.dicom2fhir.core.internal.mapping.EndpointUrls;
import org.dicom2fhir.core.internal.mapping.MappedStudy;
import org.dicom2fhir.core.internal.mapping.MappingOptions;
import org.dicom2fhir.core.internal.mapping.StudyMapper;
import org.dicom2fhir.core.internal.pipeline.Deduplicator;
import org.dicom2fhir.core.internal.pipeline.FileReading;
import org.dicom2fhir.core.internal.pipeline.FolderScanner;
import org.dicom2fhir.core.internal.pipeline.OrderedParallel;
import org.dicom2fhir.core.internal.pipeline.ScanEntry;

/**
 * Converts study folders with one reader, one writer and one set of options. Immutable and
 * thread-safe: one converter may convert many folders at once.
 *
 * <p>{@link #convert} is a scan plus the two public steps {@link #readFile} (one file to its facts or
 * its disposition) and {@link #mapStudy} (the facts of one study to the neutral study), which batch
 * engines may call on their own, e.g. reading on many machines and grouping facts by Study UID.
 */
public final class Converter {
    /** Codes of run-level warnings said once per run, however many studies repeat them. */
    private static final Set<String> ONCE_PER_RUN = Set.of(org.dicom2fhir.core.internal.mapping.MappingWarnings.NO_TIMEZONE);

    private static final System.Logger LOG = System.getLogger(Converter.class.getName());

    private final DicomReader reader;
    private final FhirWriter writer;
    private final MappingOptions mappingOptions;
    private final boolean split;
    private final Limits limits;
    private final int ioThreads;
    private final ProgressListener progress;
    private final FileReading reading;

    private Converter(DicomReader reader, FhirWriter writer, MappingOptions mappingOptions, boolean split,
            Limits limits, int ioThreads, ProgressListener progress) {
        this.reader = reader;
        this.writer = writer;
        this.mappingOptions = mappingOptions;
        this.split = split;
        this.limits = limits;
        this.ioThreads = ioThreads;
        this.progress = progress;
        this.reading = new FileReading(reader, limits);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The default number of concurrent reads: enough to overlap I/O on a cold cache (performance.md P3:
     * 16 in flight read a cold 10k folder ~20 % faster than 8 here; warm, the two are alike).
     */
    public static int defaultIoThreads() {
        return Math.max(16, 8 * Runtime.getRuntime().availableProcessors());
    }

    public DicomReader reader() {
        return reader;
    }

    public FhirWriter writer() {
        return writer;
    }

    public boolean split() {
        return split;
    }

    public Limits limits() {
        return limits;
    }

    public int ioThreads() {
        return ioThreads;
    }

    /**
     * Converts a study folder.
     *
     * @throws java.nio.file.NoSuchFileException    the folder does not exist
     * @throws java.nio.file.NotDirectoryException  it is a file
     * @throws java.nio.file.AccessDeniedException  it cannot be listed
     * @throws NoDicomFilesException     no file could be included (carries the report)
     * @throws MultipleStudiesException  several studies and split mode is off (carries the report)
     * @throws java.io.InterruptedIOException the calling thread was interrupted
     */
    public ConversionResult convert(Path studyDir) throws IOException {
        Objects.requireNonNull(studyDir, "studyDir");
        List<ScanEntry> entries = new FolderScanner(limits.maxDirectoryDepth(), ioThreads).scan(studyDir);
        int total = entries.size();
        LOG.log(System.Logger.Level.DEBUG, () -> "scanned " + total + " entries");
        progress.filesFound(total);

        Grouping grouping = new Grouping(total);
        int[] done = {0};
        int window = (int) Math.min(Integer.MAX_VALUE, 4L * ioThreads);
        OrderedParallel.run(entries, Math.min(ioThreads, Math.max(1, total)), window, reading::read,
                outcome -> {
                    grouping.add(outcome);
                    progress.fileDone(++done[0]);
                });
        return grouping.finish(studyDir);
    }

    /**
     * Step 1: reads one file to its facts or its disposition. A symbolic link or a special file is
     * reported and never opened. Never throws for what a file holds or a reader does.
     *
     * @param relativePath the path to report, relative to the study folder, {@code /} separators
     */
    public FileOutcome readFile(Path file, String relativePath) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(relativePath, "relativePath");
        return reading.read(file, relativePath);
    }

    /**
     * Step 2: maps the facts of one study (in any order, copies of an instance allowed: the first in
     * path order is kept) to the neutral study.
     *
     * @throws IllegalArgumentException no facts, or facts of several studies
     */
    public StudyConversion mapStudy(Collection<InstanceFacts> facts) {
        List<InstanceFacts> sorted = new ArrayList<>(facts);
        if (sorted.isEmpty()) {
            throw new IllegalArgumentException("no instance facts to map");
        }
        sorted.sort(Comparator.comparing(InstanceFacts::path));
        Set<String> studies = sorted.stream().map(InstanceFacts::studyInstanceUid)
                .collect(Collectors.toCollection(java.util.TreeSet::new));
        if (studies.size() > 1) {
            throw new IllegalArgumentException("the facts hold " + studies.size() + " studies (" + String.join(", ", studies)
                    + "); mapStudy maps one study at a time");
        }
        Deduplicator deduplicator = new Deduplicator();
        List<InstanceFacts> unique = new ArrayList<>(sorted.size());
        List<FileReport> duplicates = new ArrayList<>();
        for (InstanceFacts f : sorted) {
            FileReport duplicate = deduplicator.offer(f);
            if (duplicate == null) {
                unique.add(f);
            } else {
                duplicates.add(duplicate);
            }
        }
        return mapUnique(unique, duplicates);
    }

    /** The one place the mapping is called, by {@link #mapStudy} and by {@link #convert}. */
    private StudyConversion mapUnique(List<InstanceFacts> unique, List<FileReport> duplicates) {
        MappedStudy mapped = StudyMapper.map(unique, mappingOptions);
        return new StudyConversion(mapped.study(), mapped.warnings(), duplicates);
    }

    /**
     * Collects outcomes in sorted path order: de-duplicates across the whole folder, groups by study,
     * and keeps one report per file.
     */
    private final class Grouping {
        private final List<FileReport> reports;
        private final Deduplicator deduplicator = new Deduplicator();
        private final SortedMap<String, List<InstanceFacts>> byStudy = new TreeMap<>();
        private int included;
        private int skipped;
        private int failed;

        Grouping(int expected) {
            this.reports = new ArrayList<>(expected);
        }

        void add(FileOutcome outcome) {
            FileReport report = outcome.report();
            if (outcome.included()) {
                FileReport duplicate = deduplicator.offer(outcome.facts());
                if (duplicate == null) {
                    byStudy.computeIfAbsent(outcome.facts().studyInstanceUid(), k -> new ArrayList<>()).add(outcome.facts());
                } else {
                    report = duplicate;
                }
            }
            switch (report.disposition()) {
                case INCLUDED -> included++;
                case SKIPPED -> skipped++;
                case FAILED -> failed++;
            }
            reports.add(report);
        }

        ConversionResult finish(Path studyDir) {
            if (byStudy.isEmpty()) {
                ConversionReport report = report(studyDir, List.of(), 0, 0, 0);
                throw new NoDicomFilesException(noDicomMessage(), report);
            }
            if (byStudy.size() > 1 && !split) {
                Map<String, Integer> counts = new LinkedHashMap<>();
                byStudy.forEach((uid, list) -> counts.put(uid, list.size()));
                int series = (int) byStudy.values().stream().flatMap(List::stream)
                        .map(f -> f.studyInstanceUid() + '\u0000' + f.seriesInstanceUid()).distinct().count();
                ConversionReport report = report(studyDir, List.of(), byStudy.size(), series, included);
                throw new MultipleStudiesException(multipleStudiesMessage(counts), counts, report);
            }
            List<StudyData> studies = new ArrayList<>(byStudy.size());
            Set<Warning> warnings = new LinkedHashSet<>();
            Set<String> onceCodes = new java.util.HashSet<>();
            int series = 0;
            int instances = 0;
            while (!byStudy.isEmpty()) {
                // Release each study's facts as soon as it is mapped: memory stays near one copy.
                List<InstanceFacts> facts = byStudy.remove(byStudy.firstKey());
                StudyConversion conversion = mapUnique(facts, List.of());
                studies.add(conversion.study());
                series += conversion.study().numberOfSeries();
                instances += conversion.study().numberOfInstances();
                for (Warning w : conversion.warnings()) {
                    if (!ONCE_PER_RUN.contains(w.code()) || onceCodes.add(w.code())) {
                        warnings.add(w);
                    }
                }
            }
            ConversionReport report = report(studyDir, List.copyOf(warnings), studies.size(), series, instances);
            LOG.log(System.Logger.Level.DEBUG, () -> "converted " + studies.size() + " studies; files: "
                    + included + " included, " + skipped + " skipped, " + failed + " failed");
            return new ConversionResult(studies, split, writer, report);
        }

        private ConversionReport report(Path studyDir, List<Warning> warnings, int studies, int series, int instances) {
            return new ConversionReport(studyDir, reports, warnings,
                    new ConversionReport.Totals(reports.size(), included, skipped, failed, studies, series, instances));
        }

        private String noDicomMessage() {
            if (failed > 0) {
                return "No DICOM instance could be included: " + failed + (failed == 1 ? " file claims" : " files claim")
                        + " to be DICOM but failed to read (see the report for each file and its reason).";
            }
            if (reports.isEmpty()) {
                return "STUDY_DIR holds no DICOM files: it is empty.";
            }
            return "STUDY_DIR holds no DICOM files: " + plural(skipped, "file") + " found, none of them a DICOM instance.";
        }
    }

    static String multipleStudiesMessage(Map<String, Integer> filesPerStudy) {
        String list = filesPerStudy.entrySet().stream()
                .map(e -> e.getKey() + " (" + plural(e.getValue(), "file") + ")")
                .collect(Collectors.joining(", "));
        return "STUDY_DIR holds " + filesPerStudy.size() + " studies: " + list
                + "; convert them one at a time or use split mode";
    }

    private static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /**
     * Configures a {@link Converter}. Backends: an instance given here wins over everything; else a
     * name; else the system properties and the rule of {@link Backends}. Not thread-safe.
     */
    public static final class Builder {
        private DicomReader readerInstance;
        private String readerName;
        private FhirWriter writerInstance;
        private String writerName;
        private String writerNativeClass;
        private ClassLoader classLoader;
        private BackendOptions backendOptions = BackendOptions.empty();
        private ZoneId timezone;
        private IdStrategy idStrategy = IdStrategy.UID;
        private String endpoint;
        private boolean split;
        private Limits limits = Limits.defaults();
        private Integer ioThreads;
        private ProgressListener progress = ProgressListener.NONE;

        private Builder() {
        }

        /** This reader, whatever name or system property says otherwise. */
        public Builder reader(DicomReader reader) {
            this.readerInstance = Objects.requireNonNull(reader, "reader");
            return this;
        }

        /** The reader of this name ({@code part10}, {@code pixelmed}, ...); null for the rule. */
        public Builder reader(String name) {
            this.readerName = name;
            return this;
        }

        /** This writer, whatever name, type or system property says otherwise. */
        public Builder writer(FhirWriter writer) {
            this.writerInstance = Objects.requireNonNull(writer, "writer");
            return this;
        }

        /** The writer of this name ({@code hapi}, {@code ibm}, ...); null for the rule. Replaces {@link #writerFor}. */
        public Builder writer(String name) {
            this.writerName = name;
            this.writerNativeClass = null;
            return this;
        }

        /** The writer whose native ImagingStudy is this class. Replaces {@link #writer(String)}. */
        public Builder writerFor(Class<?> nativeType) {
            return writerFor(Objects.requireNonNull(nativeType, "nativeType").getName());
        }

        /** The writer whose native ImagingStudy has this class name (no class loading needed). */
        public Builder writerFor(String nativeClassName) {
            this.writerNativeClass = Objects.requireNonNull(nativeClassName, "nativeClassName");
            this.writerName = null;
            return this;
        }

        /** Where backends are discovered (a plug-in loader); default: the thread's context class loader. */
        public Builder classLoader(ClassLoader loader) {
            this.classLoader = Objects.requireNonNull(loader, "loader");
            return this;
        }

        /** Settings handed to the providers' {@code create}. */
        public Builder backendOptions(BackendOptions options) {
            this.backendOptions = Objects.requireNonNull(options, "options");
            return this;
        }

        /** Zone for local date-times without (0008,0201); null (the default): such times are dropped, dates kept. */
        public Builder timezone(ZoneId zone) {
            this.timezone = zone;
            return this;
        }

        public Builder idStrategy(IdStrategy strategy) {
            this.idStrategy = Objects.requireNonNull(strategy, "strategy");
            return this;
        }

        /** DICOMweb base URL of the archive (a contained Endpoint); null for none. Checked by {@link #build}. */
        public Builder endpoint(String dicomWebBaseUrl) {
            this.endpoint = dicomWebBaseUrl;
            return this;
        }

        /** One ImagingStudy per study, as a collection Bundle (also for a single study). */
        public Builder split(boolean split) {
            this.split = split;
            return this;
        }

        public Builder limits(Limits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /** Concurrent reads; default {@link Converter#defaultIoThreads()}. Checked by {@link #build}. */
        public Builder ioThreads(int threads) {
            this.ioThreads = threads;
            return this;
        }

        public Builder progress(ProgressListener listener) {
            this.progress = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * @throws InvalidOptionException    a bad endpoint URL or thread count
         * @throws BackendSelectionException no backend can be selected, or one fails to start
         */
        public Converter build() {
            String checkedEndpoint = null;
            if (endpoint != null) {
                try {
                    checkedEndpoint = EndpointUrls.validate(endpoint);
                } catch (IllegalArgumentException e) {
                    throw new InvalidOptionException(e.getMessage(), e);
                }
            }
            int threads = ioThreads == null ? defaultIoThreads() : ioThreads;
            if (threads < 1) {
                throw new InvalidOptionException("The number of I/O threads must be at least 1, not " + threads + ".");
            }
            Backends backends = readerInstance != null && writerInstance != null ? null
                    : Backends.discover(classLoader != null ? classLoader : Backends.defaultLoader());
            DicomReader reader = readerInstance != null ? readerInstance : backends.reader(readerName, backendOptions);
            FhirWriter writer;
            if (writerInstance != null) {
                writer = writerInstance;
            } else if (writerNativeClass != null) {
                writer = backends.writerFor(writerNativeClass, backendOptions);
            } else {
                writer = backends.writer(writerName, backendOptions);
            }
            MappingOptions mapping = new MappingOptions(timezone, idStrategy, checkedEndpoint);
            return new Converter(reader, writer, mapping, split, limits, threads, progress);
        }
    }
}
