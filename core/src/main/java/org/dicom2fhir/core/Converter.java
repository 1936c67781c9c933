package org.dicom2fhir.core;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.dicom2fhir.api.BackendSelectionException;
import org.dicom2fhir.api.Limits;
import org.dicom2fhir.api.Warning;
import org.dicom2fhir.api.WarningCode;
import org.dicom2fhir.api.model.StudyData;
import org.dicom2fhir.api.spi.DicomReader;
import org.dicom2fhir.api.spi.FhirRelease;
import org.dicom2fhir.api.spi.FhirWriter;
import org.dicom2fhir.api.spi.FhirWriterProvider;
import org.dicom2fhir.core.internal.mapping.EndpointUrls;
import org.dicom2fhir.core.internal.mapping.MappedStudy;
import org.dicom2fhir.core.internal.mapping.MappingOptions;
import org.dicom2fhir.core.internal.mapping.StudyMapper;
import org.dicom2fhir.core.internal.pipeline.FileReading;
import org.dicom2fhir.core.internal.pipeline.FolderScanner;
import org.dicom2fhir.core.internal.pipeline.OrderedParallel;
import org.dicom2fhir.core.internal.pipeline.ScanEntry;

/**
 * Converts study folders with one reader, one writer and one set of options. Immutable and
 * thread-safe: one converter may convert many folders at once; what belongs to one run (progress, the
 * executor of its reads) is given per run ({@link RunOptions}).
 *
 * <p>{@link #convert} is a scan plus the two public steps {@link #readFile} (one file to its facts or
 * its disposition) and {@link #mapStudy} (the facts of one study to the neutral study), which batch
 * engines may call on their own, e.g. reading on many machines and grouping facts by Study UID. Neither
 * step needs a FHIR writer: a converter built without a writer request selects and starts its writer
 * only when a result is first rendered.
 */
public final class Converter {
    /** Codes of run-level warnings said once per run, however many studies repeat them. */
    private static final Set<WarningCode> ONCE_PER_RUN = Set.of(WarningCode.NO_TIMEZONE);

    private static final System.Logger LOG = System.getLogger(Converter.class.getName());

    private final DicomReader reader;
    private final WriterHandle writer;
    private final MappingOptions mappingOptions;
    private final boolean split;
    private final Limits limits;
    private final int ioThreads;
    private final FileReading reading;

    private Converter(DicomReader reader, WriterHandle writer, MappingOptions mappingOptions, boolean split,
            Limits limits, int ioThreads) {
        this.reader = reader;
        this.writer = writer;
        this.mappingOptions = mappingOptions;
        this.split = split;
        this.limits = limits;
        this.ioThreads = ioThreads;
        this.reading = new FileReading(reader, limits);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The default number of concurrent reads: enough to overlap I/O on a cold cache (benchmarks/README.md, "Cold page cache (P3)":
     * 16 in flight read a cold 10k folder ~20 % faster than 8 here; warm, the two are alike).
     */
    public static int defaultIoThreads() {
        return Math.max(16, 8 * Runtime.getRuntime().availableProcessors());
    }

    public DicomReader reader() {
        return reader;
    }

    /**
     * The writer, started on first use when none was requested.
     *
     * @throws BackendSelectionException no writer can be selected, or it fails to start
     */
    public FhirWriter writer() {
        return writer.writer();
    }

    /**
     * The provider of the writer: its name, FHIR release and native type. Selects (but does not start)
     * the writer when none was requested.
     *
     * @throws BackendSelectionException no writer can be selected
     */
    public FhirWriterProvider writerProvider() {
        return writer.provider();
    }

    /** The FHIR release the writer produces; as {@link #writerProvider()}. */
    public FhirRelease release() {
        return writerProvider().release();
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

    /** Converts a study folder (or a ZIP archive) with {@link RunOptions#defaults()}; see {@link #convert(Path, RunOptions)}. */
    public ConversionResult convert(Path studyDir) throws IOException {
        return convert(studyDir, RunOptions.defaults());
    }

    /**
     * Converts a study folder, or a study shipped as one file: a ZIP archive (read in place, never
     * extracted).
     *
     * @throws java.nio.file.NoSuchFileException    the folder does not exist
     * @throws java.nio.file.NotDirectoryException  it is a file that is not a ZIP archive
     * @throws java.nio.file.AccessDeniedException  it cannot be listed
     * @throws NoDicomFilesException     no file could be included (carries the report)
     * @throws MultipleStudiesException  several studies and split mode is off (carries the report)
     * @throws java.io.InterruptedIOException the calling thread was interrupted
     */
    public ConversionResult convert(Path studyDir, RunOptions run) throws IOException {
        Objects.requireNonNull(studyDir, "studyDir");
        Objects.requireNonNull(run, "run");
        List<ScanEntry> entries = new FolderScanner(limits.maxDirectoryDepth(), ioThreads).scanStudy(studyDir);
        int total = entries.size();
        LOG.log(System.Logger.Level.DEBUG, () -> "scanned " + total + " entries");
        ProgressListener progress = run.progress();
        progress.filesFound(total);

        StudyGrouping grouping = new StudyGrouping(total);
        int[] done = {0};
        int window = (int) Math.min(Integer.MAX_VALUE, 4L * ioThreads);
        OrderedParallel.run(entries, run.executor(), Math.min(ioThreads, Math.max(1, total)), window, reading::read,
                outcomes -> {
                    outcomes.forEach(grouping::add);
                    progress.fileDone(++done[0]);
                });
        return finish(grouping, studyDir);
    }

    /**
     * Converts a study that arrives as DICOM JSON streams rather than as files, e.g. the WADO-RS metadata
     * responses of a DICOMweb server ({@code dicom2fhir-dicomweb}): each stream is read as a DICOM JSON file
     * is, one outcome per instance ({@code path#index}), in the order the study hands them over.
     *
     * @throws IOException               the study cannot be fetched (from {@link JsonStudy#read})
     * @throws NoDicomFilesException     no instance could be included (carries the report)
     * @throws MultipleStudiesException  several studies and split mode is off (carries the report)
     */
    public ConversionResult convert(JsonStudy study, RunOptions run) throws IOException {
        Objects.requireNonNull(study, "study");
        Objects.requireNonNull(run, "run");
        StudyGrouping grouping = new StudyGrouping(16);
        ProgressListener progress = run.progress();
        int[] done = {0};
        study.read(new JsonStudy.Responses() {
            @Override
            public void json(String path, java.io.InputStream json) {
                Objects.requireNonNull(path, "path");
                Objects.requireNonNull(json, "json");
                reading.readJson(json, path).forEach(this::add);
            }

            @Override
            public void failed(String path, org.dicom2fhir.api.ReasonCode reason, String message) {
                add(new FileOutcome(FileReport.notIncluded(Objects.requireNonNull(path, "path"), reason, message,
                        List.of()), null));
            }

            private void add(FileOutcome outcome) {
                grouping.add(outcome);
                progress.fileDone(++done[0]);
            }
        });
        return finish(grouping, study.origin());
    }

    /**
     * Step 0 for batch engines: walks a folder with this converter's limits (depth, links and special files
     * never followed) and hands every entry to {@code sink} in sorted relative-path order, holding only the
     * folders on the current path: an archive of millions of files is walked in bounded memory.
     *
     * @throws java.nio.file.NoSuchFileException   the folder does not exist
     * @throws java.nio.file.NotDirectoryException it is a file
     * @throws java.nio.file.AccessDeniedException it cannot be listed
     */
    public void scan(Path folder, ScannedFile.Sink sink) throws IOException {
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(sink, "sink");
        new FolderScanner(limits.maxDirectoryDepth(), ioThreads).scan(folder, entry -> sink.accept(
                new ScannedFile(entry.relativePath(), entry.file(), entry.isRegularFile() ? null
                        : FileReport.notIncluded(entry.relativePath(), entry.reason(), entry.message(), List.of()),
                        entry.size(), entry.lastModifiedMillis())));
    }

    /**
     * Checks that a folder exists, is a folder and can be listed, as {@link #convert} and {@link #scan} do first:
     * a batch checks every root before it reads anything.
     *
     * @throws java.nio.file.NoSuchFileException   the folder does not exist
     * @throws java.nio.file.NotDirectoryException it is a file
     * @throws java.nio.file.AccessDeniedException it cannot be listed
     */
    public static void checkFolder(Path folder) throws IOException {
        FolderScanner.checkStudyFolder(Objects.requireNonNull(folder, "folder"));
    }

    /**
     * Step 1 for a scanned entry: {@link #readFile} (one outcome per DICOM file, ZIP entry or DICOM JSON instance),
     * or the scan's own report of an entry it decided.
     */
    public List<FileOutcome> read(ScannedFile entry) {
        Objects.requireNonNull(entry, "entry");
        // a scanned file is known to be regular (the scan checked it without following links): no second stat
        return entry.decided() != null ? decided(entry)
                : reading.read(new ScanEntry(entry.relativePath(), entry.file(), null, null, entry.size(),
                        entry.lastModifiedMillis()));
    }

    /**
     * Step 1, first half, for a scanned entry: opens the file, reads its first {@code buffer.length} bytes (typically
     * {@link FetchedFile#HEAD_BYTES}) into {@code buffer} and closes it again; {@link #read(FetchedFile)} reads on
     * from there, on any thread. A batch keeps its reading threads on the disk this way while its parsing waits for
     * a core. Never throws for what a file does (a file that cannot be opened becomes its outcome).
     */
    public FetchedFile fetch(ScannedFile entry, byte[] buffer) {
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(buffer, "buffer");
        if (entry.decided() != null) {
            return new FetchedFile(entry, buffer, null, decided(entry));
        }
        try {
            return new FetchedFile(entry, buffer, FileReading.fetch(entry.file(), entry.size(), buffer), null);
        } catch (IOException e) {
            return new FetchedFile(entry, buffer, null, FileReading.unreadable(entry.relativePath(), e));
        }
    }

    /** The outcome of an entry the scan decided: its report, never opened. */
    private static List<FileOutcome> decided(ScannedFile entry) {
        return List.of(new FileOutcome(entry.decided(), null));
    }

    /**
     * Step 1, second half: what {@link #read(ScannedFile)} gives for the fetched entry, read from its head; the file
     * is opened again only when its header goes on past the head (or it is a ZIP archive, whose directory is at its
     * end).
     */
    public List<FileOutcome> read(FetchedFile fetched) {
        Objects.requireNonNull(fetched, "fetched");
        return fetched.known != null ? fetched.known
                : reading.read(fetched.entry.file(), fetched.entry.relativePath(), fetched.buffer, fetched.head);
    }

    /**
     * Step 1 for a study of DICOM JSON streams ({@link JsonStudy}, e.g. a DICOMweb server's): every instance of
     * every stream read to its facts or disposition, in the order the study hands them over, each path prefixed
     * with {@code pathPrefix} (a batch names the study's place among its inputs). Needs no writer.
     *
     * @throws IOException the study cannot be fetched (from {@link JsonStudy#read})
     */
    public List<FileOutcome> read(JsonStudy study, String pathPrefix) throws IOException {
        Objects.requireNonNull(study, "study");
        Objects.requireNonNull(pathPrefix, "pathPrefix");
        List<FileOutcome> outcomes = new ArrayList<>();
        study.read(new JsonStudy.Responses() {
            @Override
            public void json(String path, java.io.InputStream json) {
                outcomes.addAll(reading.readJson(Objects.requireNonNull(json, "json"),
                        pathPrefix + Objects.requireNonNull(path, "path")));
            }

            @Override
            public void failed(String path, org.dicom2fhir.api.ReasonCode reason, String message) {
                outcomes.add(new FileOutcome(FileReport.notIncluded(pathPrefix + Objects.requireNonNull(path, "path"),
                        reason, message, List.of()), null));
            }
        });
        return outcomes;
    }

    /**
     * Step 1: reads one file to the facts or dispositions of what it holds, in report-path order: one
     * outcome for a DICOM file (or a file that is not DICOM), one per file entry of a ZIP archive (path
     * {@code relativePath!/entry/name}). A symbolic link or a special file is reported and never
     * opened. Never throws for what a file holds or a reader does; needs no writer.
     *
     * @param relativePath the path to report, relative to the study folder, {@code /} separators
     */
    public List<FileOutcome> readFile(Path file, String relativePath) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(relativePath, "relativePath");
        return reading.read(file, relativePath);
    }

    /**
     * Step 1 for a file of another file system (HDFS, object storage: a distributed engine opens it and gives it
     * here as a seekable channel, which the caller closes): recognised by its first bytes as {@link #readFile}
     * does; a ZIP archive is read in place through the channel, DICOM JSON by its source, anything else through
     * the reader's stream entry. Never throws for what the file holds or a reader does; needs no writer.
     *
     * @param relativePath the path to report, relative to its root, {@code /} separators
     */
    public List<FileOutcome> read(SeekableByteChannel channel, String relativePath) {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(relativePath, "relativePath");
        return reading.read(channel, relativePath);
    }

    /**
     * Step 2: maps the facts of one study (in any order, copies of an instance allowed: the first in
     * path order is kept) to the neutral study. Needs no writer.
     *
     * @throws IllegalArgumentException no facts, or facts of several studies
     */
    public StudyConversion mapStudy(Collection<InstanceFacts> facts) {
        List<InstanceFacts> sorted = new ArrayList<>(facts);
        if (sorted.isEmpty()) {
            throw new IllegalArgumentException("no instance facts to map");
        }
        sorted.sort(Comparator.comparing(InstanceFacts::path));
        StudyGrouping grouping = new StudyGrouping(sorted.size());
        for (InstanceFacts f : sorted) {
            grouping.add(new FileOutcome(FileReport.included(f.path(), f.warnings()), f));
        }
        if (grouping.studyCount() > 1) {
            throw new IllegalArgumentException(grouping.multipleStudiesMessage("the facts hold")
                    + "; mapStudy maps one study at a time");
        }
        return map(grouping.takeFirstStudy(), grouping.duplicates());
    }

    /** The one place the mapping is called, by {@link #mapStudy} and by {@link #convert}. */
    private StudyConversion map(List<InstanceFacts> unique, List<FileReport> duplicates) {
        MappedStudy mapped = StudyMapper.map(unique, mappingOptions);
        return new StudyConversion(mapped.study(), mapped.warnings(), duplicates, mapped.patientConflict());
    }

    private ConversionResult finish(StudyGrouping grouping, Path studyDir) {
        if (grouping.isEmpty()) {
            throw new NoDicomFilesException(grouping.noDicomMessage(), report(grouping, studyDir, List.of(), 0, 0, 0));
        }
        if (grouping.studyCount() > 1 && !split) {
            ConversionReport report = report(grouping, studyDir, List.of(), grouping.studyCount(), grouping.seriesCount(),
                    grouping.included());
            throw new MultipleStudiesException(grouping.multipleStudiesMessage("STUDY_DIR holds")
                    + "; convert them one at a time or use split mode", grouping.filesPerStudy(), report);
        }
        List<StudyData> studies = new ArrayList<>(grouping.studyCount());
        Set<String> patientConflicts = new HashSet<>();
        Set<Warning> warnings = new LinkedHashSet<>();
        Set<WarningCode> onceCodes = new HashSet<>();
        int series = 0;
        int instances = 0;
        while (!grouping.isEmpty()) {
            // Release each study's facts as soon as it is mapped: memory stays near one copy.
            StudyConversion conversion = map(grouping.takeFirstStudy(), List.of());
            studies.add(conversion.study());
            if (conversion.patientConflict()) {
                patientConflicts.add(conversion.study().id());
            }
            series += conversion.study().numberOfSeries();
            instances += conversion.study().numberOfInstances();
            for (Warning w : conversion.warnings()) {
                if (!ONCE_PER_RUN.contains(w.code()) || onceCodes.add(w.code())) {
                    warnings.add(w);
                }
            }
        }
        ConversionReport report = report(grouping, studyDir, List.copyOf(warnings), studies.size(), series, instances);
        LOG.log(System.Logger.Level.DEBUG, () -> "converted " + studies.size() + " studies; files: "
                + grouping.included() + " included, " + grouping.skipped() + " skipped, " + grouping.failed() + " failed");
        return new ConversionResult(studies, patientConflicts, split, writer::writer, report);
    }

    private static ConversionReport report(StudyGrouping g, Path studyDir, List<Warning> warnings, int studies,
            int series, int instances) {
        return new ConversionReport(studyDir, g.reports(), warnings, new ConversionReport.Totals(g.reports().size(),
                g.included(), g.skipped(), g.failed(), studies, series, instances));
    }

    /**
     * The writer of a converter: selected at {@link Builder#build()} when one was requested (and started
     * then, so that a library's slow set-up overlaps the reading), else selected and started on first use.
     */
    private static final class WriterHandle {
        private final Supplier<FhirWriterProvider> select;
        private FhirWriterProvider provider; // guarded by this
        private FhirWriter writer; // guarded by this

        WriterHandle(Supplier<FhirWriterProvider> select) {
            this.select = select;
        }

        static WriterHandle started(FhirWriterProvider provider) {
            WriterHandle handle = new WriterHandle(() -> provider);
            handle.writer();
            return handle;
        }

        // called once per result, never per file: plain synchronisation is enough
        synchronized FhirWriterProvider provider() {
            if (provider == null) {
                provider = Objects.requireNonNull(select.get(), "provider");
            }
            return provider;
        }

        synchronized FhirWriter writer() {
            if (writer == null) {
                writer = Backends.createWriter(provider());
            }
            return writer;
        }
    }

    /**
     * Configures a {@link Converter}. Backends: an instance given here wins over everything; else a
     * name; else the system properties and the rule of {@link Backends}. Not thread-safe.
     */
    public static final class Builder {
        private DicomReader readerInstance;
        private String readerName;
        private FhirWriterProvider writerProvider;
        private boolean writerRequested;
        private String writerName;
        private String writerNativeClass;
        private ClassLoader classLoader;
        private ZoneId timezone;
        private IdStrategy idStrategy = IdStrategy.UID;
        private String endpoint;
        private Map<String, String> issuerMap = Map.of();
        private String patientIdSystem;
        private boolean split;
        private Limits limits = Limits.defaults();
        private Integer ioThreads;

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

        /**
         * The writers of this provider, whatever name, type or system property says otherwise (e.g. a
         * provider of one's own, or one that decorates another). Started by {@link #build()}.
         */
        public Builder writer(FhirWriterProvider provider) {
            this.writerProvider = Objects.requireNonNull(provider, "provider");
            this.writerRequested = true;
            return this;
        }

        /**
         * The writer of this name ({@code hapi}, {@code ibm}, ...); null for the rule. Either way the writer
         * is selected and started by {@link #build()}. Replaces {@link #writerFor}.
         */
        public Builder writer(String name) {
            this.writerName = name;
            this.writerNativeClass = null;
            this.writerRequested = true;
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
            this.writerRequested = true;
            return this;
        }

        /** Where backends are discovered (a plug-in loader); default: the thread's context class loader. */
        public Builder classLoader(ClassLoader loader) {
            this.classLoader = Objects.requireNonNull(loader, "loader");
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

        /**
         * Systems for Patient IDs whose data set names the issuer only as text (0010,0021), by that exact text
         * (see {@link PatientIdSystems#readIssuerMap}). Checked by {@link #build}.
         */
        public Builder issuerMap(Map<String, String> issuerToSystem) {
            this.issuerMap = Map.copyOf(issuerToSystem);
            return this;
        }

        /**
         * The system of Patient IDs that name no issuer at all (neither (0010,0021) nor (0010,0024)); null for
         * none. Checked by {@link #build}.
         */
        public Builder patientIdSystem(String systemUri) {
            this.patientIdSystem = systemUri;
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

        /**
         * @throws InvalidOptionException    a bad endpoint URL or thread count
         * @throws BackendSelectionException the reader, or a requested writer, cannot be selected or fails to start
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
            Backends backends = Backends.discover(classLoader != null ? classLoader : Backends.defaultLoader());
            DicomReader reader = readerInstance != null ? readerInstance : backends.reader(readerName);
            WriterHandle writer;
            if (writerProvider != null) {
                writer = WriterHandle.started(writerProvider);
            } else if (writerNativeClass != null) {
                writer = WriterHandle.started(backends.writerProviderFor(writerNativeClass));
            } else if (writerRequested) {
                writer = WriterHandle.started(backends.writerProvider(writerName));
            } else {
                writer = new WriterHandle(() -> backends.writerProvider(null));
            }
            MappingOptions mapping = new MappingOptions(timezone, idStrategy, checkedEndpoint,
                    new PatientIdSystems(issuerMap, patientIdSystem));
            return new Converter(reader, writer, mapping, split, limits, threads);
        }
    }
}
