package org.dicom2fhir.fhir.ibm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.ibm.fhir.model.format.Format;
import com.ibm.fhir.model.generator.FHIRGenerator;
import com.ibm.fhir.model.parser.FHIRParser;
import com.ibm.fhir.model.parser.exception.FHIRParserException;
import com.ibm.fhir.model.resource.Bundle;
import com.ibm.fhir.model.resource.ImagingStudy;
import com.ibm.fhir.model.resource.Patient;
import com.ibm.fhir.model.resource.Resource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.dicom2fhir.api.FhirWriteException;
import org.dicom2fhir.api.model.CodingData;
import org.dicom2fhir.api.model.ConceptData;
import org.dicom2fhir.api.model.ContainedData;
import org.dicom2fhir.api.model.DeviceData;
import org.dicom2fhir.api.model.EndpointData;
import org.dicom2fhir.api.model.IdentifierData;
import org.dicom2fhir.api.model.NameData;
import org.dicom2fhir.api.model.NameRepresentation;
import org.dicom2fhir.api.model.OrganizationData;
import org.dicom2fhir.api.model.PatientData;
import org.dicom2fhir.api.model.SeriesData;
import org.dicom2fhir.api.model.ServiceRequestData;
import org.dicom2fhir.api.model.SpecimenData;
import org.dicom2fhir.api.model.StudyData;
import org.dicom2fhir.api.model.TransactionData;
import org.dicom2fhir.api.spi.BackgroundWarmUp;
import org.dicom2fhir.api.spi.FhirWriter;
import org.dicom2fhir.api.spi.OutputFormat;
import org.dicom2fhir.api.spi.WriteOptions;
import org.dicom2fhir.fhir.hapi.HapiR4WriterProvider;
import org.dicom2fhir.testkit.contract.JsonTrees;
import org.dicom2fhir.testkit.contract.NeutralStudies;
import org.dicom2fhir.testkit.contract.NeutralTransactions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What only the IBM model shows (FhirWriterContract checks the rest): what it rejects beyond what
 * HAPI rejects, that its parser still refuses duplicate keys on our class path, its native objects,
 * and that its output streams.
 */
class IbmR4WriterTest {
    private static final FhirWriter WRITER = new IbmR4WriterProvider().create();

    private static byte[] write(StudyData study, WriteOptions options) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WRITER.write(study, out, options);
        return out.toByteArray();
    }

    // ------------------------------------------------------------------ rejections

    private static StudyData study(UnaryOperator<StudyData> change) {
        return change.apply(NeutralStudies.full());
    }

    private static StudyData withFirstSeries(StudyData s, UnaryOperator<SeriesData> change) {
        List<SeriesData> series = new ArrayList<>(s.series());
        series.set(0, change.apply(series.get(0)));
        return new StudyData(s.id(), s.identifiers(), s.patient(), s.modalities(), s.started(), s.description(),
                s.endpoint(), s.procedureCodes(), s.reasonCodes(), series);
    }

    private static StudyData withDescription(StudyData s, String description) {
        return new StudyData(s.id(), s.identifiers(), s.patient(), s.modalities(), s.started(), description,
                s.endpoint(), s.procedureCodes(), s.reasonCodes(), s.series());
    }

    /**
     * Values the IBM model refuses when it builds (each is a value core never produces, see
     * mapping.md): the element path the message must name, and the value it must not quote.
     */
    static Stream<Arguments> ibmRejections() {
        String controlCharacter = "SECRET\u0001description";
        String doubleSpace = "SECRET  CODE";
        String spaceInUid = "1.2.3 SECRET";
        String blank = "   ";
        String badUrl = "https://SECRET host/dicomweb";
        String leapSecond = "2016-12-31T23:59:60Z";
        return Stream.of(
                Arguments.of("ImagingStudy.description", controlCharacter,
                        study(s -> withDescription(s, controlCharacter))),
                Arguments.of("ImagingStudy.modality[1].code", doubleSpace,
                        study(s -> new StudyData(s.id(), s.identifiers(), s.patient(),
                                List.of(s.modalities().get(0), CodingData.unlooked(doubleSpace, null)), s.started(),
                                s.description(), s.endpoint(), s.procedureCodes(), s.reasonCodes(), s.series()))),
                Arguments.of("ImagingStudy.series[0].uid", spaceInUid,
                        study(s -> withFirstSeries(s, r -> new SeriesData(spaceInUid, r.number(), r.modality(),
                                r.description(), r.started(), r.bodySite(), r.laterality(), r.instances())))),
                Arguments.of("ImagingStudy.series[0].bodySite.code", doubleSpace,
                        study(s -> withFirstSeries(s, r -> new SeriesData(r.uid(), r.number(), r.modality(),
                                r.description(), r.started(), CodingData.unlooked(doubleSpace, null), r.laterality(),
                                r.instances())))),
                Arguments.of("ImagingStudy.series[0].started", leapSecond,
                        NeutralStudies.withStarted(NeutralStudies.full(), null, leapSecond)),
                Arguments.of("Patient.name[0].given[1]", blank,
                        study(s -> NeutralStudies.withPatient(s, new PatientData(s.patient().identifiers(),
                                List.of(new NameData("Doe", List.of("Jane", blank), List.of(), List.of(),
                                        NameRepresentation.ALPHABETIC)), "female", null)))),
                Arguments.of("ImagingStudy.reasonCode[0].text", controlCharacter,
                        study(s -> new StudyData(s.id(), s.identifiers(), s.patient(), s.modalities(), s.started(),
                                s.description(), s.endpoint(), s.procedureCodes(),
                                List.of(new ConceptData(List.of(), controlCharacter)), s.series()))),
                Arguments.of("Endpoint.address", badUrl,
                        study(s -> new StudyData(s.id(), s.identifiers(), s.patient(), s.modalities(), s.started(),
                                s.description(), new EndpointData(badUrl), s.procedureCodes(), s.reasonCodes(),
                                s.series()))),
                Arguments.of("Device[0].deviceName[0].name", controlCharacter, withContained(c -> {
                    DeviceData d = c.devices().get(0);
                    return new ContainedData(c.practitioners(), c.organizations(), c.locations(),
                            List.of(new DeviceData(d.id(), d.manufacturer(), controlCharacter, d.serialNumber(),
                                    d.deviceUid(), d.softwareVersions(), d.stationName(), d.udi(), d.ownerId()),
                                    c.devices().get(1)),
                            c.specimens(), c.serviceRequests());
                })),
                Arguments.of("Organization[0].address[0].text", controlCharacter, withContained(c -> {
                    OrganizationData o = c.organizations().get(0);
                    return new ContainedData(c.practitioners(),
                            List.of(new OrganizationData(o.id(), o.name(), controlCharacter)), c.locations(),
                            c.devices(), c.specimens(), c.serviceRequests());
                })),
                Arguments.of("Specimen[1].accessionIdentifier.value", blank, withContained(c -> {
                    SpecimenData sp = c.specimens().get(1);
                    return new ContainedData(c.practitioners(), c.organizations(), c.locations(), c.devices(),
                            List.of(c.specimens().get(0), new SpecimenData(sp.id(), new IdentifierData(null, null,
                                    sp.accessionIdentifier().system(), blank, null))),
                            c.serviceRequests());
                })),
                Arguments.of("ServiceRequest[0].code.text", controlCharacter, withContained(c -> {
                    ServiceRequestData r = c.serviceRequests().get(0);
                    return new ContainedData(c.practitioners(), c.organizations(), c.locations(), c.devices(),
                            c.specimens(), List.of(new ServiceRequestData(r.id(), r.identifiers(),
                                    new ConceptData(r.code().codings(), controlCharacter))));
                })));
    }

    /** The contained fixture with other contained resources. */
    private static StudyData withContained(UnaryOperator<ContainedData> change) {
        StudyData s = NeutralStudies.contained();
        return NeutralStudies.withContained(s, change.apply(s.contained()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ibmRejections")
    void ibmRejectionsNameTheElementPathButNeverTheValue(String path, String value, StudyData study) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Throwable thrown = catchThrowable(() -> WRITER.write(study, out, WriteOptions.json()));
        assertThat(thrown).isInstanceOf(FhirWriteException.class)
                .hasMessageContaining("IBM FHIR model")
                .hasMessageContaining(path)
                .hasMessageNotContaining("SECRET");
        if (!value.isBlank()) {
            assertThat(thrown).hasMessageNotContaining(value);
        }
        assertThat(thrown.getCause()).as("IBM's own exception").isNotNull()
                .satisfies(cause -> assertThat(cause.getClass().getName()).startsWith("java."));
        assertThat(out.size()).isZero();
    }

    @Test
    void ibmsOwnMessageQuotesTheValueWhichIsWhyItStaysInTheCauseOnly() {
        String value = "SECRET  CODE";
        StudyData study = withFirstSeries(NeutralStudies.full(), r -> new SeriesData(r.uid(), r.number(),
                CodingData.unlooked(value, null), r.description(), r.started(), r.bodySite(), r.laterality(),
                r.instances()));
        assertThatThrownBy(() -> WRITER.toNative(study))
                .isInstanceOf(FhirWriteException.class)
                .hasMessageContaining("ImagingStudy.series[0].modality.code")
                .hasMessageNotContaining(value)
                .cause().hasMessageContaining(value);
    }

    // ------------------------------------------------------------------ transactions

    private static byte[] writeTransaction(FhirWriter writer, TransactionData tx, WriteOptions options)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.writeTransaction(tx, out, options);
        return out.toByteArray();
    }

    /** The goldens already tie both to R4's; this says it without them, for every transaction. */
    @Test
    void transactionsAreTheSameTreesAsHapisAndIbmReadsThemBack() throws Exception {
        FhirWriter hapi = new HapiR4WriterProvider().create();
        for (NeutralTransactions.Named tx : NeutralTransactions.all()) {
            byte[] ibm = writeTransaction(WRITER, tx.transaction(), WriteOptions.json());
            assertThat(JsonTrees.differences(JsonTrees.read(writeTransaction(hapi, tx.transaction(),
                    WriteOptions.json())), JsonTrees.read(ibm), 20)).as("ibm's %s against hapi's", tx).isEmpty();
            Resource parsed = FHIRParser.parser(Format.JSON).parse(new ByteArrayInputStream(ibm));
            assertThat(parsed).isInstanceOf(Bundle.class);
            ByteArrayOutputStream again = new ByteArrayOutputStream();
            FHIRGenerator.generator(Format.JSON).generate(parsed, again);
            assertThat(JsonTrees.read(again.toByteArray())).as("%s read back", tx).isEqualTo(JsonTrees.read(ibm));
        }
    }

    @Test
    void transactionValuesIbmRejectsAreNamedButNeverQuoted() {
        String patient = "urn:uuid:c2d3e4f5-a6b7-4c8d-9e0f-1a2b3c4d5e6f";
        StudyData study = NeutralStudies.minimal().withSubjectReference(patient);
        String badSearch = "identifier=SECRET\u0001value";
        String badUrl = "ImagingStudy?identifier=SECRET value";
        for (Object[] c : List.of(
                new Object[] {"Bundle.entry[0].request.ifNoneExist", new TransactionData(study,
                        "ImagingStudy/" + study.id(), true, new TransactionData.PatientEntry(patient, badSearch))},
                new Object[] {"Bundle.entry[0]", new TransactionData(study, badUrl, true, null)})) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Throwable thrown = catchThrowable(() -> WRITER.writeTransaction((TransactionData) c[1], out,
                    WriteOptions.json()));
            assertThat(thrown).isInstanceOf(FhirWriteException.class)
                    .hasMessageContaining((String) c[0])
                    .hasMessageNotContaining("SECRET");
            assertThat(out.size()).isZero();
        }
    }

    // ------------------------------------------------------------------ IBM's parser on our class path

    @Test
    void ibmsParserStillRejectsDuplicateKeysBecauseParssonIsTheJsonImplementation() throws Exception {
        String duplicate = """
                {"resourceType":"Patient","id":"a","active":true,"active":false}""";
        assertThatThrownBy(() -> FHIRParser.parser(Format.JSON)
                .parse(new ByteArrayInputStream(duplicate.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(FHIRParserException.class);
        assertThat(jakarta.json.spi.JsonProvider.provider().getClass().getName()).startsWith("org.eclipse.parsson.");
        assertThatThrownBy(() -> Class.forName("org.glassfish.json.JsonProviderImpl"))
                .as("org.glassfish:jakarta.json is excluded where HAPI and IBM meet")
                .isInstanceOf(ClassNotFoundException.class);
        Patient parsed = FHIRParser.parser(Format.JSON).parse(new ByteArrayInputStream(
                duplicate.replace(",\"active\":false", "").getBytes(StandardCharsets.UTF_8)));
        assertThat(parsed.getActive().getValue()).isTrue();
    }

    // ------------------------------------------------------------------ native objects and round trips

    @Test
    void nativeObjectsAreIbmsImmutableModel() {
        ImagingStudy study = (ImagingStudy) WRITER.toNative(NeutralStudies.full());
        assertThat(study.getId()).isEqualTo(NeutralStudies.full().id());
        assertThat(study.getContained()).hasSize(2);
        assertThat(study.getContained().get(0)).isInstanceOf(Patient.class);
        assertThat(study.getContained().get(0).getId()).isEqualTo("patient.contained.inline");
        assertThat(study.getSubject().getReference().getValue()).isEqualTo("#patient.contained.inline");
        assertThat(study.getNumberOfSeries().getValue()).isEqualTo(2);
        assertThat(study.getSeries().get(1).getStarted().getValue().toString())
                .isEqualTo("2021-03-04T05:06:07.123456-05:30");
        Bundle bundle = (Bundle) WRITER.toNativeBundle(List.of(NeutralStudies.full(), NeutralStudies.minimal()));
        assertThat(bundle.getType().getValueAsEnum()).isEqualTo(com.ibm.fhir.model.type.code.BundleType.Value.COLLECTION);
        assertThat(bundle.getEntry()).extracting(e -> e.getFullUrl().getValue())
                .containsExactly("urn:uuid:" + NeutralStudies.full().id(), "urn:uuid:" + NeutralStudies.minimal().id());
        assertThat(WRITER.toNative(NeutralStudies.full())).as("a new object per call").isNotSameAs(study)
                .isEqualTo(study);
    }

    @ParameterizedTest
    @EnumSource(OutputFormat.class)
    void ibmsParserReadsTheOutputBackToTheSameResource(OutputFormat format) throws Exception {
        Format ibmFormat = format == OutputFormat.JSON ? Format.JSON : Format.XML;
        for (NeutralStudies.Named named : NeutralStudies.all()) {
            byte[] bytes = write(named.study(), new WriteOptions(format, true));
            Resource parsed = FHIRParser.parser(ibmFormat).parse(new ByteArrayInputStream(bytes));
            assertThat(parsed).as("%s as %s", named, format).isEqualTo(WRITER.toNative(named.study()));
            ByteArrayOutputStream again = new ByteArrayOutputStream();
            FHIRGenerator.generator(Format.JSON).generate(parsed, again);
            assertThat(JsonTrees.read(again.toByteArray()))
                    .isEqualTo(JsonTrees.read(write(named.study(), WriteOptions.json())));
        }
    }

    @ParameterizedTest
    @EnumSource(OutputFormat.class)
    void largeStudiesAreStreamedWhileIbmGeneratesNotBuiltAsOneString(OutputFormat format) throws IOException {
        GenerationWatcher out = new GenerationWatcher();
        WRITER.write(NeutralStudies.withInstances(5_000), out, new WriteOptions(format, false));
        assertThat(out.size()).isGreaterThan(500_000);
        assertThat(out.bytesArrivedDuringGeneration).isTrue();
        assertThat(out.largestWrite).isLessThanOrEqualTo(8 * 1024);
        assertThat(out.writes).as("IBM writes byte by byte; the caller's stream sees buffered chunks")
                .isLessThan(out.size() / 1000);
        assertThat(out.flushes).as("one flush, at the end: each can be a system call on the caller's stream")
                .isEqualTo(1);
    }

    @Test
    void theWarmUpFinishesAndItsStudyIsValidForIbm() throws Exception {
        assertTimeoutPreemptively(Duration.ofMinutes(2), () -> WarmUp.start().await());
        assertThat(WarmUp.start()).as("one warm-up per JVM").isSameAs(WarmUp.start());
        IbmR4Writer writer = new IbmR4Writer(() -> { });
        assertThat(writer.toNativeBundle(List.of(BackgroundWarmUp.writerSample())).getEntry()).hasSize(1);
    }

    @Test
    void descriptionNamesTheIbmModelItsVersionAndR4() {
        assertThat(new IbmR4WriterProvider().description()).isEqualTo("IBM FHIR model 4.10.2, FHIR R4 (4.0.1)");
    }

    /** Notices whether bytes arrive while IBM's generator is on the stack, and how they arrive. */
    static final class GenerationWatcher extends ByteArrayOutputStream {
        boolean bytesArrivedDuringGeneration;
        int largestWrite;
        int writes;
        int flushes;

        @Override
        public void flush() {
            flushes++;
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            writes++;
            bytesArrivedDuringGeneration |= StackWalker.getInstance().walk(frames -> frames
                    .anyMatch(f -> f.getClassName().startsWith("com.ibm.fhir.model.generator.")));
            largestWrite = Math.max(largestWrite, len);
            super.write(b, off, len);
        }

        @Override
        public synchronized void write(int b) {
            writes++;
            largestWrite = Math.max(largestWrite, 1);
            super.write(b);
        }
    }
}
