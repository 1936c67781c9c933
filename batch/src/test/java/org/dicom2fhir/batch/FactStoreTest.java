package org.dicom2fhir.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dicom2fhir.api.ReasonCode;
import org.dicom2fhir.core.Converter;
import org.dicom2fhir.core.InstanceFacts;
import org.dicom2fhir.testkit.GeneratedStudy;
import org.dicom2fhir.testkit.StudyGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FactStoreTest {
    @TempDir
    Path tmp;

    private final Converter converter = Converter.builder().reader("part10").build();

    private InstanceFacts facts(Path file, String path) {
        return converter.readFile(file, path).get(0).facts();
    }

    @ParameterizedTest
    @ValueSource(longs = {FactStoreBudgets.UNLIMITED, FactStoreBudgets.ONE_INSTANCE})
    void theCopyFirstInRootThenPathOrderIsKept_whateverOrderTheyAreOffered(long budget) throws Exception {
        GeneratedStudy study = StudyGenerator.builder().seed(7).series(1).instancesPerSeries(1).noPixelData().build();
        Path file = study.writeTo(tmp.resolve("s")).get(0);
        try (FactStore store = FactStore.open(tmp.resolve("facts.mv.db"), 4, budget)) {
            store.offer(1, facts(file, "a/first.dcm"));
            store.offer(0, facts(file, "z/later-path-earlier-root.dcm"));
            store.offer(0, facts(file, "zz/same-root-later-path.dcm"));
            store.finishReading();

            List<List<InstanceFacts>> studies = new ArrayList<>();
            store.studies().forEach(studies::add);
            assertThat(studies).singleElement().satisfies(instances -> assertThat(instances).singleElement()
                    .satisfies(f -> assertThat(f.path()).isEqualTo("z/later-path-earlier-root.dcm")));
            List<BatchFile> left = new ArrayList<>();
            store.filesNotIncluded().forEach(left::add);
            assertThat(left).extracting(f -> f.root() + ":" + f.report().path())
                    .containsExactly("0:zz/same-root-later-path.dcm", "1:a/first.dcm");
            assertThat(left).allSatisfy(f -> assertThat(f.report().reason()).isEqualTo(ReasonCode.DUPLICATE_INSTANCE));
            assertThat(left.get(1).report().message()).contains("root 0: z/later-path-earlier-root.dcm");
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {FactStoreBudgets.UNLIMITED, FactStoreBudgets.ONE_INSTANCE})
    void theSameFileOfferedAgain_replacesItself_isNoDuplicate(long budget) throws Exception {
        // what a resume does with a file whose facts a commit held without its stamp
        GeneratedStudy study = StudyGenerator.builder().seed(9).series(1).instancesPerSeries(1).noPixelData().build();
        Path file = study.writeTo(tmp.resolve("s")).get(0);
        try (FactStore store = FactStore.open(tmp.resolve("facts.mv.db"), 4, budget)) {
            store.offer(0, facts(file, "a.dcm"));
            store.offer(0, facts(file, "a.dcm"));
            store.finishReading();

            List<InstanceFacts> kept = new ArrayList<>();
            store.studies().forEach(kept::addAll);
            assertThat(kept).extracting(InstanceFacts::path).containsExactly("a.dcm");
            assertThat(store.filesNotIncluded()).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {FactStoreBudgets.UNLIMITED, FactStoreBudgets.ONE_INSTANCE})
    void factsComeBackEqual_fromMemoryAndFromTheStore(long budget) throws Exception {
        GeneratedStudy study = StudyGenerator.builder().seed(8).series(2).instancesPerSeries(3).noPixelData().build();
        List<InstanceFacts> read = new ArrayList<>();
        for (Path f : study.writeTo(tmp.resolve("s"))) {
            read.add(facts(f, tmp.resolve("s").relativize(f).toString()));
        }
        try (FactStore store = FactStore.open(tmp.resolve("facts.mv.db"), 4, budget)) {
            read.forEach(f -> store.offer(0, f));
            store.finishReading();
            assertThat(store.inMemory()).isEqualTo(budget == FactStoreBudgets.UNLIMITED);
            List<InstanceFacts> back = new ArrayList<>();
            store.studies().forEach(back::addAll);
            assertThat(back).containsExactlyInAnyOrderElementsOf(read);
        }
    }

    @Test
    void heldInstancesOfAStudyShareItsPatientStudyAndSeriesValues() throws Exception {
        GeneratedStudy study = StudyGenerator.builder().seed(9).series(2).instancesPerSeries(3).noPixelData().build();
        try (FactStore store = FactStore.open(tmp.resolve("facts.mv.db"), 4, FactStoreBudgets.UNLIMITED)) {
            for (Path f : study.writeTo(tmp.resolve("s"))) {
                String path = tmp.resolve("s").relativize(f).toString();
                store.record(0, path, "stamp", converter.readFile(f, path));
            }
            store.finishReading();
            List<InstanceFacts> held = new ArrayList<>();
            store.studies().forEach(held::addAll);

            assertThat(held).hasSize(6);
            assertThat(held).allMatch(f -> f.patient() == held.get(0).patient() && f.study() == held.get(0).study());
            assertThat(held.stream().map(InstanceFacts::series).distinct()).hasSize(2);
            assertThat(held.stream().map(f -> System.identityHashCode(f.series())).distinct()).hasSize(2);
        }
    }

    @Test
    void aMissingRootFailsBeforeAnythingIsRead() throws Exception {
        Path present = tmp.resolve("present");
        Files.createDirectories(present);
        Path out = tmp.resolve("out");
        Converter withWriter = Converter.builder().reader("part10").writer("hapi").build();
        assertThatThrownBy(() -> BatchConverter.create(withWriter, List.of(present, tmp.resolve("missing")),
                tmp.resolve("work")).run(new NdjsonOutput(out, withWriter.writer())))
                .isInstanceOf(NoSuchFileException.class);
        assertThat(tmp.resolve("work")).doesNotExist();
    }
}
