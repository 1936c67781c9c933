package org.dicom2fhir.reader.part10;

import java.io.IOException;
import org.dicom2fhir.codec.internal.BoundedInflater;

/**
 * The data set of Deflated Explicit VR Little Endian (PS3.5 A.5), inflated on demand (reading stops
 * at Pixel Data) and capped by {@link BoundedInflater}. Positions continue those of the file: the data
 * set starts where the meta group ends.
 */
final class InflatingFeed extends ForwardFeed implements AutoCloseable {
    private final Window compressed;
    private final BoundedInflater inflater;
    private long compressedPos;

    InflatingFeed(Window compressed, long start, long maxInflated) {
        super(start);
        this.compressed = compressed;
        this.compressedPos = start;
        this.inflater = new BoundedInflater(start, maxInflated);
    }

    @Override
    protected int next(byte[] dst, int off, int len) throws IOException {
        return inflater.inflate(dst, off, len, in -> {
            int i = compressed.fetch(compressedPos, 1);
            if (i < 0) {
                return false; // compressed stream cut short: the parser reports where it ends
            }
            int n = Math.min(compressed.availableAt(i), 64 * 1024);
            in.setInput(compressed.buffer(), i, n);
            compressedPos += n;
            return true;
        });
    }

    @Override
    public void close() {
        inflater.close();
    }
}
