package org.dicom2fhir.cli;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.dicom2fhir.api.spi.WriteOptions;
import org.dicom2fhir.core.ConversionReport;
import org.dicom2fhir.core.ConversionResult;
import java.util.List;
import org.dicom2fhir.delivery.Delivery;

/** Writing what a run produced: the resource (validated first when asked) and the report file. */
final class ResultOutput {
    private ResultOutput() {
    }

    /** What is written: the converted result, or what the dry run of a patient mode makes of it. */
    interface Body {
        void writeTo(OutputStream out, WriteOptions options) throws IOException;
    }

    /** The converted resource, as {@link ConversionResult#writeTo} gives it. A class, not a lambda: start-up. */
    private static final class Converted implements Body {
        private final ConversionResult result;

        Converted(ConversionResult result) {
            this.result = result;
        }

        @Override
        public void writeTo(OutputStream out, WriteOptions options) throws IOException {
            result.writeTo(out, options);
        }
    }

    /**
     * Serialises the result, validates it when asked, and writes it, ending with a line end; exit codes
     * 4, 6 and 7 are decided here. A result of a huge study is streamed, unless it must be validated first.
     *
     * @param validation null without {@code --validate}
     */
    static void write(ConversionResult result, WriteOptions options, OutputTarget output, Validation validation,
            boolean quiet, boolean verbose, RunLog log) {
        write(result.report(), new Converted(result), options, output, validation, quiet, verbose, log);
    }

    /** As {@link #write(ConversionResult, WriteOptions, OutputTarget, Validation, boolean, boolean, RunLog)}, for any body. */
    static void write(ConversionReport report, Body result, WriteOptions options, OutputTarget output,
            Validation validation, boolean quiet, boolean verbose, RunLog log) {
        if (report.hasFailures()) {
            log.code(ExitCodes.SOME_FILES_FAILED);
        }
        byte[] serialised = null;
        if (validation != null) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream(1 << 16);
            try {
                result.writeTo(buffer, options);
            } catch (IOException e) {
                throw new IllegalStateException("writing to memory failed", e);
            }
            serialised = buffer.toByteArray();
            validation.check(serialised, options.format(), quiet, verbose, log);
        }
        try (OutputTarget.Sink sink = output.open()) {
            LineEnd stream = new LineEnd(sink.stream());
            if (serialised != null) {
                stream.write(serialised);
            } else {
                result.writeTo(stream, options);
            }
            stream.endLine();
            stream.flush();
            sink.commit();
            if (report.hasFailures()) {
                log.note("dicom2fhir: " + RunMessages.plural(report.totals().failed(), "file that claims",
                        "files that claim") + " to be DICOM could not be read (listed above); the result holds the "
                        + "other files.");
            }
        } catch (IOException e) {
            log.fail(ExitCodes.CANNOT_READ_OR_WRITE, "dicom2fhir: cannot write " + output.description() + ": "
                    + Failures.reason(e) + (output.replacedAtomically() ? "; any previous file was left as it was." : "."));
        }
    }

    /**
     * Passes bytes through and remembers the last one, so that the output ends with a line end as a
     * text file should (writers end their JSON or XML without one). Never closes the stream below.
     */
    private static final class LineEnd extends FilterOutputStream {
        private int last = -1;

        LineEnd(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            last = b & 0xff;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            if (len > 0) {
                last = b[off + len - 1] & 0xff;
            }
        }

        /** A line end, unless the output is empty or already ends with one. */
        void endLine() throws IOException {
            if (last >= 0 && last != '\n') {
                write('\n');
            }
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }

    /** The {@code --report} file ({@link ReportJson}); a failure to write it is exit code 7. */
    static void writeReport(OutputTarget target, String studyDirAsGiven, ConversionReport report, RunLog log) {
        writeReport(target, studyDirAsGiven, report, null, log);
    }

    /** @param deliveries the {@code delivery} array, or null for none */
    static void writeReport(OutputTarget target, String studyDirAsGiven, ConversionReport report,
            List<Delivery> deliveries, RunLog log) {
        byte[] json = ReportJson.render(studyDirAsGiven, report, deliveries).getBytes(StandardCharsets.UTF_8);
        try (OutputTarget.Sink sink = target.open()) {
            sink.stream().write(json);
            sink.stream().flush();
            sink.commit();
        } catch (IOException e) {
            log.fail(ExitCodes.CANNOT_READ_OR_WRITE, "dicom2fhir: cannot write the report file: " + Failures.reason(e) + ".");
        }
    }
}
