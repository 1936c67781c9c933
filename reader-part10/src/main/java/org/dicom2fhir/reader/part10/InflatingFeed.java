package org.dicom2fhir.reader.part10;

import java.io.IOException;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.dicom2fhir.api.ReasonCode;
import org.dicom2fhir.api.dicom.DicomReadException;

/**
 * The data set of Deflated Explicit VR Little Endian (PS3.5 A.5): raw deflate after the File Meta
 * group, inflated on demand (reading stops at Pixel Data) and capped, so that a small file cannot
 * inflate to gigabytes. Positions continue those of the file: the data set starts where the meta
 * group ends, and offsets in messages count inflated bytes from there.
 */
final class InflatingFeed extends ForwardFeed implements AutoCloseable {
    private final Window compressed;
    private final long maxInflated;
    private final long start;
    private final Inflater inflater = new Inflater(true);
    private long compressedPos;
    private long inflated;

    InflatingFeed(Window compressed, long start, long maxInflated) {
        super(start);
        this.compressed = compressed;
        this.start = start;
        this.compressedPos = start;
        this.maxInflated = maxInflated;
    }

    @Override
    protected int next(byte[] dst, int off, int len) throws IOException {
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
                            + maxInflated + " bytes, at byte " + (start + inflated) + ".", DicomReadException.NO_TAG, start + inflated);
                }
                int r = inflater.inflate(dst, off, (int) Math.min(len, room));
                if (r > 0) {
                    inflated += r;
                    return r;
                }
                if (inflater.needsDictionary()) {
                    throw malformed("asks for a preset dictionary");
                }
                if (inflater.needsInput()) {
                    int i = compressed.fetch(compressedPos, 1);
                    if (i < 0) {
                        return -1; // compressed stream cut short: the parser reports where it ends
                    }
                    int n = Math.min(compressed.availableAt(i), 64 * 1024);
                    inflater.setInput(compressed.buffer(), i, n);
                    compressedPos += n;
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
