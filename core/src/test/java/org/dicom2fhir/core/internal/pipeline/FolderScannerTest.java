package org.dicom2fhir.core.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dicom2fhir.api.ReasonCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FolderScannerTest {
    @TempDir
    Path dir;

    private void touch(String relative) throws IOException {
        Path p = dir.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, relative);
    }

    private List<String> paths(List<ScanEntry> entries) {
        return entries.stream().map(ScanEntry::relativePath).toList();
    }

    @Test
    void walksNestedFoldersInSortedRelativePathOrder() throws IOException {
        for (String f : List.of("b", "a.txt", "a/x", "a/y/z", "a-b", "B", "a/y.1", "c/d/e/f", "aa")) {
            touch(f);
        }
        List<ScanEntry> entries = new FolderScanner(32).scan(dir);
        List<String> expected = new ArrayList<>(List.of("b", "a.txt", "a/x", "a/y/z", "a-b", "B", "a/y.1", "c/d/e/f", "aa"));
        expected.sort(null); // plain String order of the '/'-separated relative paths
        assertThat(paths(entries)).containsExactlyElementsOf(expected);
        assertThat(entries).allMatch(ScanEntry::isRegularFile);
        assertThat(entries.get(0).file()).isEqualTo(dir.resolve(expected.get(0)));
    }

    @Test
    void anEmptyFolderHasNoEntries() throws IOException {
        assertThat(new FolderScanner(32).scan(dir)).isEmpty();
    }

    @Test
    void aFolderAtTheDepthLimitIsReportedOnceAndNotEntered() throws IOException {
        touch("top");
        touch("d1/f1");
        touch("d1/d2/f2");
        touch("d1/d2/d3/f3");
        assertThat(entries(3)).containsExactly("d1/d2/d3 TOO_DEEP", "d1/d2/f2", "d1/f1", "top");
        assertThat(entries(2)).containsExactly("d1/d2 TOO_DEEP", "d1/f1", "top");
        assertThat(entries(1)).containsExactly("d1 TOO_DEEP", "top");
        assertThat(entries(4)).containsExactly("d1/d2/d3/f3", "d1/d2/f2", "d1/f1", "top");
    }

    @Test
    void anEmptyFolderAtTheLimitIsStillReported() throws IOException {
        Files.createDirectories(dir.resolve("empty/deeper"));
        assertThat(entries(1)).containsExactly("empty TOO_DEEP");
        assertThat(entries(2)).containsExactly("empty/deeper TOO_DEEP");
        assertThat(entries(3)).isEmpty();
    }

    private List<String> entries(int maxDepth) throws IOException {
        return new FolderScanner(maxDepth).scan(dir).stream()
                .map(e -> e.relativePath() + (e.reason() == null ? "" : " " + e.reason())).toList();
    }

    @Test
    void symlinksAreReportedNotFollowed() throws IOException {
        touch("real/file");
        Files.createSymbolicLink(dir.resolve("link-to-file"), dir.resolve("real/file"));
        Files.createSymbolicLink(dir.resolve("link-to-dir"), dir.resolve("real"));
        Files.createSymbolicLink(dir.resolve("real/loop"), dir);
        Files.createSymbolicLink(dir.resolve("dangling"), dir.resolve("nowhere"));
        List<ScanEntry> entries = new FolderScanner(32).scan(dir);
        assertThat(entries).extracting(e -> e.relativePath() + " " + e.reason()).containsExactly(
                "dangling SYMLINK", "link-to-dir SYMLINK", "link-to-file SYMLINK", "real/file null", "real/loop SYMLINK");
        assertThat(entries.get(0).message()).isEqualTo(FileKinds.SYMLINK_MESSAGE);
    }

    @Test
    void fifosAreReportedAsSpecialFilesWithoutBeingOpened() throws Exception {
        assumeTrue(mkfifo(dir.resolve("pipe")), "mkfifo is not available");
        touch("regular");
        List<ScanEntry> entries = new FolderScanner(32).scan(dir);
        assertThat(entries).extracting(e -> e.relativePath() + " " + e.reason())
                .containsExactly("pipe SPECIAL_FILE", "regular null");
    }

    static boolean mkfifo(Path path) throws InterruptedException {
        try {
            Process p = new ProcessBuilder("mkfifo", path.toString()).redirectErrorStream(true).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 && Files.exists(path);
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void aMissingFolderIsNoSuchFile() {
        assertThatThrownBy(() -> new FolderScanner(32).scan(dir.resolve("missing")))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("does not exist");
    }

    @Test
    void aFileIsNotAFolder() throws IOException {
        touch("file");
        assertThatThrownBy(() -> new FolderScanner(32).scan(dir.resolve("file")))
                .isInstanceOf(NotDirectoryException.class)
                .hasMessageContaining("is a file, not a folder");
    }

    @Test
    void theStudyFolderItselfMayBeALink() throws IOException {
        touch("real/f");
        Path link = Files.createSymbolicLink(dir.resolve("link"), dir.resolve("real"));
        assertThat(new FolderScanner(32).scan(link)).extracting(ScanEntry::relativePath).containsExactly("f");
    }

    @Test
    void anUnreadableStudyFolderIsAccessDenied() throws IOException {
        assumeTrue(!isRoot(), "root reads everything");
        Path locked = Files.createDirectories(dir.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        try {
            assertThatThrownBy(() -> new FolderScanner(32).scan(locked)).isInstanceOf(AccessDeniedException.class);
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void anUnlistableSubfolderIsReportedUnreadable() throws IOException {
        assumeTrue(!isRoot(), "root reads everything");
        touch("locked/f");
        Path locked = dir.resolve("locked");
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        try {
            assertThat(new FolderScanner(32).scan(dir)).extracting(e -> e.relativePath() + " " + e.reason())
                    .containsExactly("locked " + ReasonCode.UNREADABLE);
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
        }
    }

    /** Whether permissions do not stop this process (root): then the unreadable cases cannot be made. */
    static boolean isRoot() {
        try {
            Path probe = Files.createTempFile("probe", ".tmp");
            try {
                Files.setPosixFilePermissions(probe, PosixFilePermissions.fromString("---------"));
                return Files.isReadable(probe);
            } finally {
                Files.delete(probe);
            }
        } catch (IOException | UnsupportedOperationException e) {
            return true;
        }
    }

    @Test
    void rejectsANonPositiveDepth() {
        assertThatThrownBy(() -> new FolderScanner(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
