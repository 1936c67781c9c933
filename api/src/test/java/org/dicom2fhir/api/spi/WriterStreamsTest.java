package org.dicom2fhir.api.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.dicom2fhir.api.FhirWriteException;
import org.junit.jupiter.api.Test;

class WriterStreamsTest {
    /** Counts what reaches the caller's stream. */
    static final class Recording extends ByteArrayOutputStream {
        int writes;
        int flushes;
        boolean closed;

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            writes++;
            super.write(b, off, len);
        }

        @Override
        public synchronized void write(int b) {
            writes++;
            super.write(b);
        }

        @Override
        public void flush() {
            flushes++;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** Fails from the first byte on, like a full disk; the same exception every time. */
    static final class Failing extends OutputStream {
        final IOException failure = new IOException("disk full (test)");

        @Override
        public void write(int b) throws IOException {
            throw failure;
        }

        @Override
        public void flush() throws IOException {
            throw failure;
        }
    }

    @Test
    void bytesArriveInBufferedChunksWithOneFlushAtTheEndAndTheStreamStaysOpen() throws IOException {
        Recording out = new Recording();
        WriterStreams.encodeBytes(out, "Lib", "serialise", view -> {
            for (int i = 0; i < 100_000; i++) {
                view.write('a' + i % 26);
                view.flush(); // a library flushing after every value
            }
            view.close();
        });
        assertThat(out.size()).isEqualTo(100_000);
        assertThat(out.toString(StandardCharsets.US_ASCII)).startsWith("abcdefghijklmnopqrstuvwxyzabc");
        assertThat(out.writes).as("writes").isLessThanOrEqualTo(100_000 / WriterStreams.BUFFER_BYTES + 1);
        assertThat(out.flushes).isEqualTo(1);
        assertThat(out.closed).isFalse();
    }

    @Test
    void largeWritesPassStraightOnInOrder() throws IOException {
        Recording out = new Recording();
        byte[] large = new byte[3 * WriterStreams.BUFFER_BYTES];
        java.util.Arrays.fill(large, (byte) 'L');
        WriterStreams.encodeBytes(out, "Lib", "serialise", view -> {
            view.write('a');
            view.write(large);
            view.write('z');
        });
        byte[] bytes = out.toByteArray();
        assertThat(bytes).hasSize(large.length + 2);
        assertThat(bytes[0]).isEqualTo((byte) 'a');
        assertThat(bytes[bytes.length - 1]).isEqualTo((byte) 'z');
        assertThat(out.writes).isEqualTo(3);
    }

    @Test
    void textIsUtf8WithoutByteOrderMarkAndTheEncodersFlushesStopAtTheView() throws IOException {
        Recording out = new Recording();
        WriterStreams.encodeText(out, "Lib", "serialise", view -> {
            view.write("Müller 山田 🩻");
            view.flush();
            view.close();
        });
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("Müller 山田 🩻");
        assertThat(out.flushes).isEqualTo(1);
        assertThat(out.closed).isFalse();
    }

    @Test
    void aFailingStreamSurfacesAsItsOwnIOExceptionWithTheLibrarysWrapperSuppressed() {
        Failing out = new Failing();
        Throwable thrown = catchThrowable(() -> WriterStreams.encodeBytes(out, "Lib", "serialise", view -> {
            try {
                view.write(new byte[2 * WriterStreams.BUFFER_BYTES]);
            } catch (IOException e) {
                throw new UncheckedIOException("library wrapper quoting SECRET", e);
            }
        }));
        assertThat(thrown).isSameAs(out.failure);
        assertThat(thrown.getSuppressed()).singleElement().isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void aStreamFailureALibrarySwallowedStillSurfaces() {
        Failing out = new Failing();
        Throwable thrown = catchThrowable(() -> WriterStreams.encodeText(out, "Lib", "serialise", view -> {
            char[] text = new char[3 * WriterStreams.BUFFER_BYTES];
            try {
                view.write(text);
            } catch (IOException ignored) {
                // a library that ignores the failure and goes on
            }
            view.write("more");
        }));
        assertThat(thrown).isSameAs(out.failure);
    }

    @Test
    void aStreamFailingOnlyAtTheFinalFlushSurfaces() {
        Failing out = new Failing();
        assertThatThrownBy(() -> WriterStreams.encodeBytes(out, "Lib", "serialise", view -> view.write('x')))
                .isSameAs(out.failure);
    }

    @Test
    void libraryFailuresBecomeValueFreeFhirWriteExceptionsAndOursPassUnchanged() {
        IllegalStateException library = new IllegalStateException("bad value SECRET");
        assertThatThrownBy(() -> WriterStreams.encodeBytes(new Recording(), "Acme FHIR", "serialise the Bundle as XML",
                view -> {
                    throw library;
                }))
                .isInstanceOf(FhirWriteException.class)
                .hasMessage("Acme FHIR could not serialise the Bundle as XML (IllegalStateException); the cause is the"
                        + " library's message, which may quote values.")
                .hasCause(library);
        FhirWriteException ours = new FhirWriteException("ours");
        assertThatThrownBy(() -> WriterStreams.encodeText(new Recording(), "Lib", "serialise", view -> {
            throw ours;
        })).isSameAs(ours);
        IOException notTheStream = new IOException("the library's own I/O, SECRET");
        assertThatThrownBy(() -> WriterStreams.encodeBytes(new Recording(), "Lib", "serialise", view -> {
            throw notTheStream;
        })).isInstanceOf(FhirWriteException.class).hasCause(notTheStream).hasMessageNotContaining("SECRET");
    }

    @Test
    void wrappingPassesResultsAndOurExceptionsAndWrapsTheRest() {
        assertThat(FhirWriteException.wrapping("Lib", "build", () -> "built")).isEqualTo("built");
        FhirWriteException ours = new FhirWriteException("element X");
        assertThatThrownBy(() -> FhirWriteException.wrapping("Lib", "build", () -> {
            throw ours;
        })).isSameAs(ours);
        assertThatThrownBy(() -> FhirWriteException.wrapping("Lib", "accept the value of Patient.gender", () -> {
            throw new IllegalArgumentException("SECRET");
        })).isInstanceOf(FhirWriteException.class).hasMessageStartingWith(
                "Lib could not accept the value of Patient.gender (IllegalArgumentException)")
                .hasMessageNotContaining("SECRET");
    }

    @Test
    void nullStreamOrEncoderIsRefused() {
        assertThatThrownBy(() -> WriterStreams.encodeBytes(null, "Lib", "x", view -> { }))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> WriterStreams.encodeText(new Recording(), "Lib", "x", null))
                .isInstanceOf(NullPointerException.class);
    }
}
