package org.dicom2fhir.core.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Folders of at least {@link FolderScanner#PARALLEL_THRESHOLD} entries, whose attributes are read concurrently. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FolderScannerParallelTest {
    private static final int N = FolderScanner.PARALLEL_THRESHOLD;

    @TempDir
    Path dir;

    /** Every relative path the scan must report, whatever the scanner's threads. */
    private final List<String> expected = new ArrayList<>();

    private void touch(String relative) throws IOException {
        Path p = dir.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, relative);
        expected.add(relative);
    }

    private void link(String relative, Path target) throws IOException {
        Files.createSymbolicLink(dir.resolve(relative), target);
        expected.add(relative);
    }

    /**
     * A large top folder and a large sub-folder, mixing files, folders (empty, small, large), links
     * of every kind and FIFOs, with names whose order depends on the folders' appended {@code /}.
     */
    @BeforeEach
    void largeMixedFolder() throws Exception {
        for (int i = 0; i < 2 * N; i++) {
            touch(String.format("f%03d", i));
        }
        for (String f : List.of("a/x", "a/y/z", "a-b", "a.b", "a0", "B", "small/one")) {
            touch(f);
        }
        for (int i = 0; i < N + 5; i++) {
            touch("big/i" + i);
        }
        Files.createDirectories(dir.resolve("empty"));
        link("link-to-file", dir.resolve("f000"));
        link("link-to-dir", dir.resolve("big"));
        link("dangling", dir.resolve("nowhere"));
        link("big/loop", dir);
        for (String fifo : List.of("pipe", "big/pipe")) {
            if (FolderScannerTest.mkfifo(dir.resolve(fifo))) {
                expected.add(fifo);
            }
        }
        expected.sort(null); // plain String order of the '/'-separated relative paths
    }

    @Test
    void aLargeFolderGivesExactlyTheSerialScansEntriesInTheSameOrder() throws IOException {
        RecordingThreads threads = new RecordingThreads(Integer.MAX_VALUE);
        for (int maxDepth : new int[] {1, 2, 32}) {
            List<ScanEntry> serial = new FolderScanner(maxDepth).scan(dir);
            List<ScanEntry> parallel = new FolderScanner(maxDepth, 8, threads).scan(dir);
            assertThat(parallel).as("depth %d", maxDepth).containsExactlyElementsOf(serial);
        }
        List<ScanEntry> all = new FolderScanner(32, 8, threads).scan(dir);
        assertThat(all).extracting(ScanEntry::relativePath).containsExactlyElementsOf(expected);
        assertThat(all).filteredOn(e -> e.relativePath().equals("big/loop")).singleElement()
                .extracting(ScanEntry::message).isEqualTo(FileKinds.SYMLINK_MESSAGE);
        assertThat(threads.created).as("the concurrent path was taken").isNotEmpty();
        threads.assertAllDaemonAndEnded();
    }

    @Test
    void aSmallFolderWithoutSubFoldersIsScannedWithoutThreads() throws IOException {
        RecordingThreads threads = new RecordingThreads(Integer.MAX_VALUE);
        assertThat(new FolderScanner(32, 8, threads).scan(dir.resolve("small"))).extracting(ScanEntry::relativePath)
                .containsExactly("one");
        assertThat(threads.created).isEmpty();
    }

    @Test
    void theThreadsEndWhenTheScanFails() {
        RecordingThreads threads = new RecordingThreads(3);
        assertThatThrownBy(() -> new FolderScanner(32, 8, threads).scan(dir))
                .isInstanceOf(IllegalStateException.class).hasMessage("no more threads");
        assertThat(threads.created).hasSize(2);
        threads.assertAllDaemonAndEnded();
    }

    @Test
    void anInterruptedScanStopsAndItsThreadsEnd() {
        RecordingThreads threads = new RecordingThreads(Integer.MAX_VALUE);
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> new FolderScanner(32, 8, threads).scan(dir))
                    .isInstanceOf(InterruptedIOException.class);
            assertThat(Thread.currentThread().isInterrupted()).as("the interrupt is kept").isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(threads.created).isNotEmpty();
        threads.assertAllDaemonAndEnded();
    }

    @Test
    void rejectsANonPositiveThreadCount() {
        assertThatThrownBy(() -> new FolderScanner(32, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    /** The production thread factory, watched; fails on the {@code failAt}-th thread. */
    private static final class RecordingThreads implements ThreadFactory {
        private final ThreadFactory production = FolderScanner.daemonThreads();
        private final int failAt;
        final List<Thread> created = new CopyOnWriteArrayList<>();

        RecordingThreads(int failAt) {
            this.failAt = failAt;
        }

        @Override
        public Thread newThread(Runnable r) {
            if (created.size() + 1 >= failAt) {
                throw new IllegalStateException("no more threads");
            }
            Thread t = production.newThread(r);
            created.add(t);
            return t;
        }

        void assertAllDaemonAndEnded() {
            for (Thread t : created) {
                assertThat(t.isDaemon()).as(t.getName()).isTrue();
                try {
                    t.join(TimeUnit.SECONDS.toMillis(10));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
                assertThat(t.isAlive()).as("%s still alive after the scan", t.getName()).isFalse();
            }
        }
    }
}
