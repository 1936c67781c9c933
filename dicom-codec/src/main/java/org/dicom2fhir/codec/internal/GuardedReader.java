package org.dicom2fhir.codec.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import org.dicom2fhir.api.ReasonCode;
import org.dicom2fhir.api.dicom.DicomReadException;
import org.dicom2fhir.api.dicom.DicomReadResult;
import org.dicom2fhir.api.dicom.ReadOptions;
import org.dicom2fhir.api.spi.DicomReader;

/**
 * The file boundary of this project's readers: the four ways a {@link DicomReader} gets bytes, each
 * as a {@link Feed} (a file, a caller's channel and an array with positioned reads, a caller's stream forward
 * only; a caller's channel or stream is never closed here), and what may leave a read: a result, a {@link DicomReadException}, or a plain
 * {@link IOException} of the file itself. A runtime exception (a parser bug a hostile file found)
 * fails that file as {@code MALFORMED}, logged at DEBUG with its stack, never with a value.
 * Stateless: a subclass that keeps no per-read state is thread-safe.
 */
public abstract class GuardedReader implements DicomReader {
    private final System.Logger log = System.getLogger(getClass().getName());

    /** Reads the header from {@code feed}; anything but an IOException is caught by the boundary. */
    protected abstract DicomReadResult readHeader(Feed feed, ReadOptions options) throws IOException;

    /**
     * What an {@link Error} of a read becomes; null lets it propagate (the default). A reader on a
     * library that may overflow the stack or allocate by declared length contains them here.
     */
    protected DicomReadException contain(Error e) {
        return null;
    }

    @Override
    public final DicomReadResult read(Path file, ReadOptions options) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(options, "options");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return read(channel, options);
        }
    }

    @Override
    public final DicomReadResult read(SeekableByteChannel channel, ReadOptions options) throws IOException {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(options, "options");
        return guarded(new PositionedFeed.OfChannel(channel), options);
    }

    @Override
    public final DicomReadResult read(InputStream in, ReadOptions options) throws IOException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(options, "options");
        return guarded(new ForwardFeed.OfStream(in), options);
    }

    @Override
    public final DicomReadResult read(byte[] content, ReadOptions options) throws DicomReadException {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(options, "options");
        try {
            return guarded(new PositionedFeed.OfArray(content), options);
        } catch (DicomReadException e) {
            throw e;
        } catch (IOException e) {
            throw new DicomReadException(ReasonCode.UNREADABLE, "The bytes could not be read.", DicomReadException.NO_TAG,
                    DicomReadException.NO_OFFSET, e);
        }
    }

    private DicomReadResult guarded(Feed feed, ReadOptions options) throws IOException {
        try {
            return readHeader(feed, options);
        } catch (IOException e) {
            throw e;
        } catch (RuntimeException e) {
            throw unexpected(e);
        } catch (Error e) {
            DicomReadException contained = contain(e);
            if (contained == null) {
                throw e;
            }
            throw contained;
        }
    }

    /** An unexpected throwable as this file's failure: {@code MALFORMED}, naming only its class. */
    protected final DicomReadException unexpected(Throwable e) {
        log.log(System.Logger.Level.DEBUG, "unexpected failure in " + getClass().getSimpleName(), e);
        return new DicomReadException(ReasonCode.MALFORMED, "The header could not be read (unexpected "
                + e.getClass().getSimpleName() + ").", DicomReadException.NO_TAG, DicomReadException.NO_OFFSET, e);
    }
}
