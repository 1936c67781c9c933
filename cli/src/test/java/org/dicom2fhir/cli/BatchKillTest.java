package org.dicom2fhir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.dicom2fhir.testkit.StudyGenerator;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dicom2fhir batch} killed with SIGKILL (the shaded jar in a process of its own) while it reads, while it
 * writes studies, and while it renames its finished files; each time the same command continues, and the last run's
 * files are byte-identical to those of a run that was never interrupted. The kill points are seeded.
 */
class BatchKillTest {
    private static final int STUDIES = 400;
    private static final long SEED = 20261206L;

    @TempDir
    Path tmp;

    private Path jar;
    private Path r0;
    private Path r1;

    private List<String> command(Path out, Path state) {
        return List.of(javaBinary(), "-Ddicom2fhir.test.pauseBeforeRenameMillis=300", "-jar", jar.toString(), "batch",
                "-q", "-o", out.toString(), "--state", state.toString(), r0.toString(), r1.toString());
    }

    @Test
    void killedWhileReading_whileWritingStudies_whileRenaming_thenContinued_sameBytesAsAnUninterruptedRun()
            throws Exception {
        jar = Path.of(System.getProperty("dicom2fhir.cli.jar", "target/dicom2fhir.jar")).toAbsolutePath();
        Assumptions.assumeTrue(Files.isRegularFile(jar), "the shaded jar is not built (run mvn package first)");
        r0 = tmp.resolve("r0");
        r1 = tmp.resolve("r1");
        for (int i = 0; i < STUDIES; i++) {
            StudyGenerator.builder().seed(9000 + i).series(1 + i % 2).instancesPerSeries(1 + i % 3).noPixelData()
                    .build().writeTo((i % 3 == 0 ? r1 : r0).resolve(String.format("st%04d", i)));
        }
        Files.writeString(r1.resolve("notes.txt"), "not DICOM");

        Path reference = tmp.resolve("reference");
        assertThat(run(reference, tmp.resolve("reference-state"), () -> false).exitValue()).isZero();

        SplittableRandom random = new SplittableRandom(SEED);
        Path out = tmp.resolve("out");
        Path state = tmp.resolve("state");
        Path partial = out.resolve(".ImagingStudy.ndjson.partial");
        Path store = state.resolve("facts.mv.db");
        long readingDelay = random.nextLong(0, 100);
        int studiesBeforeKill = random.nextInt(STUDIES / 4, 3 * STUDIES / 4);
        List<String> kills = new ArrayList<>();

        // 1: while reading (the store exists, no study written yet)
        long[] storeSeenAt = {0};
        Process reading = run(out, state, () -> {
            if (storeSeenAt[0] == 0 && Files.exists(store)) {
                storeSeenAt[0] = System.nanoTime();
            }
            return storeSeenAt[0] != 0 && System.nanoTime() - storeSeenAt[0] > TimeUnit.MILLISECONDS.toNanos(readingDelay);
        });
        kills.add(killedOrFinished(reading, out, "reading"));
        assertThat(Files.exists(partial)).as("killed before any study was written").isFalse();

        // 2: while writing studies (a seeded number written)
        Process writing = run(out, state, () -> lines(partial) >= studiesBeforeKill);
        kills.add(killedOrFinished(writing, out, "writing"));

        // 3: while renaming (the studies' file renamed, the manifest not yet written)
        Process renaming = run(out, state, () -> Files.exists(out.resolve("ImagingStudy.ndjson")));
        kills.add(killedOrFinished(renaming, out, "renaming"));

        Process last = run(out, state, () -> false);
        assertThat(last.exitValue()).as(Files.readString(tmp.resolve("err.txt"))).isZero();
        assertThat(kills).as("each process was killed before it finished").containsExactly("reading", "writing",
                "renaming");
        for (String name : List.of("ImagingStudy.ndjson", "report.ndjson")) {
            assertThat(Files.readAllBytes(out.resolve(name))).as(name)
                    .isEqualTo(Files.readAllBytes(reference.resolve(name)));
        }
        assertThat(Files.exists(out.resolve("manifest.json"))).isTrue();
        assertThat(store).as("the journal is gone once the run completes").doesNotExist();
        try (var names = Files.list(out)) {
            assertThat(names.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".partial"));
        }
    }

    /** Starts the command and kills it (SIGKILL) as soon as {@code killWhen} holds; returns the ended process. */
    private Process run(Path out, Path state, BooleanSupplier killWhen) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command(out, state)).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(tmp.resolve("err.txt").toFile()).start();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (process.isAlive() && System.nanoTime() < deadline) {
            if (killWhen.getAsBoolean()) {
                process.destroyForcibly(); // SIGKILL: no shutdown hook, no cleanup
                break;
            }
            Thread.sleep(1);
        }
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("the process ended").isTrue();
        return process;
    }

    /** "name" when the process was killed before it finished (no manifest yet), else "finished". */
    private static String killedOrFinished(Process process, Path out, String name) {
        return process.exitValue() != 0 && !Files.exists(out.resolve("manifest.json")) ? name : "finished";
    }

    private static long lines(Path file) {
        try (var stream = Files.lines(file)) {
            return stream.count();
        } catch (IOException | java.io.UncheckedIOException e) {
            return 0; // not there yet
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
