package org.dicom2fhir.reader.pixelmed;

import java.io.IOException;
import org.dicom2fhir.codec.internal.BoundedInflater;

/**
 * The data set of Deflated Explicit VR Little Endian (PS3.5 A.5), inflated as it is read and capped by
 * {@link BoundedInflater}, skipped bytes included. A compressed stream cut short simply ends: the scan
 * reports where.
 */
final class InflatingFeed implements Feed, AutoCloseable {
    private final Feed compressed;
    private final BoundedInflater inflater;
    private final byte[] input = new byte[8192];
    private byte[] scratch;

    InflatingFeed(Feed compressed, long start, long maxInflated) {
        this.compressed = compressed;
        this.inflater = new BoundedInflater(start, maxInflated);
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        return inflater.inflate(b, off, len, in -> {
            int n = compressed.read(input, 0, input.length);
            if (n < 0) {
                return false;
            }
            in.setInput(input, 0, n);
            return true;
        });
    }

    /** Skipped bytes are inflated too: they count against the limit like any other. */
    @Override
    public long skip(long n) throws IOException {
        if (scratch == null) {
            scratch = new byte[8192];
        }
        long done = 0;
        while (done < n) {
            int r = read(scratch, 0, (int) Math.min(scratch.length, n - done));
            if (r < 0) {
                break;
            }
            done += r;
        }
        return done;
    }

    @Override
    public long length() {
        return UNKNOWN;
    }

    @Override
    public void close() {
        inflater.close();
    }
}
