package org.dicom2fhir.dicomweb;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.dicom2fhir.api.Limit;
import org.dicom2fhir.api.ReasonCode;
import org.dicom2fhir.api.dicom.DicomReadException;
import org.dicom2fhir.api.dicom.LimitExceededException;
import org.dicom2fhir.http.StalledBodyException;

/**
 * A response's body as the DICOM JSON source reads it: gunzipped when the server compressed it, its inflated
 * bytes counted against {@link Limit#MAX_RESPONSE_BYTES}, and the transfer's failures turned into reason codes,
 * so that the instance being read when they happen fails with them: a cut or corrupt gzip stream
 * {@code TRUNCATED} or {@code MALFORMED}, the limit {@code RESPONSE_TOO_LARGE}, a server that stops sending or a
 * lost connection {@code UNREADABLE}.
 */
final class ResponseBody extends InputStream {
    private final InputStream raw;
    private InputStream in;
    private final boolean gzip;
    private final long limit;
    private final String idleHint;
    private boolean opened;
    private long position;

    /**
     * @param idleHint the option that sets the idle timeout, for the message of a stalled response
     */
    ResponseBody(InputStream raw, boolean gzip, long limit, String idleHint) {
        this.raw = raw;
        this.gzip = gzip;
        this.limit = limit;
        this.idleHint = idleHint;
    }

    /** Through the counting read, like {@link InputStream#skip}, which reads into a buffer. */
    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n;
        try {
            if (!opened) {
                opened = true;
                in = gzip ? new GZIPInputStream(raw, 8192) : raw; // the gzip header is read here
            }
            n = in.read(b, off, len);
        } catch (DicomReadException e) {
            throw e;
        } catch (StalledBodyException e) {
            throw new DicomReadException(ReasonCode.UNREADABLE, "The DICOMweb server stopped sending this response"
                    + " (nothing for longer than " + idleHint + "); the rest of it was not read.", DicomReadException.NO_TAG,
                    position, e);
        } catch (EOFException e) {
            throw new DicomReadException(ReasonCode.TRUNCATED, "The DICOMweb response's gzip stream ends early.",
                    DicomReadException.NO_TAG, position, e);
        } catch (ZipException e) {
            throw new DicomReadException(ReasonCode.MALFORMED, "The DICOMweb response's gzip stream is corrupt.",
                    DicomReadException.NO_TAG, position, e);
        } catch (IOException e) {
            throw new DicomReadException(ReasonCode.UNREADABLE, "The connection failed while the DICOMweb response was"
                    + " read; the rest of it was not read.", DicomReadException.NO_TAG, position, e);
        }
        if (n > 0) {
            position += n;
            if (position > limit) {
                throw new LimitExceededException(Limit.MAX_RESPONSE_BYTES, "The DICOMweb response inflated past "
                        + (limit >> 20) + " MiB; the rest of it was not read (raise --"
                        + Limit.MAX_RESPONSE_BYTES.optionName() + ").", DicomReadException.NO_TAG, limit);
            }
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        raw.close();
    }
}
