package org.dicom2fhir.core.internal.pipeline;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.dicom2fhir.api.ReasonCode;
import org.dicom2fhir.core.internal.source.ContentKind;

/**
 * Walks a study folder: every entry below it once, in sorted relative-path order, links not
 * followed, nothing opened, depth bounded.
 *
 * <p>Siblings are sorted by their name, with {@code /} appended to folder names; a depth-first walk
 * in that order visits the paths in the same order as sorting the complete relative paths would
 * (a folder's contents all start with {@code name/}), so no global sort is needed.
 *
 * <p>Each entry's kind needs an {@code lstat}; on a cold page cache that is a read of its inode, and
 * on ext4 one such read brings in the inode table around it, so the reads that overlap well are
 * those of different folders (benchmarks/README.md, "Cold page cache (P3)"). With {@code attributeThreads > 1} the scan keeps
 * up to that many reads in flight: the sub-folders a folder will enter next are listed ahead on a
 * pool while the walk goes on in order (the walk takes a listing no pool thread has started yet and
 * does it itself), and a folder of at least {@link #PARALLEL_THRESHOLD} entries has its attributes
 * read by several threads (a gain on large folders and on network file systems). The pool's daemon
 * threads live only as long as one scan.
 */
public final class FolderScanner {
    static final String TOO_DEEP_MESSAGE = "folder at the directory depth limit, its files were not visited";
    static final String UNLISTABLE_MESSAGE = "the folder cannot be listed";
    /** Below this many entries a folder's attributes are read by one thread: a hand-off costs more than it saves. */
    static final int PARALLEL_THRESHOLD = 64;

    private static final System.Logger LOG = System.getLogger(FolderScanner.class.getName());
    private static final AtomicInteger THREAD_COUNT = new AtomicInteger();

    private final int maxDirectoryDepth;
    private final int attributeThreads;
    private final ThreadFactory threadFactory;

    /**
     * A serial scanner: one read at a time, on the calling thread.
     *
     * @param maxDirectoryDepth the study folder's own files are depth 1; a folder at this depth is not entered
     */
    public FolderScanner(int maxDirectoryDepth) {
        this(maxDirectoryDepth, 1);
    }

    /**
     * @param maxDirectoryDepth the study folder's own files are depth 1; a folder at this depth is not entered
     * @param attributeThreads  most listings and attribute reads in flight (the calling thread counts
     *                          as one); 1 for a serial scan on the calling thread
     */
    public FolderScanner(int maxDirectoryDepth, int attributeThreads) {
        this(maxDirectoryDepth, attributeThreads, daemonThreads());
    }

    /** With the threads of this factory (tests watch them); they must be daemon threads. */
    FolderScanner(int maxDirectoryDepth, int attributeThreads, ThreadFactory threadFactory) {
        if (maxDirectoryDepth < 1) {
            throw new IllegalArgumentException("maxDirectoryDepth must be at least 1");
        }
        if (attributeThreads < 1) {
            throw new IllegalArgumentException("attributeThreads must be at least 1");
        }
        this.maxDirectoryDepth = maxDirectoryDepth;
        this.attributeThreads = attributeThreads;
        this.threadFactory = threadFactory;
    }

    /**
     * Checks the study folder itself: it must exist, be a folder and be listable.
     *
     * @throws NoSuchFileException    it does not exist
     * @throws NotDirectoryException  it is not a folder
     * @throws AccessDeniedException  it cannot be listed
     */
    public static void checkStudyFolder(Path studyDir) throws IOException {
        // The study folder itself may be a link: the user named it, so it is followed.
        if (!Files.exists(studyDir)) {
            throw new NoSuchFileException(studyDir.toString(), null, "the study folder does not exist");
        }
        if (!Files.isDirectory(studyDir)) {
            throw new NotDirectoryException(studyDir.toString() + ": the study folder is a file, not a folder");
        }
        try {
            Files.newDirectoryStream(studyDir).close(); // only whether it can be listed
        } catch (AccessDeniedException e) {
            throw new AccessDeniedException(studyDir.toString(), null, "the study folder cannot be read (permission denied)");
        }
    }

    /**
     * What a conversion reads: the entries below a study folder ({@link #scan}), or a study shipped as
     * one file (a ZIP archive, a DICOM JSON file), reported under its own name.
     *
     * @throws NotDirectoryException a file that is neither a ZIP archive nor JSON
     */
    public List<ScanEntry> scanStudy(Path study) throws IOException {
        if (Files.isRegularFile(study)) {
            ContentKind kind;
            try (java.io.InputStream in = Files.newInputStream(study)) {
                kind = ContentKind.of(in);
            }
            if (kind != ContentKind.OTHER) { // a ZIP archive, or JSON (perhaps DICOM JSON)
                List<ScanEntry> one = new ArrayList<>(1);
                one.add(ScanEntry.regular(study.getFileName().toString(), study));
                return one;
            }
            throw new NotDirectoryException(study.toString() + ": the study folder is a file, not a folder nor a ZIP archive");
        }
        return scan(study);
    }

    /**
     * Every entry below the folder, in sorted relative-path order; a mutable list the caller may consume.
     *
     * @throws InterruptedIOException the calling thread was interrupted during a concurrent read
     */
    public List<ScanEntry> scan(Path studyDir) throws IOException {
        List<ScanEntry> out = new ArrayList<>();
        scan(studyDir, out::add);
        return out;
    }

    /**
     * Every entry below the folder, in sorted relative-path order, handed to {@code sink} as the walk finds it:
     * only the folders on the current path (and those read ahead) are held, so an archive of millions of files
     * is walked in bounded memory.
     *
     * @throws InterruptedIOException the calling thread was interrupted during a concurrent read
     */
    public void scan(Path studyDir, EntrySink sink) throws IOException {
        checkStudyFolder(studyDir);
        try (Reads reads = new Reads()) {
            walk(studyDir, reads, sink);
        }
    }

    /** Takes the entries of a scan; may throw to stop it. */
    @FunctionalInterface
    public interface EntrySink {
        void accept(ScanEntry entry) throws IOException;
    }

    private void walk(Path studyDir, Reads reads, EntrySink out) throws IOException {
        Deque<Level> stack = new ArrayDeque<>();
        stack.push(new Level("", 1, reads.readFolder(studyDir), reads));
        while (!stack.isEmpty()) {
            Level level = stack.peek();
            if (level.next == level.children.length) {
                stack.pop();
                continue;
            }
            int index = level.next++;
            Child child = level.children[index];
            String relative = level.prefix + child.name;
            if (child.kind == ChildKind.DIRECTORY) {
                if (level.depth >= maxDirectoryDepth) {
                    out.accept(ScanEntry.decided(relative, child.path, ReasonCode.TOO_DEEP, TOO_DEEP_MESSAGE));
                    continue;
                }
                Child[] grandChildren;
                try {
                    grandChildren = level.listing(index);
                } catch (InterruptedIOException e) {
                    throw e;
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.DEBUG, () -> "cannot list folder " + relative + ": " + e.getClass().getSimpleName());
                    out.accept(ScanEntry.decided(relative, child.path, ReasonCode.UNREADABLE, UNLISTABLE_MESSAGE));
                    continue;
                }
                stack.push(new Level(relative + "/", level.depth + 1, grandChildren, reads));
            } else {
                out.accept(child.toEntry(relative));
            }
        }
    }

    /** The names of a folder's entries, in the listing's order; nothing is read about them yet. */
    private static List<Path> names(Path dir) throws IOException {
        List<Path> names = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path p : stream) {
                names.add(p);
            }
        } catch (java.nio.file.DirectoryIteratorException e) {
            throw e.getCause();
        }
        return names;
    }

    /** The production threads: daemon, named for thread dumps. */
    static ThreadFactory daemonThreads() {
        return r -> {
            Thread t = new Thread(r, "dicom2fhir-scan-" + THREAD_COUNT.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private static InterruptedIOException interrupted(InterruptedException cause) {
        Thread.currentThread().interrupt();
        InterruptedIOException io = new InterruptedIOException("interrupted while scanning the study folder");
        if (cause != null) {
            io.initCause(cause);
        }
        return io;
    }

    private static RuntimeException unchecked(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException("a folder read failed", t);
    }

    /**
     * The reads of one scan. The pool has {@code attributeThreads - 1} threads (the walking thread is
     * the last reader), started at the first concurrent read and shut down when the scan ends,
     * however it ends.
     */
    private final class Reads implements AutoCloseable {
        /** Null for a serial scan. */
        private final ExecutorService pool = attributeThreads == 1 ? null
                : Executors.newFixedThreadPool(attributeThreads - 1, threadFactory);

        boolean concurrent() {
            return pool != null;
        }

        /** A folder's children with their kinds, sorted. */
        Child[] readFolder(Path dir) throws IOException {
            List<Path> names = names(dir);
            Child[] children = new Child[names.size()];
            if (!concurrent() || children.length < PARALLEL_THRESHOLD) {
                for (int i = 0; i < children.length; i++) {
                    children[i] = Child.of(names.get(i));
                }
            } else {
                Attributes attributes = new Attributes(names, children);
                // at least 8 entries per reader: a hand-off per handful of entries is not worth it
                int helpers = Math.min(attributeThreads - 1, children.length / 8 - 1);
                for (int h = 0; h < helpers; h++) {
                    pool.execute(attributes::drain);
                }
                attributes.drain();
                if (Thread.currentThread().isInterrupted()) {
                    throw interrupted(null);
                }
                attributes.await();
            }
            Arrays.sort(children, Comparator.comparing(Child::sortKey));
            return children;
        }

        /** Starts listing a folder on the pool. */
        FutureTask<Child[]> readAhead(Path dir) {
            FutureTask<Child[]> task = new FutureTask<>(() -> readFolder(dir));
            pool.execute(task);
            return task;
        }

        /** A listing started by {@link #readAhead}: done here if no pool thread has started it yet. */
        Child[] take(FutureTask<Child[]> task) throws IOException {
            task.run(); // returns at once when it is running or done elsewhere
            try {
                return task.get();
            } catch (InterruptedException e) {
                throw interrupted(e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                throw unchecked(e.getCause());
            }
        }

        @Override
        public void close() {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    /**
     * The attributes of one large folder, read by whichever threads take part: each takes the next
     * unread entry until none is left. Whoever waits only waits for entries already taken, which
     * are being read by running threads, so the wait cannot depend on a task still queued.
     */
    private static final class Attributes {
        private final List<Path> names;
        private final Child[] children;
        private final AtomicInteger next = new AtomicInteger();
        private int done;
        private Throwable failure;

        Attributes(List<Path> names, Child[] children) {
            this.names = names;
            this.children = children;
        }

        void drain() {
            int n = children.length;
            // an interrupted thread (a scan being closed) stops taking entries; the ones it took are finished
            for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                Child child = null;
                Throwable thrown = null;
                try {
                    child = Child.of(names.get(i));
                } catch (Throwable t) {
                    thrown = t;
                }
                finished(i, child, thrown);
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
            }
        }

        private synchronized void finished(int i, Child child, Throwable thrown) {
            children[i] = child;
            if (thrown != null && failure == null) {
                failure = thrown;
            }
            if (++done == children.length) {
                notifyAll();
            }
        }

        /** Returns when every entry is read; the array is then complete and visible to the caller. */
        synchronized void await() throws InterruptedIOException {
            while (done < children.length) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    throw interrupted(e);
                }
            }
            if (failure != null) {
                throw unchecked(failure);
            }
        }
    }

    /**
     * One folder of the walk, its children sorted. The sub-folders it will enter are listed ahead,
     * at most {@code attributeThreads} of them at a time, in the order the walk will need them.
     */
    private final class Level {
        final String prefix;
        final int depth;
        final Child[] children;
        final Reads reads;
        int next;
        private final Deque<ReadAhead> readAhead = new ArrayDeque<>();
        private int readAheadNext;

        Level(String prefix, int depth, Child[] children, Reads reads) {
            this.prefix = prefix;
            this.depth = depth;
            this.children = children;
            this.reads = reads;
            topUp();
        }

        /** The listing of the sub-folder at this index: read ahead, or read now. */
        Child[] listing(int index) throws IOException {
            while (!readAhead.isEmpty() && readAhead.peek().index < index) {
                readAhead.poll(); // not expected: every folder read ahead is visited in order
            }
            if (!readAhead.isEmpty() && readAhead.peek().index == index) {
                FutureTask<Child[]> task = readAhead.poll().task;
                topUp();
                return reads.take(task);
            }
            readAheadNext = Math.max(readAheadNext, index + 1);
            topUp();
            return reads.readFolder(children[index].path);
        }

        private void topUp() {
            if (!reads.concurrent() || depth >= maxDirectoryDepth) {
                return;
            }
            while (readAhead.size() < attributeThreads && readAheadNext < children.length) {
                int i = readAheadNext++;
                if (children[i].kind == ChildKind.DIRECTORY) {
                    readAhead.add(new ReadAhead(i, reads.readAhead(children[i].path)));
                }
            }
        }
    }

    private record ReadAhead(int index, FutureTask<Child[]> task) {
    }

    private enum ChildKind { REGULAR, DIRECTORY, SYMLINK, SPECIAL, VANISHED }

    /** A folder's entry; a regular file's size and time as its lstat saw them (a batch's stamp, no second stat). */
    private record Child(Path path, String name, ChildKind kind, String sortKey, long size, long lastModifiedMillis) {
        static Child of(Path p) {
            String name = p.getFileName().toString();
            ChildKind kind;
            long size = ScanEntry.UNKNOWN;
            long lastModified = ScanEntry.UNKNOWN;
            try {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                ReasonCode notOpened = FileKinds.notOpened(a);
                if (notOpened == ReasonCode.SYMLINK) {
                    kind = ChildKind.SYMLINK;
                } else if (notOpened == ReasonCode.SPECIAL_FILE) {
                    kind = ChildKind.SPECIAL;
                } else if (a.isDirectory()) {
                    kind = ChildKind.DIRECTORY;
                } else {
                    kind = ChildKind.REGULAR;
                    size = a.size();
                    lastModified = a.lastModifiedTime().toMillis();
                }
            } catch (IOException e) {
                kind = ChildKind.VANISHED;
            }
            return new Child(p, name, kind, kind == ChildKind.DIRECTORY ? name + "/" : name, size, lastModified);
        }

        ScanEntry toEntry(String relative) {
            return switch (kind) {
                case REGULAR -> ScanEntry.regular(relative, path, size, lastModifiedMillis);
                case SYMLINK -> ScanEntry.decided(relative, path, ReasonCode.SYMLINK, FileKinds.SYMLINK_MESSAGE);
                case SPECIAL -> ScanEntry.decided(relative, path, ReasonCode.SPECIAL_FILE, FileKinds.SPECIAL_FILE_MESSAGE);
                case VANISHED -> ScanEntry.decided(relative, path, ReasonCode.UNREADABLE, FileKinds.VANISHED_MESSAGE);
                case DIRECTORY -> throw new IllegalStateException("folders are walked, not reported");
            };
        }
    }
}
