package org.dicom2fhir.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.dicom2fhir.api.ReasonCode;
import org.junit.jupiter.api.Test;

/** {@link Converter#convert(JsonStudy, RunOptions)}: streams of DICOM JSON instead of files. */
class JsonStudyTest {
    private static final String STUDY = "1.2.826.0.1.3680043.8.498.99";

    private static String instance(String series, int number) {
        return "{\"00080016\":{\"vr\":\"UI\",\"Value\":[\"1.2.840.10008.5.1.4.1.1.2\"]},"
                + "\"00080018\":{\"vr\":\"UI\",\"Value\":[\"" + series + "." + number + "\"]},"
                + "\"00080060\":{\"vr\":\"CS\",\"Value\":[\"CT\"]},"
                + "\"0020000D\":{\"vr\":\"UI\",\"Value\":[\"" + STUDY + "\"]},"
                + "\"0020000E\":{\"vr\":\"UI\",\"Value\":[\"" + series + "\"]}}";
    }

    private static InputStream json(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A study of fixed streams, one call of read() per conversion. */
    private record FixedStudy(List<String> responses) implements JsonStudy {
        @Override
        public Path origin() {
            return Path.of(STUDY);
        }

        @Override
        public void read(Responses into) {
            for (int i = 0; i < responses.size(); i++) {
                if (responses.get(i).startsWith("<")) {
                    into.failed("r" + i, ReasonCode.MALFORMED, "not JSON");
                } else {
                    into.json("r" + i, json(responses.get(i)));
                }
            }
        }
    }

    @Test
    void everyInstanceOfEveryStreamIsAnOutcomeInTheOrderTheStudyHandsThemOver() throws IOException {
        String s1 = STUDY + ".1";
        String s2 = STUDY + ".2";
        AtomicInteger progress = new AtomicInteger();
        ConversionResult result = Converter.builder().reader("part10").build().convert(
                new FixedStudy(List.of("[" + instance(s1, 1) + "," + instance(s1, 2) + "]", "<html>", instance(s2, 1))),
                RunOptions.defaults().withProgress(new ProgressListener() {
                    @Override
                    public void filesFound(int total) {
                    }

                    @Override
                    public void fileDone(int done) {
                        progress.set(done);
                    }
                }));
        assertThat(result.report().files()).extracting(f -> f.path() + " " + f.disposition())
                .containsExactly("r0#0 INCLUDED", "r0#1 INCLUDED", "r1 FAILED", "r2#0 INCLUDED");
        assertThat(result.report().studyDir()).isEqualTo(Path.of(STUDY));
        assertThat(result.studies()).hasSize(1).first().satisfies(s -> assertThat(s.numberOfSeries()).isEqualTo(2));
        assertThat(progress.get()).isEqualTo(4);
    }

    @Test
    void aStudyThatCannotBeFetchedThrowsItsIoExceptionAndNothingIsConverted() {
        JsonStudy unreachable = new JsonStudy() {
            @Override
            public Path origin() {
                return Path.of(STUDY);
            }

            @Override
            public void read(Responses responses) throws IOException {
                throw new IOException("HTTP 404");
            }
        };
        assertThatThrownBy(() -> Converter.builder().reader("part10").build().convert(unreachable, RunOptions.defaults()))
                .isInstanceOf(IOException.class).hasMessage("HTTP 404");
    }

    @Test
    void readingAStudyWithoutMappingGivesItsOutcomesUnderThePrefix() throws IOException {
        String s1 = STUDY + ".1";
        List<FileOutcome> outcomes = Converter.builder().reader("part10").build().read(
                new FixedStudy(List.of("[" + instance(s1, 1) + "," + instance(s1, 2) + "]", "<html>")),
                "studies/" + STUDY + "/");
        assertThat(outcomes).extracting(o -> o.report().path() + " " + o.report().disposition())
                .containsExactly("studies/" + STUDY + "/r0#0 INCLUDED", "studies/" + STUDY + "/r0#1 INCLUDED",
                        "studies/" + STUDY + "/r1 FAILED");
        assertThat(outcomes).extracting(o -> o.facts() == null ? null : o.facts().sopInstanceUid())
                .containsExactly(s1 + ".1", s1 + ".2", null);
    }
}
