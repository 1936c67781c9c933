package org.dicom2fhir.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes the ZIP archives of the tests, in code (nothing committed), with the JDK's writer: entries
 * deflated at the fastest level, large contents streamed.
 */
public final class Zips {
    private Zips() {
    }

    /** What one entry holds, written in chunks so that large contents never sit in memory. */
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * One entry; {@code encryptedFlag} sets the general purpose bit that marks it as encrypted (in the
     * local and the central header, after writing: ZIP writers refuse to write it).
     */
    public record Entry(String name, Content content, boolean encryptedFlag) {
        public static Entry of(String name, byte[] bytes) {
            return new Entry(name, out -> out.write(bytes), false);
        }
    }

    /** The regular files under a folder, as entries named by their relative paths. */
    public static Path zipFolder(Path folder, Path zip) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (Path f : files) {
                out.putNextEntry(new ZipEntry(folder.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
        return zip;
    }

    public static Path write(Path zip, List<Entry> entries) throws IOException {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.setLevel(Deflater.BEST_SPEED);
            for (Entry e : entries) {
                out.putNextEntry(new ZipEntry(e.name()));
                e.content().writeTo(out);
                out.closeEntry();
            }
        }
        for (Entry e : entries) {
            if (e.encryptedFlag()) {
                markEncrypted(zip, e.name());
            }
        }
        return zip;
    }

    /** Sets bit 0 of the general purpose flags of the named entry's local and central headers. */
    private static void markEncrypted(Path zip, String name) throws IOException {
        byte[] b = Files.readAllBytes(zip);
        byte[] wanted = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int marked = 0;
        for (int i = 0; i + 46 <= b.length; i++) {
            int sig = buf.getInt(i);
            int nameAt = sig == 0x04034b50 ? i + 30 : sig == 0x02014b50 ? i + 46 : -1;
            int lengthAt = sig == 0x04034b50 ? i + 26 : i + 28;
            if (nameAt > 0 && Short.toUnsignedInt(buf.getShort(lengthAt)) == wanted.length && nameAt + wanted.length <= b.length
                    && java.util.Arrays.equals(b, nameAt, nameAt + wanted.length, wanted, 0, wanted.length)) {
                int flagsAt = sig == 0x04034b50 ? i + 6 : i + 8;
                b[flagsAt] |= 1;
                marked++;
            }
        }
        if (marked != 2) {
            throw new IllegalStateException("expected a local and a central header for " + name + ", found " + marked);
        }
        Files.write(zip, b);
    }

    /** A stream of {@code bytes} zero bytes, written 1 MiB at a time. */
    public static Content zeros(long bytes) {
        return out -> {
            byte[] chunk = new byte[1 << 20];
            for (long left = bytes; left > 0; left -= chunk.length) {
                out.write(chunk, 0, (int) Math.min(chunk.length, left));
            }
        };
    }
}
