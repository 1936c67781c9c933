package org.dicom2fhir.reader.pixelmed;

import org.dicom2fhir.api.Limit;
import org.dicom2fhir.api.dicom.LimitExceededException;
import java.io.IOException;
import java.util.Arrays;
import org.dicom2fhir.api.ReasonCode;
import org.dicom2fhir.api.dicom.DicomReadException;

/**
 * A forward-only view of a {@link Feed} with a small look-ahead buffer. Values are skipped without
 * being loaded; a value is loaded only after the feed has shown (or, for a file, its length has
 * proved) that it holds that many bytes, so no allocation ever follows a declared length. Every
 * byte loaded counts against the header limit.
 */
final class Input {
    static final int CHUNK = 16 * 1024;

    private final Feed feed;
    private final long maxLoaded;
    private final long origin; // the position of the feed's first byte
    private byte[] buf = new byte[CHUNK];
    private int head;
    private int tail;
    private long pos; // the position of buf[head]
    private long loaded;
    private boolean ended;

    Input(Feed feed, long maxLoaded, long origin) {
        this.feed = feed;
        this.maxLoaded = maxLoaded;
        this.origin = origin;
        this.pos = origin;
    }

    long position() {
        return pos;
    }

    /** The position where the input ends: known for files and arrays, for streams once reached; else {@link Feed#UNKNOWN}. */
    long end() {
        long length = feed.length();
        if (length != Feed.UNKNOWN) {
            return origin + length;
        }
        return ended ? pos + tail - head : Feed.UNKNOWN;
    }

    /** Buffers up to {@code n} bytes from the position; returns how many are buffered (fewer at the end). */
    int fill(int n) throws IOException {
        if (tail - head >= n) {
            return n;
        }
        if (buf.length - head < n) {
            if (buf.length < n) {
                buf = Arrays.copyOf(buf, Math.max(n, buf.length * 2));
            }
            System.arraycopy(buf, head, buf, 0, tail - head);
            tail -= head;
            head = 0;
        }
        while (tail - head < n && !ended) {
            long allowance = maxLoaded - loaded;
            if (allowance <= 0) {
                throw new LimitExceededException(Limit.MAX_HEADER_BYTES, "The header runs past the limit of " + maxLoaded
                        + " bytes read before Pixel Data, at byte " + (pos + tail - head) + ".", DicomReadException.NO_TAG,
                        pos + tail - head);
            }
            int r = feed.read(buf, tail, (int) Math.min(buf.length - tail, allowance));
            if (r < 0) {
                ended = true;
            } else {
                tail += r;
                loaded += r;
            }
        }
        return Math.min(n, tail - head);
    }

    /** How many bytes ahead are buffered (without reading more). */
    int buffered() {
        return tail - head;
    }

    /** The byte {@code i} positions ahead; it must be buffered. */
    int u8(int i) {
        return buf[head + i] & 0xFF;
    }

    int u16(int i, boolean bigEndian) {
        int a = buf[head + i] & 0xFF;
        int b = buf[head + i + 1] & 0xFF;
        return bigEndian ? a << 8 | b : b << 8 | a;
    }

    long u32(int i, boolean bigEndian) {
        long a = u16(i, bigEndian);
        long b = u16(i + 2, bigEndian);
        return bigEndian ? a << 16 | b : b << 16 | a;
    }

    int tag(int i, boolean bigEndian) {
        return u16(i, bigEndian) << 16 | u16(i + 2, bigEndian);
    }

    /** Whether the {@code n} buffered bytes ahead are all zero. */
    boolean zeros(int n) {
        for (int i = head; i < head + n; i++) {
            if (buf[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** Moves past {@code n} buffered bytes, appending them to {@code copy} unless it is null. */
    void consume(int n, Copy copy) {
        if (copy != null) {
            copy.write(buf, head, n);
        }
        head += n;
        pos += n;
    }

    /** Moves past {@code n} bytes without loading them; false when the input ends first. */
    boolean skip(long n) throws IOException {
        int buffered = tail - head;
        if (n <= buffered) {
            head += (int) n;
            pos += n;
            return true;
        }
        long end = end();
        if (end != Feed.UNKNOWN && pos + n > end) {
            return false; // a file: its length already says so
        }
        pos += buffered;
        head = 0;
        tail = 0;
        long skipped = feed.skip(n - buffered);
        pos += skipped;
        if (skipped < n - buffered) {
            ended = true;
            return false;
        }
        return true;
    }

    /** Moves past {@code n} bytes, appending them to {@code copy}; false when the input ends first. */
    boolean copy(long n, Copy copy) throws IOException {
        long end = end();
        if (end != Feed.UNKNOWN && pos + n > end) {
            return false; // checked before anything is loaded
        }
        while (n > 0) {
            int r = fill((int) Math.min(n, CHUNK));
            if (r == 0) {
                return false;
            }
            consume(r, copy);
            n -= r;
        }
        return true;
    }

    /**
     * What is left of the input, buffered bytes first, as a feed (the compressed data of a deflated data
     * set); this input is done with after it.
     */
    Feed rest() {
        return new Feed() {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (head < tail) {
                    int n = Math.min(len, tail - head);
                    System.arraycopy(buf, head, b, off, n);
                    head += n;
                    return n;
                }
                return feed.read(b, off, len);
            }

            @Override
            public long skip(long n) throws IOException {
                long fromBuffer = Math.min(n, tail - head);
                head += (int) fromBuffer;
                return n > fromBuffer ? fromBuffer + feed.skip(n - fromBuffer) : fromBuffer;
            }

            @Override
            public long length() {
                return UNKNOWN;
            }
        };
    }
}
