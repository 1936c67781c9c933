package org.dicom2fhir.fhir.hapi;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.dicom2fhir.api.FhirWriteException;
import org.dicom2fhir.api.model.StudyData;
import org.dicom2fhir.api.spi.FhirRelease;
import org.dicom2fhir.api.spi.FhirWriter;
import org.dicom2fhir.api.spi.WriteOptions;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.ImagingStudy;

/**
 * R4 on HAPI. Thread-safe: the model objects are built per call, the {@code FhirContext} is shared
 * (HAPI documents it as thread-safe) and a parser is created per encode (parsers are not shared).
 */
final class HapiR4Writer implements FhirWriter {
    private final AsyncFhirContext context;

    HapiR4Writer(AsyncFhirContext context) {
        this.context = context;
    }

    @Override
    public FhirRelease release() {
        return FhirRelease.R4;
    }

    @Override
    public Class<?> nativeResourceType() {
        return ImagingStudy.class;
    }

    @Override
    public ImagingStudy toNative(StudyData study) {
        Objects.requireNonNull(study, "study");
        return build("ImagingStudy", () -> R4Mapper.imagingStudy(study));
    }

    @Override
    public Bundle toNativeBundle(List<StudyData> studies) {
        List<StudyData> copy = List.copyOf(studies); // rejects null studies
        return build("Bundle", () -> R4Mapper.bundle(copy));
    }

    @Override
    public void write(StudyData study, OutputStream out, WriteOptions options) throws IOException {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(options, "options");
        ImagingStudy resource = toNative(study);
        StreamEncoder.encode(context.get(), resource, out, options);
    }

    @Override
    public void writeBundle(List<StudyData> studies, OutputStream out, WriteOptions options) throws IOException {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(options, "options");
        Bundle bundle = toNativeBundle(studies);
        StreamEncoder.encode(context.get(), bundle, out, options);
    }

    /** Our own rejections pass through; anything else HAPI throws is wrapped without its message. */
    private static <T> T build(String what, Supplier<T> mapping) {
        try {
            return mapping.get();
        } catch (FhirWriteException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new FhirWriteException("HAPI FHIR R4 could not build the " + what + " ("
                    + e.getClass().getSimpleName() + "); the cause is the library's message, which may quote values.",
                    e);
        }
    }
}
