package org.dicom2fhir.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.dicom2fhir.api.BackendSelectionException;
import org.dicom2fhir.api.spi.DicomReaderProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seams batch engines stand on: reading and mapping with no FHIR writer on the class path, and
 * what belongs to one run (progress, the executor of its reads) given per run to a shared converter.
 */
class WithoutWriterAndPerRunTest {
    @TempDir
    Path tmp;

    private Path study(String name, int instances, String studyUid) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name));
        for (int i = 1; i <= instances; i++) {
            Files.writeString(dir.resolve(String.format("f%03d", i)),
                    FakeReader.instance(studyUid, studyUid + ".1", studyUid + ".1." + i));
        }
        return dir;
    }

    /** A converter whose class loader sees a reader provider and no writer at all. */
    private Converter readerOnly() {
        ClassLoader noWriters = PluginLoaders.withServices(tmp, DicomReaderProvider.class,
                TestProviders.FakeReaderProvider.class);
        return Converter.builder().classLoader(noWriters).build();
    }

    @Test
    void readFileAndMapStudyNeedNoWriterOnTheClassPath() throws IOException {
        Converter converter = readerOnly();
        Path dir = study("s", 3, "1.2.3");
        List<InstanceFacts> facts = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            String name = String.format("f%03d", i);
            FileOutcome outcome = converter.readFile(dir.resolve(name), name).get(0);
            assertThat(outcome.included()).isTrue();
            facts.add(outcome.facts());
        }
        StudyConversion mapped = converter.mapStudy(facts);
        assertThat(mapped.study().numberOfInstances()).isEqualTo(3);
        assertThat(mapped.study().series()).singleElement().satisfies(s -> assertThat(s.uid()).isEqualTo("1.2.3.1"));
    }

    @Test
    void convertGivesTheNeutralStudyWithoutAWriterAndSaysSoOnlyWhenRendering() throws IOException {
        Converter converter = readerOnly();
        ConversionResult result = converter.convert(study("s", 2, "1.2.3"));
        assertThat(result.studies()).singleElement().satisfies(s -> assertThat(s.numberOfInstances()).isEqualTo(2));
        assertThat(result.report().totals().included()).isEqualTo(2);
        assertThatThrownBy(result::resource).isInstanceOf(BackendSelectionException.class)
                .hasMessageStartingWith("No FHIR writer found.");
        assertThatThrownBy(converter::release).isInstanceOf(BackendSelectionException.class);
    }

    @Test
    void aRequestedWriterThatDoesNotExistFailsAtBuildNotLater() {
        ClassLoader noWriters = PluginLoaders.withServices(tmp, DicomReaderProvider.class,
                TestProviders.FakeReaderProvider.class);
        assertThatThrownBy(() -> Converter.builder().classLoader(noWriters).writer("hapi").build())
                .isInstanceOf(BackendSelectionException.class)
                .hasMessageContaining("No FHIR writer named \"hapi\"");
    }

    @Test
    void readsRunOnTheCallersExecutorWhichStaysOpen() throws IOException {
        AtomicInteger executed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Converter converter = Converter.builder().reader(new FakeReader()).writer(FakeWriter.provider())
                    .ioThreads(4).build();
            ConversionResult result = converter.convert(study("s", 40, "1.2.3"), RunOptions.defaults()
                    .withExecutor(task -> {
                        executed.incrementAndGet();
                        pool.execute(task);
                    }));
            assertThat(result.report().totals().included()).isEqualTo(40);
            assertThat(executed).hasValue(40);
            assertThat(pool.isShutdown()).isFalse();
            // the report is in path order whatever order the executor ran the reads in
            assertThat(result.report().files()).extracting(FileReport::path)
                    .isSortedAccordingTo(String::compareTo).hasSize(40);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentRunsOfOneConverterEachSeeTheirOwnProgress() throws Exception {
        Converter shared = Converter.builder().reader(new FakeReader()).writer(FakeWriter.provider()).build();
        Path small = study("small", 5, "1.2.3");
        Path large = study("large", 60, "1.2.4");
        ExecutorService callers = Executors.newFixedThreadPool(2);
        try {
            CountingProgress a = new CountingProgress();
            CountingProgress b = new CountingProgress();
            Future<ConversionResult> first = callers.submit(() -> shared.convert(small, RunOptions.defaults().withProgress(a)));
            Future<ConversionResult> second = callers.submit(() -> shared.convert(large, RunOptions.defaults().withProgress(b)));
            assertThat(first.get().studies().get(0).numberOfInstances()).isEqualTo(5);
            assertThat(second.get().studies().get(0).numberOfInstances()).isEqualTo(60);
            assertThat(a.found).hasValue(5);
            assertThat(a.lastDone).hasValue(5);
            assertThat(a.calls).hasValue(5);
            assertThat(b.found).hasValue(60);
            assertThat(b.lastDone).hasValue(60);
            assertThat(b.calls).hasValue(60);
        } finally {
            callers.shutdownNow();
        }
    }

    private static final class CountingProgress implements ProgressListener {
        final AtomicInteger found = new AtomicInteger(-1);
        final AtomicInteger lastDone = new AtomicInteger();
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public void filesFound(int total) {
            found.set(total);
        }

        @Override
        public void fileDone(int done) {
            lastDone.set(done);
            calls.incrementAndGet();
        }
    }
}
