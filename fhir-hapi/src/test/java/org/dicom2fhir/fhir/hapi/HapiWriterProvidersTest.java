package org.dicom2fhir.fhir.hapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.ServiceLoader;
import org.dicom2fhir.api.spi.FhirRelease;
import org.dicom2fhir.api.spi.FhirWriter;
import org.dicom2fhir.api.spi.FhirWriterProvider;
import org.junit.jupiter.api.Test;

/** What the contract cannot know: this module's two names, the default, and HAPI's version. */
class HapiWriterProvidersTest {
    @Test
    void theModuleRegistersHapiForR4AsTheDefaultAndHapiR5() {
        List<FhirWriterProvider> providers = ServiceLoader.load(FhirWriterProvider.class).stream()
                .map(ServiceLoader.Provider::get).toList();
        assertThat(providers).extracting(FhirWriterProvider::name)
                .containsExactlyInAnyOrder(FhirWriterProvider.DEFAULT_NAME, "hapi-r5");
        assertThat(providers).filteredOn(p -> p.name().equals(FhirWriterProvider.DEFAULT_NAME)).singleElement()
                .isInstanceOf(HapiR4WriterProvider.class)
                .satisfies(p -> assertThat(p.release()).isEqualTo(FhirRelease.R4));
        assertThat(providers).filteredOn(p -> p.name().equals("hapi-r5")).singleElement()
                .isInstanceOf(HapiR5WriterProvider.class)
                .satisfies(p -> assertThat(p.nativeResourceClassName()).isEqualTo("org.hl7.fhir.r5.model.ImagingStudy"));
    }

    @Test
    void descriptionsNameHapiFhirItsVersionAndTheRelease() {
        assertThat(new HapiR4WriterProvider().description()).startsWith("HAPI FHIR 8.8.0").contains("R4 (4.0.1)");
        assertThat(new HapiR5WriterProvider().description()).startsWith("HAPI FHIR 8.8.0").contains("R5 (5.0.0)");
    }

    @Test
    void writersOfAReleaseShareOneContext() {
        AsyncFhirContext r5 = contextOf(new HapiR5WriterProvider().create());
        assertThat(contextOf(new HapiR5WriterProvider().create())).isSameAs(r5);
        AsyncFhirContext r4 = contextOf(new HapiR4WriterProvider().create());
        assertThat(contextOf(new HapiR4WriterProvider().create())).isSameAs(r4);
        assertThat(r4).isNotSameAs(r5);
        assertThat(r4.get().getVersion().getVersion().getFhirVersionString()).isEqualTo("4.0.1");
        assertThat(r5.get().getVersion().getVersion().getFhirVersionString()).startsWith("5.0");
    }

    private static AsyncFhirContext contextOf(FhirWriter writer) {
        return ((HapiWriter<?, ?>) writer).context();
    }
}
