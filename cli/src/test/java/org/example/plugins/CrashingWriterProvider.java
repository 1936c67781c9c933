package org.example.plugins;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.dicom2fhir.api.model.PatientData;
import org.dicom2fhir.api.model.StudyData;
import org.dicom2fhir.api.model.TransactionData;
import org.dicom2fhir.api.spi.FhirRelease;
import org.dicom2fhir.api.spi.FhirWriter;
import org.dicom2fhir.api.spi.FhirWriterProvider;
import org.dicom2fhir.api.spi.WriteOptions;

/**
 * A writer with a bug: it throws an unexpected exception whose message quotes the patient's name,
 * as careless libraries do. The CLI must answer with exit code 1 and keep the name to itself.
 */
public final class CrashingWriterProvider implements FhirWriterProvider {
    @Override
    public String name() {
        return "test-crash";
    }

    @Override
    public String description() {
        return "test writer that crashes";
    }

    @Override
    public FhirRelease release() {
        return FhirRelease.R4;
    }

    @Override
    public String nativeResourceClassName() {
        return String.class.getName();
    }

    @Override
    public FhirWriter create() {
        return new FhirWriter() {
            @Override
            public Object toNative(StudyData study) {
                throw crash(study);
            }

            @Override
            public Object toNativeBundle(List<StudyData> studies) {
                throw crash(studies.get(0));
            }

            @Override
            public void write(StudyData study, OutputStream out, WriteOptions options) throws IOException {
                out.write("{\"resourceType\":\"ImagingSt".getBytes(StandardCharsets.UTF_8)); // half-written, then the bug
                throw crash(study);
            }

            @Override
            public void writeTransaction(TransactionData transaction, OutputStream out, WriteOptions options) {
                throw crash(transaction.study());
            }

            @Override
            public void writeBundle(List<StudyData> studies, OutputStream out, WriteOptions options) {
                throw crash(studies.get(0));
            }

            @Override
            public void writePatient(PatientData patient, String id, OutputStream out, WriteOptions options) {
                throw new IllegalStateException("cannot handle patient " + id);
            }
        };
    }

    private static IllegalStateException crash(StudyData study) {
        return new IllegalStateException("cannot handle patient " + InvalidWriterProvider.familyName(study),
                new IllegalArgumentException("bad name " + InvalidWriterProvider.familyName(study)));
    }
}
