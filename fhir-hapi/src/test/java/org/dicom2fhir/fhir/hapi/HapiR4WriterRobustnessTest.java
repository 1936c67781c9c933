package org.dicom2fhir.fhir.hapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.dicom2fhir.api.FhirWriteException;
import org.dicom2fhir.api.model.CodingData;
import org.dicom2fhir.api.model.InstanceData;
import org.dicom2fhir.api.model.PatientData;
import org.dicom2fhir.api.model.SeriesData;
import org.dicom2fhir.api.model.StudyData;
import org.dicom2fhir.api.spi.BackendOptions;
import org.dicom2fhir.api.spi.FhirRelease;
import org.dicom2fhir.api.spi.FhirWriter;
import org.dicom2fhir.api.spi.OutputFormat;
import org.dicom2fhir.api.spi.WriteOptions;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Streams, threads, failures and the native objects. */
class HapiR4WriterRobustnessTest {
    private static final FhirWriter WRITER = new HapiR4WriterProvider().create(BackendOptions.empty());

    /** Records what the writer does to the caller's stream. */
    static final class RecordingStream extends ByteArrayOutputStream {
        boolean closed;
        int flushes;
        int writes;
        int largestWrite;
        boolean bytesArrivedDuringEncoding;

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            writes++;
            // HAPI's parser on the stack: the bytes come while encoding, not from a finished String
            bytesArrivedDuringEncoding |= StackWalker.getInstance().walk(frames -> frames
                    .anyMatch(f -> f.getClassName().startsWith("ca.uhn.fhir.parser.")));
            largestWrite = Math.max(largestWrite, len);
            super.write(b, off, len);
        }

        @Override
        public synchronized void write(int b) {
            writes++;
            largestWrite = Math.max(largestWrite, 1);
            super.write(b);
        }

        @Override
        public void flush() {
            flushes++;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** Fails after some bytes, like a full disk. */
    static final class FailingStream extends OutputStream {
        private int budget;
        final IOException failure = new IOException("disk full");

        FailingStream(int budget) {
            this.budget = budget;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            budget -= len;
            if (budget < 0) {
                throw failure;
            }
        }
    }

    @ParameterizedTest
    @EnumSource(OutputFormat.class)
    void flushesButNeverClosesTheCallersStream(OutputFormat format) throws IOException {
        RecordingStream out = new RecordingStream();
        WRITER.write(Studies.full(), out, new WriteOptions(format, true));
        assertThat(out.closed).isFalse();
        assertThat(out.flushes).isPositive();
        assertThat(out.size()).isPositive();

        RecordingStream bundleOut = new RecordingStream();
        WRITER.writeBundle(List.of(Studies.full()), bundleOut, new WriteOptions(format, false));
        assertThat(bundleOut.closed).isFalse();
        assertThat(bundleOut.flushes).isPositive();
    }

    @Test
    void twoResourcesCanFollowEachOtherOnOneStream() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WRITER.write(Studies.minimal(), out, WriteOptions.json());
        int first = out.size();
        out.write('\n');
        WRITER.write(Studies.minimal(), out, WriteOptions.json());
        assertThat(out.size()).isEqualTo(2 * first + 1);
    }

    @ParameterizedTest
    @EnumSource(OutputFormat.class)
    void largeStudiesAreStreamedWhileEncodingNotBuiltAsOneString(OutputFormat format) throws IOException {
        RecordingStream out = new RecordingStream();
        WRITER.write(studyWithInstances(5_000), out, new WriteOptions(format, false));
        assertThat(out.size()).isGreaterThan(500_000);
        assertThat(out.bytesArrivedDuringEncoding).isTrue();
        assertThat(out.largestWrite).isLessThanOrEqualTo(64 * 1024);
    }

    @ParameterizedTest
    @EnumSource(OutputFormat.class)
    void aFailingStreamSurfacesAsItsIOException(OutputFormat format) {
        FailingStream out = new FailingStream(100);
        assertThatThrownBy(() -> WRITER.write(studyWithInstances(2_000), out, new WriteOptions(format, false)))
                .isSameAs(out.failure);
    }

    @Test
    void concurrentWritesGiveEqualOutput() throws Exception {
        FhirWriter fresh = new HapiR4WriterProvider().create(BackendOptions.empty()); // first use races too
        int threads = 8;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<byte[]>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Callable<List<byte[]>> task = () -> {
                    go.await();
                    List<byte[]> outputs = new ArrayList<>();
                    for (int i = 0; i < 20; i++) {
                        outputs.add(write(fresh, Studies.full(), WriteOptions.json()));
                        outputs.add(write(fresh, Studies.full(), new WriteOptions(OutputFormat.XML, true)));
                    }
                    return outputs;
                };
                results.add(pool.submit(task));
            }
            go.countDown();
            byte[] json = write(WRITER, Studies.full(), WriteOptions.json());
            byte[] xml = write(WRITER, Studies.full(), new WriteOptions(OutputFormat.XML, true));
            for (Future<List<byte[]>> result : results) {
                List<byte[]> outputs = result.get();
                for (int i = 0; i < outputs.size(); i += 2) {
                    assertThat(outputs.get(i)).isEqualTo(json);
                    assertThat(outputs.get(i + 1)).isEqualTo(xml);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anInvalidDateRejectedByHapiBecomesAValueFreeFhirWriteException() {
        String secret = "20210304-NOT-A-DATE";
        StudyData study = Studies.withStarted(secret, null);
        assertThatThrownBy(() -> WRITER.write(study, new ByteArrayOutputStream(), WriteOptions.json()))
                .isInstanceOf(FhirWriteException.class)
                .hasMessageContaining("ImagingStudy.started")
                .hasMessageNotContaining(secret)
                .cause().isNotNull().hasMessageContaining(secret); // HAPI quotes the value: it stays in the cause
        assertThatThrownBy(() -> WRITER.toNative(Studies.withStarted(null, secret)))
                .isInstanceOf(FhirWriteException.class)
                .hasMessageContaining("ImagingStudy.series[0].started")
                .hasMessageNotContaining(secret);
    }

    @Test
    void anUnknownGenderOrBirthDateBecomesAFhirWriteException() {
        String secret = "secret-gender";
        StudyData gender = withPatient(new PatientData(List.of(), List.of(), secret, null));
        assertThatThrownBy(() -> WRITER.toNative(gender))
                .isInstanceOf(FhirWriteException.class)
                .hasMessageContaining("Patient.gender")
                .hasMessageNotContaining(secret)
                .cause().isNotNull();
        StudyData birthDate = withPatient(new PatientData(List.of(), List.of(), "other", "1970-99-99x"));
        assertThatThrownBy(() -> WRITER.toNativeBundle(List.of(birthDate)))
                .isInstanceOf(FhirWriteException.class)
                .hasMessageContaining("Patient.birthDate")
                .hasMessageNotContaining("1970-99-99x");
    }

    @Test
    void nativeObjectsHaveTheContainedPatientAndTheReference() {
        ImagingStudy study = (ImagingStudy) WRITER.toNative(Studies.full());
        assertThat(study.getIdElement().getIdPart()).isEqualTo(Studies.FULL_ID);
        assertThat(study.getContained()).hasSize(2);
        Patient patient = (Patient) study.getContained().get(0);
        assertThat(patient.getIdElement().getIdPart()).isEqualTo("patient.contained.inline");
        assertThat(study.getSubject().getReference()).isEqualTo("#patient.contained.inline");
        assertThat(study.getStatus()).isEqualTo(ImagingStudy.ImagingStudyStatus.AVAILABLE);
        assertThat(study.getNumberOfSeries()).isEqualTo(2);
        assertThat(study.getNumberOfInstances()).isEqualTo(3);

        Bundle bundle = (Bundle) WRITER.toNativeBundle(List.of(Studies.full(), Studies.minimal()));
        assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.COLLECTION);
        assertThat(bundle.getEntry()).extracting(Bundle.BundleEntryComponent::getFullUrl)
                .containsExactly("urn:uuid:" + Studies.FULL_ID, "urn:uuid:" + Studies.minimal().id());
        assertThat(WRITER.nativeResourceType()).isEqualTo(ImagingStudy.class);
        assertThat(WRITER.release()).isEqualTo(FhirRelease.R4);
    }

    @Test
    void nullArgumentsAreRefused() {
        assertThatThrownBy(() -> WRITER.toNative(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> WRITER.write(Studies.minimal(), null, WriteOptions.json()))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> WRITER.write(Studies.minimal(), new ByteArrayOutputStream(), null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void anEmptyBundleIsAnEmptyCollection() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WRITER.writeBundle(List.of(), out, WriteOptions.json());
        assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("{\"resourceType\":\"Bundle\",\"type\":\"collection\"}");
    }

    private static byte[] write(FhirWriter writer, StudyData study, WriteOptions options) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.write(study, out, options);
        return out.toByteArray();
    }

    private static StudyData withPatient(PatientData patient) {
        StudyData m = Studies.minimal();
        return new StudyData(m.id(), m.identifiers(), patient, m.modalities(), m.started(), m.description(),
                m.endpoint(), m.procedureCodes(), m.reasonCodes(), m.series());
    }

    private static StudyData studyWithInstances(int count) {
        List<InstanceData> instances = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            instances.add(new InstanceData("1.2.3.1." + i, Studies.sopClass(Studies.CT_IMAGE), i,
                    "ORIGINAL\\PRIMARY\\AXIAL"));
        }
        StudyData m = Studies.minimal();
        CodingData ct = Studies.dcm("CT");
        return new StudyData(m.id(), m.identifiers(), m.patient(), List.of(ct), m.started(), m.description(),
                m.endpoint(), m.procedureCodes(), m.reasonCodes(),
                List.of(new SeriesData("1.2.3.1", 1, ct, null, null, null, null, instances)));
    }
}
