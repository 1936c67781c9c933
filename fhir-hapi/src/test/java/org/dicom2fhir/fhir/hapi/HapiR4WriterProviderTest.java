package org.dicom2fhir.fhir.hapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.ServiceLoader;
import org.dicom2fhir.api.spi.BackendOptions;
import org.dicom2fhir.api.spi.FhirRelease;
import org.dicom2fhir.api.spi.FhirWriterProvider;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.junit.jupiter.api.Test;

class HapiR4WriterProviderTest {
    @Test
    void isFoundByTheServiceLoaderAsTheDefaultWriter() {
        List<FhirWriterProvider> providers = ServiceLoader.load(FhirWriterProvider.class).stream()
                .map(ServiceLoader.Provider::get).toList();
        assertThat(providers).singleElement().isInstanceOf(HapiR4WriterProvider.class);
        FhirWriterProvider provider = providers.get(0);
        assertThat(provider.name()).isEqualTo(FhirWriterProvider.DEFAULT_NAME).isEqualTo("hapi");
        assertThat(provider.release()).isEqualTo(FhirRelease.R4);
        assertThat(provider.nativeResourceClassName()).isEqualTo(ImagingStudy.class.getName());
    }

    @Test
    void descriptionNamesHapiFhirAndItsVersion() {
        assertThat(new HapiR4WriterProvider().description()).startsWith("HAPI FHIR 8.8.0").contains("R4");
    }

    @Test
    void createsAnR4Writer() {
        var writer = new HapiR4WriterProvider().create(BackendOptions.empty());
        assertThat(writer.nativeResourceType()).isEqualTo(ImagingStudy.class);
        assertThat(writer.release()).isEqualTo(FhirRelease.R4);
    }
}
