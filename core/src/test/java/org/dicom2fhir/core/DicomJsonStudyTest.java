package org.dicom2fhir.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.dicom2fhir.api.Disposition;
import org.dicom2fhir.api.WarningCode;
import org.dicom2fhir.api.spi.WriteOptions;
import org.dicom2fhir.testkit.Oracles;
import org.dicom2fhir.testkit.SampleStudy;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance of the DICOM JSON source: dcmtk's {@code dcm2json} output of a study gives the same
 * ImagingStudy as the Part 10 files it was made from, as one file per instance, as one array (a WADO-RS
 * metadata response) and as NDJSON; only what the JSON model cannot carry differs (docs/sources.md,
 * each difference tested by name in {@link DicomJsonDifferencesTest}). Skipped where dcmtk is absent.
 */
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class DicomJsonStudyTest {
    @TempDir
    Path tmp;

    @BeforeEach
    void needsDcm2json() {
        Oracles.assumeDcm2json();
    }

    static Converter converter(boolean split) {
        return Converter.builder().reader("part10").writer("hapi").split(split).build();
    }

    static String json(ConversionResult result) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        result.writeTo(out, WriteOptions.json());
        return out.toString(StandardCharsets.UTF_8);
    }

    static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }

    /** {@code dcm2json} of every file under {@code from}, to the same relative path plus .json; the files it could not convert. */
    static List<String> dcm2jsonTree(Path from, Path to, String... options) throws IOException {
        List<String> failed = new ArrayList<>();
        for (Path f : files(from)) {
            String rel = from.relativize(f).toString();
            Path target = to.resolve(rel + ".json");
            Files.createDirectories(target.getParent());
            if (Oracles.dcm2json(f, target, options).exitCode() != 0) {
                Files.deleteIfExists(target);
                failed.add(rel);
            }
        }
        return failed;
    }

    @Test
    void dcm2jsonFilesOfTheSampleStudyGiveTheSameImagingStudyAsItsPart10Files() throws IOException {
        Path part10 = tmp.resolve("part10");
        SampleStudy.write(part10);
        Path json = tmp.resolve("json");
        assertThat(dcm2jsonTree(part10, json)).isEmpty();

        ConversionResult fromPart10 = converter(false).convert(part10);
        ConversionResult fromJson = converter(false).convert(json);

        assertThat(json(fromJson)).isEqualTo(json(fromPart10));
        assertThat(fromJson.report().files()).hasSize(12).allSatisfy(f -> {
            assertThat(f.disposition()).isEqualTo(Disposition.INCLUDED);
            assertThat(f.path()).endsWith(".dcm.json#0");
        });
        FhirValidity.assertValid(fromJson.studies().get(0));
    }

    @Test
    void theSampleStudyAsOneArrayAndAsNdjsonGivesTheSameImagingStudy() throws IOException {
        Path part10 = tmp.resolve("part10");
        SampleStudy.write(part10);
        Path compact = tmp.resolve("compact");
        assertThat(dcm2jsonTree(part10, compact, "-fc")).isEmpty();
        List<String> instances = new ArrayList<>();
        for (Path f : files(compact)) {
            instances.add(Files.readString(f).strip());
        }
        Path array = Files.writeString(tmp.resolve("metadata.json"), "[" + String.join(",\n", instances) + "]");
        Path ndjson = Files.writeString(tmp.resolve("instances.ndjson"), String.join("\n", instances) + "\n");

        String expected = json(converter(false).convert(part10));
        ConversionResult fromArray = converter(false).convert(array);
        ConversionResult fromNdjson = converter(false).convert(ndjson);

        assertThat(json(fromArray)).isEqualTo(expected);
        assertThat(json(fromNdjson)).isEqualTo(expected);
        assertThat(fromArray.report().files()).extracting(FileReport::path)
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 12).mapToObj(i -> "metadata.json#" + i).toList());
        assertThat(fromNdjson.report().totals().included()).isEqualTo(12);
    }

    /**
     * Every pydicom test file dcm2json converts gives, as JSON, the instance its Part 10 file gives;
     * the studies of all of them together are the same ImagingStudy resources. Left out, by name: the
     * files dcm2json cannot convert, and the instances whose SOP Class only the File Meta names.
     */
    @Test
    void dcm2jsonFilesOfThePydicomTestFilesGiveTheSameStudiesAsTheirPart10Files() throws IOException {
        Path corpus = PydicomCorpusTest.copyCorpus(tmp.resolve("corpus"));
        Path json = tmp.resolve("json");
        List<String> notConverted = dcm2jsonTree(corpus, json);
        Converter converter = converter(true);
        Map<String, FileReport> part10Reports = new TreeMap<>();
        for (FileReport r : converter.convert(corpus).report().files()) {
            part10Reports.put(r.path(), r);
        }
        // the differences the JSON model makes, each tested by name in DicomJsonDifferencesTest
        List<String> differences = new ArrayList<>(notConverted);
        part10Reports.values().stream()
                .filter(r -> r.warnings().stream().anyMatch(w -> w.code() == WarningCode.SOP_CLASS_FROM_FILE_META)
                        || r.reason() == org.dicom2fhir.api.ReasonCode.DICOMDIR)
                .forEach(r -> differences.add(r.path()));
        for (String path : differences) {
            Files.deleteIfExists(corpus.resolve(path));
            Files.deleteIfExists(json.resolve(path + ".json"));
        }

        ConversionResult fromPart10 = converter.convert(corpus);
        ConversionResult fromJson = converter.convert(json);

        assertThat(json(fromJson)).isEqualTo(json(fromPart10));
        assertThat(fromJson.studies()).hasSizeGreaterThan(20).allSatisfy(FhirValidity::assertValid);
        assertThat(notConverted).as("files dcm2json cannot convert").isNotEmpty().hasSizeLessThan(part10Reports.size() / 2);
    }
}
