package org.dicom2fhir.api.spi;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.dicom2fhir.api.FhirWriteException;
import org.dicom2fhir.api.model.StudyData;

/**
 * Turns neutral studies into one FHIR library's objects and serialises them. Thread-safe and reusable.
 * Its release and native type are declared by its {@link FhirWriterProvider}. Failures of the library
 * surface as {@link FhirWriteException} with a value-free message; a failing stream as
 * {@link IOException}. Streams are flushed, never closed.
 */
public interface FhirWriter {
    /** The library's ImagingStudy (of the provider's {@link FhirWriterProvider#nativeResourceClassName()}), for embedders. */
    Object toNative(StudyData study);

    /** A {@code collection} Bundle with one entry per study ({@code fullUrl urn:uuid:<id>}), in the given order. */
    Object toNativeBundle(List<StudyData> studies);

    void write(StudyData study, OutputStream out, WriteOptions options) throws IOException;

    void writeBundle(List<StudyData> studies, OutputStream out, WriteOptions options) throws IOException;
}
