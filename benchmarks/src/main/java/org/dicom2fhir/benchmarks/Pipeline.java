package org.dicom2fhir.benchmarks;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dicom2fhir.api.spi.WriteOptions;
import org.dicom2fhir.core.Converter;
import org.dicom2fhir.core.FileOutcome;
import org.dicom2fhir.core.InstanceFacts;

/** Set-up shared by the benchmarks: converters from the production registry, facts, a counting sink. */
final class Pipeline {
    private Pipeline() {
    }

    /** A converter that reads and maps only: no writer is requested, so none is ever started. */
    static Converter readingConverter(String reader) {
        return Converter.builder().reader(reader).build();
    }

    /** A converter with the backends of these names, resolved as production resolves them. */
    static Converter converter(String reader, String writer) {
        return Converter.builder().reader(reader).writer(writer).build();
    }

    /** Reads every file once; fails unless each one is included (a benchmark must measure the success path). */
    static List<InstanceFacts> readAll(Converter converter, Path dir, List<Path> files) {
        List<InstanceFacts> facts = new ArrayList<>(files.size());
        for (Path file : files) {
            FileOutcome outcome = converter.readFile(file, StudyFolders.relative(dir, file)).get(0);
            if (!outcome.included()) {
                throw new IllegalStateException("a generated file was not included: " + outcome.report().path()
                        + " (" + outcome.report().disposition() + ")");
            }
            facts.add(outcome.facts());
        }
        return facts;
    }

    /**
     * Waits for the writer's asynchronous start-up (e.g. HAPI's FhirContext) by writing one small
     * study, so that it does not run behind the measurement.
     */
    static void warmUpWriter(Converter converter, InstanceFacts oneInstance) {
        try {
            converter.writer().write(converter.mapStudy(List.of(oneInstance)).study(), new CountingSink(),
                    WriteOptions.json());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Discards bytes and counts them: the count is returned to JMH so that nothing is dead code. */
    static final class CountingSink extends OutputStream {
        private long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }

        long count() {
            return count;
        }
    }
}
