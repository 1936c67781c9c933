package org.dicom2fhir.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.dicom2fhir.api.Disposition;
import org.dicom2fhir.api.ReasonCode;
import org.dicom2fhir.testkit.StudyGenerator;
import org.dicom2fhir.testkit.Zips;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Step 1 in two halves, as a batch's reading threads fetch and its parsing threads read on: the same outcomes as
 * reading the scanned file at once, whether the head holds the whole file, part of its header or less than the
 * bytes that tell what it is (the file is then opened again); for DICOM with and without pixel data, DICOM JSON, a
 * ZIP archive (its directory is at its end), a file that is not DICOM, a damaged and an empty one, and an entry the
 * scan decided. The buffer is the caller's again once read; a file gone before the fetch, or before a reopening it
 * needed, is that file's failure.
 */
class FetchedFileTest {
    @TempDir
    Path dir;

    private final Converter converter = Converter.builder().reader("part10").build();

    /** Every kind of entry a scan hands over, by relative path. */
    private List<ScannedFile> entries() throws IOException {
        Path root = dir.resolve("root");
        StudyGenerator.builder().seed(11).series(1).instancesPerSeries(2).noPixelData().build()
                .writeTo(root.resolve("plain"));
        StudyGenerator.builder().seed(12).series(1).instancesPerSeries(1).build().writeTo(root.resolve("pixels"));
        Zips.zipFolder(root.resolve("plain"), dir.resolve("study.zip"));
        Files.move(dir.resolve("study.zip"), root.resolve("study.zip"));
        Files.writeString(root.resolve("instance.json"), "[{\"0020000D\":{\"vr\":\"UI\",\"Value\":[\"1.2.3\"]},"
                + "\"0020000E\":{\"vr\":\"UI\",\"Value\":[\"1.2.3.4\"]},\"00080018\":{\"vr\":\"UI\",\"Value\":[\"1.2.3.4.5\"]},"
                + "\"00080016\":{\"vr\":\"UI\",\"Value\":[\"1.2.840.10008.5.1.4.1.1.4\"]}}]", StandardCharsets.UTF_8);
        Files.writeString(root.resolve("notes.txt"), "scanned on a Tuesday\n", StandardCharsets.UTF_8);
        byte[] damaged = new byte[200];
        System.arraycopy("DICM".getBytes(StandardCharsets.US_ASCII), 0, damaged, 128, 4);
        damaged[132] = 0x02;
        Files.write(root.resolve("broken.dcm"), damaged);
        Files.write(root.resolve("empty"), new byte[0]);
        Files.createSymbolicLink(root.resolve("link.dcm"), root.resolve("notes.txt"));
        return scan(root);
    }

    private List<ScannedFile> scan(Path root) throws IOException {
        List<ScannedFile> entries = new ArrayList<>();
        converter.scan(root, entries::add);
        return entries;
    }

    @ParameterizedTest(name = "head of {0} bytes")
    @ValueSource(ints = {FetchedFile.HEAD_BYTES, 2048, 600, 132, 1, 0})
    void sameOutcomesAsReadingAtOnce(int headBytes) throws IOException {
        List<ScannedFile> entries = entries();
        assertThat(entries).extracting(ScannedFile::relativePath).contains("study.zip", "instance.json", "link.dcm");
        for (ScannedFile entry : entries) {
            List<FileOutcome> expected = converter.read(entry);
            assertThat(converter.read(converter.fetch(entry, new byte[headBytes]))).as(entry.relativePath())
                    .isEqualTo(expected);
        }
        // the kinds really differ: included instances, ZIP entries, a skip, failures and the scan's own decision
        List<FileOutcome> all = entries.stream().flatMap(e -> converter.read(e).stream()).toList();
        assertThat(all).filteredOn(FileOutcome::included).hasSizeGreaterThanOrEqualTo(6);
        assertThat(all).extracting(o -> o.report().reason()).contains(ReasonCode.NOT_DICOM, ReasonCode.SYMLINK);
        assertThat(all).extracting(o -> o.report().disposition()).contains(Disposition.FAILED);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void sameOutcomesForFilesCutAnywhere_withHeadsOfAnySize(long seed) throws IOException {
        Path source = dir.resolve("source");
        List<Path> files = StudyGenerator.builder().seed(seed).series(2).instancesPerSeries(2).build().writeTo(source);
        java.util.Random random = new java.util.Random(seed);
        Path cuts = dir.resolve("cuts");
        Files.createDirectories(cuts);
        for (int i = 0; i < 40; i++) {
            byte[] bytes = Files.readAllBytes(files.get(random.nextInt(files.size())));
            Files.write(cuts.resolve(String.format("c%02d", i)), Arrays.copyOf(bytes, random.nextInt(bytes.length + 1)));
        }
        int[] heads = {0, 1, 64, 132, 700, 4096, FetchedFile.HEAD_BYTES};
        List<FileOutcome> all = new ArrayList<>();
        for (ScannedFile entry : scan(cuts)) {
            List<FileOutcome> expected = converter.read(entry);
            all.addAll(expected);
            int head = heads[random.nextInt(heads.length)];
            assertThat(converter.read(converter.fetch(entry, new byte[head]))).as(entry.relativePath() + ", head " + head)
                    .isEqualTo(expected);
        }
        // cuts in the header fail or are skipped, cuts in the pixel data still give the instance
        assertThat(all).extracting(o -> o.report().disposition()).contains(Disposition.INCLUDED, Disposition.FAILED);
    }

    @Test
    void fetchedOnOneThreadAndReadOnAnother_theBufferIsTheCallersAfterwards() throws Exception {
        List<ScannedFile> entries = entries();
        List<byte[]> buffers = new ArrayList<>();
        List<FetchedFile> fetched = new ArrayList<>();
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            for (ScannedFile entry : entries) {
                byte[] buffer = new byte[FetchedFile.HEAD_BYTES];
                buffers.add(buffer);
                fetched.add(other.submit(() -> converter.fetch(entry, buffer)).get());
            }
        } finally {
            other.shutdown();
        }
        List<List<FileOutcome>> read = fetched.stream().map(converter::read).toList();
        buffers.forEach(b -> Arrays.fill(b, (byte) 0x5a)); // reused for the next files
        for (int i = 0; i < entries.size(); i++) {
            assertThat(fetched.get(i).entry()).isSameAs(entries.get(i));
            assertThat(read.get(i)).as(entries.get(i).relativePath()).isEqualTo(converter.read(entries.get(i)));
        }
    }

    @Test
    void aFileGoneAfterItsFetch_isReadFromAWholeHead_andFailsWhenItsRestIsNeeded() throws IOException {
        Path root = dir.resolve("gone");
        StudyGenerator.builder().seed(13).series(1).instancesPerSeries(1).noPixelData().build().writeTo(root);
        ScannedFile entry = scan(root).get(0);
        List<FileOutcome> expected = converter.read(entry);
        FetchedFile whole = converter.fetch(entry, new byte[FetchedFile.HEAD_BYTES]);
        FetchedFile part = converter.fetch(entry, new byte[600]);
        Files.delete(entry.file());

        assertThat(converter.read(whole)).isEqualTo(expected);
        assertThat(expected.get(0).included()).isTrue();
        FileOutcome failed = converter.read(part).get(0);
        assertThat(failed.report().reason()).isEqualTo(ReasonCode.UNREADABLE);
        assertThat(failed.report().disposition()).isEqualTo(Disposition.FAILED);
        assertThat(failed.report().message()).doesNotContain(dir.toString());
    }

    @Test
    void aFileGoneBeforeItsFetch_failsAsReadingItWould() throws IOException {
        Path root = dir.resolve("vanished");
        StudyGenerator.builder().seed(14).series(1).instancesPerSeries(1).noPixelData().build().writeTo(root);
        ScannedFile entry = scan(root).get(0);
        Files.delete(entry.file());

        List<FileOutcome> outcome = converter.read(converter.fetch(entry, new byte[FetchedFile.HEAD_BYTES]));
        assertThat(outcome).isEqualTo(converter.read(entry));
        assertThat(outcome.get(0).report().reason()).isEqualTo(ReasonCode.UNREADABLE);
        assertThat(outcome.get(0).report().message()).doesNotContain(dir.toString());
    }
}
