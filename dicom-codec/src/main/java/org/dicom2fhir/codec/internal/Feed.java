package org.dicom2fhir.codec.internal;

import java.io.IOException;

/**
 * Where a reader's bytes come from: a file or byte array (positioned reads, {@link PositionedFeed}) or
 * a stream or an inflater (forward only, {@link ForwardFeed}). Positions are absolute: an inflated data
 * set's continue those of the file.
 */
public interface Feed {
    /** Unknown length. */
    long UNKNOWN = -1;

    /**
     * Reads up to {@code len} bytes found at absolute position {@code pos} into {@code dst}; -1 when the
     * input ends at or before {@code pos}. Forward-only feeds accept only positions at or after the
     * end of the previous read or skip.
     */
    int read(long pos, byte[] dst, int off, int len) throws IOException;

    /** The position where the input ends, or {@link #UNKNOWN} until a forward-only feed has met its end. */
    long length();

    /**
     * Whether the input reaches {@code pos} (holds every byte before it). Forward-only feeds skip up to
     * {@code pos}, discarding the bytes.
     */
    boolean reaches(long pos) throws IOException;
}
