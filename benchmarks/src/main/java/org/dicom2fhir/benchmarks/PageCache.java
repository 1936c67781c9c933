package org.dicom2fhir.benchmarks;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Empties the kernel's page, dentry and inode caches ({@code sync; echo 3 > /proc/sys/vm/drop_caches}),
 * so that the next read of a file goes to the disk. Linux only, and only as root with a writable
 * {@code /proc/sys}: anything else is an error, never a silent warm-cache measurement.
 */
final class PageCache {
    static final Path DROP_CACHES = Path.of("/proc/sys/vm/drop_caches");

    private PageCache() {
    }

    /** The {@code cache} parameter of the cold-cache benchmarks: {@code cold} (drop before each operation) or {@code warm}. */
    static boolean isCold(String cache) {
        return switch (cache) {
            case "cold" -> true;
            case "warm" -> false;
            default -> throw new IllegalArgumentException("cache is cold or warm, not " + cache);
        };
    }

    static void drop() {
        drop(DROP_CACHES);
    }

    /** @param control the kernel's control file; another path only in tests */
    static void drop(Path control) {
        // opened first: not root or a read-only /proc fails here, before the (possibly slow) sync
        try (FileChannel channel = FileChannel.open(control, StandardOpenOption.WRITE)) {
            sync();
            // 3: page cache and the dentry/inode caches (the scan's lstat and lookups go cold too)
            channel.write(ByteBuffer.wrap("3\n".getBytes(StandardCharsets.US_ASCII)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot drop the page cache: writing 3 to " + control + " failed ("
                    + e.getClass().getSimpleName() + "). The cold-cache benchmark (P3) needs root on Linux with a"
                    + " writable /proc/sys; pass -p cache=warm to run it without dropping (a warm-cache figure)", e);
        }
    }

    /** Dirty pages are not dropped: write them back first. */
    private static void sync() throws IOException {
        Process process = new ProcessBuilder("sync").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            if (process.waitFor() != 0) {
                throw new IOException("sync exited with " + process.exitValue());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroy();
            throw new IOException("interrupted while waiting for sync", e);
        }
    }
}
