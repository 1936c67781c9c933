package org.dicom2fhir.api.spi;

import java.io.IOException;
import java.io.InputStream;
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
