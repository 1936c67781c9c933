package org.dicom2fhir.examples;

// example:third-party-writer
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.function.Consumer;
import org.dicom2fhir.api.model.PatientData;
import org.dicom2fhir.api.model.StudyData;
import org.dicom2fhir.api.model.TransactionData;
import org.dicom2fhir.api.spi.FhirRelease;
import org.dicom2fhir.api.spi.FhirWriter;
import org.dicom2fhir.api.spi.FhirWriterProvider;
import org.dicom2fhir.api.spi.WriteOptions;

/**
 * A third-party writer, "hapi-logged": a decorator over the "hapi" writer (found by name, so this
 * class needs dicom2fhir-api only) that adds exactly one thing: a log line, free of patient values,
 * for every resource it writes (resource, instance count, format, milliseconds). The FHIR is hapi's,
 * byte for byte.
 *
 * <p>Why not add a meta.tag to the ImagingStudy: FhirWriterContract requires every writer of a release
 * to produce exactly the FHIR of its goldens (compared as JSON trees), so that choosing another writer
 * never changes the FHIR; a tagged ImagingStudy is different FHIR and fails it. Tags belong to the
 * application: {@code imagingStudy.getMeta().addTag(...)} on the native resource.
 */
public final class LoggingWriterProvider implements FhirWriterProvider {
    private final Consumer<String> log;
    private volatile FhirWriterProvider hapi;

    /** The ServiceLoader's constructor: lines go to System.Logger "dicom2fhir.hapi-logged" at INFO. */
    public LoggingWriterProvider() {
        this(line -> System.getLogger("dicom2fhir.hapi-logged").log(System.Logger.Level.INFO, line));
    }

    /** Lines go to {@code log} (called from the writing threads). */
    public LoggingWriterProvider(Consumer<String> log) {
        this.log = Objects.requireNonNull(log, "log");
    }

    @Override
    public String name() {
        return "hapi-logged";
    }

    @Override
    public String description() {
        return hapi().description() + ", logging every resource written";
    }

    @Override
    public FhirRelease release() {
        return hapi().release();
    }

    @Override
    public String nativeResourceClassName() {
        return hapi().nativeResourceClassName();
    }

    @Override
    public FhirWriter create() {
        return new LoggingWriter(hapi().create(), log);
    }

    /** The decorated provider, looked up on first use (providers must be cheap to instantiate). */
    private FhirWriterProvider hapi() {
        FhirWriterProvider p = hapi;
        if (p == null) {
            for (FhirWriterProvider candidate : ServiceLoader.load(FhirWriterProvider.class, getClass().getClassLoader())) {
                if (candidate.name().equals("hapi")) {
                    hapi = p = candidate;
                    break;
                }
            }
            if (p == null) {
                throw new IllegalStateException("hapi-logged decorates the hapi writer: add dicom2fhir-fhir-hapi");
            }
        }
        return p;
    }

    private static final class LoggingWriter implements FhirWriter {
        private final FhirWriter hapi;
        private final Consumer<String> log;

        LoggingWriter(FhirWriter hapi, Consumer<String> log) {
            this.hapi = hapi;
            this.log = log;
        }

        @Override
        public Object toNative(StudyData study) {
            return hapi.toNative(study);
        }

        @Override
        public Object toNativeBundle(List<StudyData> studies) {
            return hapi.toNativeBundle(studies);
        }

        @Override
        public void write(StudyData study, OutputStream out, WriteOptions options) throws IOException {
            long start = System.nanoTime();
            hapi.write(study, out, options);
            log.accept("wrote ImagingStudy/" + study.id() + " (" + study.numberOfInstances() + " instances) as "
                    + options.format() + " in " + (System.nanoTime() - start) / 1_000_000 + " ms");
        }

        @Override
        public void writeBundle(List<StudyData> studies, OutputStream out, WriteOptions options) throws IOException {
            long start = System.nanoTime();
            hapi.writeBundle(studies, out, options);
            log.accept("wrote a Bundle of " + studies.size() + " ImagingStudy resources as " + options.format()
                    + " in " + (System.nanoTime() - start) / 1_000_000 + " ms");
        }

        @Override
        public void writeTransaction(TransactionData tx, OutputStream out, WriteOptions options) throws IOException {
            long start = System.nanoTime();
            hapi.writeTransaction(tx, out, options);
            log.accept("wrote a transaction for ImagingStudy/" + tx.study().id() + " as " + options.format()
                    + " in " + (System.nanoTime() - start) / 1_000_000 + " ms");
        }

        @Override
        public void writePatient(PatientData patient, String id, OutputStream out, WriteOptions options)
                throws IOException {
            hapi.writePatient(patient, id, out, options);
            log.accept("wrote Patient/" + id + " as " + options.format());
        }
    }
}
// end-example
