package org.example.plugins;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.dicom2fhir.api.model.NameData;
import org.dicom2fhir.api.model.PatientData;
import org.dicom2fhir.api.model.StudyData;
import org.dicom2fhir.api.model.TransactionData;
import org.dicom2fhir.api.spi.FhirRelease;
import org.dicom2fhir.api.spi.FhirWriter;
import org.dicom2fhir.api.spi.FhirWriterProvider;
import org.dicom2fhir.api.spi.OutputFormat;
import org.dicom2fhir.api.spi.WriteOptions;

/**
 * A third party's writer, reached through {@code --plugins}, that emits an invalid ImagingStudy: its
 * status is the patient's family name (not a code of the required value set) and its started is not
 * a dateTime. The validator quotes both values in its messages, which the CLI must not show.
 */
public final class InvalidWriterProvider implements FhirWriterProvider {
    @Override
    public String name() {
        return "test-invalid";
    }

    @Override
    public String description() {
        return "test writer emitting invalid resources";
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
        return new Writer();
    }

    static String familyName(StudyData study) {
        return study.patient().names().stream().map(NameData::family).filter(f -> f != null).findFirst().orElse("unnamed");
    }

    private static final class Writer implements FhirWriter {
        @Override
        public Object toNative(StudyData study) {
            return json(study);
        }

        @Override
        public Object toNativeBundle(List<StudyData> studies) {
            return bundleJson(studies);
        }

        @Override
        public void write(StudyData study, OutputStream out, WriteOptions options) throws IOException {
            String text = options.format() == OutputFormat.XML ? xml(study) : json(study);
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        @Override
        public void writeTransaction(TransactionData transaction, OutputStream out, WriteOptions options)
                throws IOException {
            write(transaction.study(), out, options);
        }

        @Override
        public void writeBundle(List<StudyData> studies, OutputStream out, WriteOptions options) throws IOException {
            out.write(bundleJson(studies).getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        /** Invalid too: the gender is the family name. */
        @Override
        public void writePatient(PatientData patient, String id, OutputStream out, WriteOptions options)
                throws IOException {
            String family = patient.names().stream().map(NameData::family).filter(f -> f != null).findFirst()
                    .orElse("unnamed");
            out.write(("{\"resourceType\":\"Patient\",\"id\":\"" + id + "\",\"gender\":\"" + family + "\"}")
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        private static String json(StudyData study) {
            return "{\"resourceType\":\"ImagingStudy\",\"id\":\"" + study.id() + "\",\"status\":\"" + familyName(study)
                    + "\",\"started\":\"" + familyName(study) + "-day\",\"subject\":{\"display\":\"someone\"}}";
        }

        private static String xml(StudyData study) {
            return "<ImagingStudy xmlns=\"http://hl7.org/fhir\"><id value=\"" + study.id() + "\"/><status value=\""
                    + familyName(study) + "\"/><subject><display value=\"someone\"/></subject></ImagingStudy>";
        }

        private static String bundleJson(List<StudyData> studies) {
            StringBuilder b = new StringBuilder("{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[");
            for (int i = 0; i < studies.size(); i++) {
                b.append(i == 0 ? "" : ",").append("{\"fullUrl\":\"urn:uuid:").append(studies.get(i).id())
                        .append("\",\"resource\":").append(json(studies.get(i))).append('}');
            }
            return b.append("]}").toString();
        }
    }
}
