package org.dicom2fhir.codec.internal;

import java.io.IOException;
import java.io.InputStream;

/** Forward-only feeds: positions only grow; the length becomes known when the end is met. */
public abstract class ForwardFeed implements Feed {
    private long position;
    private long length = UNKNOWN;
    private byte[] scratch;

    /** @param start the position of the first byte */
    protected ForwardFeed(long start) {
        this.position = start;
    }

    /** Reads the next bytes; -1 at the end. */
    protected abstract int next(byte[] dst, int off, int len) throws IOException;

    @Override
    public final long length() {
        return length;
    }

    @Override
    public final int read(long pos, byte[] dst, int off, int len) throws IOException {
        if (pos < position) {
            throw new IllegalStateException("a forward-only feed cannot go back");
        }
        if (!reaches(pos)) {
            return -1;
        }
        if (length != UNKNOWN && pos >= length) {
            return -1;
        }
        int r = next(dst, off, len);
        if (r < 0) {
            length = position;
            return -1;
        }
        position += r;
        return r;
    }

    @Override
    public final boolean reaches(long pos) throws IOException {
        while (position < pos) {
            if (length != UNKNOWN) {
                return false;
            }
            if (scratch == null) {
                scratch = new byte[8192];
            }
            int r = next(scratch, 0, (int) Math.min(scratch.length, pos - position));
            if (r < 0) {
                length = position;
                return false;
            }
            position += r;
        }
        return true;
    }

    /** A caller's stream, not closed here. */
    public static final class OfStream extends ForwardFeed {
        private final InputStream in;

        public OfStream(InputStream in) {
            super(0);
            this.in = in;
        }

        @Override
        protected int next(byte[] dst, int off, int len) throws IOException {
            // a misbehaving stream may return 0 without being at its end; do not spin on it forever
            for (int attempt = 0; attempt < 1000; attempt++) {
                int r = in.read(dst, off, len);
                if (r != 0 || len == 0) {
                    return r;
                }
            }
            return -1;
        }
    }
}
