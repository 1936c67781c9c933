package org.dicom2fhir.codec.internal;

import java.io.IOException;

/**
 * The data set of Deflated Explicit VR Little Endian (PS3.5 A.5), inflated on demand (reading stops
 * at Pixel Data), skipped bytes included, and capped by {@link BoundedInflater}. Positions continue
 * those of the file: the data set starts where the File Meta group ends. A compressed stream cut short
 * simply ends: the reader's parser reports where.
 */
public final class InflatingFeed extends ForwardFeed implements AutoCloseable {
    private final BoundedInflater inflater;
    private final BoundedInflater.Input compressed;

    /**
     * @param start       where the data set starts in the file
     * @param maxInflated most bytes the data set may inflate to
     * @param compressed  the reader's compressed bytes, from {@code start} on
     */
    public InflatingFeed(long start, long maxInflated, BoundedInflater.Input compressed) {
        super(start);
        this.inflater = new BoundedInflater(start, maxInflated);
        this.compressed = compressed;
    }

    @Override
    protected int next(byte[] dst, int off, int len) throws IOException {
        return inflater.inflate(dst, off, len, compressed);
    }

    @Override
    public void close() {
        inflater.close();
    }
}
