package org.dicom2fhir.batch;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.dicom2fhir.api.ReasonCode;
import org.dicom2fhir.core.FileOutcome;
import org.dicom2fhir.core.FileReport;
import org.dicom2fhir.core.InstanceFacts;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.StringDataType;

/**
 * The facts of an archive, in two tiers. While they fit in a memory budget, the facts of the files read are held in
 * memory (a map by SOP Instance UID, the reports of files left out, the stamps of the files read). Beyond the budget
 * everything held is spilled, in key order, to H2's MVStore on disk (one file) and committed with the stamps of its
 * files: every kept instance under its Study and SOP Instance UIDs (so iterating the map gives the studies in UID
 * order), a unique index of SOP Instance UIDs, the shared patient/study/series groups, the reports of files not
 * included and the stamps. Once anything was spilled, whatever is held at the end of reading is spilled too and the
 * studies come from the store; an archive that fits never touches the disk but for the journal.
 *
 * <p>Whichever tier holds a copy, the first copy of a SOP Instance UID in root order, then relative path, is kept.
 * Methods that change the facts are synchronised: reading threads offer their results directly.
 */
final class FactStore implements AutoCloseable {
    private static final char SEPARATOR = '\u0000';
    /** What an instance held in memory is reckoned to cost, beyond its strings (objects, map entry). */
    private static final long INSTANCE_BYTES = 400;
    /** What a patient, study or series group held in memory is reckoned to cost the first time it is met. */
    private static final long GROUP_BYTES = 4096;

    private final MVStore store;
    /** study UID, SEPARATOR, SOP Instance UID -> the encoded instance */
    private final MVMap<String, byte[]> instances;
    /** SOP Instance UID -> the instance's key in {@link #instances} */
    private final MVMap<String, String> sopIndex;
    /** group key -> the group's serialised bytes */
    private final MVMap<String, byte[]> groups;
    /** {@link #fileKey} -> the report of a file not included */
    private final MVMap<String, byte[]> notIncluded;
    /** {@link #fileKey} -> the stamp (size and modification time) of every file whose facts are in the store */
    private final MVMap<String, String> read;
    /** the run's journal: options, phase, progress of the emission */
    private final MVMap<String, String> journal;
    /** patient identifier (system|value) -> the key of the first study's patient group (emission only) */
    private final MVMap<String, String> patients;

    private final long memoryBudget;
    /** The memory tier: what was read since the last spill. */
    private final Map<String, Kept> heldInstances = new HashMap<>();
    /** {@link #fileKey} -> a file not included (as in the store: one report per file, in (root, path) order) */
    private final SortedMap<String, BatchFile> heldNotIncluded = new TreeMap<>();
    private final List<FileStamp> heldStamps = new ArrayList<>();
    /**
     * The patient, study and series values of held instances by the UID of their study or series: equal values of one
     * study or series are one object (cleared by a spill, as the instances that share them). Keyed by UID rather than
     * by value: a value's hash walks every field, a UID's is cached (hashing the values was 9 % of the CPU of a batch
     * of single-instance studies).
     */
    private final Map<String, InstanceFacts.Patient> heldPatients = new ConcurrentHashMap<>();
    private final Map<String, InstanceFacts.Study> heldStudyValues = new ConcurrentHashMap<>();
    private final Map<String, InstanceFacts.Series> heldSeriesValues = new ConcurrentHashMap<>();
    private final AtomicLong heldBytes = new AtomicLong();
    /** The held studies in key order, once the reading has ended with nothing spilled. */
    private SortedMap<String, List<InstanceFacts>> heldStudies;
    /** Whether the store holds facts (spilled in this run or before it): then the studies come from the store. */
    private boolean spilled;
    /** The order-free sum of every recorded file's stamp digest, and their count (see {@link #inputDigest}). */
    private long stampSum;
    private long stampCount;

    /** An instance kept, with the index of its root. */
    private record Kept(int root, InstanceFacts facts) {
    }

    private record FileStamp(int root, String path, String stamp) {
    }

    /** The order of the store's instance keys: Study Instance UID, then SOP Instance UID. */
    private static final Comparator<Kept> KEY_ORDER = Comparator
            .comparing((Kept k) -> k.facts().studyInstanceUid()).thenComparing(k -> k.facts().sopInstanceUid());

    private FactStore(MVStore store, long memoryBudget) {
        this.store = store;
        this.memoryBudget = memoryBudget;
        // typed maps: the generic ObjectDataType dispatches on every comparison
        this.instances = store.openMap("instances", bytesByString());
        this.sopIndex = store.openMap("sop-index", stringsByString());
        this.groups = store.openMap("groups", bytesByString());
        this.notIncluded = store.openMap("not-included", bytesByString());
        this.read = store.openMap("read", stringsByString());
        this.journal = store.openMap("journal", stringsByString());
        this.patients = store.openMap("patients", stringsByString());
        this.spilled = !instances.isEmpty() || !notIncluded.isEmpty() || !read.isEmpty();
    }

    private static MVMap.Builder<String, byte[]> bytesByString() {
        return new MVMap.Builder<String, byte[]>().keyType(StringDataType.INSTANCE).valueType(ByteArrayDataType.INSTANCE);
    }

    private static MVMap.Builder<String, String> stringsByString() {
        return new MVMap.Builder<String, String>().keyType(StringDataType.INSTANCE).valueType(StringDataType.INSTANCE);
    }

    /**
     * Opens (or creates) the store file.
     *
     * @param cacheMiB     the store's page cache: what it keeps of the file in memory
     * @param memoryBudget the bytes the facts held in memory may take (as reckoned) before they are spilled
     */
    static FactStore open(Path file, int cacheMiB, long memoryBudget) {
        // no background commits: a commit must never persist half a checkpoint (the sink's position without the
        // counts, say); the store commits at each spill and the run at each checkpoint
        MVStore store = new MVStore.Builder().fileName(file.toString()).cacheSize(cacheMiB).compress()
                .autoCommitDisabled().open();
        return new FactStore(store, memoryBudget);
    }

    /** A quarter of the heap: the rest is for the reads in flight, the store's cache and one study's mapping. */
    static long defaultMemoryBudget() {
        return Runtime.getRuntime().maxMemory() / 4;
    }

    /** What reading one file gave: one outcome per DICOM file, ZIP entry or DICOM JSON instance, and its stamp. */
    record ReadFile(String path, String stamp, List<FileOutcome> outcomes) {
    }

    /**
     * What reading one file gave with the file's stamp: held in memory, and spilled to the store together (a commit
     * holds a file's facts and stamp, or neither).
     */
    void record(int root, String path, String stamp, List<FileOutcome> outcomes) {
        record(root, List.of(new ReadFile(path, stamp, outcomes)));
    }

    /**
     * What reading several files of one root gave, as {@link #record(int, String, String, List)} each, under one
     * acquisition of the store's lock (a reading thread's files at a time: a lock per file made the reading
     * threads queue for it).
     */
    void record(int root, List<ReadFile> files) {
        // groups are made canonical and the stamps digested by the reading thread, outside the lock
        List<FileOutcome> outcomes = new ArrayList<>();
        long digests = 0;
        long bytes = 0;
        for (ReadFile file : files) {
            for (FileOutcome outcome : file.outcomes()) {
                if (outcome.included()) {
                    InstanceFacts i = outcome.facts();
                    outcome = new FileOutcome(outcome.report(), i.sharing(
                            shared(heldPatients, i.studyInstanceUid(), i.patient()),
                            shared(heldStudyValues, i.studyInstanceUid(), i.study()),
                            shared(heldSeriesValues, i.seriesInstanceUid(), i.series())));
                    bytes += INSTANCE_BYTES + 2L * (i.path().length() + i.studyInstanceUid().length()
                            + i.seriesInstanceUid().length() + i.sopInstanceUid().length() + i.sopClassUid().length());
                }
                outcomes.add(outcome);
            }
            digests += stampDigest(root, file.path(), file.stamp());
        }
        synchronized (this) {
            for (FileOutcome outcome : outcomes) {
                if (outcome.included()) {
                    keep(root, outcome.facts());
                } else {
                    notIncluded(root, outcome.report());
                }
            }
            for (ReadFile file : files) {
                heldStamps.add(new FileStamp(root, file.path(), file.stamp()));
            }
            stampSum += digests;
            stampCount += files.size();
            if (heldBytes.addAndGet(bytes) > memoryBudget) {
                spill();
            }
        }
    }

    /** The value held for that UID when equal, else this one (a study whose files disagree keeps both). */
    private <T> T shared(Map<String, T> byUid, String uid, T value) {
        T held = byUid.putIfAbsent(uid, value);
        if (held != null && held.equals(value)) {
            return held;
        }
        heldBytes.addAndGet(GROUP_BYTES);
        return value;
    }

    /**
     * Ends the reading: when anything went to the store, what is still held goes too (the studies then come from
     * the store alone) and is committed.
     */
    synchronized void finishReading() {
        if (spilled) {
            spill();
        }
    }

    /** Whether the facts are all held in memory (nothing was spilled to the store). */
    synchronized boolean inMemory() {
        return !spilled;
    }

    /**
     * A digest of the stamps of every file recorded, in any order, with their count: what a run that holds its
     * facts in memory keeps in the journal, so that a resume which reads the archive again sees whether it changed.
     */
    synchronized String inputDigest() {
        return stampCount + ":" + Long.toHexString(stampSum);
    }

    /** Writes everything held to the store, in key order, with the stamps of its files, and commits. */
    private void spill() {
        FactCodec codec = new FactCodec();
        List<Kept> kept = new ArrayList<>(heldInstances.values());
        kept.sort(KEY_ORDER);
        for (Kept k : kept) {
            String key = k.facts().studyInstanceUid() + SEPARATOR + k.facts().sopInstanceUid();
            instances.put(key, codec.encode(k.root(), k.facts(), groups::putIfAbsent));
            sopIndex.put(k.facts().sopInstanceUid(), key);
        }
        heldNotIncluded.forEach((key, file) -> notIncluded.put(key, ReportCodec.encode(file.report())));
        for (FileStamp stamp : heldStamps) {
            read.put(fileKey(stamp.root(), stamp.path()), stamp.stamp());
        }
        store.commit();
        heldInstances.clear();
        heldNotIncluded.clear();
        heldStamps.clear();
        heldPatients.clear();
        heldStudyValues.clear();
        heldSeriesValues.clear();
        heldBytes.set(0);
        spilled = true;
    }

    /** The stamp recorded when the file was read, or null when it was not read yet. */
    String readStamp(int root, String path) {
        return read.get(fileKey(root, path));
    }

    /** The patient group key recorded for the identifier by an earlier study, or null. */
    String patientGroup(String identifier) {
        return patients.get(identifier);
    }

    synchronized void patientGroup(String identifier, String groupKey) {
        patients.put(identifier, groupKey);
    }

    /** Files read so far. */
    long readCount() {
        return read.sizeAsLong();
    }

    String journal(String key) {
        return journal.get(key);
    }

    synchronized void journal(String key, String value) {
        journal.put(key, value);
    }

    /** The journal's keys that start with the prefix. */
    List<String> journalKeys(String prefix) {
        List<String> keys = new ArrayList<>();
        for (String key : journal.keySet()) {
            if (key.startsWith(prefix)) {
                keys.add(key);
            }
        }
        return keys;
    }

    /** The journal's numbers whose keys start with the prefix, by the rest of the key. */
    Map<String, Long> journalLongs(String prefix) {
        Map<String, Long> values = new HashMap<>();
        for (String key : journalKeys(prefix)) {
            values.put(key.substring(prefix.length()), Long.parseLong(journal.get(key)));
        }
        return values;
    }

    /** Keeps the instance unless a copy with the same SOP Instance UID comes first in (root, path) order. */
    synchronized void offer(int root, InstanceFacts facts) {
        keep(root, facts);
        if (heldBytes.addAndGet(INSTANCE_BYTES) > memoryBudget) {
            spill();
        }
    }

    private void keep(int root, InstanceFacts facts) {
        String sop = facts.sopInstanceUid();
        Kept kept = heldInstances.get(sop);
        String keptKey = null;
        if (kept == null && spilled) {
            keptKey = sopIndex.get(sop);
            if (keptKey != null) {
                FactCodec.Stored stored = FactCodec.decode(instances.get(keptKey), groups::get, new HashMap<>());
                kept = new Kept(stored.root(), stored.facts());
            }
        }
        if (kept != null) {
            boolean sameFile = kept.root() == root && kept.facts().path().equals(facts.path());
            if (!sameFile && compare(kept.root(), kept.facts().path(), root, facts.path()) <= 0) {
                addDuplicate(root, facts, kept.root(), kept.facts());
                return;
            }
            if (keptKey != null) {
                // removed from the store by the next spill's commit, which also holds the copy that replaces it
                instances.remove(keptKey);
                sopIndex.remove(sop);
            }
            if (!sameFile) {
                addDuplicate(kept.root(), kept.facts(), root, facts);
            }
            // the same file read again (a resume after a commit that held its facts but not its stamp): replaced
        }
        heldInstances.put(sop, new Kept(root, facts));
        heldStudies = null;
    }

    /** A file that was not included (skipped or failed), for the report. */
    synchronized void notIncluded(int root, FileReport report) {
        heldNotIncluded.put(fileKey(root, report.path()), new BatchFile(root, report));
    }

    synchronized void commit() {
        store.commit();
    }

    /**
     * The studies in Study Instance UID order, each as the facts of its kept instances: in SOP Instance UID order
     * when they come from the store, in no set order when held in memory (mapping sorts them by path; what else
     * needs an order picks it itself).
     */
    Iterable<List<InstanceFacts>> studies() {
        if (inMemory()) {
            return Collections.unmodifiableCollection(heldStudies().values());
        }
        return () -> new Iterator<>() {
            private final Iterator<Map.Entry<String, byte[]>> entries = instances.entrySet().iterator();
            private Map.Entry<String, byte[]> pending = entries.hasNext() ? entries.next() : null;

            @Override
            public boolean hasNext() {
                return pending != null;
            }

            @Override
            public List<InstanceFacts> next() {
                if (pending == null) {
                    throw new NoSuchElementException();
                }
                String study = studyOf(pending.getKey());
                Map<String, Object> decoded = new HashMap<>();
                List<InstanceFacts> facts = new ArrayList<>();
                while (pending != null && studyOf(pending.getKey()).equals(study)) {
                    facts.add(FactCodec.decode(pending.getValue(), groups::get, decoded).facts());
                    pending = entries.hasNext() ? entries.next() : null;
                }
                return facts;
            }
        };
    }

    /** The held instances by study, in Study Instance UID order; made once, when the reading has ended. */
    private synchronized SortedMap<String, List<InstanceFacts>> heldStudies() {
        if (heldStudies == null) {
            // grouped only: sorting each study here took most of the emission's first ~70 ms, on one thread
            Map<String, List<InstanceFacts>> byStudy = new HashMap<>();
            for (Kept k : heldInstances.values()) {
                byStudy.computeIfAbsent(k.facts().studyInstanceUid(), uid -> new ArrayList<>()).add(k.facts());
            }
            heldStudies = new TreeMap<>(byStudy);
        }
        return heldStudies;
    }

    /** The files not included, in (root, path) order. */
    Iterable<BatchFile> filesNotIncluded() {
        if (inMemory()) {
            return List.copyOf(heldNotIncluded.values());
        }
        return () -> notIncluded.entrySet().stream().map(e -> new BatchFile(rootOf(e.getKey()),
                ReportCodec.decode(pathOf(e.getKey()), e.getValue()))).iterator();
    }

    /** The number of studies: one pass over the keys (no values read). */
    long studyCount() {
        if (inMemory()) {
            return heldStudies().size();
        }
        long studies = 0;
        String previous = null;
        for (Iterator<String> keys = instances.keyIterator(null); keys.hasNext();) {
            String study = studyOf(keys.next());
            if (!study.equals(previous)) {
                studies++;
                previous = study;
            }
        }
        return studies;
    }

    /** Commits what is left and closes. */
    @Override
    public synchronized void close() {
        store.close();
    }

    /**
     * Closes without committing, as after a failure: the file keeps its last commit, as it would after a crash, so
     * that a resume starts from a consistent checkpoint.
     */
    synchronized void abandon() {
        store.closeImmediately();
    }

    private void addDuplicate(int root, InstanceFacts copy, int keptRoot, InstanceFacts kept) {
        BatchFile duplicate = ArchiveRules.duplicate(root, copy, keptRoot, kept);
        notIncluded(duplicate.root(), duplicate.report());
    }

    /** Root argument order first, then relative path. */
    static int compare(int rootA, String pathA, int rootB, String pathB) {
        return ArchiveRules.compare(rootA, pathA, rootB, pathB);
    }

    private static String fileKey(int root, String path) {
        String digits = Integer.toString(root);
        return "0".repeat(8 - digits.length()) + digits + SEPARATOR + Objects.requireNonNull(path);
    }

    /** A digest of one file's stamp: summed over the files, it changes when any file changes, appears or goes. */
    /** One SHA-256 per reading thread: looking the algorithm up for every file cost as much as the hash. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    });

    private static long stampDigest(int root, String path, String stamp) {
        // digest() resets the instance: nothing of one file reaches the next
        byte[] hash = SHA_256.get().digest((root + "\u0000" + path + "\u0000" + stamp).getBytes(StandardCharsets.UTF_8));
        return ByteBuffer.wrap(hash).getLong();
    }

    private static int rootOf(String fileKey) {
        return Integer.parseInt(fileKey.substring(0, 8));
    }

    private static String pathOf(String fileKey) {
        return fileKey.substring(9);
    }

    private static String studyOf(String instanceKey) {
        return instanceKey.substring(0, instanceKey.indexOf(SEPARATOR));
    }
}
