package org.dicom2fhir.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dicom2fhir.testkit.BadInputs;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * reliability.md class 22: a folder of 100,000 small files (no pixel data, small headers) converts in
 * a JVM limited to {@code -Xmx256m}; the peak heap is printed for docs/reliability-results.md. Minutes
 * long, so not part of {@code mvn verify}; run it with
 * {@code mvn -pl core test -Dtest=HugeFolderTest -Ddicom2fhir.huge=true} (optionally
 * {@code -Ddicom2fhir.huge.files=N}).
 */
@Tag("huge")
@EnabledIfSystemProperty(named = "dicom2fhir.huge", matches = "true")
class HugeFolderTest {
    private static final Pattern LINE = Pattern.compile("files=(\\d+) included=(\\d+) .*");

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 30, unit = TimeUnit.MINUTES)
    void aHugeFolderConvertsWithin256MiBOfHeap() throws Exception {
        int files = Integer.getInteger("dicom2fhir.huge.files", 100_000);
        Path dir = tmp.resolve("huge");
        Files.createDirectories(dir);
        long written = System.nanoTime();
        BadInputs.writeHugeFolder(dir, files);
        System.out.println("wrote " + files + " files in " + (System.nanoTime() - written) / 1_000_000 + " ms");

        Path gcLog = tmp.resolve("gc.log");
        Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Xlog:gc:file=" + gcLog, "-cp", System.getProperty("java.class.path"),
                HugeFolderRun.class.getName(), dir.toString()))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        System.out.println(out);
        System.out.println(lastGcLines(gcLog));
        int liveMib = largestAfterGc(gcLog);
        System.out.println("largest heap after a collection (GC log): " + liveMib + " MiB");
        Matcher m = LINE.matcher(out.lines().filter(l -> l.startsWith("files=")).findFirst().orElse(""));
        assertThat(m.matches()).as(out).isTrue();
        assertThat(Integer.parseInt(m.group(1))).isEqualTo(files);
        assertThat(Integer.parseInt(m.group(2))).isEqualTo(files);
        // The run itself is the proof (an OutOfMemoryError would have failed it); the live set must leave room.
        assertThat(liveMib).isPositive().isLessThan(256);
    }

    /** The largest heap occupancy right after a collection, in MiB: the live set, garbage excluded. */
    private static int largestAfterGc(Path gcLog) throws IOException {
        Matcher m = Pattern.compile("->(\\d+)M\\(").matcher(Files.readString(gcLog));
        int max = 0;
        while (m.find()) {
            max = Math.max(max, Integer.parseInt(m.group(1)));
        }
        return max;
    }

    private static String lastGcLines(Path gcLog) throws IOException {
        List<String> lines = Files.readAllLines(gcLog);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    }
}
