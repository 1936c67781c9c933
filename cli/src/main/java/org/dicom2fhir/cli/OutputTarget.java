package org.dicom2fhir.cli;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Where a result goes. A regular file, or a path where nothing exists yet, is replaced atomically
 * (a temporary file in the same folder, then a rename), so a failed run never leaves a half-written
 * file. Anything else (standard output, {@code /dev/null}, a FIFO, a symbolic link such as
 * {@code /dev/stdout}) is written in place and never replaced.
 */
abstract class OutputTarget {
    private static final int BUFFER = 1 << 16;
    /** Bytes of a result held back from standard output until the run succeeds. */
    static final int STDOUT_HOLD_BACK_BYTES = 64 << 20;

    /** An open destination: {@link #commit()} makes the content final; closing without commit discards what it can. */
    interface Sink extends Closeable {
        OutputStream stream();

        void commit() throws IOException;
    }

    /** PrintStream hides the cause; what is left to say. */
    static final class StandardOutputFailed extends IOException {
        private static final long serialVersionUID = 1L;

        StandardOutputFailed() {
            super("the stream was closed or the disk is full");
        }
    }

    /** The target for {@code -o ARG}: {@code -} or null is standard output. */
    static OutputTarget of(String argument, PrintStream stdout) {
        if (argument == null || argument.equals("-")) {
            return new StandardOutput(stdout);
        }
        Path path = Path.of(argument);
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS) || Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            return new AtomicFile(path);
        }
        return new InPlace(path);
    }

    /**
     * Checks before any work is done that the target can be written; the answer is a value-free
     * phrase saying why not, or null when it looks writable.
     */
    abstract String whyNotWritable();

    abstract Sink open() throws IOException;

    /** How messages name this target. */
    abstract String description();

    /** Whether a failed write leaves the previous content untouched. */
    boolean replacedAtomically() {
        return false;
    }

    private static final class StandardOutput extends OutputTarget {
        private final PrintStream stdout;

        StandardOutput(PrintStream stdout) {
            this.stdout = stdout;
        }

        @Override
        String whyNotWritable() {
            return null;
        }

        @Override
        String description() {
            return "standard output";
        }

        @Override
        Sink open() {
            HoldBack held = new HoldBack(stdout, STDOUT_HOLD_BACK_BYTES);
            return new Sink() {
                @Override
                public OutputStream stream() {
                    return held;
                }

                @Override
                public void commit() throws IOException {
                    held.release();
                    stdout.flush();
                    // PrintStream hides write errors: ask for them
                    if (stdout.checkError()) {
                        throw new StandardOutputFailed();
                    }
                }

                @Override
                public void close() {
                    held.discard();
                }
            };
        }
    }

    /**
     * Standard output cannot be replaced atomically, but a run that fails half-way should not leave
     * half a resource in a pipe: the first {@code limit} bytes are held back until the run commits,
     * and only a larger result (a huge study) streams before the end. The caller's stream is never
     * closed.
     */
    static final class HoldBack extends OutputStream {
        private final PrintStream target;
        private final int limit;
        private java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream(1 << 16);
        private boolean discarded;

        HoldBack(PrintStream target, int limit) {
            this.target = target;
            this.limit = limit;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (discarded) {
                return;
            }
            if (buffer == null) {
                target.write(b, off, len);
                return;
            }
            buffer.write(b, off, len);
            if (buffer.size() > limit) {
                release();
            }
        }

        /** Everything held goes out; later writes pass straight through. */
        void release() {
            if (buffer != null && !discarded) {
                try {
                    buffer.writeTo(target);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e); // a PrintStream never throws; kept for the compiler
                }
                buffer = null;
            }
        }

        /** Whatever is still held is dropped. */
        void discard() {
            if (buffer != null) {
                discarded = true;
                buffer = null;
            }
            target.flush();
        }

        @Override
        public void flush() {
            // held bytes stay held until release(); what already streams is flushed
            if (buffer == null) {
                target.flush();
            }
        }

        @Override
        public void close() {
            flush();
        }
    }

    private static final class InPlace extends OutputTarget {
        private final Path path;

        InPlace(Path path) {
            this.path = path;
        }

        @Override
        String whyNotWritable() {
            if (Files.isDirectory(path)) {
                return "it is a folder";
            }
            if (!Files.isWritable(path)) {
                return Files.exists(path) ? "permission denied" : "it is a broken link";
            }
            return null;
        }

        @Override
        String description() {
            return "the output file";
        }

        @Override
        Sink open() throws IOException {
            OutputStream stream = new BufferedOutputStream(Files.newOutputStream(path,
                    StandardOpenOption.WRITE, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING), BUFFER);
            return new Sink() {
                @Override
                public OutputStream stream() {
                    return stream;
                }

                @Override
                public void commit() throws IOException {
                    stream.close();
                }

                @Override
                public void close() throws IOException {
                    stream.close();
                }
            };
        }
    }

    private static final class AtomicFile extends OutputTarget {
        private final Path target;

        AtomicFile(Path target) {
            this.target = target.toAbsolutePath();
        }

        @Override
        boolean replacedAtomically() {
            return true;
        }

        @Override
        String description() {
            return "the output file";
        }

        @Override
        String whyNotWritable() {
            Path folder = target.getParent();
            if (folder == null || !Files.isDirectory(folder)) {
                return "its folder does not exist";
            }
            if (!Files.isWritable(folder)) {
                return "its folder is not writable";
            }
            if (Files.exists(target) && !Files.isWritable(target)) {
                return "permission denied";
            }
            return null;
        }

        @Override
        Sink open() throws IOException {
            Path temporary = createTemporarySibling();
            FileChannel channel;
            try {
                copyPermissionsOfExistingTarget(temporary);
                channel = FileChannel.open(temporary, StandardOpenOption.WRITE);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(temporary);
                throw e;
            }
            OutputStream stream = new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER);
            return new Sink() {
                private boolean committed;

                @Override
                public OutputStream stream() {
                    return stream;
                }

                @Override
                public void commit() throws IOException {
                    stream.flush();
                    channel.force(true);
                    stream.close();
                    try {
                        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    } catch (AtomicMoveNotSupportedException e) {
                        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                    committed = true;
                }

                @Override
                public void close() throws IOException {
                    if (!committed) {
                        try {
                            stream.close();
                        } finally {
                            Files.deleteIfExists(temporary);
                        }
                    }
                }
            };
        }

        /** Created without explicit permissions, so the user's umask applies as for any new file. */
        private Path createTemporarySibling() throws IOException {
            String prefix = "." + target.getFileName() + ".";
            for (int attempt = 0; ; attempt++) {
                Path candidate = target.resolveSibling(prefix + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
                try {
                    Path created = Files.createFile(candidate);
                    // an interrupted run (Ctrl-C) leaves no temporary file behind; after the rename this finds nothing
                    created.toFile().deleteOnExit();
                    return created;
                } catch (FileAlreadyExistsException e) {
                    if (attempt > 20) {
                        throw e;
                    }
                }
            }
        }

        /** A replaced file keeps its permissions. */
        private void copyPermissionsOfExistingTarget(Path temporary) throws IOException {
            if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
                return;
            }
            PosixFileAttributeView view = Files.getFileAttributeView(target, PosixFileAttributeView.class);
            if (view != null) {
                Files.setPosixFilePermissions(temporary, view.readAttributes().permissions());
            }
        }
    }
}
