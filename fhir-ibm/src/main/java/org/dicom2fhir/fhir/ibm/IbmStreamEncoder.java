package org.dicom2fhir.fhir.ibm;

import com.ibm.fhir.model.format.Format;
import com.ibm.fhir.model.generator.FHIRGenerator;
import com.ibm.fhir.model.generator.exception.FHIRGeneratorException;
import com.ibm.fhir.model.resource.Resource;
import java.io.IOException;
import java.io.OutputStream;
import org.dicom2fhir.api.FhirWriteException;
import org.dicom2fhir.api.spi.OutputFormat;
import org.dicom2fhir.api.spi.WriteOptions;

/** Streams a resource as UTF-8 JSON or XML through IBM's generator; never builds the whole text in memory. */
final class IbmStreamEncoder {
    /** Large enough to keep IBM's byte-by-byte writes away from the caller's stream, small enough to stream. */
    private static final int BUFFER_BYTES = 8 * 1024;

    private IbmStreamEncoder() {
    }

    /**
     * Flushes {@code out}, never closes it. A failure of the stream surfaces as that
     * {@link IOException} even though IBM wraps it in its own exceptions on the way.
     */
    static void encode(Resource resource, OutputStream out, WriteOptions options) throws IOException {
        Format format = options.format() == OutputFormat.JSON ? Format.JSON : Format.XML;
        // a generator per call: IBM's generators are cheap and keep per-use properties
        FHIRGenerator generator = FHIRGenerator.generator(format, options.pretty());
        GuardedStream guarded = new GuardedStream(out);
        try {
            generator.generate(resource, guarded);
        } catch (FHIRGeneratorException | RuntimeException e) {
            guarded.rethrowStreamFailure(e);
            // IBM's message and its path may quote values: our words only, the cause keeps the rest
            throw new FhirWriteException("The IBM FHIR model could not serialise the "
                    + resource.getClass().getSimpleName() + " as " + options.format() + " ("
                    + e.getClass().getSimpleName() + "); the cause is the library's message, which may quote values.",
                    e);
        }
        guarded.flush();
    }

    /**
     * Buffers IBM's small writes, remembers the stream's own failure, and turns close into flush: the
     * caller's stream is not ours to close, whatever IBM's generators do with theirs.
     */
    private static final class GuardedStream extends OutputStream {
        private final OutputStream target;
        private final byte[] buffer = new byte[BUFFER_BYTES];
        private int count;
        private IOException failure;

        GuardedStream(OutputStream target) {
            this.target = target;
        }

        @Override
        public void write(int b) throws IOException {
            if (count == buffer.length) {
                drain();
            }
            buffer[count++] = (byte) b;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            java.util.Objects.checkFromIndexSize(offset, length, bytes.length);
            if (length >= buffer.length) {
                drain();
                guard(() -> target.write(bytes, offset, length));
                return;
            }
            if (length > buffer.length - count) {
                drain();
            }
            System.arraycopy(bytes, offset, buffer, count, length);
            count += length;
        }

        @Override
        public void flush() throws IOException {
            drain();
            guard(target::flush);
        }

        @Override
        public void close() throws IOException {
            flush();
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
                throw failure; // a failed stream stays failed: nothing more reaches it
            }
            try {
                action.run();
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        void rethrowStreamFailure(Exception wrapper) throws IOException {
            if (failure != null) {
                failure.addSuppressed(wrapper);
                throw failure;
            }
        }
    }

    @FunctionalInterface
    private interface IoAction {
        void run() throws IOException;
    }
}
