package org.dicom2fhir.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.dicom2fhir.api.FhirWriteException;
import org.dicom2fhir.api.model.ContainedData;
import org.dicom2fhir.api.model.FhirTerms;
import org.dicom2fhir.api.model.IdentifierData;
import org.dicom2fhir.api.model.PatientData;
import org.dicom2fhir.api.model.PractitionerData;
import org.dicom2fhir.api.model.StudyData;
import org.dicom2fhir.api.model.TransactionData;
import org.dicom2fhir.api.spi.FhirRelease;
import org.dicom2fhir.api.spi.FhirValidator;
import org.dicom2fhir.api.spi.FhirValidatorProvider;
import org.dicom2fhir.api.spi.FhirWriter;
import org.dicom2fhir.api.spi.FhirWriterProvider;
import org.dicom2fhir.api.spi.OutputFormat;
import org.dicom2fhir.api.spi.ValidationIssue;
import org.dicom2fhir.api.spi.WriteOptions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;

/**
 * What every {@link FhirWriter} must do, whatever its FHIR library. A writer module extends this
 * class in a few lines:
 *
 * <pre>{@code
 * class IbmR4WriterContractTest extends FhirWriterContract {
 *     protected FhirWriterProvider provider() { return new IbmR4WriterProvider(); }
 *     protected FhirRelease expectedRelease() { return FhirRelease.R4; }
 * }
 * }</pre>
 *
 * <p>The output of the {@link NeutralStudies} (those with a subject reference too) and of the
 * {@link NeutralTransactions} must equal the goldens of the release as JSON trees, so every writer of a
 * release produces the same FHIR. When a {@link FhirValidatorProvider} for the
 * release is on the test class path (validator-hapi at test scope), every output must validate with
 * zero errors; without one that test is skipped, saying so.
 *
 * <p>The stream and failure rules (flush, never close; the stream's own {@code IOException}; a
 * value-free {@link FhirWriteException} for whatever the library throws) are what
 * {@link org.dicom2fhir.api.spi.WriterStreams} does around a library's encoder.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class FhirWriterContract {
    private static final String NAME_PATTERN = "[a-z][a-z0-9]*(-[a-z0-9]+)*";
    private static final WriteOptions XML = new WriteOptions(OutputFormat.XML, false);
    private static final WriteOptions PRETTY_XML = new WriteOptions(OutputFormat.XML, true);
    private static final List<WriteOptions> ALL_OPTIONS = List.of(WriteOptions.json(), WriteOptions.prettyJson(),
            XML, PRETTY_XML);

    /** One writer per test class: some libraries take seconds to start. */
    private FhirWriter writer;

    /** A new instance of the provider under test. */
    protected abstract FhirWriterProvider provider();

    /** The FHIR release the provider must speak; selects the goldens. */
    protected abstract FhirRelease expectedRelease();

    @BeforeAll
    void createWriter() {
        writer = provider().create();
    }

    /** The writer shared by this class's tests, for subclasses' own tests. */
    protected final FhirWriter writer() {
        return writer;
    }

    // ---------------------------------------------------------------- metadata and discovery

    /**
     * The provider's declarations: a name a user can type, a one-line description, the release whose
     * goldens the output must equal, and the binary name of a loadable class of which every
     * {@code toNative} result is an instance (core selects a writer by that name and casts to it).
     */
    @Test
    public void providerDescribesItselfAndMatchesItsWriter() {
        FhirWriterProvider provider = provider();
        assertThat(provider.name()).as("name: lower case, what a user types").matches(NAME_PATTERN);
        assertThat(provider.description()).as("description: one line for --list-backends")
                .isNotBlank().doesNotContain("\n").doesNotContain("\r").isEqualTo(provider.description().strip());
        assertThat(provider.release()).as("declared release").isEqualTo(expectedRelease());

        FhirWriter created = provider.create();
        Class<?> declared = declaredNativeClass(provider, created);
        assertThat(declared.getSimpleName()).as("the declared native class is the library's ImagingStudy")
                .isEqualTo("ImagingStudy");
        for (NeutralStudies.Named study : NeutralStudies.all()) {
            assertThat(created.toNative(study.study())).as("toNative(%s)", study).isInstanceOf(declared);
        }
        Object bundle = created.toNativeBundle(List.of(NeutralStudies.full(), NeutralStudies.minimal()));
        assertThat(bundle).as("toNativeBundle").isNotNull();
        assertThat(bundle.getClass().getSimpleName()).isEqualTo("Bundle");
    }

    /** The class {@link FhirWriterProvider#nativeResourceClassName()} names, as the writer's class loader knows it. */
    private static Class<?> declaredNativeClass(FhirWriterProvider provider, FhirWriter writer) {
        String name = provider.nativeResourceClassName();
        assertThat(name).as("nativeResourceClassName").isNotBlank();
        try {
            return Class.forName(name, false, writer.getClass().getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new AssertionError("nativeResourceClassName() is " + name + ", which the writer's class loader"
                    + " cannot load: declare the binary name (Class.getName(), e.g. Outer$Inner for a nested class)", e);
        }
    }

    @Test
    public void isDiscoverableThroughTheServiceLoader() {
        List<FhirWriterProvider> found = ServiceLoader.load(FhirWriterProvider.class).stream()
                .map(ServiceLoader.Provider::get).toList();
        FhirWriterProvider provider = provider();
        assertThat(found).as("providers registered in META-INF/services/%s", FhirWriterProvider.class.getName())
                .filteredOn(p -> p.getClass() == provider.getClass())
                .singleElement()
                .satisfies(p -> assertThat(p.name()).isEqualTo(provider.name()));
        List<String> names = found.stream().map(FhirWriterProvider::name).toList();
        assertThat(names).as("provider names are unique").doesNotHaveDuplicates();
    }

    // ---------------------------------------------------------------- the FHIR itself

    protected final Stream<NeutralStudies.Named> studies() {
        return Stream.concat(NeutralStudies.all().stream(), NeutralStudies.referencing().stream());
    }

    protected final Stream<NeutralStudies.Named> referencingStudies() {
        return NeutralStudies.referencing().stream();
    }

    protected final Stream<NeutralTransactions.Named> transactions() {
        return NeutralTransactions.all().stream();
    }

    @ParameterizedTest
    @MethodSource("studies")
    public void jsonEqualsTheGoldenOfTheRelease(NeutralStudies.Named study) throws IOException {
        JsonNode golden = JsonTrees.golden(expectedRelease(), study.name());
        assertGoldenInBothLayouts(golden, write(writer, study.study(), WriteOptions.json()),
                write(writer, study.study(), WriteOptions.prettyJson()), study.toString());
    }

    @Test
    public void bundleIsACollectionWithOneGoldenEntryPerStudyInOrder() throws IOException {
        List<NeutralStudies.Named> all = NeutralStudies.all();
        JsonNode bundle = JsonTrees.read(writeBundle(writer, all.stream().map(NeutralStudies.Named::study).toList(),
                WriteOptions.json()));
        assertThat(bundle.get("resourceType").asText()).isEqualTo("Bundle");
        assertThat(bundle.get("type").asText()).isEqualTo(FhirTerms.BUNDLE_TYPE_COLLECTION);
        assertThat(names(bundle)).containsExactlyInAnyOrder("resourceType", "type", "entry");
        JsonNode entries = bundle.get("entry");
        assertThat(entries).hasSize(all.size());
        for (int i = 0; i < all.size(); i++) {
            JsonNode entry = entries.get(i);
            NeutralStudies.Named study = all.get(i);
            assertThat(names(entry)).containsExactlyInAnyOrder("fullUrl", "resource");
            assertThat(entry.get("fullUrl").asText()).isEqualTo(FhirTerms.URN_UUID_PREFIX + study.study().id());
            assertSameTree(JsonTrees.golden(expectedRelease(), study.name()), entry.get("resource"),
                    "bundle entry " + i + " (" + study + ")");
        }
        JsonNode empty = JsonTrees.read(writeBundle(writer, List.of(), WriteOptions.prettyJson()));
        assertSameTree(JsonTrees.read("{\"resourceType\":\"Bundle\",\"type\":\"collection\"}"
                .getBytes(StandardCharsets.UTF_8)), empty, "an empty bundle");
    }

    /**
     * With a subject reference the study is the same but for the Patient: none contained, and the
     * reference wherever the contained one's was ({@code ImagingStudy.subject}, {@code Specimen.subject},
     * {@code ServiceRequest.subject}).
     */
    @ParameterizedTest
    @MethodSource("referencingStudies")
    public void aSubjectReferenceReplacesTheContainedPatientEverywhere(NeutralStudies.Named study)
            throws IOException {
        StudyData referencing = study.study();
        String reference = referencing.subjectReference();
        assertThat(reference).as("the fixture's subject reference").isNotNull();
        JsonNode actual = JsonTrees.read(write(writer, referencing, WriteOptions.json()));
        assertThat(containedTypes(actual)).as("contained resources of %s", study).doesNotContain("Patient");
        ObjectNode expected = (ObjectNode) JsonTrees.read(write(writer, referencing.withSubjectReference(null),
                WriteOptions.json()));
        ArrayNode contained = (ArrayNode) expected.get("contained");
        for (int i = contained.size() - 1; i >= 0; i--) {
            if ("Patient".equals(contained.get(i).path("resourceType").asText())) {
                contained.remove(i);
            }
        }
        if (contained.isEmpty()) {
            expected.remove("contained");
        }
        int replaced = replaceReferences(expected, FhirTerms.PATIENT_REFERENCE, reference);
        assertThat(replaced).as("patient references of %s", study).isPositive();
        assertSameTree(expected, actual, "the study with a subject reference " + study);
    }

    @ParameterizedTest
    @MethodSource("transactions")
    public void transactionEqualsTheGoldenOfTheRelease(NeutralTransactions.Named tx) throws IOException {
        JsonNode golden = JsonTrees.golden(expectedRelease(), tx.golden());
        assertGoldenInBothLayouts(golden, writeTransaction(writer, tx.transaction(), WriteOptions.json()),
                writeTransaction(writer, tx.transaction(), WriteOptions.prettyJson()), "the transaction " + tx);
        for (WriteOptions options : List.of(XML, PRETTY_XML)) {
            assertXmlMatches(writeTransaction(writer, tx.transaction(), options), golden,
                    options + " of the transaction " + tx);
        }
    }

    /**
     * The transaction's shape, whatever the goldens: the Patient's create (the contained Patient of the
     * same study without a subject reference, without its id) when asked for, then the ImagingStudy
     * exactly as {@code write} gives it (without its id when the server assigns ids) with its PUT.
     */
    @ParameterizedTest
    @MethodSource("transactions")
    public void transactionIsTheWrittenStudyAfterThePatientsCreate(NeutralTransactions.Named named)
            throws IOException {
        TransactionData tx = named.transaction();
        JsonNode bundle = JsonTrees.read(writeTransaction(writer, tx, WriteOptions.json()));
        assertThat(names(bundle)).as("elements of the Bundle %s", named)
                .containsExactlyInAnyOrder("resourceType", "type", "entry");
        assertThat(bundle.get("resourceType").asText()).isEqualTo("Bundle");
        assertThat(bundle.get("type").asText()).isEqualTo(FhirTerms.BUNDLE_TYPE_TRANSACTION);
        JsonNode entries = bundle.get("entry");
        assertThat(entries).as("entries of %s", named).hasSize(tx.patient() == null ? 1 : 2);
        if (tx.patient() != null) {
            JsonNode entry = entries.get(0);
            assertThat(names(entry)).containsExactlyInAnyOrder("fullUrl", "resource", "request");
            assertThat(entry.get("fullUrl").asText()).isEqualTo(tx.patient().fullUrl());
            ObjectNode request = JsonTrees.mapper().createObjectNode()
                    .put("method", FhirTerms.REQUEST_METHOD_POST).put("url", FhirTerms.PATIENT_REQUEST_URL);
            if (tx.patient().ifNoneExist() != null) {
                request.put("ifNoneExist", tx.patient().ifNoneExist());
            }
            assertSameTree(request, entry.get("request"), "the Patient's request in " + named);
            JsonNode contained = JsonTrees.read(write(writer, tx.study().withSubjectReference(null),
                    WriteOptions.json())).get("contained");
            ObjectNode patient = null;
            for (JsonNode resource : contained) {
                if ("Patient".equals(resource.path("resourceType").asText())) {
                    patient = ((ObjectNode) resource).deepCopy();
                }
            }
            assertThat(patient).as("the contained Patient of the study without a subject reference").isNotNull();
            patient.remove("id");
            assertSameTree(patient, entry.get("resource"), "the Patient entry of " + named);
        }
        JsonNode entry = entries.get(entries.size() - 1);
        assertThat(names(entry)).containsExactlyInAnyOrder("fullUrl", "resource", "request");
        // the server keeps an id of ours only when the fullUrl says the resource is at the server under that id
        assertThat(entry.get("fullUrl").asText()).as("the ImagingStudy's fullUrl in %s", named).isEqualTo(
                tx.studyIdInBody() && tx.serverBase() != null ? tx.serverBase() + "/ImagingStudy/" + tx.study().id()
                        : FhirTerms.URN_UUID_PREFIX + tx.study().id());
        assertSameTree(JsonTrees.mapper().createObjectNode().put("method", FhirTerms.REQUEST_METHOD_PUT)
                .put("url", tx.studyRequestUrl()), entry.get("request"), "the ImagingStudy's request in " + named);
        ObjectNode study = (ObjectNode) JsonTrees.read(write(writer, tx.study(), WriteOptions.json()));
        if (!tx.studyIdInBody()) {
            study.remove("id");
        }
        assertSameTree(study, entry.get("resource"), "the ImagingStudy entry of " + named);
    }

    /**
     * A Patient of its own (bulk data): the Patient {@code write} contains for the study, under the id given, in
     * both formats; it validates in the writer's release.
     */
    @ParameterizedTest
    @MethodSource("studies")
    public void writePatientIsTheContainedPatientUnderItsOwnId(NeutralStudies.Named named) throws IOException {
        StudyData study = named.study().withSubjectReference(null);
        JsonNode contained = JsonTrees.read(write(writer, study, WriteOptions.json())).get("contained");
        ObjectNode expected = null;
        for (JsonNode resource : contained) {
            if ("Patient".equals(resource.path("resourceType").asText())) {
                expected = ((ObjectNode) resource).deepCopy();
            }
        }
        assertThat(expected).as("the contained Patient of %s", named).isNotNull();
        expected.put("id", "p-4f2a");
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        writer.writePatient(study.patient(), "p-4f2a", json, WriteOptions.json());
        assertSameTree(expected, JsonTrees.read(json.toByteArray()), "the Patient of " + named);
        ByteArrayOutputStream xml = new ByteArrayOutputStream();
        writer.writePatient(study.patient(), "p-4f2a", xml, PRETTY_XML);
        assertXmlMatches(xml.toByteArray(), expected, "the Patient of " + named + " as XML");
        for (FhirValidator validator : validators()) {
            assertValid(validator, json.toByteArray(), WriteOptions.json(), "the Patient of " + named);
        }
    }

    @ParameterizedTest
    @MethodSource("studies")
    public void xmlCarriesTheSameResourcesAndValuesAsJson(NeutralStudies.Named study) throws IOException {
        JsonNode json = JsonTrees.read(write(writer, study.study(), WriteOptions.json()));
        for (WriteOptions options : List.of(XML, PRETTY_XML)) {
            byte[] bytes = write(writer, study.study(), options);
            assertXmlMatches(bytes, json, options + " of " + study);
        }
        List<StudyData> two = List.of(study.study(), NeutralStudies.minimal());
        assertXmlMatches(writeBundle(writer, two, XML), JsonTrees.read(writeBundle(writer, two, WriteOptions.json())),
                "XML bundle of " + study);
    }

    @Test
    public void nonAsciiTextIsWrittenIntactAsUtf8() throws IOException {
        StudyData study = NeutralStudies.nonAscii();
        PatientData patient = study.patient();
        List<String> texts = List.of(study.description(), patient.names().get(0).family(),
                patient.names().get(0).given().get(1), patient.names().get(1).family(),
                patient.names().get(2).given().get(0), study.series().get(0).instances().get(0).title(),
                study.reasonCodes().get(0).text());
        for (WriteOptions options : ALL_OPTIONS) {
            byte[] bytes = write(writer, study, options);
            String decoded = strictUtf8(bytes, options + " of " + NeutralStudies.NON_ASCII);
            assertThat(decoded).as("no byte order mark").doesNotStartWith("\uFEFF");
            List<String> values = options.format() == OutputFormat.JSON
                    ? FhirXml.values(JsonTrees.read(bytes))
                    : FhirXml.values(FhirXml.parse(bytes));
            assertThat(values).as("text values of %s", options).containsAll(texts);
            if (decoded.startsWith("<?xml")) {
                String declaration = decoded.substring(0, decoded.indexOf("?>") + 2);
                assertThat(declaration).as("XML declaration").satisfiesAnyOf(
                        d -> assertThat(d).doesNotContain("encoding"),
                        d -> assertThat(d).containsPattern("encoding=[\"'](?i:utf-8)[\"']"));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("studies")
    public void everyOutputValidatesWithoutErrorsInItsRelease(NeutralStudies.Named study) throws IOException {
        List<FhirValidator> validators = validators();
        for (WriteOptions options : List.of(WriteOptions.json(), PRETTY_XML)) {
            byte[] single = write(writer, study.study(), options);
            byte[] bundle = writeBundle(writer, List.of(study.study()), options);
            for (FhirValidator validator : validators) {
                assertValid(validator, single, options, study + " as " + options);
                assertValid(validator, bundle, options, "a bundle with " + study + " as " + options);
            }
        }
    }

    /** A transaction validates as a Bundle, its urn:uuid references resolved within it. */
    @ParameterizedTest
    @MethodSource("transactions")
    public void everyTransactionValidatesWithoutErrorsInItsRelease(NeutralTransactions.Named tx) throws IOException {
        List<FhirValidator> validators = validators();
        for (WriteOptions options : List.of(WriteOptions.json(), PRETTY_XML)) {
            byte[] bytes = writeTransaction(writer, tx.transaction(), options);
            for (FhirValidator validator : validators) {
                assertValid(validator, bytes, options, "the transaction " + tx + " as " + options);
            }
        }
    }

    // ---------------------------------------------------------------- streams

    @ParameterizedTest
    @EnumSource(OutputFormat.class)
    public void flushesButNeverClosesTheCallersStream(OutputFormat format) throws IOException {
        for (boolean pretty : List.of(false, true)) {
            WriteOptions options = new WriteOptions(format, pretty);
            RecordingStream out = new RecordingStream();
            writer.write(NeutralStudies.full(), out, options);
            assertThat(out.closed).as("closed by write (%s)", options).isFalse();
            assertThat(out.flushes).as("flushes by write (%s)", options).isPositive();
            assertThat(out.size()).isPositive();

            RecordingStream bundleOut = new RecordingStream();
            writer.writeBundle(List.of(NeutralStudies.full()), bundleOut, options);
            assertThat(bundleOut.closed).as("closed by writeBundle (%s)", options).isFalse();
            assertThat(bundleOut.flushes).as("flushes by writeBundle (%s)", options).isPositive();

            RecordingStream txOut = new RecordingStream();
            writer.writeTransaction(NeutralTransactions.patientEntry(), txOut, options);
            assertThat(txOut.closed).as("closed by writeTransaction (%s)", options).isFalse();
            assertThat(txOut.flushes).as("flushes by writeTransaction (%s)", options).isPositive();
            assertThat(txOut.size()).isPositive();
        }
        // the stream stays usable: two resources follow each other
        byte[] one = write(writer, NeutralStudies.minimal(), new WriteOptions(format, false));
        RecordingStream out = new RecordingStream();
        writer.write(NeutralStudies.minimal(), out, new WriteOptions(format, false));
        out.write('\n');
        writer.write(NeutralStudies.minimal(), out, new WriteOptions(format, false));
        assertThat(out.toByteArray()).as("two outputs on one stream").isEqualTo(concat(one, new byte[] {'\n'}, one));
    }

    @ParameterizedTest
    @EnumSource(OutputFormat.class)
    public void aFailingStreamSurfacesAsItsIOException(OutputFormat format) {
        for (int budget : List.of(0, 64)) {
            FailingStream out = new FailingStream(budget);
            Throwable thrown = catchThrowable(() -> writer.write(NeutralStudies.full(), out,
                    new WriteOptions(format, true)));
            assertThat(thrown).as("what write throws when the stream fails after %d bytes", budget)
                    .isInstanceOf(IOException.class);
            assertThat(causes(thrown)).as("the stream's own IOException is kept").contains(out.failure);

            FailingStream bundleOut = new FailingStream(budget);
            Throwable bundleThrown = catchThrowable(() -> writer.writeBundle(List.of(NeutralStudies.full()), bundleOut,
                    new WriteOptions(format, false)));
            assertThat(bundleThrown).isInstanceOf(IOException.class);
            assertThat(causes(bundleThrown)).contains(bundleOut.failure);

            FailingStream txOut = new FailingStream(budget);
            Throwable txThrown = catchThrowable(() -> writer.writeTransaction(NeutralTransactions.patientEntry(), txOut,
                    new WriteOptions(format, true)));
            assertThat(txThrown).as("what writeTransaction throws when the stream fails after %d bytes", budget)
                    .isInstanceOf(IOException.class);
            assertThat(causes(txThrown)).contains(txOut.failure);
        }
    }

    // ---------------------------------------------------------------- failures

    /** Values a FHIR library must refuse, each with the element a message should name. */
    protected static Stream<Arguments> rejectedStudies() {
        StudyData full = NeutralStudies.full();
        String badDateTime = "20210304-SECRET-VALUE";
        String badDate = "1970-99-99-SECRET";
        String badGender = "secret-gender-value";
        PatientData patient = full.patient();
        String badUse = "secret-use-value";
        StudyData contained = NeutralStudies.contained();
        List<PractitionerData> practitioners = new ArrayList<>(contained.contained().practitioners());
        PractitionerData referrer = practitioners.get(0);
        IdentifierData id = referrer.identifiers().get(0);
        practitioners.set(0, new PractitionerData(referrer.id(), referrer.names(), List.of(
                new IdentifierData(badUse, id.type(), id.system(), id.value(), id.assignerDisplay()))));
        ContainedData c = contained.contained();
        StudyData badPractitioner = NeutralStudies.withContained(contained, new ContainedData(practitioners,
                c.organizations(), c.locations(), c.devices(), c.specimens(), c.serviceRequests()));
        return Stream.of(
                Arguments.of("started", NeutralStudies.withStarted(full, badDateTime, "2021-03-04T05:06:07Z"),
                        badDateTime),
                Arguments.of("started", NeutralStudies.withStarted(full, "2021-03-04T05:06:07Z", badDateTime),
                        badDateTime),
                Arguments.of("birthDate", NeutralStudies.withPatient(full,
                        new PatientData(patient.identifiers(), patient.names(), patient.gender(), badDate)), badDate),
                Arguments.of("gender", NeutralStudies.withPatient(full,
                        new PatientData(patient.identifiers(), patient.names(), badGender, null)), badGender),
                Arguments.of("Practitioner[0].identifier[0].use", badPractitioner, badUse));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejectedStudies")
    public void rejectedValuesBecomeFhirWriteExceptionsThatNameTheElementButNotTheValue(String element,
            StudyData study, String value) {
        assertRejected(catchThrowable(() -> writer.toNative(study)), element, value, "toNative");
        assertRejected(catchThrowable(() -> writer.toNativeBundle(List.of(NeutralStudies.minimal(), study))),
                element, value, "toNativeBundle");
        for (WriteOptions options : ALL_OPTIONS) {
            RecordingStream out = new RecordingStream();
            assertRejected(catchThrowable(() -> writer.write(study, out, options)), element, value, "write " + options);
            assertThat(out.size()).as("bytes written before the rejection (%s)", options).isZero();
            RecordingStream bundleOut = new RecordingStream();
            assertRejected(catchThrowable(() -> writer.writeBundle(List.of(NeutralStudies.minimal(), study), bundleOut,
                    options)), element, value, "writeBundle " + options);
            assertThat(bundleOut.size()).as("bytes written before the rejection (%s)", options).isZero();
            RecordingStream txOut = new RecordingStream();
            TransactionData tx = new TransactionData(study, "ImagingStudy/" + study.id(), true, null);
            assertRejected(catchThrowable(() -> writer.writeTransaction(tx, txOut, options)), element, value,
                    "writeTransaction " + options);
            assertThat(txOut.size()).as("bytes written before the rejection (%s)", options).isZero();
        }
    }

    @Test
    public void nullArgumentsAreRefused() {
        StudyData study = NeutralStudies.minimal();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<StudyData> withNull = new ArrayList<>();
        withNull.add(null);
        assertThatThrownBy(() -> writer.toNative(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> writer.toNativeBundle(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> writer.toNativeBundle(withNull)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> writer.write(null, out, WriteOptions.json())).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> writer.write(study, null, WriteOptions.json())).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> writer.write(study, out, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> writer.writeBundle(null, out, WriteOptions.json()))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> writer.writeBundle(List.of(study), null, WriteOptions.json()))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> writer.writeBundle(List.of(study), out, null)).isInstanceOf(NullPointerException.class);
        TransactionData tx = NeutralTransactions.patientCreate();
        assertThatThrownBy(() -> writer.writeTransaction(null, out, WriteOptions.json()))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> writer.writeTransaction(tx, null, WriteOptions.json()))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> writer.writeTransaction(tx, out, null)).isInstanceOf(NullPointerException.class);
        assertThat(out.size()).isZero();
    }

    // ---------------------------------------------------------------- threads

    @Test
    public void concurrentUseGivesTheSameBytesAsSequentialUse() throws Exception {
        FhirWriter fresh = provider().create(); // its first use races too
        List<StudyData> studies = NeutralStudies.all().stream().map(NeutralStudies.Named::study).toList();
        List<WriteOptions> options = List.of(WriteOptions.json(), PRETTY_XML);
        int threads = 8;
        int rounds = 3;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<byte[]>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Callable<List<byte[]>> task = () -> {
                    go.await();
                    List<byte[]> outputs = new ArrayList<>();
                    for (int r = 0; r < rounds; r++) {
                        for (WriteOptions o : options) {
                            for (StudyData s : studies) {
                                outputs.add(write(fresh, s, o));
                            }
                            outputs.add(writeBundle(fresh, studies, o));
                        }
                    }
                    return outputs;
                };
                results.add(pool.submit(task));
            }
            go.countDown();
            List<byte[]> expected = new ArrayList<>();
            for (WriteOptions o : options) {
                for (StudyData s : studies) {
                    expected.add(write(writer, s, o));
                }
                expected.add(writeBundle(writer, studies, o));
            }
            for (Future<List<byte[]>> result : results) {
                List<byte[]> outputs = result.get(5, TimeUnit.MINUTES);
                for (int i = 0; i < outputs.size(); i++) {
                    assertThat(outputs.get(i)).as("output %d of a thread", i)
                            .isEqualTo(expected.get(i % expected.size()));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // ---------------------------------------------------------------- helpers

    private static byte[] write(FhirWriter writer, StudyData study, WriteOptions options) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.write(study, out, options);
        return out.toByteArray();
    }

    private static byte[] writeBundle(FhirWriter writer, List<StudyData> studies, WriteOptions options)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.writeBundle(studies, out, options);
        return out.toByteArray();
    }

    private static byte[] writeTransaction(FhirWriter writer, TransactionData tx, WriteOptions options)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.writeTransaction(tx, out, options);
        return out.toByteArray();
    }

    /** The resourceType of each contained resource. */
    private static List<String> containedTypes(JsonNode resource) {
        List<String> types = new ArrayList<>();
        resource.path("contained").forEach(c -> types.add(c.path("resourceType").asText()));
        return types;
    }

    /** Replaces every {@code reference} of value {@code from} in the tree; returns how many. */
    private static int replaceReferences(JsonNode node, String from, String to) {
        int replaced = 0;
        if (node instanceof ObjectNode object) {
            if (from.equals(object.path("reference").asText(null))) {
                object.set("reference", TextNode.valueOf(to));
                replaced++;
            }
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                replaced += replaceReferences(field.getValue(), from, to);
            }
        } else if (node instanceof ArrayNode array) {
            for (JsonNode item : array) {
                replaced += replaceReferences(item, from, to);
            }
        }
        return replaced;
    }

    /** Compact and pretty JSON both equal the golden as trees; compact is one line, pretty is not. */
    private static void assertGoldenInBothLayouts(JsonNode golden, byte[] compact, byte[] pretty, String what) {
        assertSameTree(golden, JsonTrees.read(compact), "compact JSON of " + what);
        assertSameTree(golden, JsonTrees.read(pretty), "pretty JSON of " + what);
        assertThat(text(compact)).as("compact JSON is one line").doesNotContain("\n");
        assertThat(text(pretty)).as("pretty JSON has line breaks").contains("\n");
    }

    private static void assertSameTree(JsonNode expected, JsonNode actual, String what) {
        assertThat(JsonTrees.differences(expected, actual, 20)).as("differences from the golden in %s", what)
                .isEmpty();
    }

    private static void assertXmlMatches(byte[] bytes, JsonNode json, String what) throws IOException {
        Document xml = FhirXml.parse(bytes);
        assertThat(xml.getDocumentElement().getNamespaceURI()).as("namespace of %s", what).isEqualTo(FhirXml.NAMESPACE);
        assertThat(xml.getDocumentElement().getLocalName()).as("root of %s", what)
                .isEqualTo(json.get("resourceType").asText());
        assertThat(FhirXml.resourceTypes(xml)).as("resources in %s", what).isEqualTo(FhirXml.resourceTypes(json));
        assertThat(FhirXml.values(xml)).as("values in %s", what).isEqualTo(FhirXml.values(json));
    }

    private static void assertRejected(Throwable thrown, String element, String value, String call) {
        assertThat(thrown).as("what %s throws", call).isInstanceOf(FhirWriteException.class);
        assertThat(thrown.getMessage()).as("message of %s", call)
                .isNotBlank()
                .contains(element)
                .doesNotContain(value)
                .doesNotContainIgnoringCase("secret");
    }

    private List<FhirValidator> validators() {
        List<FhirValidator> validators = ServiceLoader.load(FhirValidatorProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.releases().contains(expectedRelease()))
                .map(FhirValidatorProvider::create)
                .toList();
        Assumptions.assumeFalse(validators.isEmpty(), () -> "no FhirValidatorProvider for " + expectedRelease()
                + " on the test class path: add dicom2fhir-validator-hapi at test scope to validate the outputs");
        return validators;
    }

    private void assertValid(FhirValidator validator, byte[] resource, WriteOptions options, String what) {
        List<ValidationIssue> issues = validator.validate(resource, options.format(), expectedRelease());
        assertThat(issues.stream().filter(ValidationIssue::isError).toList())
                .as("validation errors (synthetic data) of %s:%n%s", what, text(resource))
                .isEmpty();
    }

    private static Set<String> names(JsonNode object) {
        Set<String> names = new HashSet<>();
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            names.add(field.getKey());
        }
        return names;
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static String strictUtf8(byte[] bytes, String what) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new AssertionError(what + " is not valid UTF-8", e);
        }
    }

    private static List<Throwable> causes(Throwable thrown) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = thrown; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** Records what a writer does to the caller's stream. */
    static final class RecordingStream extends ByteArrayOutputStream {
        volatile boolean closed;
        volatile int flushes;

        @Override
        public void flush() {
            flushes++;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** Fails after some bytes, like a full disk; the same exception every time. */
    static final class FailingStream extends OutputStream {
        private int budget;
        final IOException failure = new IOException("disk full (test stream)");

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

        @Override
        public void flush() throws IOException {
            if (budget < 0) {
                throw failure;
            }
        }
    }
}
