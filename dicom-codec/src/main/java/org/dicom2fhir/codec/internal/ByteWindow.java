package org.dicom2fhir.codec.internal;

import java.io.IOException;

/**
 * A reader's buffered view of its input, as the shared header code ({@link ElementHeader},
 * {@link FileStart}) reads it: absolute positions, and a buffer the reader owns. A window never loads
 * bytes because of a declared length alone, and counts what it loads against the reader's header limit.
 */
public interface ByteWindow {
    /** What a window loads at once, and so what the first look at an input sees of it. */
    int CHUNK = 16 * 1024;
    /** A length or position not known (yet). */
    long UNKNOWN = -1;

    /**
     * Makes {@code [pos, pos+n)} available and returns the index of {@code pos} in {@link #buffer()},
     * or -1 when the input ends first.
     */
    int fetch(long pos, long n) throws IOException;

    /** The index of {@code [pos, pos+n)} when those bytes are already in memory, else -1; never reads. */
    int peek(long pos, int n);

    /** The buffer that indexes returned by {@link #fetch} and {@link #peek} point into; valid until the next fetch. */
    byte[] buffer();

    /**
     * The position where the input ends: known up front for files and arrays, for streams once their
     * end was met (a window loads a whole {@link #CHUNK} at once, so a short stream shows its end at
     * the first fetch); else {@link #UNKNOWN}.
     */
    long length();

    /** Whether there is no byte at {@code pos}. */
    default boolean atEnd(long pos) throws IOException {
        return fetch(pos, 1) < 0;
    }
}
