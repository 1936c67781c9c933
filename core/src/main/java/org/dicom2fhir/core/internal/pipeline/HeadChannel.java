package org.dicom2fhir.core.internal.pipeline;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.dicom2fhir.core.internal.source.ContentKind;

/**
 * A local file open for one read on one thread, its first {@link #HEAD_BYTES} bytes fetched by one positioned read:
 * they serve the content sniff and the reader's first reads from memory, and a file that ends within them needs no
 * further system call, not even for its size (most DICOM headers without pixel data are a few KB). Reads past the
 * head are positioned reads of the file. System calls are what a small file costs most on a virtual machine
 * (benchmarks/README.md, "Batch (issue 13)"). Closing it does not close the caller's file (the caller owns that),
 * only one it reopened past a {@linkplain #fetched fetched} head.
 */
final class HeadChannel implements SeekableByteChannel {
    static final int HEAD_BYTES = 16 * 1024;

    /** Each thread's head buffer, lent for one read at a time (a nested read on the thread gets its own). */
    private static final ThreadLocal<Lease> BUFFER = ThreadLocal.withInitial(Lease::new);

    private static final class Lease {
        final byte[] buffer = new byte[HEAD_BYTES];
        boolean taken;
    }

    /** The open file; null for a fetched head until a read goes past it. */
    private FileChannel file;
    /** The file to reopen past a fetched head, or null. */
    private final Path reopen;
    private final Lease lease;
    private final byte[] head;
    private final int headLength;
    /** Whether the head read met the file's end: its length is then {@link #headLength}. */
    private final boolean ended;
    private long position;
    private boolean open = true;

    private HeadChannel(FileChannel file, long expectedSize, Lease lease, byte[] head) throws IOException {
        this.file = file;
        this.lease = lease;
        this.head = head;
        this.reopen = null;
        FetchedHead read = readHead(file, head, expectedSize);
        this.headLength = read.length();
        this.ended = read.whole();
    }

    /** A head fetched before, the file closed since: reopened only if a read goes past the head. */
    private HeadChannel(byte[] head, FetchedHead fetched, Path reopen) {
        this.file = null;
        this.lease = null;
        this.head = head;
        this.headLength = fetched.length();
        this.ended = fetched.whole();
        this.reopen = reopen;
    }

    /**
     * Fills {@code head} from the file's start with positioned reads: how many bytes it read, and whether they are
     * the whole file.
     *
     * @param expectedSize the size the scan saw, or a negative number: a head read that ends there (short of
     *                     the head's length) is taken for the file's end; otherwise one more read finds it
     */
    static FetchedHead readHead(FileChannel file, byte[] head, long expectedSize) throws IOException {
        ByteBuffer target = ByteBuffer.wrap(head);
        boolean end = false;
        while (target.hasRemaining()) {
            int n = file.read(target, target.position());
            if (n < 0) {
                end = true;
                break;
            }
            if (n == 0) {
                break; // not expected of a file: read on later through the file itself
            }
            if (target.hasRemaining() && target.position() == expectedSize) {
                // what the scan saw, and less than asked for: the end, without a read to hear it
                end = true;
                break;
            }
        }
        return new FetchedHead(target.position(), end);
    }

    /**
     * A channel over a head fetched by {@link #readHead} from a file closed since: nothing is open until a read goes
     * past the head, which reopens the file (and closing the channel closes it again).
     */
    static HeadChannel fetched(byte[] head, FetchedHead fetched, Path file) {
        return new HeadChannel(head, fetched, file);
    }

    /**
     * Reads the file's head now; {@link #close()} gives the thread's buffer back.
     *
     * @param expectedSize the size the scan saw, or a negative number: a head read that ends there (short of
     *                     {@link #HEAD_BYTES}) is taken for the file's end; otherwise one more read finds it
     */
    static HeadChannel open(FileChannel file, long expectedSize) throws IOException {
        Lease lease = BUFFER.get();
        if (lease.taken) {
            return new HeadChannel(file, expectedSize, null, new byte[HEAD_BYTES]);
        }
        lease.taken = true;
        try {
            return new HeadChannel(file, expectedSize, lease, lease.buffer);
        } catch (IOException | RuntimeException e) {
            lease.taken = false;
            throw e;
        }
    }

    /**
     * What the file holds, from the head in memory (no copy, no system call) when it holds the bytes the sniff
     * looks at; otherwise through this channel from the file's start.
     */
    ContentKind contentKind() throws IOException {
        if (ended || headLength >= ContentKind.HEAD_BYTES) {
            return ContentKind.of(head, Math.min(headLength, ContentKind.HEAD_BYTES));
        }
        position(0);
        return ContentKind.of(Channels.newInputStream(this));
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        ensureOpen();
        if (!dst.hasRemaining()) {
            return 0;
        }
        if (position < headLength) {
            int n = (int) Math.min(dst.remaining(), headLength - position);
            dst.put(head, (int) position, n);
            position += n;
            return n;
        }
        if (ended) {
            return -1;
        }
        int n = file().read(dst, position);
        if (n > 0) {
            position += n;
        }
        return n;
    }

    @Override
    public long position() throws IOException {
        ensureOpen();
        return position;
    }

    @Override
    public SeekableByteChannel position(long newPosition) throws IOException {
        ensureOpen();
        if (newPosition < 0) {
            throw new IllegalArgumentException("negative position");
        }
        position = newPosition;
        return this;
    }

    @Override
    public long size() throws IOException {
        ensureOpen();
        return ended ? headLength : file().size();
    }

    private FileChannel file() throws IOException {
        if (file == null) {
            file = FileChannel.open(reopen, StandardOpenOption.READ);
        }
        return file;
    }

    @Override
    public int write(ByteBuffer src) {
        throw new NonWritableChannelException();
    }

    @Override
    public SeekableByteChannel truncate(long size) {
        throw new NonWritableChannelException();
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() throws IOException {
        if (open) {
            open = false;
            if (lease != null) {
                lease.taken = false;
            }
            if (reopen != null && file != null) {
                file.close(); // only a file this channel reopened: otherwise the caller's
            }
        }
    }

    private void ensureOpen() throws ClosedChannelException {
        if (!open) {
            throw new ClosedChannelException();
        }
    }
}
