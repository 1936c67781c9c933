package org.dicom2fhir.fhir.ibm;

import com.ibm.fhir.model.resource.Bundle;
import com.ibm.fhir.model.resource.ImagingStudy;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.dicom2fhir.api.FhirWriteException;
import org.dicom2fhir.api.model.StudyData;
import org.dicom2fhir.api.spi.FhirWriter;
import org.dicom2fhir.api.spi.WriteOptions;

/**
 * R4 on the IBM FHIR model. Thread-safe: IBM's model objects are immutable and built per call, its
 * generators are created per call, and the factories behind them are shared and thread-safe.
 */
final class IbmR4Writer implements FhirWriter {
    private final CompletableFuture<Void> warmUp;

    /** @param warmUp waited for before the first use, see {@link WarmUp} */
    IbmR4Writer(CompletableFuture<Void> warmUp) {
        this.warmUp = warmUp;
    }

    @Override
    public ImagingStudy toNative(StudyData study) {
        Objects.requireNonNull(study, "study");
        WarmUp.await(warmUp);
        return build("ImagingStudy", () -> IbmR4Mapper.imagingStudy(study));
    }

    @Override
    public Bundle toNativeBundle(List<StudyData> studies) {
        List<StudyData> copy = List.copyOf(studies); // rejects null studies
        WarmUp.await(warmUp);
        return build("Bundle", () -> IbmR4Mapper.bundle(copy));
    }

    @Override
    public void write(StudyData study, OutputStream out, WriteOptions options) throws IOException {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(options, "options");
        IbmStreamEncoder.encode(toNative(study), out, options);
    }

    @Override
    public void writeBundle(List<StudyData> studies, OutputStream out, WriteOptions options) throws IOException {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(options, "options");
        IbmStreamEncoder.encode(toNativeBundle(studies), out, options);
    }

    /** The mapper names the element of each rejection; anything it did not foresee is wrapped here. */
    private static <T> T build(String what, Supplier<T> mapping) {
        try {
            return mapping.get();
        } catch (FhirWriteException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new FhirWriteException("The IBM FHIR model could not build the " + what + " ("
                    + e.getClass().getSimpleName() + "); the cause is the library's message, which may quote values.",
                    e);
        }
    }
}
