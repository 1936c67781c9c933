package org.dicom2fhir.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dicom2fhir.testkit.StudyGenerator;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code dicom2fhir-spark} launcher as a user runs it, in Spark local mode with plain java: after packaging
 * (the job jar and the launcher's class path files), with {@code DICOM2FHIR_NO_BUILD=1} so that it never starts a
 * build from inside the test run.
 */
class SparkLauncherTest {
    @TempDir
    Path tmp;

    private static Path launcher() {
        Path launcher = Path.of(System.getProperty("spark.job.jar")).toAbsolutePath().getParent().getParent()
                .getParent().resolve("dicom2fhir-spark");
        Assumptions.assumeTrue(Files.isExecutable(launcher), "the launcher script is missing");
        return launcher;
    }

    private Process run(Path err, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(launcher().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(tmp.toFile())
                .redirectOutput(tmp.resolve("stdout.txt").toFile()).redirectError(err.toFile());
        builder.environment().put("DICOM2FHIR_NO_BUILD", "1");
        builder.environment().put("DICOM2FHIR_SPARK_JAVA_OPTS", "-Xmx512m");
        Process process = builder.start();
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("the launcher finished").isTrue();
        return process;
    }

    @Test
    void localModeOneLiner_writesTheOutput_thenRefusesToWriteOverIt() throws Exception {
        Path input = tmp.resolve("in");
        for (int i = 0; i < 3; i++) {
            StudyGenerator.builder().seed(70 + i).series(2).instancesPerSeries(2).noPixelData().build()
                    .writeTo(input.resolve("s" + i));
        }
        Path err = tmp.resolve("err.txt");

        Process first = run(err, "--master", "local[2]", "-o", "out", "in");

        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        assertThat(first.exitValue()).as(stderr).isZero();
        assertThat(stderr).contains("3 studies written");
        assertThat(Files.readString(tmp.resolve("stdout.txt"))).isEmpty();
        assertThat(Outputs.sparkLines(tmp.resolve("out"), "ImagingStudy")).hasSize(3);
        int listed = 0;
        for (var entry : Outputs.manifest(tmp.resolve("out")).path("output")) {
            listed += entry.path("count").asInt(); // one entry per part file
        }
        assertThat(listed).isEqualTo(3);

        Process again = run(err, "--master", "local[2]", "-o", "out", "in");
        assertThat(again.exitValue()).isEqualTo(2);
        assertThat(Files.readString(err, StandardCharsets.UTF_8)).contains("exists").contains("--overwrite");
    }

    @Test
    void usageErrorsExitWithTwo() throws Exception {
        Path err = tmp.resolve("err.txt");
        Process process = run(err, "--no-such-option", "in");
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(Files.readString(err, StandardCharsets.UTF_8)).contains("--no-such-option").contains("Usage");
    }
}
