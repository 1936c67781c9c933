package org.dicom2fhir.fhir.hapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.dicom2fhir.api.spi.FhirRelease;
import org.dicom2fhir.api.spi.FhirWriter;
import org.dicom2fhir.api.spi.OutputFormat;
import org.dicom2fhir.api.spi.WriteOptions;
import org.dicom2fhir.testkit.contract.NeutralStudies;
import org.dicom2fhir.testkit.contract.NeutralTransactions;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The writer hands HAPI's JSON parser generators of its own (without HAPI's ObjectMapper, see HapiWriter): the
 * bytes must be exactly those of HAPI's {@code encodeResourceToString} of the same resource, compact and pretty,
 * for every neutral study, Bundle, transaction and Patient of the contract.
 */
class JsonBytesTest {
    @ParameterizedTest
    @EnumSource(value = FhirRelease.class, names = {"R4", "R5"})
    void theWritersJsonIsByteForByteHapisOwn(FhirRelease release) throws IOException {
        HapiWriter<?, ?> writer = (HapiWriter<?, ?>) (release == FhirRelease.R4 ? new HapiR4WriterProvider().create()
                : new HapiR5WriterProvider().create());
        List<NeutralStudies.Named> studies = Stream.concat(NeutralStudies.all().stream(),
                NeutralStudies.referencing().stream()).toList();
        int compared = 0;
        for (boolean pretty : new boolean[] {false, true}) {
            WriteOptions options = new WriteOptions(OutputFormat.JSON, pretty);
            for (NeutralStudies.Named study : studies) {
                assertSameBytes(writer, writer.toNative(study.study()), out -> writer.write(study.study(), out, options),
                        pretty, study.name());
                assertSameBytes(writer, writer.toNativeBundle(List.of(study.study())),
                        out -> writer.writeBundle(List.of(study.study()), out, options), pretty, study.name() + " bundle");
                compared += 2;
            }
            for (NeutralTransactions.Named tx : NeutralTransactions.all()) {
                IBaseResource bundle = release == FhirRelease.R4 ? R4Mapper.transaction(tx.transaction(), Reuse.NONE)
                        : R5Mapper.transaction(tx.transaction(), Reuse.NONE);
                assertSameBytes(writer, bundle, out -> writer.writeTransaction(tx.transaction(), out, options), pretty,
                        tx.name());
                compared++;
            }
            for (NeutralStudies.Named study : studies) {
                IBaseResource patient = release == FhirRelease.R4
                        ? R4Mapper.standalonePatient(study.study().patient(), "p1")
                        : R5Mapper.standalonePatient(study.study().patient(), "p1");
                assertSameBytes(writer, patient, out -> writer.writePatient(study.study().patient(), "p1", out, options),
                        pretty, study.name() + " patient");
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(4 * studies.size());
    }

    private interface Write {
        void to(ByteArrayOutputStream out) throws IOException;
    }

    private static void assertSameBytes(HapiWriter<?, ?> writer, IBaseResource resource, Write write, boolean pretty,
            String what) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write.to(out);
        String hapis = writer.context().get().newJsonParser().setPrettyPrint(pretty).encodeResourceToString(resource);
        assertThat(out.toString(StandardCharsets.UTF_8)).as(what + (pretty ? " pretty" : " compact")).isEqualTo(hapis);
    }
}
