package org.dicom2fhir.codec.internal;

import java.io.IOException;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.dicom2fhir.api.Limit;
import org.dicom2fhir.api.ReasonCode;
import org.dicom2fhir.api.dicom.DicomReadException;
import org.dicom2fhir.api.dicom.LimitExceededException;

/**
 * Inflates the data set of Deflated Explicit VR Little Endian (PS3.5 A.5: raw deflate after the File
 * Meta group) with a cap, so that a small file cannot inflate to gigabytes. Each reader supplies the
 * compressed bytes its own way ({@link Input}); the cap, the failures and their value-free messages are
 * the same for all. Offsets in messages count inflated bytes from where the data set starts in the file.
 * Not thread-safe; {@link #close} frees the native inflater.
 */
public final class BoundedInflater implements AutoCloseable {
    /** Where the compressed bytes come from. */
    @FunctionalInterface
    public interface Input {
        /** Gives the inflater its next compressed bytes ({@link Inflater#setInput}); false when there are none. */
        boolean refill(Inflater inflater) throws IOException;
    }

    private final Inflater inflater = new Inflater(true);
    private final long start;
    private final long maxInflated;
    private long inflated;

    /**
     * @param start       the data set's position in the file (where the File Meta group ends)
     * @param maxInflated most bytes the data set may inflate to (a reader's limit)
     */
    public BoundedInflater(long start, long maxInflated) {
        this.start = start;
        this.maxInflated = maxInflated;
    }

    /**
     * Inflates up to {@code len} bytes into {@code dst}; -1 when the deflate stream ends, or when the
     * compressed input ends first (the caller's parser reports where the data set was cut).
     *
     * @throws DicomReadException {@code INFLATED_TOO_LARGE} past the cap, {@code MALFORMED} for bytes
     *                            that are not raw deflate
     */
    public int inflate(byte[] dst, int off, int len, Input input) throws IOException {
        if (len == 0) {
            return 0;
        }
        try {
            while (true) {
                if (inflater.finished()) {
                    return -1;
                }
                long room = maxInflated - inflated;
                if (room <= 0) {
                    throw new LimitExceededException(Limit.MAX_INFLATED_BYTES, "The deflated data set inflates past the limit of "
                            + maxInflated + " bytes, at byte " + (start + inflated) + ".", DicomReadException.NO_TAG,
                            start + inflated);
                }
                int r = inflater.inflate(dst, off, (int) Math.min(len, room));
                if (r > 0) {
                    inflated += r;
                    return r;
                }
                if (inflater.needsDictionary()) {
                    throw malformed("asks for a preset dictionary");
                }
                if (inflater.needsInput() && !input.refill(inflater)) {
                    return -1;
                }
            }
        } catch (DataFormatException e) {
            throw malformed("is not valid deflate data");
        }
    }

    private DicomReadException malformed(String what) {
        long at = start + inflated;
        return new DicomReadException(ReasonCode.MALFORMED, "The deflated data set " + what + " (inflated byte " + at + ").",
                DicomReadException.NO_TAG, at);
    }

    @Override
    public void close() {
        inflater.end();
    }
}
