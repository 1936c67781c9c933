package org.dicom2fhir.batch;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.dicom2fhir.api.Disposition;
import org.dicom2fhir.api.ReasonCode;
import org.dicom2fhir.api.model.IdentifierData;
import org.dicom2fhir.core.Converter;
import org.dicom2fhir.core.FetchedFile;
import org.dicom2fhir.core.FileOutcome;
import org.dicom2fhir.core.InstanceFacts;
import org.dicom2fhir.core.ScannedFile;
import org.dicom2fhir.core.StudyConversion;

/**
 * Converts an archive: every file below every root is read once, its facts go to an on-disk store grouped by Study
 * Instance UID (whatever the folder layout: a study may span folders and roots, a folder may hold many studies),
 * copies of an instance are dropped (the first in root order, then relative path, is kept), and only when every
 * file is read is each study mapped, in Study UID order, and handed to a {@link StudySink}. Memory holds the
 * folders being walked, the reads in flight, the store's page cache and one study's facts, whatever the archive's
 * size.
 *
 * <p>The store is also the run's journal. A run that was killed is continued by the same call: the files read
 * before are not read again (a file that changed or vanished since refuses the resume), and the sink is returned
 * to its last {@linkplain StudySink#checkpoint checkpoint} before the studies after it follow, so that the sink
 * sees the same sequence as in an uninterrupted run. The store is deleted when the run completes.
 */
public final class BatchConverter {
    static final String STORE_FILE = "facts.mv.db";
    /** Checkpoints of the emission: at most this far apart, so that a resume repeats little. */
    private static final long CHECKPOINT_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    private static final int CHECKPOINT_STUDIES = 1000;

    private static final String PHASE = "phase";
    private static final String READING = "reading";
    private static final String EMITTING = "emitting";
    private static final String STARTED = "started";
    private static final String OPTION_PREFIX = "option.";
    private static final String SINK_PREFIX = "sink.";
    private static final String EMITTED = "emitted";
    private static final String COUNT_PREFIX = "count.";
    /** Where the facts were when the reading ended: {@value #IN_MEMORY} or in the store. */
    private static final String TIER = "tier";
    private static final String IN_MEMORY = "memory";
    private static final String INPUT_DIGEST = "input-digest";
    /** The journaled list of a {@link StudySource}'s studies: {@code studies.count}, {@code studies.0}, ... */
    private static final String STUDY_LIST_PREFIX = "studies.";
    private static final int STUDIES_PER_ENTRY = 10_000;
    /**
     * Files handed to a reading thread at a time: a hand-over per file (a wake-up, often a context switch) cost as
     * much as a small file's read; 8 keeps every thread busy on folders of a few files.
     */
    private static final int READ_CHUNK = 8;
    /** The path of a fetched study's instances: {@code studies/<uid>/...}, as below a DICOMweb base. */
    static final String STUDY_PATH_PREFIX = "studies/";

    private final Converter converter;
    private final List<Path> roots;
    /** Studies fetched instead of roots scanned, or null. */
    private final StudySource source;
    private final Path storeFile;
    private final Map<String, String> options;
    private final boolean restart;
    private final int checkpointStudies;
    private final PatientIds patientIds;
    private final BatchProgress progress;
    private final long memoryBudget;

    private BatchConverter(Converter converter, List<Path> roots, StudySource source, Path storeFile,
            Map<String, String> options, boolean restart, int checkpointStudies, PatientIds patientIds,
            BatchProgress progress, long memoryBudget) {
        this.converter = converter;
        this.roots = roots;
        this.source = source;
        this.storeFile = storeFile;
        this.options = options;
        this.restart = restart;
        this.checkpointStudies = checkpointStudies;
        this.patientIds = patientIds;
        this.progress = progress;
        this.memoryBudget = memoryBudget;
    }

    /**
     * @param converter the reader, mapping options and limits of the run (its writer is not used here: the sink
     *                  writes)
     * @param roots     the folders to convert, in the order that decides which copy of an instance is kept
     * @param stateDir  where the store and journal ({@value #STORE_FILE}) live until the run completes
     */
    public static BatchConverter create(Converter converter, List<Path> roots, Path stateDir) {
        Objects.requireNonNull(converter, "converter");
        Objects.requireNonNull(stateDir, "stateDir");
        if (roots.isEmpty()) {
            throw new IllegalArgumentException("no root to convert");
        }
        return new BatchConverter(converter, List.copyOf(roots), null, stateDir.resolve(STORE_FILE), Map.of(), false,
                CHECKPOINT_STUDIES, null, BatchProgress.NONE, FactStore.defaultMemoryBudget());
    }

    /**
     * The studies of a source that is not a folder (a DICOMweb server's): listed once when the run starts (the list
     * is journaled), each fetched once; every instance is reported with root 0 and the path
     * {@code studies/<uid>/<the study's own path>}. Otherwise as {@link #create(Converter, List, Path)}.
     */
    public static BatchConverter create(Converter converter, StudySource source, Path stateDir) {
        Objects.requireNonNull(converter, "converter");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(stateDir, "stateDir");
        return new BatchConverter(converter, List.of(), source, stateDir.resolve(STORE_FILE), Map.of(), false,
                CHECKPOINT_STUDIES, null, BatchProgress.NONE, FactStore.defaultMemoryBudget());
    }

    /**
     * The options that shape the output, by name (the caller's names, e.g. {@code --timezone}): recorded in the
     * journal; a resume with other values is refused naming them. The roots are always part of it.
     */
    public BatchConverter withOptions(Map<String, String> options) {
        return new BatchConverter(converter, roots, source, storeFile, Map.copyOf(options), restart, checkpointStudies,
                patientIds, progress, memoryBudget);
    }

    /** Discards the journal of an interrupted run instead of continuing it. */
    public BatchConverter restart(boolean restart) {
        return new BatchConverter(converter, roots, source, storeFile, options, restart, checkpointStudies, patientIds,
                progress, memoryBudget);
    }

    /**
     * Patients of their own: each study is linked ({@link BatchStudy#patient()}) to the Patient of its Patient ID
     * (the first identifier, which needs a system), whose id these ids give; the first study of a patient in Study
     * UID order makes the Patient. A study without a Patient ID or its system, or whose instances disagree on the
     * patient, is refused ({@link BatchStudy#refusal()}).
     */
    public BatchConverter patients(PatientIds ids) {
        return new BatchConverter(converter, roots, source, storeFile, options, restart, checkpointStudies,
                Objects.requireNonNull(ids, "ids"), progress, memoryBudget);
    }

    /** Reports what the run has done to a progress display (set before {@link #run}; not part of the options). */
    public BatchConverter progress(BatchProgress progress) {
        return new BatchConverter(converter, roots, source, storeFile, options, restart, checkpointStudies, patientIds,
                Objects.requireNonNull(progress, "progress"), memoryBudget);
    }

    /** Checkpoints after at most this many studies or files (tests make it small to resume from the middle). */
    BatchConverter checkpointEvery(int studies) {
        return new BatchConverter(converter, roots, source, storeFile, options, restart, studies, patientIds, progress,
                memoryBudget);
    }

    /**
     * The memory the facts read may take before they go to the on-disk store (as reckoned: about 500 bytes per
     * instance and 4 KB per patient, study or series). Default: a quarter of the maximum heap. An archive whose
     * facts fit is never written to the store (a resume then reads it again); a larger one is spilled to the store
     * each time the budget is reached, and its resume reads only what was not spilled.
     */
    public BatchConverter memoryBudget(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("the memory budget is negative: " + bytes);
        }
        return new BatchConverter(converter, roots, source, storeFile, options, restart, checkpointStudies, patientIds,
                progress, bytes);
    }

    /** Whether the state folder holds an interrupted run (which {@link #run} continues unless restarted). */
    public boolean interrupted() {
        return Files.exists(storeFile);
    }

    /**
     * Runs the conversion, or continues an interrupted one.
     *
     * @throws java.nio.file.NoSuchFileException a root is missing (every root is checked before anything is read;
     *         also NotDirectoryException, AccessDeniedException)
     * @throws ResumeRefusedException the interrupted run had other options, or its input changed
     * @throws InterruptedIOException the calling thread was interrupted
     */
    public BatchSummary run(StudySink sink) throws IOException {
        Objects.requireNonNull(sink, "sink");
        for (Path root : roots) {
            Converter.checkFolder(root);
        }
        Files.createDirectories(storeFile.getParent());
        if (restart) {
            Files.deleteIfExists(storeFile);
        }
        BatchSummary summary;
        FactStore store = FactStore.open(storeFile, 16, memoryBudget);
        try {
            summary = convert(store, sink);
        } catch (IOException | RuntimeException | Error e) {
            store.abandon();
            throw e;
        }
        store.close();
        Files.deleteIfExists(storeFile);
        return summary;
    }

    private BatchSummary convert(FactStore store, StudySink sink) throws IOException {
        boolean resuming = store.journal(PHASE) != null;
        if (resuming) {
            checkOptions(store);
        } else {
            journalOptions(store);
            if (source != null) {
                journalStudies(store, source.studyUids());
            }
            store.journal(STARTED, Instant.now().toString());
            store.journal(PHASE, READING);
            store.commit();
        }
        long start = System.nanoTime();
        if (READING.equals(store.journal(PHASE))) {
            long files = readAll(store, resuming, false);
            store.finishReading();
            store.journal(COUNT_PREFIX + "files", Long.toString(files));
            if (store.inMemory()) {
                store.journal(TIER, IN_MEMORY);
                store.journal(INPUT_DIGEST, store.inputDigest());
            }
            store.journal(PHASE, EMITTING);
            store.commit();
        } else if (IN_MEMORY.equals(store.journal(TIER))) {
            // the facts were in memory only: read everything again, and refuse unless it is the same input
            readAll(store, false, false);
            store.finishReading();
            if (!store.inputDigest().equals(store.journal(INPUT_DIGEST))) {
                throw changed("a file was added, removed or modified");
            }
        } else {
            // every file was read into the store before the interruption: check none changed, vanished or appeared
            readAll(store, true, true);
        }
        return emit(store, sink, resuming, System.nanoTime() - start);
    }

    private Map<String, String> allOptions() {
        Map<String, String> all = new TreeMap<>(options);
        if (source != null) {
            all.put("SOURCE", source.origin());
        }
        for (int i = 0; i < roots.size(); i++) {
            all.put("ROOT " + (i + 1), roots.get(i).toAbsolutePath().normalize().toString());
        }
        if (source == null) {
            all.put("ROOT count", Integer.toString(roots.size()));
        }
        if (patientIds != null) {
            // tells keys apart without revealing them: another key would give other Patient ids
            all.put("patient id key", patientIds.id("dicom2fhir", "key check"));
        }
        return all;
    }

    private void journalOptions(FactStore store) {
        allOptions().forEach((name, value) -> store.journal(OPTION_PREFIX + name, value));
    }

    private void checkOptions(FactStore store) throws ResumeRefusedException {
        List<String> differ = new ArrayList<>();
        Map<String, String> now = allOptions();
        for (Map.Entry<String, String> option : now.entrySet()) {
            if (!option.getValue().equals(store.journal(OPTION_PREFIX + option.getKey()))) {
                differ.add(option.getKey());
            }
        }
        // an option given before and not now
        store.journalKeys(OPTION_PREFIX).stream().map(k -> k.substring(OPTION_PREFIX.length()))
                .filter(name -> !now.containsKey(name)).forEach(differ::add);
        if (!differ.isEmpty()) {
            throw new ResumeRefusedException(ResumeRefusedException.Kind.OPTIONS_CHANGED,
                    "the interrupted run had other values of " + String.join(", ", differ), differ);
        }
    }

    /**
     * Scans every root and reads each file not read before; returns the number of entries met. On a resume, a file
     * read before must still have its stamp, and none may have vanished.
     */
    private long readAll(FactStore store, boolean resuming, boolean checkOnly) throws IOException {
        if (source != null) {
            return fetchAll(store, resuming, checkOnly);
        }
        long knownBefore = store.readCount();
        AtomicLong knownSeen = new AtomicLong();
        AtomicLong files = new AtomicLong();
        AtomicLong readNow = new AtomicLong();
        List<ScannedFile> chunk = new ArrayList<>(READ_CHUNK);
        Heads heads = new Heads();
        try (Reads reads = new Reads(converter.ioThreads())) {
            for (int i = 0; i < roots.size(); i++) {
                int root = i;
                converter.scan(roots.get(i), entry -> {
                    files.incrementAndGet();
                    if (resuming) {
                        String recorded = store.readStamp(root, entry.relativePath());
                        if (recorded != null) {
                            if (!recorded.equals(stamp(entry))) {
                                throw changed("ROOT " + (root + 1) + ": " + entry.relativePath() + " changed");
                            }
                            knownSeen.incrementAndGet();
                            return;
                        }
                        if (checkOnly) {
                            // studies are being emitted: a new file's facts would change what was emitted
                            throw changed("ROOT " + (root + 1) + ": " + entry.relativePath() + " is new");
                        }
                    }
                    chunk.add(entry);
                    if (chunk.size() == READ_CHUNK) {
                        submitReads(reads, heads, store, root, chunk, readNow);
                    }
                });
                if (!chunk.isEmpty()) {
                    submitReads(reads, heads, store, root, chunk, readNow); // a root's files are recorded with its index
                }
            }
            reads.awaitAll();
        }
        if (resuming && knownSeen.get() != knownBefore) {
            throw changed((knownBefore - knownSeen.get()) + " files read before the interruption are gone");
        }
        return files.get();
    }

    /**
     * The chunk's files (of one root) fetched by one reading thread, one after the other, then read on from their
     * heads by a parsing thread and recorded together; the chunk is emptied for the next files. The reading threads
     * only wait for the disk: with the parsing on them, fewer reads were queued than threads, and a shallow queue
     * cost a virtual machine's disk more notifications and interrupts per read (benchmarks/README.md, tenth session).
     */
    private void submitReads(Reads reads, Heads heads, FactStore store, int root, List<ScannedFile> chunk,
            AtomicLong readNow) throws IOException {
        List<ScannedFile> files = List.copyOf(chunk);
        chunk.clear();
        reads.submitStaged(() -> {
            byte[][] buffers = heads.take();
            List<FetchedFile> fetched = new ArrayList<>(files.size());
            for (int f = 0; f < files.size(); f++) {
                fetched.add(converter.fetch(files.get(f), buffers[f]));
            }
            return () -> {
                List<FactStore.ReadFile> read = new ArrayList<>(files.size());
                for (FetchedFile file : fetched) {
                    read.add(new FactStore.ReadFile(file.entry().relativePath(), stamp(file.entry()),
                            converter.read(file)));
                }
                heads.give(buffers);
                store.record(root, read);
                progress.filesRead(readNow.addAndGet(files.size()));
            };
        });
    }

    /**
     * The head buffers of the chunks in flight, reused from chunk to chunk: at most as many sets as chunks in flight
     * ({@link Reads}' bound), each {@value #READ_CHUNK} x {@value FetchedFile#HEAD_BYTES} bytes.
     */
    private static final class Heads {
        private final ConcurrentLinkedQueue<byte[][]> free = new ConcurrentLinkedQueue<>();

        byte[][] take() {
            byte[][] buffers = free.poll();
            return buffers != null ? buffers : new byte[READ_CHUNK][FetchedFile.HEAD_BYTES];
        }

        void give(byte[][] buffers) {
            free.offer(buffers);
        }
    }

    /**
     * Fetches each study of the journaled list not fetched before; returns the number of studies. A study's stamp
     * is a digest of the bytes its responses brought: a run whose facts were in memory only fetches everything
     * again and is refused unless every study brought the same bytes. Studies whose facts are in the store are not
     * fetched again (the source is not asked whether they changed).
     */
    private long fetchAll(FactStore store, boolean resuming, boolean checkOnly) throws IOException {
        List<String> uids = journaledStudies(store);
        if (checkOnly) {
            return uids.size();
        }
        AtomicLong fetchedNow = new AtomicLong();
        try (Reads reads = new Reads(converter.ioThreads())) {
            for (String uid : uids) {
                String path = STUDY_PATH_PREFIX + uid;
                if (resuming && store.readStamp(0, path) != null) {
                    continue;
                }
                reads.submit(() -> {
                    DigestedStudy study = new DigestedStudy(source.study(uid));
                    List<FileOutcome> outcomes = converter.read(study, path + "/");
                    store.record(0, path, study.digest(), outcomes);
                    progress.filesRead(fetchedNow.incrementAndGet());
                });
            }
            reads.awaitAll();
        }
        return uids.size();
    }

    /** The list of studies in chunks (a journal value stays small), and their count. */
    private static void journalStudies(FactStore store, List<String> uids) {
        for (int chunk = 0; chunk * STUDIES_PER_ENTRY < uids.size(); chunk++) {
            List<String> part = uids.subList(chunk * STUDIES_PER_ENTRY,
                    Math.min(uids.size(), (chunk + 1) * STUDIES_PER_ENTRY));
            store.journal(STUDY_LIST_PREFIX + chunk, String.join("\n", part));
        }
        store.journal(STUDY_LIST_PREFIX + "count", Integer.toString(uids.size()));
    }

    private static List<String> journaledStudies(FactStore store) {
        int count = Integer.parseInt(store.journal(STUDY_LIST_PREFIX + "count"));
        List<String> uids = new ArrayList<>(count);
        for (int chunk = 0; uids.size() < count; chunk++) {
            uids.addAll(List.of(store.journal(STUDY_LIST_PREFIX + chunk).split("\n")));
        }
        return uids;
    }

    private static ResumeRefusedException changed(String what) {
        return new ResumeRefusedException(ResumeRefusedException.Kind.INPUT_CHANGED, "the input changed since the "
                + "interrupted run (" + what + "): its studies would mix old and new facts", List.of());
    }

    /**
     * Size and modification time as the scan's lstat saw them (the scan keeps them for every file it hands over to
     * be read: no second stat per file), or "-" for an entry the scan decided (never opened).
     */
    private static String stamp(ScannedFile entry) {
        return entry.decided() != null ? "-" : entry.size() + ":" + entry.lastModifiedMillis();
    }

    private BatchSummary emit(FactStore store, StudySink sink, boolean resuming, long readingNanos) throws IOException {
        long start = System.nanoTime();
        Counts counts = new Counts(store);
        long skip = counts.get(EMITTED);
        if (resuming) {
            sink.resume(store.journalLongs(SINK_PREFIX));
        }
        progress.studiesFound(store.studyCount());
        long position = 0;
        Emission emission = new Emission(store, sink, counts);
        // studies are mapped on every core, a few ahead, and handed to the sink in order
        ExecutorService mappers = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), r -> {
            Thread t = new Thread(r, "dicom2fhir-batch-map");
            t.setDaemon(true);
            return t;
        });
        ArrayDeque<Mapping> ahead = new ArrayDeque<>();
        long aheadInstances = 0;
        try {
            for (List<InstanceFacts> facts : store.studies()) {
                if (position++ < skip) {
                    continue;
                }
                while (!ahead.isEmpty() && (ahead.size() >= MAP_AHEAD || aheadInstances + facts.size() > MAP_AHEAD_INSTANCES)) {
                    aheadInstances -= ahead.peekFirst().facts().size();
                    emission.handOn(ahead.removeFirst());
                }
                ahead.addLast(new Mapping(facts, mappers.submit(() -> mapped(facts))));
                aheadInstances += facts.size();
            }
            while (!ahead.isEmpty()) {
                emission.handOn(ahead.removeFirst());
            }
        } finally {
            mappers.shutdownNow();
        }
        for (BatchFile file : store.filesNotIncluded()) {
            if (position++ < skip) {
                continue;
            }
            if (file.report().reason() == ReasonCode.DUPLICATE_INSTANCE) {
                counts.add("duplicates", 1);
            } else if (file.report().disposition() == Disposition.FAILED) {
                counts.add("failed", 1);
            } else {
                counts.add("skipped", 1);
            }
            sink.file(file);
            emission.emitted();
        }
        checkpoint(store, sink, counts);
        BatchSummary summary = new BatchSummary(Instant.parse(store.journal(STARTED)), counts.get("files"), counts.get("included"), counts.get("duplicates"),
                counts.get("skipped"), counts.get("failed"), counts.get("studies"), counts.get("studiesFailed"),
                counts.get("instances"), java.time.Duration.ofNanos(readingNanos),
                java.time.Duration.ofNanos(System.nanoTime() - start));
        sink.finish(summary);
        return summary;
    }

    /** Studies mapped ahead at most: enough to keep every core busy, few enough to hold little. */
    private static final int MAP_AHEAD = 4 * Runtime.getRuntime().availableProcessors();
    /** ... and at most this many instances between them (a large study is mapped alone). */
    private static final long MAP_AHEAD_INSTANCES = 50_000;

    /** A study being mapped: its facts, and its conversion or the failure that stopped it. */
    private record Mapping(List<InstanceFacts> facts, java.util.concurrent.Future<Object> result) {
    }

    /** The conversion, or the RuntimeException of a study that cannot be mapped (never the end of the run). */
    private Object mapped(List<InstanceFacts> facts) {
        try {
            return converter.mapStudy(facts);
        } catch (RuntimeException e) {
            return e;
        }
    }

    /** Hands the studies on in order, counting them and taking checkpoints. */
    private final class Emission {
        private final FactStore store;
        private final StudySink sink;
        private final Counts counts;
        private long done;
        private long instancesDone;
        private long sinceCheckpoint;
        private long lastCheckpoint = System.nanoTime();

        Emission(FactStore store, StudySink sink, Counts counts) {
            this.store = store;
            this.sink = sink;
            this.counts = counts;
        }

        void handOn(Mapping mapping) throws IOException {
            List<InstanceFacts> facts = mapping.facts();
            counts.add("included", facts.size());
            Object result;
            try {
                result = mapping.result().get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while mapping");
            } catch (java.util.concurrent.ExecutionException e) {
                Reads.rethrow(e.getCause());
                throw new IllegalStateException(e.getCause());
            }
            if (result instanceof StudyConversion conversion) {
                counts.add("studies", 1);
                counts.add("instances", conversion.study().numberOfInstances());
                sink.study(patientIds == null ? new BatchStudy(conversion) : linked(store, conversion, facts));
            } else {
                // one study's failure is a report line, never the end of the run
                counts.add("studiesFailed", 1);
                sink.studyFailed(facts.get(0).studyInstanceUid(), ReportLines.mappingFailure((Throwable) result));
            }
            progress.studiesDone(++done, instancesDone += facts.size());
            emitted();
        }

        /** One more study or file handed on: a checkpoint after enough of them, or enough time. */
        void emitted() throws IOException {
            counts.add(EMITTED, 1);
            if (++sinceCheckpoint >= checkpointStudies || System.nanoTime() - lastCheckpoint > CHECKPOINT_NANOS) {
                checkpoint(store, sink, counts);
                sinceCheckpoint = 0;
                lastCheckpoint = System.nanoTime();
            }
        }
    }

    private static final Comparator<InstanceFacts> BY_SOP_INSTANCE_UID = Comparator.comparing(InstanceFacts::sopInstanceUid);

    /** The study with its Patient link, or its refusal (the rules of {@link org.dicom2fhir.core.TransactionPlan}). */
    private BatchStudy linked(FactStore store, StudyConversion conversion, List<InstanceFacts> facts) {
        String refusal = ArchiveRules.patientRefusal(conversion);
        if (refusal != null) {
            return new BatchStudy(conversion, null, refusal);
        }
        IdentifierData identifier = ArchiveRules.patientIdentifier(conversion);
        String key = identifier.system() + "|" + identifier.value();
        // the instance with the lowest SOP Instance UID: the same in every run, whatever order the facts come in
        String group = ArchiveRules.patientDataKey(Collections.min(facts, BY_SOP_INSTANCE_UID).patient());
        String first = store.patientGroup(key);
        if (first == null) {
            store.patientGroup(key, group);
        }
        return new BatchStudy(conversion, new BatchStudy.PatientLink(patientIds.id(identifier.system(),
                identifier.value()), first == null, first != null && !first.equals(group)), null);
    }

    /** The sink's position and the counts so far, committed together. */
    private static void checkpoint(FactStore store, StudySink sink, Counts counts) throws IOException {
        sink.checkpoint().forEach((key, value) -> store.journal(SINK_PREFIX + key, Long.toString(value)));
        counts.save();
        store.commit();
    }

    /** The run's counters, kept in the journal so that a resumed run reports the same totals. */
    private static final class Counts {
        private final FactStore store;
        private final Map<String, Long> values = new HashMap<>();

        Counts(FactStore store) {
            this.store = store;
            store.journalLongs(COUNT_PREFIX).forEach(values::put);
        }

        long get(String name) {
            return values.getOrDefault(name, 0L);
        }

        void add(String name, long n) {
            values.merge(name, n, Long::sum);
        }

        void save() {
            values.forEach((name, value) -> store.journal(COUNT_PREFIX + name, Long.toString(value)));
        }
    }
}
