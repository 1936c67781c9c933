package org.dicom2fhir.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.dicom2fhir.testkit.GeneratedArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job in Spark local mode ({@code local[2,2]}: two threads, a failed task retried once) over a generated
 * archive of a few hundred studies: the same output as batch's, with contained Patients and with Patients of
 * their own; a task that fails once is retried and the output is complete, without duplicates.
 */
class LocalModeTest {
    private static final int STUDIES = 300;

    @TempDir
    static Path tmp;
    private static GeneratedArchive archive;
    private static JavaSparkContext spark;

    @BeforeAll
    static void start() throws Exception {
        archive = GeneratedArchive.builder(STUDIES).sharedPatients(25).copiesWithinRoots().zipped()
                .writeTo(tmp.resolve("archive"));
        spark = new JavaSparkContext(new SparkConf().setMaster("local[2,2]").setAppName("LocalModeTest")
                .set("spark.ui.enabled", "false"));
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.close();
        }
    }

    private static SparkConversion job(Path out) {
        return SparkConversion.of(List.of(archive.root0().toUri(), archive.root1().toUri()), out.toUri()).partitions(4);
    }

    @Test
    void sameOutputAsBatch_everyLineValid_manifestNamesEveryFile() throws Exception {
        Path expected = Outputs.batch(archive, tmp.resolve("batch"), false);
        Path out = tmp.resolve("spark");

        SparkConversion.Summary summary = job(out).run(spark);

        Outputs.assertSameAsBatch(expected, out, true);
        assertThat(Outputs.sparkLines(out, "ImagingStudy")).hasSize(STUDIES);
        assertThat(Outputs.leftOut(Outputs.sparkLines(out, "report"))).as("files left out")
                .containsExactlyInAnyOrderElementsOf(archive.leftOut().keySet());
        JsonNode manifest = Outputs.manifest(out);
        JsonNode batchManifest = Outputs.manifest(expected);
        assertThat(manifest.path("request").asText()).isEqualTo(batchManifest.path("request").asText());
        long studies = 0;
        for (JsonNode entry : manifest.path("output")) {
            assertThat(entry.path("type").asText()).isEqualTo("ImagingStudy");
            Path file = Path.of(java.net.URI.create(entry.path("url").asText()));
            assertThat(Files.readAllLines(file)).hasSize(entry.path("count").asInt());
            studies += entry.path("count").asLong();
        }
        assertThat(studies).isEqualTo(STUDIES).isEqualTo(summary.count("ImagingStudy"));
        assertThat(manifest.toString()).doesNotContain(archive.root0().toString()).doesNotContain(archive.root1().toString());
        try (var listing = Files.list(out)) {
            assertThat(listing.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("_counts"));
        }
    }

    @Test
    void patientsOfTheirOwn_sameAsBatch_evenWhenAReadTaskFailsOnceAndIsRetried() throws Exception {
        Path expected = Outputs.batch(archive, tmp.resolve("batch-patients"), true);
        Path out = tmp.resolve("spark-patients");
        TaskAttempts listener = new TaskAttempts();
        spark.sc().addSparkListener(listener);
        try {
            job(out).patients(Outputs.ID_KEY).failOnce(tmp.resolve("failed-once"), 1).run(spark);
        } finally {
            spark.sc().removeSparkListener(listener);
        }

        assertThat(listener.failedThenRetried()).as("the failed attempt, retried").singleElement()
                .satisfies(a -> {
                    assertThat(a.partition()).isEqualTo(1);
                    assertThat(a.reason()).contains("injected failure");
                });
        Outputs.assertSameAsBatch(expected, out, true);
        assertThat(Outputs.batchLines(expected, "Patient")).hasSize(25);
        assertThat(String.join("\n", Outputs.batchLines(expected, "report"))).contains("PATIENT_CONFLICT")
                .contains("not-written");
    }

    @Test
    void aFileListInsteadOfAListing_readsTheFilesNamed_refusesALineBelowNoInput() throws Exception {
        List<String> uris = new java.util.ArrayList<>();
        try (var walk = Files.walk(archive.root0().resolve("st0000"))) {
            walk.filter(Files::isRegularFile).sorted().forEach(p -> uris.add(p.toUri().toString()));
        }
        Path list = tmp.resolve("files.txt");
        Files.writeString(list, "# the files of one study\n" + String.join("\n", uris) + "\n\n");
        List<java.net.URI> roots = List.of(archive.root0().toUri(), archive.root1().toUri());
        Path out = tmp.resolve("from-list");

        SparkConversion.of(roots, out.toUri()).fileList(list.toUri()).run(spark);

        assertThat(Outputs.sparkLines(out, "ImagingStudy")).singleElement()
                .satisfies(line -> assertThat(line).contains("\"numberOfInstances\":" + uris.size()));
        assertThat(Outputs.sparkLines(out, "report")).singleElement()
                .satisfies(line -> assertThat(line).contains("\"outcome\":\"converted\""));

        Files.writeString(list, uris.get(0) + "\n" + tmp.resolve("Elsewhere^Name.dcm").toUri() + "\n");
        SparkConversion outside = SparkConversion.of(roots, tmp.resolve("from-bad-list").toUri())
                .fileList(list.toUri());
        assertThatThrownBy(() -> outside.run(spark)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 2").hasMessageNotContaining("Elsewhere");
    }

    @Test
    void anExistingOutputIsRefused_unlessOverwriting() throws Exception {
        Path out = tmp.resolve("existing");
        Files.createDirectories(out);
        Files.writeString(out.resolve("keep.txt"), "earlier run");
        SparkConversion job = SparkConversion.of(List.of(archive.root0().resolve("st0000").toUri()), out.toUri());

        assertThatThrownBy(() -> job.run(spark)).isInstanceOf(SparkConversion.OutputExistsException.class)
                .hasMessageContaining("--overwrite");
        assertThat(out.resolve("keep.txt")).exists();

        job.overwrite(true).run(spark);
        assertThat(out.resolve("keep.txt")).doesNotExist();
        assertThat(Outputs.sparkLines(out, "ImagingStudy")).hasSize(1);
    }

    @Test
    void copiesOfAnInstanceInTwoStudies_keepTheFirstArchiveWide_asBatchDoes() throws Exception {
        // the same seed with another Study UID gives the same series and SOP Instance UIDs in another study
        Path r0 = tmp.resolve("across/r0");
        Path r1 = tmp.resolve("across/r1");
        org.dicom2fhir.testkit.StudyGenerator.builder().seed(77).series(1).instancesPerSeries(2).noPixelData().build()
                .writeTo(r0.resolve("a"));
        org.dicom2fhir.testkit.StudyGenerator.builder().seed(77).series(1).instancesPerSeries(2).noPixelData()
                .studyInstanceUid("2.25.7700001").build().writeTo(r0.resolve("b"));
        List<Path> y = org.dicom2fhir.testkit.StudyGenerator.builder().seed(79).series(2).instancesPerSeries(2)
                .noPixelData().build().writeTo(r0.resolve("y"));
        org.dicom2fhir.testkit.StudyGenerator.builder().seed(79).series(2).instancesPerSeries(2).noPixelData()
                .studyInstanceUid("2.25.7900001").build().writeTo(r1.resolve("z"));
        // y keeps its first series only: z keeps the second series, its first is y's
        y.stream().filter(p -> p.toString().contains("S02")).forEach(p -> p.toFile().delete());

        org.dicom2fhir.core.Converter converter = org.dicom2fhir.core.Converter.builder().reader("part10")
                .writer("hapi").build();
        Path expected = tmp.resolve("across-batch");
        org.dicom2fhir.batch.BatchConverter.create(converter, List.of(r0, r1), tmp.resolve("across-state"))
                .run(new org.dicom2fhir.batch.NdjsonOutput(expected, converter.writer()));
        Path out = tmp.resolve("across-spark");
        SparkConversion.of(List.of(r0.toUri(), r1.toUri()), out.toUri()).partitions(3).run(spark);

        Outputs.assertSameAsBatch(expected, out, true);
        assertThat(Outputs.sparkLines(out, "ImagingStudy")).as("b lost every instance to a; y and z are left")
                .hasSize(3).noneMatch(line -> line.contains("2.25.7700001"));
        assertThat(Outputs.leftOut(Outputs.sparkLines(out, "report"))).hasSize(4);
    }

    @Test
    void anArchiveWithoutAStudy_givesAnEmptyImagingStudyFileInTheManifest_asBatchDoes() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("no-study/r0"));
        Files.writeString(root.resolve("notes.txt"), "not DICOM");
        org.dicom2fhir.core.Converter converter = org.dicom2fhir.core.Converter.builder().reader("part10")
                .writer("hapi").build();
        Path expected = tmp.resolve("no-study-batch");
        org.dicom2fhir.batch.BatchConverter.create(converter, List.of(root), tmp.resolve("no-study-state"))
                .run(new org.dicom2fhir.batch.NdjsonOutput(expected, converter.writer()));
        Path out = tmp.resolve("no-study-spark");
        SparkConversion.of(List.of(root.toUri()), out.toUri()).run(spark);

        JsonNode manifest = Outputs.manifest(out);
        JsonNode batchManifest = Outputs.manifest(expected);
        assertThat(manifest.path("output")).hasSize(batchManifest.path("output").size()).singleElement()
                .satisfies(entry -> {
                    assertThat(entry.path("type").asText()).isEqualTo("ImagingStudy");
                    assertThat(entry.path("count").asInt()).isZero();
                    assertThat(Files.readAllBytes(Path.of(java.net.URI.create(entry.path("url").asText())))).isEmpty();
                });
        Outputs.assertSameAsBatch(expected, out, false);
    }
}
