package org.dicom2fhir.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.dicom2fhir.api.spi.FhirRelease;
import org.dicom2fhir.api.spi.FhirValidator;
import org.dicom2fhir.api.spi.OutputFormat;
import org.dicom2fhir.api.spi.ValidationIssue;
import org.dicom2fhir.batch.BatchConverter;
import org.dicom2fhir.batch.NdjsonOutput;
import org.dicom2fhir.core.Backends;
import org.dicom2fhir.core.Converter;
import org.dicom2fhir.testkit.GeneratedArchive;

/** The reference (batch's run over the same archive) and the comparison of the job's output with it. */
final class Outputs {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The Patient id key of the runs with Patients of their own. */
    static final byte[] ID_KEY = "a test key of 32 characters....".getBytes(StandardCharsets.UTF_8);
    static final String[] TYPES = {"ImagingStudy", "Patient", "OperationOutcome"};

    private Outputs() {
    }

    /** {@code dicom2fhir batch -o} over the archive, as the command runs it. */
    static Path batch(GeneratedArchive archive, Path out, boolean patients) throws IOException {
        Converter converter = Converter.builder().reader("part10").writer("hapi").build();
        BatchConverter batch = BatchConverter.create(converter, List.of(archive.root0(), archive.root1()),
                out.resolveSibling(out.getFileName() + "-state"));
        if (patients) {
            batch = batch.patients(org.dicom2fhir.batch.PatientIds.withKey(ID_KEY));
        }
        batch.run(new NdjsonOutput(out, converter.writer()));
        return out;
    }

    /** The lines of batch's file of this type (none when batch wrote no such file). */
    static List<String> batchLines(Path out, String type) throws IOException {
        Path file = out.resolve(type + ".ndjson");
        return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    }

    /** The lines of the job's part files of this type. */
    static List<String> sparkLines(Path out, String type) throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(out)) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith(type + "-part-")).sorted().toList()) {
                lines.addAll(Files.readAllLines(f, StandardCharsets.UTF_8));
            }
        }
        return lines;
    }

    /**
     * The job's output equals batch's: every resource line equal as sets (no line twice), the report's study lines
     * equal, its file lines equal on root, path, disposition and reason; every resource line valid.
     */
    static void assertSameAsBatch(Path batchOut, Path sparkOut, boolean validate) throws IOException {
        for (String type : TYPES) {
            List<String> spark = sparkLines(sparkOut, type);
            assertThat(spark).as("%s lines are distinct", type).doesNotHaveDuplicates();
            assertThat(spark).as(type).containsExactlyInAnyOrderElementsOf(batchLines(batchOut, type));
        }
        List<String> sparkReport = sparkLines(sparkOut, "report");
        assertThat(sparkReport).doesNotHaveDuplicates();
        assertThat(reportKeys(sparkReport)).containsExactlyInAnyOrderElementsOf(
                reportKeys(batchLines(batchOut, "report")));
        if (validate) {
            FhirValidator validator = Backends.discover().validator(null);
            for (String type : new String[] {"ImagingStudy", "Patient"}) {
                for (String line : sparkLines(sparkOut, type)) {
                    List<ValidationIssue> errors = validator.validate(line.getBytes(StandardCharsets.UTF_8),
                            OutputFormat.JSON, FhirRelease.R4).stream().filter(ValidationIssue::isError).toList();
                    assertThat(errors).as("validation of a %s line", type).isEmpty();
                }
            }
        }
    }

    /** Study lines whole; file lines as root, path, disposition and reason. */
    static Set<String> reportKeys(List<String> lines) throws IOException {
        Set<String> keys = new HashSet<>();
        for (String line : lines) {
            JsonNode entry = JSON.readTree(line);
            keys.add(entry.has("studyInstanceUid") ? line : entry.path("root").asInt() + "|" + entry.path("path")
                    .asText() + "|" + entry.path("disposition").asText() + "|" + entry.path("reason").asText());
        }
        return keys;
    }

    /** The "root:path" of every file line of a report. */
    static List<String> leftOut(List<String> report) throws IOException {
        List<String> keys = new ArrayList<>();
        for (String line : report) {
            JsonNode entry = JSON.readTree(line);
            if (!entry.has("studyInstanceUid")) {
                keys.add(entry.path("root").asInt() + ":" + entry.path("path").asText());
            }
        }
        return keys;
    }

    static JsonNode manifest(Path out) throws IOException {
        return JSON.readTree(out.resolve("manifest.json").toFile());
    }
}
