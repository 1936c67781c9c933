package org.dicom2fhir.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.dicom2fhir.api.Disposition;
import org.dicom2fhir.api.ReasonCode;
import org.dicom2fhir.api.dicom.DicomReadException;
import org.dicom2fhir.api.dicom.ReadOptions;
import org.dicom2fhir.api.spi.DicomReader;
import org.dicom2fhir.core.ConversionResult;
import org.dicom2fhir.core.Converter;
import org.dicom2fhir.testkit.Fixtures;
import org.dicom2fhir.testkit.StudyGenerator;
import org.dicom2fhir.testkit.TransferSyntax;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What part10-gzip adds beyond the contract (which sees only plain files): the gzip files. */
class GzipReaderTest {
    private final DicomReader reader = new GzipReaderProvider().create();

    @Test
    void aGzippedStudyConvertsAsThePlainOneDoes(@TempDir Path dir) throws IOException {
        Path plain = Files.createDirectory(dir.resolve("plain"));
        Path gzipped = Files.createDirectory(dir.resolve("gzipped"));
        List<Path> files = StudyGenerator.builder().seed(11).series(2).instancesPerSeries(3).pixelData(16, 16)
                .transferSyntaxes(TransferSyntax.values()).build().writeTo(plain);
        for (Path file : files) {
            Path target = gzipped.resolve(plain.relativize(file).toString() + ".gz");
            Files.createDirectories(target.getParent());
            Files.write(target, gzip(Files.readAllBytes(file)));
        }

        ConversionResult fromPlain = Converter.builder().reader("part10").build().convert(plain);
        ConversionResult fromGzip = Converter.builder().reader("part10-gzip").build().convert(gzipped);
        ConversionResult part10OnGzip = Converter.builder().reader("part10").build().convert(dir);

        assertThat(fromGzip.report().totals().included()).isEqualTo(files.size());
        assertThat(fromGzip.studies()).isEqualTo(fromPlain.studies());
        assertThat(part10OnGzip.report().files(Disposition.SKIPPED)).as("part10 alone skips the gzip files")
                .hasSize(files.size()).allSatisfy(f -> assertThat(f.reason()).isEqualTo(ReasonCode.NOT_DICOM));
    }

    @Test
    void pathsChannelsStreamsAndArraysGiveTheSameResult(@TempDir Path dir) throws IOException {
        byte[] dicom = Fixtures.valid(TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN);
        Path file = Files.write(dir.resolve("f.dcm.gz"), gzip(dicom));
        var expected = reader.read(dicom, ReadOptions.defaults());
        assertThat(reader.read(file, ReadOptions.defaults())).isEqualTo(expected);
        assertThat(reader.read(gzip(dicom), ReadOptions.defaults())).isEqualTo(expected);
        assertThat(reader.read(Files.newInputStream(file), ReadOptions.defaults())).isEqualTo(expected);
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file)) {
            assertThat(reader.read(channel, ReadOptions.defaults())).as("the channel entry's default").isEqualTo(expected);
        }
    }

    @Test
    void aCutGzipStreamFailsAsTruncated() {
        byte[] whole = gzip(Fixtures.valid(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
        for (int cut : new int[] {3, 10, 40, whole.length / 2}) {
            assertThatThrownBy(() -> reader.read(Arrays.copyOf(whole, cut), ReadOptions.defaults()))
                    .as("cut at %d", cut).isInstanceOf(DicomReadException.class)
                    .satisfies(e -> assertThat(((DicomReadException) e).reason()).isEqualTo(ReasonCode.TRUNCATED));
        }
    }

    @Test
    void aCorruptGzipStreamFailsAsMalformed() {
        byte[] bad = gzip(Fixtures.valid(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
        bad[10] = (byte) 0x07; // the first deflate block: final, of the reserved type 3
        assertThatThrownBy(() -> reader.read(bad, ReadOptions.defaults())).isInstanceOf(DicomReadException.class)
                .satisfies(e -> assertThat(((DicomReadException) e).reason()).isEqualTo(ReasonCode.MALFORMED));
    }

    @Test
    void inflationIsCappedByTheInflatedBytesLimit() throws IOException {
        // a valid file followed by 2 MiB of zeros: the header is read long before the cap...
        byte[] dicom = Fixtures.valid(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        byte[] padded = Arrays.copyOf(dicom, dicom.length + (2 << 20));
        assertThat(reader.read(gzip(padded), ReadOptions.defaults()).dataSet().string(
                org.dicom2fhir.api.dicom.Tags.SOP_INSTANCE_UID)).isEqualTo(Fixtures.SOP_INSTANCE_UID);
        // ...but never past it
        assertThatThrownBy(() -> reader.read(gzip(padded), ReadOptions.defaults().withMaxInflatedBytes(100)))
                .isInstanceOf(DicomReadException.class)
                .satisfies(e -> assertThat(((DicomReadException) e).reason()).isEqualTo(ReasonCode.INFLATED_TOO_LARGE));
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out.toByteArray();
    }
}
