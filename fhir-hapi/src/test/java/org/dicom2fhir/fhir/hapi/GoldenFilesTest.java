package org.dicom2fhir.fhir.hapi;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.dicom2fhir.api.spi.FhirRelease;
import org.dicom2fhir.api.spi.FhirWriter;
import org.dicom2fhir.api.spi.WriteOptions;
import org.dicom2fhir.testkit.contract.JsonTrees;
import org.dicom2fhir.testkit.contract.NeutralStudies;
import org.dicom2fhir.testkit.contract.NeutralTransactions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Writes the contract's goldens from this module's writers, for a new or changed fixture:
 * {@code -Ddicom2fhir.goldens=<testkit>/src/main/resources/org/dicom2fhir/testkit/contract/golden}.
 * Off otherwise. Whatever it writes is the reference of every writer: read the diff against the FHIR
 * specification before committing it.
 */
class GoldenFilesTest {
    static final String PROPERTY = "dicom2fhir.goldens";

    /** The goldens' layout (as Python's {@code json.dumps(indent=2, ensure_ascii=False)}), not HAPI's. */
    private static final ObjectWriter LAYOUT = new ObjectMapper().writer(new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"))
            .withSeparators(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)));

    @Test
    @EnabledIfSystemProperty(named = PROPERTY, matches = ".+")
    void writeGoldens() throws IOException {
        Path root = Path.of(System.getProperty(PROPERTY));
        Map<FhirRelease, FhirWriter> writers = Map.of(FhirRelease.R4, new HapiR4WriterProvider().create(),
                FhirRelease.R5, new HapiR5WriterProvider().create());
        for (Map.Entry<FhirRelease, FhirWriter> writer : writers.entrySet()) {
            Path dir = root.resolve(writer.getKey().name().toLowerCase(Locale.ROOT));
            Files.createDirectories(dir);
            for (NeutralStudies.Named study : Stream.concat(NeutralStudies.all().stream(),
                    NeutralStudies.referencing().stream()).toList()) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                writer.getValue().write(study.study(), out, WriteOptions.json());
                write(dir.resolve(study.name() + ".json"), out);
            }
            for (NeutralTransactions.Named tx : NeutralTransactions.all()) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                writer.getValue().writeTransaction(tx.transaction(), out, WriteOptions.json());
                write(dir.resolve(tx.golden() + ".json"), out);
            }
        }
    }

    private static void write(Path file, ByteArrayOutputStream json) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, LAYOUT.writeValueAsString(JsonTrees.read(json.toByteArray())) + "\n");
    }
}
