package org.dicom2fhir.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.dicom2fhir.core.Converter;
import org.dicom2fhir.testkit.StudyGenerator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * An interrupted run continued by the same call: the same files as an uninterrupted run; a resume with other
 * options or over changed input is refused. (A run killed by SIGKILL at seeded points: cli's BatchKillTest.)
 */
class ResumeTest {
    private static final int STUDIES = 60;

    @TempDir
    Path tmp;
    private Path r0;
    private Path r1;
    private final Converter converter = Converter.builder().reader("part10").writer("hapi").build();

    @BeforeEach
    void archive() throws IOException {
        r0 = tmp.resolve("r0");
        r1 = tmp.resolve("r1");
        for (int i = 0; i < STUDIES; i++) {
            StudyGenerator.builder().seed(500 + i).series(1 + i % 2).instancesPerSeries(2).noPixelData().build()
                    .writeTo((i % 2 == 0 ? r0 : r1).resolve("s" + i));
        }
        Files.writeString(r1.resolve("notes.txt"), "not DICOM");
    }

    private Tier tier = Tier.MEMORY;

    private BatchConverter batch(Path state) {
        // a checkpoint every 7 studies: a crash after the 37th resumes from the 35th, cutting two from the files
        return BatchConverter.create(converter, List.of(r0, r1), state).withOptions(Map.of("--timezone", "none"))
                .checkpointEvery(7).memoryBudget(tier.budget);
    }

    @ParameterizedTest
    @EnumSource(Tier.class)
    void aRunStoppedHalfWayThroughItsStudies_continuesToTheSameFilesAsAnUninterruptedRun(Tier tier) throws Exception {
        this.tier = tier;
        Path whole = tmp.resolve("whole");
        batch(tmp.resolve("state-whole")).run(new NdjsonOutput(whole, converter.writer()));

        Path out = tmp.resolve("out");
        Path state = tmp.resolve("state");
        assertThatThrownBy(() -> batch(state).run(new CrashingSink(new NdjsonOutput(out, converter.writer()), 37)))
                .hasMessage("crash");
        assertThat(batch(state).interrupted()).isTrue();
        assertThat(out.resolve(NdjsonOutput.STUDIES)).as("never under its final name before the end").doesNotExist();
        Path partial = out.resolve("." + NdjsonOutput.STUDIES + ".partial");
        assertThat(Files.readAllLines(partial)).as("written through at the last checkpoint").hasSize(35);
        // what a process killed after writing past its last checkpoint leaves: lines the journal does not know
        Files.writeString(partial, "{\"resourceType\":\"ImagingStudy\",\"id\":\"written-after\"}\n{\"cut",
                java.nio.file.StandardOpenOption.APPEND);

        BatchSummary summary = batch(state).run(new NdjsonOutput(out, converter.writer()));

        assertThat(summary.studies()).isEqualTo(STUDIES);
        assertThat(summary.skipped()).isEqualTo(1);
        for (String name : List.of(NdjsonOutput.STUDIES, NdjsonOutput.REPORT)) {
            assertThat(Files.readAllBytes(out.resolve(name))).as(name).isEqualTo(Files.readAllBytes(whole.resolve(name)));
        }
        assertThat(batch(state).interrupted()).as("the journal is gone once the run completes").isFalse();
    }

    @ParameterizedTest
    @EnumSource(Tier.class)
    void aResumeWithOtherOptions_isRefusedNamingThem_andRestartStartsAgain(Tier tier) throws Exception {
        this.tier = tier;
        Path out = tmp.resolve("out");
        Path state = tmp.resolve("state");
        assertThatThrownBy(() -> batch(state).run(new CrashingSink(new NdjsonOutput(out, converter.writer()), 5)))
                .hasMessage("crash");

        BatchConverter other = BatchConverter.create(converter, List.of(r0, r1), state)
                .withOptions(Map.of("--timezone", "Europe/Berlin"));
        assertThatThrownBy(() -> other.run(new NdjsonOutput(out, converter.writer())))
                .isInstanceOfSatisfying(ResumeRefusedException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ResumeRefusedException.Kind.OPTIONS_CHANGED);
                    assertThat(e.differences()).containsExactly("--timezone");
                });
        BatchConverter reversed = BatchConverter.create(converter, List.of(r1, r0), state)
                .withOptions(Map.of("--timezone", "none"));
        assertThatThrownBy(() -> reversed.run(new NdjsonOutput(out, converter.writer())))
                .isInstanceOfSatisfying(ResumeRefusedException.class,
                        e -> assertThat(e.differences()).containsExactly("ROOT 1", "ROOT 2"));

        BatchSummary again = other.restart(true).run(new NdjsonOutput(out, converter.writer()));
        assertThat(again.studies()).isEqualTo(STUDIES);
    }

    @ParameterizedTest
    @EnumSource(Tier.class)
    void aFileThatChangedSinceTheInterruption_refusesTheResume(Tier tier) throws Exception {
        this.tier = tier;
        Path out = tmp.resolve("out");
        Path state = tmp.resolve("state");
        assertThatThrownBy(() -> batch(state).run(new CrashingSink(new NdjsonOutput(out, converter.writer()), 5)))
                .hasMessage("crash");
        Path someFile;
        try (var files = Files.walk(r0.resolve("s0"))) {
            someFile = files.filter(Files::isRegularFile).findFirst().orElseThrow();
        }
        Files.setLastModifiedTime(someFile, FileTime.fromMillis(Files.getLastModifiedTime(someFile).toMillis() + 5000));

        assertThatThrownBy(() -> batch(state).run(new NdjsonOutput(out, converter.writer())))
                .isInstanceOfSatisfying(ResumeRefusedException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ResumeRefusedException.Kind.INPUT_CHANGED);
                    // the store knows each file's stamp; facts held in memory only a digest of them all
                    assertThat(e.getMessage()).contains(tier == Tier.STORE ? "ROOT 1: s0/" : "a file was added");
                });
    }

    @ParameterizedTest
    @EnumSource(Tier.class)
    void aFileAddedOrRemovedSinceTheInterruptionOfTheEmission_refusesTheResume(Tier tier) throws Exception {
        this.tier = tier;
        Path out = tmp.resolve("out");
        Path state = tmp.resolve("state");
        assertThatThrownBy(() -> batch(state).run(new CrashingSink(new NdjsonOutput(out, converter.writer()), 5)))
                .hasMessage("crash");
        Path added = r1.resolve("added.txt");
        Files.writeString(added, "new");
        assertThatThrownBy(() -> batch(state).run(new NdjsonOutput(out, converter.writer())))
                .isInstanceOfSatisfying(ResumeRefusedException.class,
                        e -> assertThat(e.kind()).isEqualTo(ResumeRefusedException.Kind.INPUT_CHANGED));
        Files.delete(added);
        Files.delete(r1.resolve("notes.txt"));
        assertThatThrownBy(() -> batch(state).run(new NdjsonOutput(out, converter.writer())))
                .isInstanceOfSatisfying(ResumeRefusedException.class,
                        e -> assertThat(e.kind()).isEqualTo(ResumeRefusedException.Kind.INPUT_CHANGED));
    }
}
