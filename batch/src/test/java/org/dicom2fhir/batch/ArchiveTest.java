package org.dicom2fhir.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.dicom2fhir.api.spi.FhirRelease;
import org.dicom2fhir.api.spi.FhirValidator;
import org.dicom2fhir.api.spi.OutputFormat;
import org.dicom2fhir.api.spi.ValidationIssue;
import org.dicom2fhir.core.Backends;
import org.dicom2fhir.core.Converter;
import org.dicom2fhir.testkit.GeneratedArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated archive of two roots in which studies span folders and roots, folders hold several studies, instances
 * are copied across roots and some files are damaged or no DICOM at all: every study comes out once with the right
 * series and instance counts, every line validates, and the report names every file left out with its reason.
 */
class ArchiveTest {
    private static final int STUDIES = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    private static Path r0;
    private static Path r1;
    /** Study UID -> {series, instances} expected. */
    private static Map<String, int[]> EXPECTED;
    /** "root:path" -> reason expected in the report. */
    private static Map<String, String> LEFT_OUT;

    @BeforeAll
    static void writeArchive() throws IOException {
        GeneratedArchive archive = GeneratedArchive.builder(STUDIES).writeTo(tmp);
        r0 = archive.root0();
        r1 = archive.root1();
        EXPECTED = archive.studies();
        LEFT_OUT = archive.leftOut();
    }

    private static Converter converter() {
        return Converter.builder().reader("part10").writer("hapi").build();
    }

    private static BatchSummary convert(Path out, Path work) throws IOException {
        return convert(out, work, FactStoreBudgets.UNLIMITED);
    }

    private static BatchSummary convert(Path out, Path work, long memoryBudget) throws IOException {
        Converter converter = converter();
        return BatchConverter.create(converter, List.of(r0, r1), work).memoryBudget(memoryBudget)
                .run(new NdjsonOutput(out, converter.writer()));
    }

    @Test
    void everyStudyOnce_withItsSeriesAndInstances_everyLineValid_everyFileLeftOutReported() throws Exception {
        Path out = tmp.resolve("out");
        BatchSummary summary = convert(out, tmp.resolve("work"));

        List<String> lines = Files.readAllLines(out.resolve(NdjsonOutput.STUDIES), StandardCharsets.UTF_8);
        assertThat(lines).hasSize(STUDIES);
        FhirValidator validator = Backends.discover().validator(null);
        Map<String, int[]> seen = new TreeMap<>();
        List<String> uidsInOrder = new ArrayList<>();
        for (String line : lines) {
            JsonNode study = JSON.readTree(line);
            String uid = null;
            for (JsonNode identifier : study.path("identifier")) {
                if (identifier.path("system").asText().equals("urn:dicom:uid")) {
                    uid = identifier.path("value").asText().replace("urn:oid:", "");
                }
            }
            uidsInOrder.add(uid);
            seen.put(uid, new int[] {study.path("numberOfSeries").asInt(), study.path("numberOfInstances").asInt()});
            List<ValidationIssue> errors = validator.validate(line.getBytes(StandardCharsets.UTF_8), OutputFormat.JSON,
                    FhirRelease.R4).stream().filter(ValidationIssue::isError).toList();
            assertThat(errors).as("validation of study %s", uid).isEmpty();
        }
        assertThat(uidsInOrder).as("Study UID order").isSorted();
        assertThat(seen.keySet()).containsExactlyElementsOf(EXPECTED.keySet());
        seen.forEach((uid, counts) -> assertThat(counts).as(uid).containsExactly(EXPECTED.get(uid)));

        Map<String, String> reported = new HashMap<>();
        int studyLines = 0;
        for (String line : Files.readAllLines(out.resolve(NdjsonOutput.REPORT), StandardCharsets.UTF_8)) {
            JsonNode entry = JSON.readTree(line);
            if (entry.has("studyInstanceUid")) {
                studyLines++;
                assertThat(entry.path("outcome").asText()).isEqualTo("converted");
            } else {
                String key = entry.path("root").asInt() + ":" + entry.path("path").asText();
                reported.put(key, entry.path("reason").asText() + "/" + entry.path("disposition").asText());
            }
        }
        assertThat(studyLines).isEqualTo(STUDIES);
        assertThat(reported.keySet()).containsExactlyInAnyOrderElementsOf(LEFT_OUT.keySet());
        LEFT_OUT.forEach((key, expected) -> assertThat(reported.get(key)).as(key).contains(expected));
        assertThat(summary.studies()).isEqualTo(STUDIES);
        assertThat(summary.duplicates()).isEqualTo(LEFT_OUT.values().stream().filter("DUPLICATE_INSTANCE"::equals)
                .count());

        JsonNode manifest = JSON.readTree(out.resolve(NdjsonOutput.MANIFEST).toFile());
        assertThat(manifest.path("request").asText()).isEqualTo("urn:dicom2fhir:batch");
        assertThat(manifest.path("output").get(0).path("count").asInt()).isEqualTo(STUDIES);
        assertThat(manifest.toString()).doesNotContain(r0.toString()).doesNotContain(r1.toString());
        try (var listing = Files.list(out)) {
            assertThat(listing.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".partial"));
        }
    }

    @Test
    void twoRunsOverTheSameArchive_giveByteIdenticalFiles_whetherTheFactsStayInMemoryOrGoToTheStore() throws Exception {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        convert(a, tmp.resolve("work-a"));
        // spilled to the store every ~20 instances: copies across roots meet across the two tiers
        convert(b, tmp.resolve("work-b"), FactStoreBudgets.TWENTY_INSTANCES);
        for (String name : List.of(NdjsonOutput.STUDIES, NdjsonOutput.REPORT)) {
            assertThat(Files.readAllBytes(b.resolve(name))).as(name).isEqualTo(Files.readAllBytes(a.resolve(name)));
        }
    }
}
