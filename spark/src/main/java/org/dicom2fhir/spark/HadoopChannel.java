package org.dicom2fhir.spark;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import org.apache.hadoop.fs.FSDataInputStream;

/**
 * A Hadoop input stream as the read-only seekable channel core's reading takes: a DICOM file is read forward from
 * the start, a ZIP archive by seeks to its central directory and entries.
 */
final class HadoopChannel implements SeekableByteChannel {
    private final FSDataInputStream in;
    private final long size;
    private boolean open = true;

    /** Set for a file that could not be opened: every read reports it. */
    private final IOException failure;

    HadoopChannel(FSDataInputStream in, long size) {
        this(in, size, null);
    }

    private HadoopChannel(FSDataInputStream in, long size, IOException failure) {
        this.in = in;
        this.size = size;
        this.failure = failure;
    }

    /** A file that could not be opened: a missing file as the JDK says it (core reports it as vanished). */
    static HadoopChannel failed(Exception cause) {
        Throwable c = cause instanceof java.util.concurrent.ExecutionException && cause.getCause() != null
                ? cause.getCause() : cause;
        IOException failure = c instanceof java.io.FileNotFoundException
                ? new java.nio.file.NoSuchFileException("the file") : new IOException("cannot be opened", c);
        return new HadoopChannel(null, 0, failure);
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        ensureOpen();
        if (!dst.hasRemaining()) {
            return 0;
        }
        if (dst.hasArray()) {
            int n = in.read(dst.array(), dst.arrayOffset() + dst.position(), dst.remaining());
            if (n > 0) {
                dst.position(dst.position() + n);
            }
            return n;
        }
        byte[] buffer = new byte[Math.min(dst.remaining(), 64 * 1024)];
        int n = in.read(buffer, 0, buffer.length);
        if (n > 0) {
            dst.put(buffer, 0, n);
        }
        return n;
    }

    @Override
    public long position() throws IOException {
        ensureOpen();
        return in.getPos();
    }

    @Override
    public SeekableByteChannel position(long newPosition) throws IOException {
        ensureOpen();
        // Hadoop refuses a seek past the end; a channel allows it (reads then return -1)
        in.seek(Math.min(newPosition, size));
        return this;
    }

    @Override
    public long size() throws IOException {
        ensureOpen();
        return size;
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
            if (in != null) {
                in.close();
            }
        }
    }

    private void ensureOpen() throws IOException {
        if (!open) {
            throw new ClosedChannelException();
        }
        if (failure != null) {
            throw failure;
        }
    }
}
