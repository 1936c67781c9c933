package org.dicom2fhir.core;

import org.dicom2fhir.api.Limits;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.dicom2fhir.api.Disposition;
import org.dicom2fhir.api.spi.OutputFormat;
import org.dicom2fhir.api.spi.WriteOptions;

/**
 * Jazzer target: whole-folder conversion of one or two files made of any bytes, written with the
 * HAPI writer. In {@code mvn verify} it replays the seeds in {@code FolderFuzzTestInputs/convertFolder};
 * with {@code JAZZER_FUZZ=1} it fuzzes (docs/fuzzing.md).
 *
 * <p>The input is split at the last {@link #SPLIT} marker into two files (none: one file). Whatever
 * they hold, the conversion ends in a result or in one of the documented exceptions, the report
 * lists each file exactly once, and no internal error was contained on the way (a reader or mapping
 * bug that {@code FileReading} turned into a failed file is a finding too).
 */
class FolderFuzzTest {
    static final byte[] SPLIT = "\0D2F-SPLIT\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private static final Path FOLDER = createFolder();
    private static final Converter CONVERTER = Converter.builder()
            .reader("part10").writer("hapi").ioThreads(1)
            .limits(Limits.defaults().withMaxInflatedBytes(4L << 20).withMaxHeaderBytes(4L << 20).withMaxNestingDepth(16))
            .build();
    private static final WriteOptions WRITE = new WriteOptions(OutputFormat.JSON, false);

    @FuzzTest(maxDuration = "30s")
    void convertFolder(byte[] input) throws IOException {
        List<byte[]> files = split(input);
        clear();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            String name = "f" + i;
            Files.write(FOLDER.resolve(name), files.get(i));
            names.add(name);
        }
        ConversionReport report;
        try {
            ConversionResult result = CONVERTER.convert(FOLDER);
            result.writeTo(OutputStream.nullOutputStream(), WRITE);
            report = result.report();
            assertThat(report.totals().included()).isPositive();
        } catch (NoDicomFilesException e) {
            report = e.report();
            assertThat(report.totals().included()).isZero();
        } catch (MultipleStudiesException e) {
            report = e.report();
            assertThat(e.filesPerStudy()).hasSizeGreaterThan(1);
        }
        // each file once, or (a ZIP archive, DICOM JSON) once per entry or instance, in file order
        assertThat(report.files().stream().map(f -> fileOf(f.path())).distinct().toList()).containsExactlyElementsOf(names);
        for (FileReport file : report.files()) {
            if (file.disposition() != Disposition.INCLUDED) {
                assertThat(file.message()).as(file.path()).isNotBlank()
                        .doesNotContain("internal error").doesNotContain("unexpected").doesNotContain("stack overflow");
            }
        }
    }

    /** The file of a report entry: {@code f0} of {@code f0}, {@code f0#3}, {@code f0!/entry}. */
    private static String fileOf(String path) {
        int end = path.length();
        for (String mark : new String[] {"!/", "#"}) {
            int at = path.indexOf(mark);
            if (at > 0 && at < end) {
                end = at;
            }
        }
        return path.substring(0, end);
    }

    static List<byte[]> split(byte[] input) {
        for (int at = input.length - SPLIT.length; at >= 0; at--) {
            if (Arrays.equals(input, at, at + SPLIT.length, SPLIT, 0, SPLIT.length)) {
                return List.of(Arrays.copyOfRange(input, 0, at), Arrays.copyOfRange(input, at + SPLIT.length, input.length));
            }
        }
        return List.of(input);
    }

    private static void clear() throws IOException {
        try (var entries = Files.list(FOLDER)) {
            for (Path p : entries.toList()) {
                Files.delete(p);
            }
        }
    }

    private static Path createFolder() {
        try {
            Path dir = Files.createTempDirectory("d2f-fuzz");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
