package org.dicom2fhir.reader.pixelmed;

import java.io.IOException;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.dicom2fhir.api.ReasonCode;
import org.dicom2fhir.api.dicom.DicomReadException;

/**
 * The data set of Deflated Explicit VR Little Endian (PS3.5 A.5): raw deflate after the File Meta
 * group, inflated as it is read and capped, skipped bytes included, so that a small file cannot
 * inflate to gigabytes. A compressed stream cut short simply ends: the scan reports where.
 */
final class InflatingFeed implements Feed, AutoCloseable {
    private final Feed compressed;
    private final long maxInflated;
    private final long start; // where the data set starts in the file: messages count inflated bytes from there
    private final Inflater inflater = new Inflater(true);
    private final byte[] input = new byte[8192];
    private byte[] scratch;
    private long inflated;

    InflatingFeed(Feed compressed, long start, long maxInflated) {
        this.compressed = compressed;
        this.start = start;
        this.maxInflated = maxInflated;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
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
                    throw new DicomReadException(ReasonCode.INFLATED_TOO_LARGE, "The deflated data set inflates past the limit of "
                            + maxInflated + " bytes, at byte " + (start + inflated) + ".", DicomReadException.NO_TAG,
                            start + inflated);
                }
                int r = inflater.inflate(b, off, (int) Math.min(len, room));
                if (r > 0) {
                    inflated += r;
                    return r;
                }
                if (inflater.needsDictionary()) {
                    throw malformed("asks for a preset dictionary");
                }
                if (inflater.needsInput()) {
                    int n = compressed.read(input, 0, input.length);
                    if (n < 0) {
                        return -1;
                    }
                    inflater.setInput(input, 0, n);
                }
            }
        } catch (DataFormatException e) {
            throw malformed("is not valid deflate data");
        }
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
