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
import org.dicom2fhir.testkit.GeneratedStudy;
import org.dicom2fhir.testkit.StudyGenerator;
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
    private static final Map<String, int[]> EXPECTED = new TreeMap<>();
    /** "root:path" -> reason expected in the report. */
    private static final Map<String, String> LEFT_OUT = new TreeMap<>();

    @BeforeAll
    static void writeArchive() throws IOException {
        r0 = tmp.resolve("root0");
        r1 = tmp.resolve("root1");
        Path staging = tmp.resolve("staging");
        for (int i = 0; i < STUDIES; i++) {
            int series = 1 + i % 3;
            GeneratedStudy study = StudyGenerator.builder().seed(1000 + i).series(series).instancesPerSeries(1 + i % 2)
                    .modalities("CT", "MR", "SR").noPixelData().build();
            Path s = staging.resolve("s" + i);
            List<Path> files = study.writeTo(s);
            EXPECTED.put(study.studyInstanceUid(), new int[] {series, study.instanceCount()});
            String name = String.format("st%04d", i);
            switch (i % 5) {
                case 0 -> moveAll(s, files, r0.resolve(name), "");
                case 1 -> {
                    // one study over two roots: its first series in root 0, the others in root 1
                    for (Path f : files) {
                        Path rel = s.relativize(f);
                        Path target = (rel.startsWith("S01") ? r0 : r1).resolve("split").resolve(name).resolve(rel);
                        Files.createDirectories(target.getParent());
                        Files.move(f, target);
                    }
                }
                case 2 -> moveAll(s, files, r1.resolve("mixed-" + (i / 10)), name + "-"); // many studies a folder
                case 3 -> {
                    moveAll(s, files, r1.resolve(name), "");
                    // a copy of the first instance in root 0: root order wins, the copy in root 1 is left out
                    String firstRel = s.relativize(files.get(0)).toString().replace('\\', '/');
                    Path copy = r0.resolve("copies").resolve(name + ".dcm");
                    Files.createDirectories(copy.getParent());
                    Files.copy(r1.resolve(name).resolve(firstRel), copy);
                    LEFT_OUT.put("1:" + name + "/" + firstRel, "DUPLICATE_INSTANCE");
                }
                default -> moveAll(s, files, r0.resolve("deep/a/b").resolve(name), "");
            }
            if (i % 50 == 7) {
                Path damaged = r0.resolve("damaged").resolve(name + ".dcm");
                Files.createDirectories(damaged.getParent());
                byte[] bytes = new byte[200];
                System.arraycopy("DICM".getBytes(StandardCharsets.US_ASCII), 0, bytes, 128, 4);
                bytes[132] = 0x02; // a group 0002 element that ends mid-header
                Files.write(damaged, bytes);
                LEFT_OUT.put("0:damaged/" + name + ".dcm", "failed");
                Path notes = r1.resolve("mixed-" + (i / 10)).resolve("notes-" + i + ".txt");
                Files.createDirectories(notes.getParent());
                Files.writeString(notes, "scanned on a Tuesday\n");
                LEFT_OUT.put("1:mixed-" + (i / 10) + "/notes-" + i + ".txt", "NOT_DICOM");
            }
        }
    }

    private static void moveAll(Path from, List<Path> files, Path to, String prefix) throws IOException {
        for (Path f : files) {
            String rel = from.relativize(f).toString().replace('\\', '/');
            Path target = prefix.isEmpty() ? to.resolve(rel) : to.resolve(prefix + rel.replace('/', '-'));
            Files.createDirectories(target.getParent());
            Files.move(f, target);
        }
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
