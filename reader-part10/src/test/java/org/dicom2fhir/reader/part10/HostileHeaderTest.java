package org.dicom2fhir.reader.part10;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.dicom2fhir.api.dicom.DicomReadResult;
import org.dicom2fhir.api.dicom.ReadOptions;
import org.dicom2fhir.api.dicom.Tags;
import org.dicom2fhir.api.spi.DicomReader;
import org.dicom2fhir.codec.internal.ReadWarnings;
import org.dicom2fhir.testkit.DicomFileSpec;
import org.dicom2fhir.testkit.DicomFileWriter;
import org.dicom2fhir.testkit.Fixtures;
import org.dicom2fhir.testkit.TransferSyntax;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Headers built to hurt. A Specific Character Set of megabytes (found by fuzzing, docs/fuzzing.md):
 * the cost of a read stays small and linear in the header's size, whatever one element holds. Deep
 * nesting under a raised limit: the parser keeps its own stack, so no {@link StackOverflowError}.
 */
class HostileHeaderTest {
    private final DicomReader reader = new Part10ReaderProvider().create();

    /** A Specific Character Set (0008,0005) of {@code bytes} bytes, junk terms separated by backslashes, in implicit VR. */
    private static byte[] hugeCharacterSet(int bytes) {
        byte[] value = new byte[bytes];
        byte[] term = "ISO_IR 999 JUNK TERM\\".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < bytes; i++) {
            value[i] = term[i % term.length];
        }
        Arrays.fill(value, 0, 10, (byte) 'X');
        return DicomFileWriter.toBytes(Fixtures.dataSet().setBytesUnpadded(Tags.SPECIFIC_CHARACTER_SET, "CS", value),
                DicomFileSpec.of(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN)); // a 4-byte length: explicit VR caps CS at 64 KiB
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aLimitFarAboveTheDefaultReadsTwentyThousandLevelsWithoutRecursion() throws Exception {
        byte[] file = Fixtures.deeplyNested(20_000);
        ReadOptions options = ReadOptions.defaults().withMaxNestingDepth(30_000);

        for (DicomReadResult r : new DicomReadResult[] {reader.read(file, options),
            reader.read(new ByteArrayInputStream(file), options)}) {
            assertThat(r.dataSet().string(Tags.STUDY_INSTANCE_UID)).isEqualTo(Fixtures.STUDY_INSTANCE_UID);
            assertThat(r.dataSet().items(Tags.PROCEDURE_CODE_SEQUENCE)).hasSize(1);
        }
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void aCharacterSetOfMegabytesIsReadQuicklyWithAWarning() throws Exception {
        // 1.6 million terms: more than the million values a file may have, so the UIDs after them
        // were dropped when every term was decoded; and each read took seconds
        byte[] file = hugeCharacterSet(32 << 20);
        DicomReadResult array = reader.read(file, ReadOptions.defaults());
        DicomReadResult stream = reader.read(new ByteArrayInputStream(file), ReadOptions.defaults());
        assertThat(stream).isEqualTo(array);
        assertThat(array.dataSet().string(Tags.SOP_INSTANCE_UID)).isEqualTo(Fixtures.SOP_INSTANCE_UID);
        assertThat(array.warnings()).extracting(w -> w.code()).contains(ReadWarnings.CHARACTER_SET);
    }
}
