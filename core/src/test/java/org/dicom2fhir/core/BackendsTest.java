package org.dicom2fhir.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.dicom2fhir.api.BackendSelectionException;
import org.dicom2fhir.api.spi.DicomReaderProvider;
import org.dicom2fhir.api.spi.FhirValidatorProvider;
import org.dicom2fhir.api.spi.FhirWriterProvider;
import org.dicom2fhir.core.TestProviders.BrokenReaderProvider;
import org.dicom2fhir.core.TestProviders.DuplicateFakeReaderProvider;
import org.dicom2fhir.core.TestProviders.FailingCreateReaderProvider;
import org.dicom2fhir.core.TestProviders.FakeReaderProvider;
import org.dicom2fhir.core.TestProviders.FakeWriterProvider;
import org.dicom2fhir.core.TestProviders.HapiNamedWriterProvider;
import org.dicom2fhir.core.TestProviders.NamedReader;
import org.dicom2fhir.core.TestProviders.OtherReaderProvider;
import org.dicom2fhir.core.TestProviders.Part10NamedReaderProvider;
import org.dicom2fhir.core.TestProviders.SecondFakeWriterProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every branch of the selection rule (architecture.md, "Selecting a backend"). */
class BackendsTest {
    @TempDir
    Path tmp;

    @AfterEach
    void clearProperties() {
        System.clearProperty("dicom2fhir.reader");
        System.clearProperty("dicom2fhir.writer");
    }

    private Backends readers(Class<?>... providers) {
        return Backends.discover(PluginLoaders.withServices(tmp, DicomReaderProvider.class, providers));
    }

    private Backends writers(Class<?>... providers) {
        return Backends.discover(PluginLoaders.withServices(tmp, FhirWriterProvider.class, providers));
    }

    private static String readerName(Object reader) {
        return ((NamedReader) reader).providerName;
    }

    @Test
    void theOnlyProviderIsChosenWithoutAName() {
        assertThat(readerName(readers(OtherReaderProvider.class).reader(null))).isEqualTo("other");
    }

    @Test
    void aRequestedNameIsChosen() {
        Backends b = readers(FakeReaderProvider.class, OtherReaderProvider.class, Part10NamedReaderProvider.class);
        assertThat(readerName(b.reader("other"))).isEqualTo("other");
        assertThat(readerName(b.reader("fake"))).isEqualTo("fake");
    }

    @Test
    void namesAreMatchedIgnoringCaseAndSpaces() {
        Backends b = readers(FakeReaderProvider.class, OtherReaderProvider.class);
        assertThat(readerName(b.reader(" Other "))).isEqualTo("other");
    }

    @Test
    void theSystemPropertyNamesTheBackendWhenNoNameIsGiven() {
        Backends b = readers(FakeReaderProvider.class, OtherReaderProvider.class, Part10NamedReaderProvider.class);
        System.setProperty("dicom2fhir.reader", "other");
        assertThat(readerName(b.reader(null))).isEqualTo("other");
        assertThat(readerName(b.reader("fake"))).as("an explicit name beats the property").isEqualTo("fake");
    }

    @Test
    void anUnknownNameInTheSystemPropertySaysWhereItCameFrom() {
        Backends b = readers(FakeReaderProvider.class);
        System.setProperty("dicom2fhir.reader", "nope");
        assertThatThrownBy(() -> b.reader(null)).isInstanceOf(BackendSelectionException.class)
                .hasMessage("No DICOM reader named \"nope\" (from the system property dicom2fhir.reader). "
                        + "Available: fake. Add the artifact that provides it to the class path.");
    }

    @Test
    void severalProvidersWithTheDefaultAmongThemGiveTheDefault() {
        Backends b = readers(FakeReaderProvider.class, Part10NamedReaderProvider.class, OtherReaderProvider.class);
        assertThat(readerName(b.reader(null))).isEqualTo("part10");
    }

    @Test
    void severalProvidersWithoutTheDefaultFailListingThem() {
        Backends b = readers(OtherReaderProvider.class, FakeReaderProvider.class);
        assertThatThrownBy(() -> b.reader(null)).isInstanceOf(BackendSelectionException.class)
                .hasMessage("Several DICOM readers found (fake, other) and none is named \"part10\". "
                        + "Choose one by name, for example with the system property dicom2fhir.reader.");
    }

    @Test
    void noProviderFailsNamingTheArtifactToAdd() {
        Backends b = Backends.discover(PluginLoaders.hidingServices());
        assertThatThrownBy(() -> b.reader(null)).isInstanceOf(BackendSelectionException.class)
                .hasMessage("No DICOM reader found. Add dicom2fhir-reader-part10 (or another DICOM reader) to the class path.");
        assertThatThrownBy(() -> b.writer(null)).isInstanceOf(BackendSelectionException.class)
                .hasMessage("No FHIR writer found. Add dicom2fhir-fhir-hapi (or another FHIR writer) to the class path.");
        assertThatThrownBy(() -> b.validator(null)).isInstanceOf(BackendSelectionException.class)
                .hasMessageContaining("dicom2fhir-validator-hapi");
    }

    @Test
    void anUnknownNameListsTheAvailableNames() {
        Backends b = writers(FakeWriterProvider.class, HapiNamedWriterProvider.class);
        assertThatThrownBy(() -> b.writer("foo")).isInstanceOf(BackendSelectionException.class)
                .hasMessage("No FHIR writer named \"foo\". Available: fakew, hapi. Add the artifact that provides it to the class path.");
    }

    @Test
    void anUnknownWellKnownNameNamesItsArtifact() {
        Backends w = writers(FakeWriterProvider.class);
        assertThatThrownBy(() -> w.writer("ibm"))
                .hasMessage("No FHIR writer named \"ibm\". Available: fakew. Add dicom2fhir-fhir-ibm to the class path.");
        assertThatThrownBy(() -> w.writer("hapi-r5")).hasMessageContaining("Add dicom2fhir-fhir-hapi to the class path.");
        Backends r = readers(FakeReaderProvider.class);
        assertThatThrownBy(() -> r.reader("pixelmed"))
                .hasMessage("No DICOM reader named \"pixelmed\". Available: fake. Add dicom2fhir-reader-pixelmed to the class path.");
        Backends none = Backends.discover(PluginLoaders.hidingServices());
        assertThatThrownBy(() -> none.reader("part10"))
                .hasMessage("No DICOM reader named \"part10\". Available: none. Add dicom2fhir-reader-part10 to the class path.");
    }

    @Test
    void aTypedRequestPicksTheWriterByItsNativeClass() {
        Backends b = writers(HapiNamedWriterProvider.class, FakeWriterProvider.class);
        FakeWriter w = (FakeWriter) Backends.createWriter(b.writerProviderFor(FakeImagingStudy.class.getName()));
        assertThat(w.name()).isEqualTo("fakew");
        assertThat(b.writerProviderFor("org.example.OtherImagingStudy").name()).isEqualTo("hapi");
    }

    @Test
    void aTypedRequestNobodyServesFailsClearly() {
        Backends b = writers(FakeWriterProvider.class);
        assertThatThrownBy(() -> b.writerProviderFor("org.hl7.fhir.r4.model.ImagingStudy"))
                .isInstanceOf(BackendSelectionException.class)
                .hasMessage("No FHIR writer for org.hl7.fhir.r4.model.ImagingStudy. Available: fakew ("
                        + FakeImagingStudy.class.getName() + "). Add dicom2fhir-fhir-hapi to the class path.");
        assertThatThrownBy(() -> b.writerProviderFor("com.ibm.fhir.model.resource.ImagingStudy"))
                .hasMessageEndingWith("Add dicom2fhir-fhir-ibm to the class path.");
        assertThatThrownBy(() -> b.writerProviderFor("org.example.Nothing"))
                .hasMessageEndingWith("Add the artifact of such a FHIR writer to the class path.");
    }

    @Test
    void aTypedRequestServedByTwoWritersWithoutTheDefaultFails() {
        Backends b = writers(FakeWriterProvider.class, SecondFakeWriterProvider.class);
        assertThatThrownBy(() -> b.writerProviderFor(FakeImagingStudy.class.getName()))
                .isInstanceOf(BackendSelectionException.class)
                .hasMessage("Several FHIR writers for " + FakeImagingStudy.class.getName()
                        + " (fakew, fakew2). Choose one by name.");
    }

    @Test
    void twoProvidersWithTheSameNameFailAtDiscoveryNamingBothClasses() {
        Backends b = readers(FakeReaderProvider.class, DuplicateFakeReaderProvider.class);
        assertThatThrownBy(b::readers).isInstanceOf(BackendSelectionException.class)
                .hasMessageContaining("Two DICOM readers are named \"fake\"")
                .hasMessageContaining(FakeReaderProvider.class.getName())
                .hasMessageContaining(DuplicateFakeReaderProvider.class.getName());
        assertThatThrownBy(() -> b.reader("fake")).isInstanceOf(BackendSelectionException.class);
    }

    @Test
    void aProviderThatFailsToLoadIsReportedWithItsCause() {
        Backends b = readers(BrokenReaderProvider.class, FakeReaderProvider.class);
        assertThat(readerName(b.reader(null))).as("the loadable one still serves").isEqualTo("fake");
        assertThatThrownBy(() -> b.reader("broken")).isInstanceOf(BackendSelectionException.class)
                .hasMessageStartingWith("No DICOM reader named \"broken\". Available: fake.")
                .hasMessageContaining("one DICOM reader provider failed to load")
                .hasMessageContaining(BrokenReaderProvider.class.getName())
                .hasMessageContaining("boom from the constructor")
                .hasRootCauseMessage("boom from the constructor");
        assertThat(b.loadFailures()).singleElement().asString()
                .startsWith("A DICOM reader failed to load: ")
                .contains("boom from the constructor");
    }

    @Test
    void aListedClassThatDoesNotExistIsReported() {
        Backends b = Backends.discover(PluginLoaders.withServices(tmp,
                Map.of(DicomReaderProvider.class, List.of("org.example.NoSuchProvider"))));
        assertThatThrownBy(() -> b.reader(null)).isInstanceOf(BackendSelectionException.class)
                .hasMessageStartingWith("No DICOM reader found.")
                .hasMessageContaining("org.example.NoSuchProvider");
    }

    @Test
    void aProviderFailingToCreateItsBackendIsReported() {
        Backends b = readers(FailingCreateReaderProvider.class);
        assertThatThrownBy(() -> b.reader(null)).isInstanceOf(BackendSelectionException.class)
                .hasMessageContaining("The DICOM reader \"failing\"")
                .hasMessageContaining("failed to start")
                .hasRootCauseMessage("native library missing");
    }

    @Test
    void listingsDescribeEveryProvider() {
        Backends b = Backends.discover(PluginLoaders.withServices(tmp, Map.of(
                DicomReaderProvider.class, List.of(OtherReaderProvider.class.getName(), FakeReaderProvider.class.getName()),
                FhirWriterProvider.class, List.of(FakeWriterProvider.class.getName()))));
        assertThat(b.readers()).containsExactly(
                new BackendInfo("reader", "fake", "test reader fake 1.0", null),
                new BackendInfo("reader", "other", "test reader other 1.0", null));
        assertThat(b.writers()).containsExactly(new BackendInfo("writer", "fakew", "test writer fakew 1.0", java.util.Set.of(org.dicom2fhir.api.spi.FhirRelease.R4)));
        assertThat(b.validators()).isEmpty();
        assertThat(b.loadFailures()).isEmpty();
    }

    @Test
    void anExplicitInstanceWinsOverNamesAndProperties() throws Exception {
        System.setProperty("dicom2fhir.reader", "nope");
        System.setProperty("dicom2fhir.writer", "nope");
        FakeReader reader = new FakeReader();
        FhirWriterProvider writer = new TestProviders.FakeWriterProvider();
        // the loader would fail on duplicate names if it were ever asked
        ClassLoader duplicates = PluginLoaders.withServices(tmp, DicomReaderProvider.class,
                FakeReaderProvider.class, DuplicateFakeReaderProvider.class);
        Converter c = Converter.builder().classLoader(duplicates)
                .reader("nope").reader(reader).writer(writer).writer("nope").writerFor(Object.class).build();
        assertThat(c.reader()).isSameAs(reader);
        assertThat(c.writerProvider()).isSameAs(writer);
        assertThat(c.writer()).isInstanceOf(FakeWriter.class);
        Path dir = Files.createDirectories(tmp.resolve("study"));
        Files.writeString(dir.resolve("a"), FakeReader.instance("1.2.3", "1.2.3.1", "1.2.3.1.1"));
        assertThat(c.convert(dir).resource()).isInstanceOf(FakeImagingStudy.class);
        assertThat(reader.reads).hasValue(1);
    }

    @Test
    void theBuilderSelectsThroughTheGivenClassLoader() {
        ClassLoader loader = PluginLoaders.withServices(tmp, Map.of(
                DicomReaderProvider.class, List.of(OtherReaderProvider.class.getName(), FakeReaderProvider.class.getName()),
                FhirWriterProvider.class, List.of(FakeWriterProvider.class.getName(), HapiNamedWriterProvider.class.getName())));
        Converter byName = Converter.builder().classLoader(loader).reader("other").writer("fakew").build();
        assertThat(readerName(byName.reader())).isEqualTo("other");
        assertThat(((FakeWriter) byName.writer()).name()).isEqualTo("fakew");
        Converter typed = Converter.builder().classLoader(loader).reader("fake").writerFor(FakeImagingStudy.class).build();
        assertThat(((FakeWriter) typed.writer()).name()).isEqualTo("fakew");
        Converter byDefault = Converter.builder().classLoader(loader).reader("fake").build();
        assertThat(((FakeWriter) byDefault.writer()).name()).as("hapi is the default writer name").isEqualTo("hapi");
        System.setProperty("dicom2fhir.writer", "fakew");
        Converter byProperty = Converter.builder().classLoader(loader).reader("fake").build();
        assertThat(((FakeWriter) byProperty.writer()).name()).isEqualTo("fakew");
        assertThatThrownBy(() -> Converter.builder().classLoader(loader).build())
                .isInstanceOf(BackendSelectionException.class)
                .hasMessageStartingWith("Several DICOM readers found (fake, other)");
    }

    @Test
    void validatorsAreDiscoveredToo() {
        Backends b = Backends.discover(PluginLoaders.withServices(tmp,
                Map.of(FhirValidatorProvider.class, List.of("org.example.MissingValidator"))));
        assertThat(b.validators()).isEmpty();
        assertThat(b.loadFailures()).singleElement().asString().contains("FHIR validator").contains("org.example.MissingValidator");
    }
}
