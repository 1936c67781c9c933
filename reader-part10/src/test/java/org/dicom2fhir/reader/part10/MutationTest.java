package org.dicom2fhir.reader.part10;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.dicom2fhir.api.dicom.DicomReadException;
import org.dicom2fhir.api.dicom.DicomReadResult;
import org.dicom2fhir.api.dicom.ReadOptions;
import org.dicom2fhir.api.dicom.Tags;
import org.dicom2fhir.api.spi.DicomReader;
import org.dicom2fhir.codec.internal.Encoding;
import org.dicom2fhir.codec.internal.TransferSyntaxes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Mutated files (bit flips, random bytes, delimiter-looking bytes, cuts, copied blocks): nothing but
 * DicomReadException escapes, nothing hangs, and reading the bytes as an array (positioned reads)
 * and as a stream (forward only) gives the same outcome.
 */
class MutationTest {
    private final DicomReader reader = new Part10ReaderProvider().create();

    private static List<byte[]> seeds() throws Exception {
        List<byte[]> seeds = new ArrayList<>();
        for (Encoding e : Encoding.values()) {
            seeds.add(DataSetBytes.part10(e.uid(), DataSetBytes.typical(e)
                    .sequence(Tags.PROCEDURE_CODE_SEQUENCE, DataSetBytes.of(e).text(Tags.CODE_VALUE, "SH", "X"))
                    .definedSequence(Tags.REQUEST_ATTRIBUTES_SEQUENCE, DataSetBytes.of(e).text(Tags.CODE_MEANING, "LO", "Y"))
                    .toBytes()));
            seeds.add(DataSetBytes.typical(e).toBytes());
        }
        seeds.add(DataSetBytes.part10(TransferSyntaxes.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN,
                DataSetBytes.deflate(DataSetBytes.typical(Encoding.EXPLICIT_VR_LITTLE_ENDIAN).toBytes())));
        if (Files.isDirectory(Pydicom.TEST_FILES)) {
            try (Stream<Path> files = Files.list(Pydicom.TEST_FILES)) {
                for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
                    byte[] b = Files.readAllBytes(p);
                    if (b.length < 100_000) {
                        seeds.add(b);
                    }
                }
            }
        }
        return seeds;
    }

    private Object outcome(byte[] b, boolean asStream, ReadOptions options) {
        try {
            DicomReadResult r = asStream ? reader.read(new ByteArrayInputStream(b), options) : reader.read(b, options);
            return r;
        } catch (DicomReadException e) {
            assertThat(e.getMessage()).isNotBlank();
            return e.reason() + ": " + e.getMessage();
        } catch (Exception | Error e) {
            throw new AssertionError("escaped: " + e, e);
        }
    }

    @Test
    @Timeout(120)
    void mutatedFilesFailCleanlyAndAlikeFromArraysAndStreams() throws Exception {
        List<byte[]> seeds = seeds();
        Random random = new Random(20240115);
        for (int n = 0; n < 6000; n++) {
            byte[] b = seeds.get(random.nextInt(seeds.size())).clone();
            for (int m = 1 + random.nextInt(6); m > 0 && b.length > 8; m--) {
                int at = random.nextInt(b.length - 4);
                switch (random.nextInt(5)) {
                    case 0 -> b[at] ^= (byte) (1 << random.nextInt(8));
                    case 1 -> b[at] = (byte) random.nextInt(256);
                    case 2 -> {
                        byte[] marker = {(byte) 0xFE, (byte) 0xFF, (byte) (random.nextBoolean() ? 0xDD : 0x00), (byte) 0xE0};
                        System.arraycopy(random.nextBoolean() ? marker : new byte[] {-1, -1, -1, -1}, 0, b, at, 4);
                    }
                    case 3 -> b = Arrays.copyOf(b, at);
                    default -> System.arraycopy(b, random.nextInt(b.length - 4), b, at, 4);
                }
            }
            ReadOptions options = ReadOptions.defaults().withMaxNestingDepth(1 + random.nextInt(70));
            Object fromArray = outcome(b, false, options);
            Object fromStream = outcome(b, true, options);
            assertThat(fromStream).as("mutation %d", n).isEqualTo(fromArray);
        }
    }
}
