package org.dicom2fhir.core;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.dicom2fhir.api.model.PatientData;
import org.dicom2fhir.api.model.StudyData;
import org.dicom2fhir.api.model.TransactionData;
import org.dicom2fhir.api.spi.FhirWriterProvider;
import org.dicom2fhir.api.spi.FhirWriter;
import org.dicom2fhir.api.spi.WriteOptions;

/** A writer whose native objects wrap the neutral study; it writes the study ids. */
public final class FakeWriter implements FhirWriter {
    private final String name;

    public FakeWriter() {
        this("fakew");
    }

    public FakeWriter(String name) {
        this.name = name;
    }

    /** Which provider created it. */
    public String name() {
        return name;
    }

    /** A provider of this writer, for {@code Converter.Builder.writer(FhirWriterProvider)}. */
    public static FhirWriterProvider provider() {
        return new TestProviders.FakeWriterProvider();
    }

    @Override
    public Object toNative(StudyData study) {
        return new FakeImagingStudy(study);
    }

    @Override
    public Object toNativeBundle(List<StudyData> studies) {
        return new FakeBundle(studies);
    }

    @Override
    public void write(StudyData study, OutputStream out, WriteOptions options) throws IOException {
        out.write(study.id().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void writeBundle(List<StudyData> studies, OutputStream out, WriteOptions options) throws IOException {
        for (StudyData s : studies) {
            write(s, out, options);
            out.write('\n');
        }
    }

    @Override
    public void writeTransaction(TransactionData tx, OutputStream out, WriteOptions options) throws IOException {
        write(tx.study(), out, options);
    }

    @Override
    public void writePatient(PatientData patient, String id, OutputStream out, WriteOptions options) throws IOException {
        out.write(id.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
