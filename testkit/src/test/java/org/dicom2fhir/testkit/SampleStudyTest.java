package org.dicom2fhir.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleStudyTest {
    @Test
    void generationIsDeterministicAndSmall(@TempDir Path dir) throws Exception {
        List<Path> first = SampleStudy.write(dir.resolve("a"));
        List<Path> second = SampleStudy.write(dir.resolve("b"));
        assertThat(first).hasSize(12);
        long total = 0;
        for (int i = 0; i < first.size(); i++) {
            assertThat(Files.readAllBytes(second.get(i))).isEqualTo(Files.readAllBytes(first.get(i)));
            total += Files.size(first.get(i));
        }
        assertThat(total).isLessThan(200 * 1024);
    }

    /** The committed samples/ct-chest is what SampleStudy writes today (regenerate it when this fails). */
    @Test
    void committedSampleIsUpToDate(@TempDir Path dir) throws Exception {
        Path committed = Path.of("..", "samples", "ct-chest");
        Assumptions.assumeTrue(Files.isDirectory(committed), "run from the testkit module of the repository");
        SampleStudy.write(dir);
        List<Path> expected;
        try (Stream<Path> s = Files.walk(dir)) {
            expected = s.filter(Files::isRegularFile).sorted().toList();
        }
        List<Path> actual;
        try (Stream<Path> s = Files.walk(committed)) {
            actual = s.filter(Files::isRegularFile).sorted().toList();
        }
        assertThat(actual.stream().map(p -> committed.relativize(p).toString()).toList())
                .isEqualTo(expected.stream().map(p -> dir.relativize(p).toString()).toList());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(Files.readAllBytes(actual.get(i))).as(actual.get(i).toString())
                    .isEqualTo(Files.readAllBytes(expected.get(i)));
        }
    }
}
