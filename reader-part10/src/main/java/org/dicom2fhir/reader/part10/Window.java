package org.dicom2fhir.reader.part10;

import java.io.IOException;
import java.util.Arrays;
import org.dicom2fhir.api.Limit;
import org.dicom2fhir.api.dicom.DicomReadException;
import org.dicom2fhir.api.dicom.LimitExceededException;
import org.dicom2fhir.codec.internal.BoundedInflater;
import org.dicom2fhir.codec.internal.ByteWindow;
import org.dicom2fhir.codec.internal.Feed;
import org.dicom2fhir.codec.internal.PositionedFeed;

/**
 * The bytes of a feed that the parser currently looks at: a buffer holding {@code [base, base+count)}.
 * The parser moves forward; values it does not need are skipped without being read. A value is
 * loaded only after the feed has shown that it holds that many bytes (positioned feeds know their
 * length; forward-only feeds grow the buffer as bytes actually arrive), so no allocation follows a
 * declared length. Every byte loaded counts against the header limit.
 */
final class Window implements ByteWindow {
    private static final int MAX_BUFFER = Integer.MAX_VALUE - 16;

    private final Feed feed;
    private final long maxLoaded;
    private byte[] buf;
    private long base;
    private int count;
    private long loaded;

    /** Each thread's first buffer, reused from read to read: saves allocating and zeroing 16 KB per file. */
    private static final ThreadLocal<Lease> FIRST_BUFFER = ThreadLocal.withInitial(Lease::new);

    /** The thread's buffer and whether a read on this thread holds it (a stream could call back into a reader). */
    private static final class Lease {
        final byte[] buffer = new byte[CHUNK];
        final RepeatedValues repeatedValues = new RepeatedValues();
        boolean taken;
    }

    private final Lease lease;

    /** A window with a buffer of its own. */
    Window(Feed feed, long maxLoaded) {
        this(feed, maxLoaded, null);
    }

    private Window(Feed feed, long maxLoaded, Lease lease) {
        this.feed = feed;
        this.maxLoaded = maxLoaded;
        this.lease = lease;
        this.buf = lease != null ? lease.buffer : new byte[CHUNK];
    }

    /**
     * A window starting with this thread's reusable buffer when it is free; {@link #release()} it when
     * the read is over. Nothing keeps a reference to the buffer after the read: values are copied
     * into strings as they are decoded.
     */
    static Window withThreadBuffer(Feed feed, long maxLoaded) {
        Lease lease = FIRST_BUFFER.get();
        if (lease.taken) {
            return new Window(feed, maxLoaded, null);
        }
        lease.taken = true;
        return new Window(feed, maxLoaded, lease);
    }

    /** The thread's memory of the last file's values when this window has the thread's buffer, else null. */
    RepeatedValues repeatedValues() {
        return lease != null ? lease.repeatedValues : null;
    }

    /** Gives the thread's buffer back (no-op for a window with its own). */
    void release() {
        if (lease != null) {
            lease.taken = false;
        }
    }

    @Override
    public byte[] buffer() {
        return buf;
    }

    /** How many bytes follow index {@code i} in the buffer (at least what was fetched). */
    int availableAt(int i) {
        return count - i;
    }

    long loaded() {
        return loaded;
    }

    @Override
    public long length() {
        return feed.length();
    }

    /**
     * Makes {@code [pos, pos+n)} available and returns the index of {@code pos} in {@link #buffer()},
     * or -1 when the input ends first.
     */
    @Override
    public int fetch(long pos, long n) throws IOException {
        long rel = pos - base;
        if (rel >= 0 && rel + n <= count) {
            return (int) rel;
        }
        return load(pos, n);
    }

    @Override
    public int peek(long pos, int n) {
        long rel = pos - base;
        return rel >= 0 && rel + n <= count ? (int) rel : -1;
    }

    /**
     * The bytes from {@code start} on as the compressed input of an inflater (the data set of a deflated
     * file): each refill hands it what the buffer holds there, reading on as needed.
     */
    BoundedInflater.Input from(long start) {
        long[] at = {start};
        return inflater -> {
            int i = fetch(at[0], 1);
            if (i < 0) {
                return false; // compressed stream cut short: the parser reports where it ends
            }
            int n = Math.min(availableAt(i), 64 * 1024);
            inflater.setInput(buf, i, n);
            at[0] += n;
            return true;
        };
    }

    /** Whether the input holds every byte before {@code pos}; forward-only feeds skip to it. */
    boolean reaches(long pos) throws IOException {
        if (pos <= base + count) {
            return true;
        }
        return feed.reaches(pos);
    }

    @Override
    public boolean atEnd(long pos) throws IOException {
        return fetch(pos, 1) < 0;
    }

    private int load(long pos, long n) throws IOException {
        long length = feed.length();
        if (length != Feed.UNKNOWN && pos + n > length) {
            return -1;
        }
        long rel = pos - base;
        int keep = 0;
        if (rel >= 0 && rel < count) {
            keep = count - (int) rel;
            System.arraycopy(buf, (int) rel, buf, 0, keep);
        } else if (rel < 0 && !(feed instanceof PositionedFeed)) {
            throw new IllegalStateException("the parser went back on a forward-only input");
        }
        base = pos;
        count = keep;
        if (length != Feed.UNKNOWN && buf.length < n) {
            // the feed holds these bytes: size the buffer for them at once
            if (n - keep > maxLoaded - loaded || n > MAX_BUFFER) {
                return tooLarge(pos);
            }
            grow((int) Math.min(Math.max(n, (long) buf.length * 2), Math.min(length - pos, MAX_BUFFER)));
        }
        while (count < n) {
            if (count == buf.length) {
                // forward-only: grow as the bytes arrive, never by the declared length alone
                if (buf.length >= MAX_BUFFER) {
                    return tooLarge(pos);
                }
                grow((int) Math.min(Math.max((long) buf.length * 2, CHUNK), MAX_BUFFER));
            }
            long allowance = maxLoaded - loaded;
            if (allowance <= 0) {
                return tooLarge(pos);
            }
            int r = feed.read(base + count, buf, count, (int) Math.min(buf.length - count, allowance));
            if (r < 0) {
                return -1;
            }
            count += r;
            loaded += r;
        }
        if (length == Feed.UNKNOWN) {
            fillAhead();
        }
        return 0;
    }

    /**
     * A forward-only feed fills the rest of the buffer too (within the limit): a short stream then
     * shows its end, and its length is known, at once, as a file's is.
     */
    private void fillAhead() throws IOException {
        while (count < buf.length && loaded < maxLoaded) {
            int r = feed.read(base + count, buf, count, (int) Math.min(buf.length - count, maxLoaded - loaded));
            if (r < 0) {
                return;
            }
            count += r;
            loaded += r;
        }
    }

    private int tooLarge(long pos) throws DicomReadException {
        throw new LimitExceededException(Limit.MAX_HEADER_BYTES, "The header runs past the limit of " + maxLoaded
                + " bytes read before Pixel Data, at byte " + pos + ".", DicomReadException.NO_TAG, pos);
    }

    private void grow(int capacity) {
        if (capacity > buf.length) {
            buf = Arrays.copyOf(buf, capacity);
        }
    }
}
