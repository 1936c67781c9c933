package org.dicom2fhir.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.dicom2fhir.api.ReasonCode;
import org.dicom2fhir.testkit.StudyGenerator;
import org.dicom2fhir.testkit.Zips;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Step 1 on a channel the caller opened (what a distributed engine does with a file of HDFS or object storage):
 * the same outcomes as reading the same file by path, for a DICOM file, a ZIP archive of a study, a file that is not
 * DICOM and a damaged one; a channel that cannot be read is the file's failure, never an exception.
 */
class ReadChannelTest {
    @TempDir
    Path dir;

    private final Converter converter = Converter.builder().reader("part10").build();

    private List<FileOutcome> byChannel(Path file, String relative) throws IOException {
        try (SeekableByteChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return converter.read(channel, relative);
        }
    }

    @Test
    void sameOutcomesAsReadingByPath_dicomZipNotDicomDamaged() throws IOException {
        List<Path> study = StudyGenerator.builder().seed(5).series(2).instancesPerSeries(2).noPixelData().build()
                .writeTo(dir.resolve("study"));
        Path zip = Zips.zipFolder(dir.resolve("study"), dir.resolve("study.zip"));
        Path notes = Files.writeString(dir.resolve("notes.txt"), "scanned on a Tuesday\n", StandardCharsets.UTF_8);
        byte[] damaged = new byte[200];
        System.arraycopy("DICM".getBytes(StandardCharsets.US_ASCII), 0, damaged, 128, 4);
        damaged[132] = 0x02;
        Path broken = Files.write(dir.resolve("broken.dcm"), damaged);

        for (Path file : List.of(study.get(0), zip, notes, broken)) {
            String relative = "sub/" + file.getFileName();
            assertThat(byChannel(file, relative)).as(relative).isEqualTo(converter.readFile(file, relative));
        }
        List<FileOutcome> entries = byChannel(zip, "study.zip");
        assertThat(entries).hasSize(4).allSatisfy(o -> assertThat(o.included()).isTrue());
        assertThat(entries.get(0).report().path()).startsWith("study.zip!/");
        assertThat(byChannel(notes, "notes.txt").get(0).report().reason()).isEqualTo(ReasonCode.NOT_DICOM);
        assertThat(byChannel(broken, "broken.dcm").get(0).included()).isFalse();
    }

    @Test
    void aChannelThatCannotBeReadIsTheFilesFailure() {
        SeekableByteChannel failing = new SeekableByteChannel() {
            @Override
            public int read(ByteBuffer dst) throws IOException {
                throw new IOException("disk gone");
            }

            @Override
            public int write(ByteBuffer src) {
                throw new UnsupportedOperationException();
            }

            @Override
            public long position() {
                return 0;
            }

            @Override
            public SeekableByteChannel position(long newPosition) {
                return this;
            }

            @Override
            public long size() {
                return 1000;
            }

            @Override
            public SeekableByteChannel truncate(long size) {
                throw new UnsupportedOperationException();
            }

            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public void close() {
            }
        };

        List<FileOutcome> outcomes = converter.read(failing, "a/b.dcm");

        assertThat(outcomes).singleElement().satisfies(o -> {
            assertThat(o.included()).isFalse();
            assertThat(o.report().path()).isEqualTo("a/b.dcm");
            assertThat(o.report().reason()).isEqualTo(ReasonCode.UNREADABLE);
            assertThat(o.report().message()).doesNotContain("disk gone");
        });
    }
}
