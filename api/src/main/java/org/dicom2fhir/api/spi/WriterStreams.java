package org.dicom2fhir.api.spi;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.dicom2fhir.api.FhirWriteException;

/**
 * The caller's stream as a {@link FhirWriter} promises to treat it, for any FHIR library's encoder: the
 * encoder writes to a view that buffers, ignores the encoder's flushes and closes, and remembers the
 * stream's own failure; when the encoder is done the caller's stream is flushed once and never closed.
 *
 * <p>What the caller sees: a failing stream as that {@link IOException} (even when the library wrapped
 * it on the way, which stays suppressed in it); our own {@link FhirWriteException} unchanged; any other
 * failure of the library as a {@link FhirWriteException} with a value-free message
 * ({@link FhirWriteException#libraryFailure}).
 *
 * <pre>{@code
 * WriterStreams.encodeBytes(out, "Acme FHIR", "serialise the ImagingStudy as JSON",
 *         view -> acmeGenerator.generate(study, view));
 * }</pre>
 */
public final class WriterStreams {
    /**
     * Bytes gathered before they go to the caller's stream: libraries write byte by byte or flush after
     * every value, which on an unbuffered stream is a system call each; larger writes pass straight on.
     */
    static final int BUFFER_BYTES = 8 * 1024;

    private WriterStreams() {
    }

    /** An encoder that writes bytes. */
    @FunctionalInterface
    public interface ByteEncoder {
        void encodeTo(OutputStream view) throws Exception;
    }

    /** An encoder that writes text; the view encodes it as UTF-8 without a byte order mark. */
    @FunctionalInterface
    public interface TextEncoder {
        void encodeTo(Writer view) throws Exception;
    }

    /**
     * Runs {@code encoder} on a view of {@code out}, then flushes {@code out} once; never closes it.
     *
     * @param library  the library's name for messages, e.g. {@code HAPI FHIR R4}
     * @param failedTo what failed, for messages, e.g. {@code serialise the ImagingStudy as JSON}; no values
     */
    public static void encodeBytes(OutputStream out, String library, String failedTo, ByteEncoder encoder)
            throws IOException {
        Objects.requireNonNull(encoder, "encoder");
        GuardedStream view = new GuardedStream(Objects.requireNonNull(out, "out"));
        try {
            encoder.encodeTo(view);
        } catch (Exception e) {
            throw view.failure(e, library, failedTo);
        }
        view.finish();
    }

    /** As {@link #encodeBytes}, for an encoder that writes characters (UTF-8 on the caller's stream). */
    public static void encodeText(OutputStream out, String library, String failedTo, TextEncoder encoder)
            throws IOException {
        Objects.requireNonNull(encoder, "encoder");
        GuardedStream view = new GuardedStream(Objects.requireNonNull(out, "out"));
        Writer utf8 = new OutputStreamWriter(view, StandardCharsets.UTF_8);
        try {
            encoder.encodeTo(new IgnoringFlushes(utf8));
            utf8.flush(); // the encoder's last characters into the view
        } catch (Exception e) {
            throw view.failure(e, library, failedTo);
        }
        view.finish();
    }

    /**
     * Buffers small writes, ignores flush and close, and keeps the target's first failure: a failed stream stays
     * failed. Writes of {@link #PASS_THROUGH_BYTES} or more (an encoder's own buffer) go on as they are, and the
     * buffer is made only for smaller ones: most encodes of a batch's small resources then allocate none.
     */
    private static final class GuardedStream extends OutputStream {
        private static final int PASS_THROUGH_BYTES = 512;
        private final OutputStream target;
        private byte[] buffer;
        private int count;
        private IOException failure;

        GuardedStream(OutputStream target) {
            this.target = target;
        }

        @Override
        public void write(int b) throws IOException {
            if (buffer == null) {
                buffer = new byte[BUFFER_BYTES];
            } else if (count == buffer.length) {
                drain();
            }
            buffer[count++] = (byte) b;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            Objects.checkFromIndexSize(offset, length, bytes.length);
            if (length >= PASS_THROUGH_BYTES) {
                drain(); // keeps the order of what was buffered before
                guard(() -> target.write(bytes, offset, length));
                return;
            }
            if (buffer == null) {
                buffer = new byte[BUFFER_BYTES];
            } else if (length > buffer.length - count) {
                drain();
            }
            System.arraycopy(bytes, offset, buffer, count, length);
            count += length;
        }

        @Override
        public void flush() {
            // the encoder's flushes: the buffer goes on when full, finish() flushes once at the end
        }

        @Override
        public void close() {
            // the caller's stream is not ours to close, whatever the library does with its own
        }

        /** What the encoder left in the buffer, then one flush of the caller's stream. */
        void finish() throws IOException {
            drain();
            guard(target::flush);
        }

        /** What the caller gets for the encoder's failure {@code e}: the stream's, ours, or the library's wrapped. */
        FhirWriteException failure(Exception e, String library, String failedTo) throws IOException {
            if (failure != null) {
                if (e != failure) {
                    failure.addSuppressed(e);
                }
                throw failure;
            }
            if (e instanceof FhirWriteException ours) {
                return ours;
            }
            return FhirWriteException.libraryFailure(library, failedTo, e);
        }

        private void drain() throws IOException {
            if (count > 0) {
                int n = count;
                count = 0;
                guard(() -> target.write(buffer, 0, n));
            }
        }

        private void guard(IoAction action) throws IOException {
            if (failure != null) {
                throw failure;
            }
            try {
                action.run();
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }
    }

    @FunctionalInterface
    private interface IoAction {
        void run() throws IOException;
    }

    /** Passes characters on; the encoder's flushes and closes stop here. */
    private static final class IgnoringFlushes extends Writer {
        private final Writer target;

        IgnoringFlushes(Writer target) {
            this.target = target;
        }

        @Override
        public void write(char[] chars, int offset, int length) throws IOException {
            target.write(chars, offset, length);
        }

        @Override
        public void write(String text, int offset, int length) throws IOException {
            target.write(text, offset, length);
        }

        @Override
        public void write(int c) throws IOException {
            target.write(c);
        }

        @Override
        public void flush() {
            // see GuardedStream.flush
        }

        @Override
        public void close() {
            // see GuardedStream.close
        }
    }
}
