package org.dicom2fhir.reader.pixelmed;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.dicom2fhir.api.dicom.ReadOptions;
import org.dicom2fhir.api.spi.DicomReader;
import org.dicom2fhir.core.BackendInfo;
import org.dicom2fhir.core.Backends;
import org.dicom2fhir.core.ConversionResult;
import org.dicom2fhir.core.Converter;
import org.dicom2fhir.testkit.Fixtures;
import org.dicom2fhir.testkit.TransferSyntax;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reader reaches users the way the CLI finds it: through core's backend discovery, by name. */
class BackendDiscoveryTest {
    @Test
    void coreListsThePixelmedReaderWithItsLibraryAndVersion() {
        Backends backends = Backends.discover();
        assertThat(backends.readers()).extracting(BackendInfo::name).contains("part10", "pixelmed");
        assertThat(backends.readers()).filteredOn(r -> r.name().equals("pixelmed")).singleElement()
                .satisfies(r -> assertThat(r.description()).startsWith("PixelMed toolkit 20"));
        assertThat(backends.loadFailures()).isEmpty();
    }

    @Test
    void selectedByNameItReadsAndConverts(@TempDir Path dir) throws Exception {
        DicomReader reader = Backends.discover().reader("pixelmed");
        assertThat(reader).isInstanceOf(PixelmedReader.class);
        assertThat(reader.read(Fixtures.valid(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN), ReadOptions.defaults())
                .dataSet().size()).isPositive();

        Files.write(dir.resolve("one.dcm"), Fixtures.valid(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN));
        Converter converter = Converter.builder().reader("pixelmed").writer("hapi").build();
        assertThat(converter.reader()).isInstanceOf(PixelmedReader.class);
        ConversionResult result = converter.convert(dir);
        assertThat(result.report().totals().included()).isEqualTo(1);
    }

    @Test
    void theSystemPropertySelectsItToo() {
        String before = System.getProperty("dicom2fhir.reader");
        System.setProperty("dicom2fhir.reader", "pixelmed");
        try {
            assertThat(Backends.discover().reader(null)).isInstanceOf(PixelmedReader.class);
        } finally {
            if (before == null) {
                System.clearProperty("dicom2fhir.reader");
            } else {
                System.setProperty("dicom2fhir.reader", before);
            }
        }
    }
}
