package org.dicom2fhir.reader.pixelmed;

import java.io.IOException;
import java.util.Arrays;
import org.dicom2fhir.api.Limit;
import org.dicom2fhir.api.dicom.DicomReadException;
import org.dicom2fhir.api.dicom.LimitExceededException;
import org.dicom2fhir.codec.internal.BoundedInflater;
import org.dicom2fhir.codec.internal.ByteWindow;
import org.dicom2fhir.codec.internal.Feed;

/**
 * A forward-only view of a {@link Feed} (read at increasing positions) with a small look-ahead buffer. Values are skipped without
 * being loaded; a value is loaded only after the feed has shown (or, for a file, its length has
 * proved) that it holds that many bytes, so no allocation ever follows a declared length. Every
 * byte loaded counts against the header limit. As a {@link ByteWindow} it shows the shared header
 * code the bytes ahead of its position (never behind it).
 */
final class Input implements ByteWindow {
    /** Most bytes ahead of the position the shared header code may look at: a few headers, never a value. */
    private static final int MAX_LOOK_AHEAD = 1 << 20;

    private final Feed feed;
    private final long maxLoaded;
    private byte[] buf = new byte[CHUNK];
    private int head;
    private int tail;
    private long pos; // the position of buf[head]
    private long loaded;
    private boolean ended;

    /** @param origin the position of the feed's first byte */
    Input(Feed feed, long maxLoaded, long origin) {
        this.feed = feed;
        this.maxLoaded = maxLoaded;
        this.pos = origin;
    }

    long position() {
        return pos;
    }

    /** The position where the input ends: known for files and arrays, for streams once reached; else {@link Feed#UNKNOWN}. */
    @Override
    public long length() {
        return feed.length();
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
            read(allowance);
        }
        if (feed.length() == Feed.UNKNOWN) {
            // a stream fills the rest of the buffer too (within the limit): a short one then shows its end,
            // and its length is known, at once, as a file's is
            while (tail < buf.length && !ended && loaded < maxLoaded) {
                read(maxLoaded - loaded);
            }
        }
        return Math.min(n, tail - head);
    }

    private void read(long allowance) throws IOException {
        int r = feed.read(pos + tail - head, buf, tail, (int) Math.min(buf.length - tail, allowance));
        if (r < 0) {
            ended = true;
        } else {
            tail += r;
            loaded += r;
        }
    }

    @Override
    public int fetch(long at, long n) throws IOException {
        long ahead = at - pos + n;
        if (at < pos || ahead > MAX_LOOK_AHEAD) {
            throw new IllegalStateException("the header code looked at bytes " + (at - pos) + " to " + ahead + " from the position");
        }
        return fill((int) ahead) < ahead ? -1 : head + (int) (at - pos);
    }

    @Override
    public int peek(long at, int n) {
        long rel = at - pos;
        return rel >= 0 && rel + n <= tail - head ? head + (int) rel : -1;
    }

    @Override
    public byte[] buffer() {
        return buf;
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
        long end = length();
        if (end != Feed.UNKNOWN && pos + n > end) {
            return false; // a file: its length already says so
        }
        head = 0;
        tail = 0;
        if (!feed.reaches(pos + n)) {
            ended = true;
            pos = feed.length(); // a forward feed skipped to its end, which it now knows
            return false;
        }
        pos += n;
        return true;
    }

    /** Moves past {@code n} bytes, appending them to {@code copy}; false when the input ends first. */
    boolean copy(long n, Copy copy) throws IOException {
        long end = length();
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
     * What is left of the input, buffered bytes first, as the compressed input of an inflater (the data
     * set of a deflated file); this input is done with after it.
     */
    BoundedInflater.Input rest() {
        byte[] more = new byte[8192];
        long[] next = {pos + tail - head}; // where the feed goes on after the buffered bytes
        return inflater -> {
            if (head < tail) {
                inflater.setInput(buf, head, tail - head);
                pos += tail - head;
                head = tail;
                return true;
            }
            int r = feed.read(next[0], more, 0, more.length);
            if (r < 0) {
                return false;
            }
            inflater.setInput(more, 0, r);
            next[0] += r;
            return true;
        };
    }
}
