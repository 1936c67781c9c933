package org.dicom2fhir.batch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.dicom2fhir.api.ReasonCode;
import org.dicom2fhir.core.FileReport;
import org.dicom2fhir.core.InstanceFacts;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.StringDataType;

/**
 * The facts of an archive on disk (H2's MVStore, one file): every kept instance under its Study and SOP Instance
 * UIDs (so iterating the map gives the studies in UID order), a unique index of SOP Instance UIDs (the first copy in
 * root order, then relative path, wins wherever it was read), the shared patient/study/series groups, and the report
 * of every file that was not included. Methods that change the store are synchronised: reading threads offer their
 * results directly.
 */
final class FactStore implements AutoCloseable {
    private static final char SEPARATOR = '\u0000';
    /** Files recorded between commits while reading: bounds the store's unsaved changes in memory. */
    private static final int COMMIT_RECORDS = 5000;

    private final MVStore store;
    /** study UID, SEPARATOR, SOP Instance UID -> the encoded instance */
    private final MVMap<String, byte[]> instances;
    /** SOP Instance UID -> the instance's key in {@link #instances} */
    private final MVMap<String, String> sopIndex;
    /** group key -> the group's serialised bytes */
    private final MVMap<String, byte[]> groups;
    /** {@link #fileKey} -> the report of a file not included */
    private final MVMap<String, byte[]> notIncluded;
    /** {@link #fileKey} -> the stamp (size and modification time) of every file read, for resuming */
    private final MVMap<String, String> read;
    /** the run's journal: options, phase, progress of the emission */
    private final MVMap<String, String> journal;
    /** patient identifier (system|value) -> the key of the first study's patient group (emission only) */
    private final MVMap<String, String> patients;
    /** One codec per reading thread: a codec's cache of recent groups is not shared. */
    private static final ThreadLocal<FactCodec> CODECS = ThreadLocal.withInitial(FactCodec::new);
    private int uncommitted;

    private FactStore(MVStore store) {
        this.store = store;
        // typed maps: the generic ObjectDataType dispatches on every comparison
        this.instances = store.openMap("instances", bytesByString());
        this.sopIndex = store.openMap("sop-index", stringsByString());
        this.groups = store.openMap("groups", bytesByString());
        this.notIncluded = store.openMap("not-included", bytesByString());
        this.read = store.openMap("read", stringsByString());
        this.journal = store.openMap("journal", stringsByString());
        this.patients = store.openMap("patients", stringsByString());
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
     * @param cacheMiB the store's page cache: what it keeps of the file in memory
     */
    static FactStore open(Path file, int cacheMiB) {
        // no background commits: a commit must never persist half a checkpoint (the sink's position without the
        // counts, say); the run commits itself, every COMMIT_RECORDS files while reading and at each checkpoint
        MVStore store = new MVStore.Builder().fileName(file.toString()).cacheSize(cacheMiB).compress()
                .autoCommitDisabled().open();
        return new FactStore(store);
    }

    /**
     * What reading one file gave (one outcome per DICOM file, ZIP entry or DICOM JSON instance), recorded with the
     * file's stamp in one step: a commit keeps all of them and the stamp, or the outcomes alone (see below).
     */
    void record(int root, String path, String stamp, List<org.dicom2fhir.core.FileOutcome> outcomes) {
        // encoded by the reading thread (its own codec), outside the lock; the groups map takes concurrent puts
        List<byte[]> encoded = new ArrayList<>(outcomes.size());
        for (org.dicom2fhir.core.FileOutcome outcome : outcomes) {
            encoded.add(outcome.included() ? CODECS.get().encode(root, outcome.facts(), groups::putIfAbsent)
                    : ReportCodec.encode(outcome.report()));
        }
        boolean commitNow;
        synchronized (this) {
            for (int i = 0; i < outcomes.size(); i++) {
                org.dicom2fhir.core.FileOutcome outcome = outcomes.get(i);
                if (outcome.included()) {
                    keep(root, outcome.facts(), encoded.get(i));
                } else {
                    notIncluded.put(fileKey(root, outcome.report().path()), encoded.get(i));
                }
            }
            read.put(fileKey(root, path), stamp);
            commitNow = ++uncommitted >= COMMIT_RECORDS;
            if (commitNow) {
                uncommitted = 0;
            }
        }
        if (commitNow) {
            // outside the lock: the other readers go on (a commit may then hold a file's facts without its stamp,
            // and a resume reads that file again, which keep() takes as the same copy)
            store.commit();
        }
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
        keep(root, facts, CODECS.get().encode(root, facts, groups::putIfAbsent));
    }

    private void keep(int root, InstanceFacts facts, byte[] encoded) {
        String key = facts.studyInstanceUid() + SEPARATOR + facts.sopInstanceUid();
        String keptKey = sopIndex.get(facts.sopInstanceUid());
        if (keptKey != null) {
            byte[] kept = instances.get(keptKey);
            FactCodec.Stored keptFacts = FactCodec.decode(kept, groups::get, new HashMap<>());
            boolean sameFile = keptFacts.root() == root && keptFacts.facts().path().equals(facts.path());
            if (!sameFile && compare(keptFacts.root(), keptFacts.facts().path(), root, facts.path()) <= 0) {
                addDuplicate(root, facts, keptFacts.root(), keptFacts.facts());
                return;
            }
            instances.remove(keptKey);
            if (!sameFile) {
                addDuplicate(keptFacts.root(), keptFacts.facts(), root, facts);
            }
            // the same file read again (a resume after a commit that held its facts but not its stamp): replaced
        }
        instances.put(key, encoded);
        sopIndex.put(facts.sopInstanceUid(), key);
    }

    /** A file that was not included (skipped or failed), for the report. */
    synchronized void notIncluded(int root, FileReport report) {
        notIncluded.put(fileKey(root, report.path()), ReportCodec.encode(report));
    }

    synchronized void commit() {
        store.commit();
        uncommitted = 0;
    }

    /** The studies in Study Instance UID order, each as the facts of its kept instances. */
    Iterable<List<InstanceFacts>> studies() {
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

    /** The files not included, in (root, path) order. */
    Iterable<BatchFile> filesNotIncluded() {
        return () -> notIncluded.entrySet().stream().map(e -> new BatchFile(rootOf(e.getKey()),
                ReportCodec.decode(pathOf(e.getKey()), e.getValue()))).iterator();
    }

    long instanceCount() {
        return instances.sizeAsLong();
    }

    /** The number of studies: one pass over the keys (no values read). */
    long studyCount() {
        long studies = 0;
        String previous = null;
        for (java.util.Iterator<String> keys = instances.keyIterator(null); keys.hasNext();) {
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
        String where = keptRoot == root ? kept.path() : "root " + keptRoot + ": " + kept.path();
        notIncluded(root, FileReport.notIncluded(copy.path(), ReasonCode.DUPLICATE_INSTANCE,
                "another copy of SOP Instance " + copy.sopInstanceUid() + ", already included from " + where,
                copy.warnings()));
    }

    /** Root argument order first, then relative path. */
    static int compare(int rootA, String pathA, int rootB, String pathB) {
        int byRoot = Integer.compare(rootA, rootB);
        return byRoot != 0 ? byRoot : pathA.compareTo(pathB);
    }

    private static String fileKey(int root, String path) {
        return String.format("%08d", root) + SEPARATOR + Objects.requireNonNull(path);
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
