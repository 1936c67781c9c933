package org.dicom2fhir.fhir.hapi;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.dicom2fhir.api.FhirWriteException;
import org.dicom2fhir.api.spi.OutputFormat;
import org.dicom2fhir.api.spi.WriteOptions;
import org.hl7.fhir.instance.model.api.IBaseResource;

/** Streams a resource as UTF-8 JSON or XML; never builds the whole text in memory. */
final class StreamEncoder {
    private StreamEncoder() {
    }

    /**
     * Flushes {@code out}, never closes it. A failure of the stream surfaces as that
     * {@link IOException} even when HAPI wraps it in its own exception on the way.
     */
    static void encode(FhirContext ctx, IBaseResource resource, OutputStream out, WriteOptions options)
            throws IOException {
        IParser parser = options.format() == OutputFormat.JSON ? ctx.newJsonParser() : ctx.newXmlParser();
        parser.setPrettyPrint(options.pretty());
        StreamWriter writer = new StreamWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        try {
            parser.encodeResourceToWriter(resource, writer);
        } catch (RuntimeException e) {
            writer.rethrowStreamFailure(e);
            throw new FhirWriteException("HAPI FHIR " + ctx.getVersion().getVersion().name() + " could not serialise the "
                    + resource.fhirType() + " as "
                    + options.format() + " (" + e.getClass().getSimpleName()
                    + "); the cause is the library's message, which may quote values.", e);
        }
        writer.flushTarget();
    }

    /**
     * Remembers the stream's own failure, and never closes the target: HAPI 8.8 does not close its
     * target, but the caller's stream is not ours to close whatever a later HAPI does. HAPI's flushes
     * are ignored: Jackson flushes after every value HAPI writes as an object, which pushed each one
     * through to the stream (a system call each on an unbuffered target, ~60 ms for 10,000 instances);
     * the bytes still stream as the encoder's buffer fills, and {@link #flushTarget} flushes once at the end.
     */
    private static final class StreamWriter extends Writer {
        private final Writer target;
        private IOException failure;

        StreamWriter(Writer target) {
            this.target = target;
        }

        @Override
        public void write(char[] chars, int offset, int length) throws IOException {
            try {
                target.write(chars, offset, length);
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        @Override
        public void write(String text, int offset, int length) throws IOException {
            try {
                target.write(text, offset, length);
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        @Override
        public void write(int c) throws IOException {
            try {
                target.write(c);
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        @Override
        public void flush() {
            // see the class comment: the encoder's buffer passes bytes on when full, flushTarget at the end
        }

        void flushTarget() throws IOException {
            try {
                target.flush();
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        @Override
        public void close() {
            // the caller's stream is not ours to close; flushTarget runs after the encode
        }

        void rethrowStreamFailure(RuntimeException wrapper) throws IOException {
            if (failure != null) {
                failure.addSuppressed(wrapper);
                throw failure;
            }
        }
    }
}
