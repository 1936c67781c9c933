package org.dicom2fhir.api.spi;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import org.dicom2fhir.api.dicom.DicomReadException;
import org.dicom2fhir.api.dicom.DicomReadResult;
import org.dicom2fhir.api.dicom.NotDicomException;
import org.dicom2fhir.api.dicom.ReadOptions;

/**
 * Reads one file's header: the File Meta Information and the data set up to, not including, Pixel
 * Data, text decoded with the file's Specific Character Set. Thread-safe and reusable.
 *
 * <p>Outcomes: a {@link DicomReadResult} (perhaps with warnings); {@link NotDicomException} when the
 * content never claims to be DICOM; another {@link DicomReadException} with its reason code when it
 * claims to be DICOM but is malformed (message with tag and byte offset, never a value); a plain
 * {@link IOException} only when the file itself cannot be read. No other exception and no
 * {@link Error} may escape, whatever the bytes.
 */
public interface DicomReader {
    DicomReadResult read(Path file, ReadOptions options) throws IOException;

    /** Reads from a stream (which is not closed); for callers that hold the bytes elsewhere. */
    DicomReadResult read(InputStream in, ReadOptions options) throws IOException;

    /**
     * Reads from an open channel, from its start whatever its position (the channel is not closed): the entry
     * dicom2fhir uses for every local file, which it opens once both to recognise the content (ZIP, JSON or DICOM)
     * and to read it, and for files of other file systems. The default reads the channel as a stream through
     * {@link #read(InputStream, ReadOptions)}; a reader with positioned reads should override it.
     */
    default DicomReadResult read(SeekableByteChannel channel, ReadOptions options) throws IOException {
        channel.position(0);
        // Channels' stream closes the channel with it: the reader's stream must not close the caller's channel
        InputStream unclosable = new FilterInputStream(Channels.newInputStream(channel)) {
            @Override
            public void close() {
                // the caller closes the channel
            }
        };
        return read(new BufferedInputStream(unclosable), options);
    }

    /** Convenience for tests and fuzzing. */
    default DicomReadResult read(byte[] content, ReadOptions options) throws DicomReadException {
        try {
            return read(new java.io.ByteArrayInputStream(content), options);
        } catch (DicomReadException e) {
            throw e;
        } catch (IOException e) {
            throw new DicomReadException(org.dicom2fhir.api.ReasonCode.UNREADABLE, "cannot read the bytes", -1, -1, e);
        }
    }
}
