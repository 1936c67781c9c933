package org.dicom2fhir.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dicom2fhir.api.Disposition;
import org.dicom2fhir.api.Limits;

/**
 * Jazzer target: any bytes as a file named {@code a.zip}, read by {@link Converter#readFile} with the
 * part10 reader (the seeds are ZIP archives of DICOM, DICOM JSON, nested and flagged-encrypted entries,
 * so the fuzzer mostly mutates archives). In {@code mvn verify} it replays the seeds in
 * {@code ZipFuzzTestInputs/readArchive}; with {@code JAZZER_FUZZ=1} it fuzzes (docs/fuzzing.md).
 *
 * <p>A finding: anything escaping readFile; an outcome whose path is not the archive's or one of its
 * entries'; a not-included outcome without a message, or with the message of an internal error that
 * the pipeline contained.
 */
class ZipFuzzTest {
    private static final Path FILE = createFile();
    private static final Converter CONVERTER = Converter.builder().reader("part10").ioThreads(1)
            .limits(Limits.defaults().withMaxInflatedBytes(4L << 20).withMaxHeaderBytes(4L << 20).withMaxNestingDepth(16)
                    .withMaxArchiveEntries(1000).withMaxArchiveReadBytes(16L << 20))
            .build();

    @FuzzTest(maxDuration = "30s")
    void readArchive(byte[] input) throws IOException {
        Files.write(FILE, input);
        List<FileOutcome> outcomes = CONVERTER.readFile(FILE, "a.zip");
        assertThat(outcomes).isNotEmpty();
        for (FileOutcome o : outcomes) {
            FileReport r = o.report();
            assertThat(r.path()).matches("(?s)a\\.zip(!/.*)?(#\\d+)?"); // entry names are reported as they are
            if (r.disposition() != Disposition.INCLUDED) {
                assertThat(r.message()).as(r.path()).isNotBlank().doesNotContain("internal error")
                        .doesNotContain("unexpected").doesNotContain("stack overflow");
            }
        }
    }

    private static Path createFile() {
        try {
            Path dir = Files.createTempDirectory("d2f-zip-fuzz");
            dir.toFile().deleteOnExit();
            return dir.resolve("a.zip");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
