package org.dicom2fhir.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * One short pass of every benchmark on a 100-instance study, in this JVM: each must run and give a
 * score. No timing is asserted (machines are noisy); the figures belong in README.md. Benchmarks that
 * need Spark or archives of more than 10,000 files are left out (the pom's benchmarks.smoke.exclude:
 * the package org.dicom2fhir.benchmarks.heavy) and run by their own scripts.
 */
class BenchmarksSmokeTest {
    /** The pom's exclusion, as a JMH regular expression over benchmark names. */
    private static String smokeExclude() {
        String exclude = System.getProperty("dicom2fhir.bench.smoke.exclude", "");
        assertThat(exclude).as("system property dicom2fhir.bench.smoke.exclude (set by the benchmarks pom)").isNotBlank();
        return exclude;
    }

    @Test
    void exclusionCoversTheHeavyPackageOnly() {
        java.util.regex.Pattern exclude = java.util.regex.Pattern.compile(smokeExclude());
        assertThat(exclude.matcher("org.dicom2fhir.benchmarks.heavy.SparkLocalBenchmark.batch").find()).isTrue();
        assertThat(exclude.matcher("org.dicom2fhir.benchmarks.heavy.archive.ArchiveBenchmark.ndjson").find()).isTrue();
        assertThat(exclude.matcher("org.dicom2fhir.benchmarks.ReaderBenchmark.readHeader").find()).isFalse();
        assertThat(exclude.matcher("org.dicom2fhir.benchmarks.EndToEndBenchmark.folderToJson").find()).isFalse();
    }

    @TempDir
    Path cache;

    @AfterEach
    void clearProperty() {
        System.clearProperty(StudyFolders.DIR_PROPERTY);
    }

    @Test
    void everyBenchmarkRunsOnceAndGivesAScore() throws RunnerException {
        System.setProperty(StudyFolders.DIR_PROPERTY, cache.toString());
        Options options = new OptionsBuilder()
                .include(BenchmarksSmokeTest.class.getPackageName() + "\\.")
                .exclude(smokeExclude())
                .param("shape", "100")
                .param("archive", "4x25")
                // ColdCacheBenchmark: no drop (it needs root and would evict the whole machine's cache
                // in the middle of a build), one serial and one concurrent pass
                .param("cache", "warm")
                .param("ioThreads", "1", "8")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(200))
                .shouldFailOnError(true)
                .verbosity(org.openjdk.jmh.runner.options.VerboseMode.SILENT)
                .build();

        Collection<RunResult> results = new Runner(options).run();

        Map<String, Integer> runsPerMethod = new TreeMap<>();
        for (RunResult r : results) {
            String method = r.getParams().getBenchmark();
            runsPerMethod.merge(method.substring(method.lastIndexOf('.', method.lastIndexOf('.') - 1) + 1), 1, Integer::sum);
            assertThat(r.getPrimaryResult().getScore()).as(method).isPositive();
        }
        // one run per method and parameter combination: three writers where a writer is a parameter
        assertThat(runsPerMethod).isEqualTo(Map.of(
                "BatchBenchmark.batchMapOnly", 2,
                "BatchBenchmark.batchToNdjson", 2,
                "BatchBenchmark.probeRead8k", 2,
                "ColdCacheBenchmark.pipelineRead", 2,
                "ColdCacheBenchmark.probeRead8k", 2,
                "EndToEndBenchmark.folderToJson", 3,
                "IoFloorBenchmark.openRead8kClose", 1,
                "MappingBenchmark.factsToStudy", 1,
                "MappingBenchmark.studyToJson", 3,
                "ReaderBenchmark.readHeader", 1));
        assertThat(StudyFolders.marker(cache.resolve(StudyShape.parse("100").folderName()))).isRegularFile();
    }

    @Test
    void generatedFolderHasTheShapesInstancesAndIsReused() {
        System.setProperty(StudyFolders.DIR_PROPERTY, cache.toString());
        StudyShape shape = StudyShape.parse("100");
        Path dir = StudyFolders.folder(shape);
        List<Path> files = StudyFolders.files(dir);
        long modified = StudyFolders.marker(dir).toFile().lastModified();

        assertThat(files).hasSize(100);
        assertThat(StudyFolders.folder(shape)).isEqualTo(dir);
        assertThat(StudyFolders.marker(dir).toFile().lastModified()).isEqualTo(modified);
    }

    @Test
    void incompleteFolderIsWrittenAgain() throws Exception {
        System.setProperty(StudyFolders.DIR_PROPERTY, cache.toString());
        StudyShape shape = StudyShape.parse("100");
        Path dir = cache.resolve(shape.folderName());
        java.nio.file.Files.createDirectories(dir.resolve("S01"));
        java.nio.file.Files.writeString(dir.resolve("S01/I0001.dcm"), "half-written");

        StudyFolders.folder(shape);

        assertThat(StudyFolders.files(dir)).hasSize(100);
        assertThat(java.nio.file.Files.size(dir.resolve("S01/I0001.dcm"))).isGreaterThan(4000);
    }
}
