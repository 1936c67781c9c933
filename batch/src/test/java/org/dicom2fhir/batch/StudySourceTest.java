package org.dicom2fhir.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.dicom2fhir.api.ReasonCode;
import org.dicom2fhir.core.Converter;
import org.dicom2fhir.core.JsonStudy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Studies fetched from a {@link StudySource} (a DICOMweb server's, in the command) go through the pipeline and
 * journal of folders: the same lines as the same DICOM JSON in folders, the list taken once, a run that lost the
 * server continued without fetching again what the store holds. (Against Orthanc: cli's BatchDicomWebTest.)
 */
class StudySourceTest {
    private static final int STUDIES = 24;
    private static final String ROOT = "1.2.826.0.1.3680043.8.498.77";

    @TempDir
    Path tmp;
    private final Converter converter = Converter.builder().reader("part10").writer("hapi").build();

    /** Study {@code i}: two series of two instances; patient {@code i % 5}. */
    private static String studyJson(int i) {
        String study = ROOT + "." + i;
        List<String> instances = new ArrayList<>();
        for (int s = 1; s <= 2; s++) {
            for (int n = 1; n <= 2; n++) {
                instances.add("{\"00080016\":{\"vr\":\"UI\",\"Value\":[\"1.2.840.10008.5.1.4.1.1.2\"]},"
                        + "\"00080018\":{\"vr\":\"UI\",\"Value\":[\"" + study + "." + s + "." + n + "\"]},"
                        + "\"00080060\":{\"vr\":\"CS\",\"Value\":[\"" + (s == 1 ? "CT" : "MR") + "\"]},"
                        + "\"00100020\":{\"vr\":\"LO\",\"Value\":[\"P" + (i % 5) + "\"]},"
                        + "\"0020000D\":{\"vr\":\"UI\",\"Value\":[\"" + study + "\"]},"
                        + "\"0020000E\":{\"vr\":\"UI\",\"Value\":[\"" + study + "." + s + "\"]},"
                        + "\"00200011\":{\"vr\":\"IS\",\"Value\":[" + s + "]},"
                        + "\"00200013\":{\"vr\":\"IS\",\"Value\":[" + n + "]}}");
            }
        }
        return "[" + String.join(",", instances) + "]";
    }

    /** A source of fixed DICOM JSON that counts what it is asked and may lose the server after some studies. */
    private static final class FixedSource implements StudySource {
        final Map<String, String> json = new LinkedHashMap<>();
        final AtomicInteger listings = new AtomicInteger();
        final AtomicInteger fetches = new AtomicInteger();
        int serverGoneAfter = Integer.MAX_VALUE;

        FixedSource() {
            for (int i = 0; i < STUDIES; i++) {
                json.put(ROOT + "." + i, studyJson(i));
            }
        }

        @Override
        public String origin() {
            return "https://pacs.example.org/dicom-web";
        }

        @Override
        public List<String> studyUids() {
            listings.incrementAndGet();
            return List.copyOf(json.keySet());
        }

        @Override
        public JsonStudy study(String uid) {
            return new JsonStudy() {
                @Override
                public Path origin() {
                    return Path.of(uid);
                }

                @Override
                public void read(Responses responses) throws IOException {
                    if (fetches.incrementAndGet() > serverGoneAfter) {
                        throw new IOException("GET https://pacs.example.org/dicom-web/studies/" + uid
                                + "/metadata: connection refused");
                    }
                    String body = json.get(uid);
                    if (body == null) {
                        responses.failed("metadata", ReasonCode.UNREADABLE, "answered HTTP 404");
                        return;
                    }
                    responses.json("metadata", new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
                }
            };
        }
    }

    private BatchConverter batch(StudySource source, Path state, Tier tier) {
        return BatchConverter.create(converter, source, state).withOptions(Map.of("--timezone", "none"))
                .checkpointEvery(5).memoryBudget(tier.budget);
    }

    @Test
    void fetchedStudiesGiveTheLinesOfTheSameJsonInFolders_andWhatFailedIsReportedUnderStudies() throws Exception {
        FixedSource source = new FixedSource();
        String broken = ROOT + ".3";
        // the second instance of study 3 has no SOP Instance UID: it fails, the others are converted
        source.json.put(broken, studyJson(3).replace("\"00080018\":{\"vr\":\"UI\",\"Value\":[\"" + broken + ".1.2\"]},", ""));
        source.json.put(ROOT + ".404", null);
        Path root = Files.createDirectories(tmp.resolve("root"));
        for (Map.Entry<String, String> study : source.json.entrySet()) {
            if (study.getValue() != null) {
                Files.writeString(root.resolve(study.getKey() + ".json"), study.getValue());
            }
        }
        Path fromFolder = tmp.resolve("folder");
        BatchConverter.create(converter, List.of(root), tmp.resolve("s1")).withOptions(Map.of("--timezone", "none"))
                .run(new NdjsonOutput(fromFolder, converter.writer()));
        Path fetched = tmp.resolve("fetched");
        BatchSummary summary = batch(source, tmp.resolve("s2"), Tier.MEMORY)
                .run(new NdjsonOutput(fetched, converter.writer()));

        assertThat(summary.studies()).isEqualTo(STUDIES);
        assertThat(summary.files()).as("the studies listed").isEqualTo(STUDIES + 1);
        assertThat(summary.failed()).isEqualTo(2);
        assertThat(Files.readAllLines(fetched.resolve(NdjsonOutput.STUDIES))).hasSize(STUDIES)
                .isEqualTo(Files.readAllLines(fromFolder.resolve(NdjsonOutput.STUDIES)));
        List<String> report = Files.readAllLines(fetched.resolve(NdjsonOutput.REPORT));
        assertThat(report).filteredOn(line -> line.contains("\"disposition\":\"failed\""))
                .hasSize(2)
                .anySatisfy(line -> assertThat(line).contains("\"root\":0")
                        .contains("\"path\":\"studies/" + broken + "/metadata#1\"").contains("MISSING_UIDS"))
                .anySatisfy(line -> assertThat(line).contains("\"path\":\"studies/" + ROOT + ".404/metadata\"")
                        .contains("UNREADABLE"));
        assertThat(source.listings).hasValue(1);
        assertThat(source.fetches).hasValue(STUDIES + 1);
    }

    @ParameterizedTest
    @EnumSource(Tier.class)
    void aRunThatLostTheServer_continuesFromTheJournaledList_withoutFetchingWhatTheStoreHolds(Tier tier)
            throws Exception {
        Path whole = tmp.resolve("whole");
        batch(new FixedSource(), tmp.resolve("state-whole"), tier).run(new NdjsonOutput(whole, converter.writer()));

        FixedSource lost = new FixedSource();
        lost.serverGoneAfter = 14;
        Path out = tmp.resolve("out");
        Path state = tmp.resolve("state");
        assertThatThrownBy(() -> batch(lost, state, tier).run(new NdjsonOutput(out, converter.writer())))
                .isInstanceOf(IOException.class).hasMessageContaining("connection refused");
        assertThat(batch(lost, state, tier).interrupted()).isTrue();

        FixedSource back = new FixedSource();
        back.json.put(ROOT + ".99", studyJson(99)); // a study stored since the first listing is not part of this run
        batch(back, state, tier).run(new NdjsonOutput(out, converter.writer()));

        for (String name : List.of(NdjsonOutput.STUDIES, NdjsonOutput.REPORT)) {
            assertThat(Files.readAllBytes(out.resolve(name))).as(name).isEqualTo(Files.readAllBytes(whole.resolve(name)));
        }
        assertThat(back.listings).as("the list of the first run, from the journal").hasValue(0);
        if (tier == Tier.STORE) {
            // at least the 10 studies before the last spill are in the store: not fetched again
            assertThat(back.fetches.get()).isLessThanOrEqualTo(STUDIES - 10);
        } else {
            assertThat(back.fetches).as("facts held in memory are lost with the process").hasValue(STUDIES);
        }
    }

    @Test
    void aStudyThatChangedOnTheServer_refusesTheResumeOfARunHeldInMemory() throws Exception {
        Path out = tmp.resolve("out");
        Path state = tmp.resolve("state");
        FixedSource source = new FixedSource();
        assertThatThrownBy(() -> batch(source, state, Tier.MEMORY)
                .run(new CrashingSink(new NdjsonOutput(out, converter.writer()), 7))).hasMessage("crash");
        FixedSource changed = new FixedSource();
        changed.json.put(ROOT + ".2", studyJson(2).replace("\"CT\"", "\"PT\""));
        assertThatThrownBy(() -> batch(changed, state, Tier.MEMORY).run(new NdjsonOutput(out, converter.writer())))
                .isInstanceOfSatisfying(ResumeRefusedException.class,
                        e -> assertThat(e.kind()).isEqualTo(ResumeRefusedException.Kind.INPUT_CHANGED));
        BatchSummary same = batch(new FixedSource(), state, Tier.MEMORY).run(new NdjsonOutput(out, converter.writer()));
        assertThat(same.studies()).isEqualTo(STUDIES);
    }
}
