package org.dicom2fhir.fhir.hapi;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.dicom2fhir.api.FhirWriteException;
import org.dicom2fhir.api.model.StudyData;
import org.dicom2fhir.api.spi.FhirRelease;
import org.dicom2fhir.api.spi.FhirWriter;
import org.dicom2fhir.api.spi.WriteOptions;
import org.hl7.fhir.instance.model.api.IBaseBundle;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * One FHIR release on HAPI (R4 with {@link R4Mapper}, R5 with {@link R5Mapper}). Thread-safe: the model
 * objects are built per call, the {@code FhirContext} is shared (HAPI documents it as thread-safe) and
 * a parser is created per encode (parsers are not shared).
 *
 * @param <S> the release's ImagingStudy
 * @param <B> the release's Bundle
 */
final class HapiWriter<S extends IBaseResource, B extends IBaseBundle> implements FhirWriter {
    private final AsyncFhirContext context;
    private final FhirRelease release;
    private final BiFunction<StudyData, Reuse, S> studyMapping;
    private final BiFunction<List<StudyData>, Reuse, B> bundleMapping;

    HapiWriter(AsyncFhirContext context, FhirRelease release, BiFunction<StudyData, Reuse, S> studyMapping,
            BiFunction<List<StudyData>, Reuse, B> bundleMapping) {
        this.context = context;
        this.release = release;
        this.studyMapping = studyMapping;
        this.bundleMapping = bundleMapping;
    }

    /** The shared context of the release (one per JVM, see the providers). */
    AsyncFhirContext context() {
        return context;
    }

    @Override
    public S toNative(StudyData study) {
        Objects.requireNonNull(study, "study");
        return build("ImagingStudy", () -> studyMapping.apply(study, Reuse.NONE));
    }

    @Override
    public B toNativeBundle(List<StudyData> studies) {
        List<StudyData> copy = List.copyOf(studies); // rejects null studies
        return build("Bundle", () -> bundleMapping.apply(copy, Reuse.NONE));
    }

    @Override
    public void write(StudyData study, OutputStream out, WriteOptions options) throws IOException {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(study, "study");
        // encoded and dropped: equal per-instance values may be shared (see Reuse)
        S resource = build("ImagingStudy", () -> studyMapping.apply(study, Reuse.forEncoding()));
        StreamEncoder.encode(context.get(), resource, out, options);
    }

    @Override
    public void writeBundle(List<StudyData> studies, OutputStream out, WriteOptions options) throws IOException {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(options, "options");
        List<StudyData> copy = List.copyOf(studies); // rejects null studies
        B bundle = build("Bundle", () -> bundleMapping.apply(copy, Reuse.forEncoding()));
        StreamEncoder.encode(context.get(), bundle, out, options);
    }

    /** Our own rejections pass through; anything else HAPI throws is wrapped without its message. */
    private <T> T build(String what, Supplier<T> mapping) {
        try {
            return mapping.get();
        } catch (FhirWriteException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new FhirWriteException("HAPI FHIR " + release + " could not build the " + what + " ("
                    + e.getClass().getSimpleName() + "); the cause is the library's message, which may quote values.",
                    e);
        }
    }
}
