package org.dicom2fhir.fhir.ibm;

import com.ibm.fhir.model.format.Format;
import com.ibm.fhir.model.generator.FHIRGenerator;
import com.ibm.fhir.model.resource.Bundle;
import com.ibm.fhir.model.resource.ImagingStudy;
import com.ibm.fhir.model.resource.Resource;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Objects;
import org.dicom2fhir.api.FhirWriteException;
import org.dicom2fhir.api.model.PatientData;
import org.dicom2fhir.api.model.StudyData;
import org.dicom2fhir.api.model.TransactionData;
import org.dicom2fhir.api.spi.FhirWriter;
import org.dicom2fhir.api.spi.OutputFormat;
import org.dicom2fhir.api.spi.WriteOptions;
import org.dicom2fhir.api.spi.WriterStreams;

/**
 * R4 on the IBM FHIR model. Thread-safe: IBM's model objects are immutable and built per call, its
 * generators are created per call, and the factories behind them are shared and thread-safe. Resources
 * are streamed as UTF-8 through {@link WriterStreams}, which also gathers IBM's byte-by-byte writes.
 */
final class IbmR4Writer implements FhirWriter {
    /** For messages. */
    static final String LIBRARY = "The IBM FHIR model";

    private final Runnable awaitWarmUp;

    /** @param awaitWarmUp run before the first use: waits for the {@link WarmUp} */
    IbmR4Writer(Runnable awaitWarmUp) {
        this.awaitWarmUp = awaitWarmUp;
    }

    @Override
    public ImagingStudy toNative(StudyData study) {
        Objects.requireNonNull(study, "study");
        awaitWarmUp.run();
        return FhirWriteException.wrapping(LIBRARY, "build the ImagingStudy", () -> IbmR4Mapper.imagingStudy(study));
    }

    @Override
    public Bundle toNativeBundle(List<StudyData> studies) {
        List<StudyData> copy = List.copyOf(studies); // rejects null studies
        awaitWarmUp.run();
        return FhirWriteException.wrapping(LIBRARY, "build the Bundle", () -> IbmR4Mapper.bundle(copy));
    }

    @Override
    public void write(StudyData study, OutputStream out, WriteOptions options) throws IOException {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(options, "options");
        encode(toNative(study), out, options);
    }

    @Override
    public void writeBundle(List<StudyData> studies, OutputStream out, WriteOptions options) throws IOException {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(options, "options");
        encode(toNativeBundle(studies), out, options);
    }

    @Override
    public void writeTransaction(TransactionData tx, OutputStream out, WriteOptions options) throws IOException {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(tx, "tx");
        awaitWarmUp.run();
        encode(FhirWriteException.wrapping(LIBRARY, "build the transaction Bundle", () -> IbmR4Mapper.transaction(tx)),
                out, options);
    }

    @Override
    public void writePatient(PatientData patient, String id, OutputStream out, WriteOptions options) throws IOException {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(patient, "patient");
        Objects.requireNonNull(id, "id");
        awaitWarmUp.run();
        encode(FhirWriteException.wrapping(LIBRARY, "build the Patient", () -> IbmR4Mapper.standalonePatient(patient, id)),
                out, options);
    }

    private static void encode(Resource resource, OutputStream out, WriteOptions options) throws IOException {
        // a generator per call: IBM's generators are cheap and keep per-use properties
        FHIRGenerator generator = FHIRGenerator.generator(options.format() == OutputFormat.JSON ? Format.JSON
                : Format.XML, options.pretty());
        WriterStreams.encodeBytes(out, LIBRARY, "serialise the " + resource.getClass().getSimpleName() + " as "
                + options.format(), view -> generator.generate(resource, view));
    }
}
