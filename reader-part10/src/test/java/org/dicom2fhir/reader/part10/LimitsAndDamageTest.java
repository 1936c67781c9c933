package org.dicom2fhir.reader.part10;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dicom2fhir.reader.part10.Failures.failure;
import static org.dicom2fhir.reader.part10.Failures.limitOf;
import static org.dicom2fhir.reader.part10.Failures.reasonOf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dicom2fhir.api.Limit;
import org.dicom2fhir.api.Limits;
import org.dicom2fhir.api.ReasonCode;
import org.dicom2fhir.api.WarningCode;
import org.dicom2fhir.api.dicom.DicomReadException;
import org.dicom2fhir.api.dicom.DicomReadResult;
import org.dicom2fhir.api.dicom.LimitExceededException;
import org.dicom2fhir.api.dicom.NotDicomException;
import org.dicom2fhir.api.dicom.ReadDamage;
import org.dicom2fhir.api.dicom.ReadOptions;
import org.dicom2fhir.api.dicom.Tags;
import org.dicom2fhir.api.dicom.Vr;
import org.dicom2fhir.api.spi.DicomReader;
import org.dicom2fhir.codec.internal.Encoding;
import org.dicom2fhir.codec.internal.TransferSyntaxes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class LimitsAndDamageTest {
    private final DicomReader reader = new Part10ReaderProvider().create();

    @TempDir
    Path tmp;

    // ----- nesting

    /** Sequences nested {@code levels} deep, each in an item, undefined lengths, then a UID. */
    private static byte[] deeplyNested(int levels, boolean undefinedLengths) {
        byte[] seqOpen = DataSetBytes.explicitLittle().header(0x00081115, "SQ", DataSetBytes.UNDEFINED)
                .marker(DataSetBytes.ITEM, DataSetBytes.UNDEFINED).toBytes();
        byte[] seqClose = DataSetBytes.explicitLittle().marker(DataSetBytes.ITEM_END, 0)
                .marker(DataSetBytes.SEQUENCE_END, 0).toBytes();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(DataSetBytes.explicitLittle().text(Tags.SOP_INSTANCE_UID, "UI", "1.2.3").toBytes());
        if (undefinedLengths) {
            for (int i = 0; i < levels; i++) {
                out.writeBytes(seqOpen);
            }
            for (int i = 0; i < levels; i++) {
                out.writeBytes(seqClose);
            }
        } else {
            // outermost first, lengths computed ahead: each level is SQ header (12) + item header (8)
            for (int i = levels; i > 0; i--) {
                long inside = 20L * (i - 1);
                out.writeBytes(DataSetBytes.explicitLittle().header(0x00081115, "SQ", inside + 8)
                        .marker(DataSetBytes.ITEM, inside).toBytes());
            }
        }
        return DataSetBytes.part10(TransferSyntaxes.EXPLICIT_VR_LITTLE_ENDIAN, out.toByteArray());
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    @Timeout(20)
    void aHundredThousandNestedSequencesFailCleanly(boolean undefinedLengths) {
        byte[] file = deeplyNested(100_000, undefinedLengths);

        assertThatThrownBy(() -> reader.read(file, ReadOptions.defaults()))
                .isInstanceOfSatisfying(LimitExceededException.class, e -> {
                    assertThat(e.limit()).isEqualTo(Limit.MAX_NESTING_DEPTH);
                    assertThat(e.reason()).isEqualTo(ReasonCode.NESTING_TOO_DEEP);
                    assertThat(e.tag()).isEqualTo(0x00081115);
                    assertThat(e.offset()).isGreaterThan(132);
                    assertThat(e.getMessage()).contains("(0008,1115)").contains("byte " + e.offset());
                });
    }

    @Test
    void nestingUpToTheLimitIsRead() throws Exception {
        assertThat(reader.read(deeplyNested(64, true), ReadOptions.defaults()).dataSet().items(0x00081115)).hasSize(1);
        assertThat(limitOf(() -> reader.read(deeplyNested(65, true), ReadOptions.defaults())))
                .isEqualTo(Limit.MAX_NESTING_DEPTH);
        assertThat(limitOf(() -> reader.read(deeplyNested(5, true), ReadOptions.defaults().withMaxNestingDepth(4))))
                .isEqualTo(Limit.MAX_NESTING_DEPTH);
        assertThat(reader.read(deeplyNested(4, true), ReadOptions.defaults().withMaxNestingDepth(4)).dataSet()
                .items(0x00081115)).hasSize(1);
    }

    @Test
    void anUnrequestedDefinedLengthSequenceIsSkippedWithoutLookingInside() throws Exception {
        DicomReadResult r = reader.read(deeplyNested(100_000, false), ReadOptions.defaults().withTags(Tags.SOP_INSTANCE_UID));

        assertThat(r.dataSet().string(Tags.SOP_INSTANCE_UID)).isEqualTo("1.2.3");
    }

    // ----- inflation

    @Test
    @Timeout(20)
    void aDeflateBombFailsAtTheInflatedLimit() {
        // 200 MB of a private OB value: a few hundred kB deflated
        int size = 200 << 20;
        DataSetBytes header = DataSetBytes.explicitLittle().text(Tags.SOP_INSTANCE_UID, "UI", "1.2.3").header(0x00091010, "OB", size);
        java.util.zip.Deflater deflater = new java.util.zip.Deflater(9, true);
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        byte[] buf = new byte[1 << 16];
        deflater.setInput(header.toBytes());
        byte[] zeros = new byte[1 << 20];
        for (int written = 0; written < size; written += zeros.length) {
            while (!deflater.needsInput()) {
                compressed.write(buf, 0, deflater.deflate(buf));
            }
            deflater.setInput(zeros);
        }
        deflater.finish();
        while (!deflater.finished()) {
            compressed.write(buf, 0, deflater.deflate(buf));
        }
        deflater.end();
        byte[] file = DataSetBytes.part10(TransferSyntaxes.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN, compressed.toByteArray());
        assertThat(file.length).isLessThan(1 << 20);

        assertThatThrownBy(() -> reader.read(file, ReadOptions.defaults()))
                .isInstanceOfSatisfying(LimitExceededException.class, e -> {
                    assertThat(e.limit()).isEqualTo(Limit.MAX_INFLATED_BYTES);
                    assertThat(e.reason()).isEqualTo(ReasonCode.INFLATED_TOO_LARGE);
                });
        assertThat(limitOf(() -> reader.read(new java.io.ByteArrayInputStream(file), ReadOptions.defaults())))
                .isEqualTo(Limit.MAX_INFLATED_BYTES);
    }

    @Test
    void corruptDeflateDataFails() {
        byte[] garbage = new byte[100];
        java.util.Arrays.fill(garbage, (byte) 0xFF);
        byte[] file = DataSetBytes.part10(TransferSyntaxes.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN, garbage);

        assertThat(reasonOf(() -> reader.read(file, ReadOptions.defaults()))).isEqualTo(ReasonCode.MALFORMED);
    }

    // ----- lengths

    @ParameterizedTest
    @ValueSource(longs = {0xFFFFFFFEL, 0x7FFFFFFFL, 0x10000L, 100})
    void aValueLongerThanTheFileFailsWithoutAllocatingIt(long declared) {
        byte[] file = DataSetBytes.part10(TransferSyntaxes.EXPLICIT_VR_LITTLE_ENDIAN, DataSetBytes.explicitLittle()
                .header(Tags.PATIENT_NAME, "UT", declared).bytes("Doe".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .toBytes());

        assertThatThrownBy(() -> reader.read(file, ReadOptions.defaults()))
                .isInstanceOfSatisfying(DicomReadException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ReasonCode.LENGTH_EXCEEDS_FILE);
                    assertThat(e.tag()).isEqualTo(Tags.PATIENT_NAME);
                    assertThat(e.offset()).isPositive();
                    assertThat(e.getMessage()).contains("(0010,0010)").doesNotContain("Doe");
                });
        assertThat(reasonOf(() -> reader.read(new java.io.ByteArrayInputStream(file), ReadOptions.defaults())))
                .isEqualTo(ReasonCode.LENGTH_EXCEEDS_FILE);
        assertThat(reasonOf(() -> reader.read(file, ReadOptions.defaults().withTags(Tags.SOP_INSTANCE_UID))))
                .isEqualTo(ReasonCode.LENGTH_EXCEEDS_FILE);
    }

    @Test
    void damageAfterSomeElementsKeepsThemAndSaysWhere() throws Exception {
        byte[] file = DataSetBytes.part10(TransferSyntaxes.EXPLICIT_VR_LITTLE_ENDIAN, DataSetBytes.explicitLittle()
                .text(Tags.SOP_INSTANCE_UID, "UI", "1.2.3")
                .text(Tags.STUDY_INSTANCE_UID, "UI", "1.2.3.4")
                .header(Tags.SERIES_DESCRIPTION, "LO", 60000).bytes(new byte[10])
                .toBytes());

        DicomReadResult r = reader.read(file, ReadOptions.defaults());

        assertThat(r.dataSet().string(Tags.SOP_INSTANCE_UID)).isEqualTo("1.2.3");
        assertThat(r.dataSet().contains(Tags.SERIES_DESCRIPTION)).isFalse();
        assertThat(r.warnings()).isEmpty();
        long at = file.length - 10 - 8;
        assertThat(r.damage()).isEqualTo(new ReadDamage(ReasonCode.LENGTH_EXCEEDS_FILE, Tags.SERIES_DESCRIPTION, at,
                "Element (0008,103E) at byte " + at + " declares a length of 60000 bytes but only 18 bytes are left."));
    }

    @Test
    void damageInsideARequestedSequenceDropsThatSequenceOnly() throws Exception {
        byte[] file = DataSetBytes.part10(TransferSyntaxes.EXPLICIT_VR_LITTLE_ENDIAN, DataSetBytes.explicitLittle()
                .text(Tags.SOP_INSTANCE_UID, "UI", "1.2.3")
                .header(Tags.PROCEDURE_CODE_SEQUENCE, "SQ", DataSetBytes.UNDEFINED)
                .marker(DataSetBytes.ITEM, DataSetBytes.UNDEFINED)
                .text(Tags.CODE_VALUE, "SH", "P1")
                .toBytes()); // the file ends inside the item

        DicomReadResult r = reader.read(file, ReadOptions.defaults());

        assertThat(r.dataSet().string(Tags.SOP_INSTANCE_UID)).isEqualTo("1.2.3");
        assertThat(r.dataSet().contains(Tags.PROCEDURE_CODE_SEQUENCE)).isFalse();
        assertThat(r.warnings()).isEmpty();
        assertThat(r.damage()).satisfies(d -> {
            assertThat(d.reason()).isEqualTo(ReasonCode.TRUNCATED);
            assertThat(d.tag()).isEqualTo(Tags.PROCEDURE_CODE_SEQUENCE);
            assertThat(d.offset()).isEqualTo(file.length);
            assertThat(d.message()).contains("(0008,1032)").contains("byte " + file.length);
        });
    }

    @Test
    void damageBeforeAnyRequestedElementFails() {
        byte[] file = DataSetBytes.part10(TransferSyntaxes.EXPLICIT_VR_LITTLE_ENDIAN, DataSetBytes.explicitLittle()
                .text(Tags.SOP_INSTANCE_UID, "UI", "1.2.3")
                .header(Tags.SERIES_DESCRIPTION, "LO", 60000).bytes(new byte[10])
                .toBytes());

        assertThat(reasonOf(() -> reader.read(file, ReadOptions.defaults().withTags(Tags.STUDY_INSTANCE_UID))))
                .isEqualTo(ReasonCode.LENGTH_EXCEEDS_FILE);
    }

    @Test
    void aFileCutInsideTheMetaGroupFails() {
        byte[] whole = DataSetBytes.part10(TransferSyntaxes.EXPLICIT_VR_LITTLE_ENDIAN, new byte[0]);
        byte[] cutInHeader = java.util.Arrays.copyOf(whole, 132 + 12 + 4);
        byte[] cutInValue = java.util.Arrays.copyOf(whole, whole.length - 3);

        assertThat(reasonOf(() -> reader.read(cutInHeader, ReadOptions.defaults()))).isEqualTo(ReasonCode.TRUNCATED);
        assertThat(reasonOf(() -> reader.read(cutInValue, ReadOptions.defaults()))).isEqualTo(ReasonCode.LENGTH_EXCEEDS_FILE);
        assertThat(reasonOf(() -> reader.read(java.util.Arrays.copyOf(whole, 132), ReadOptions.defaults())))
                .isEqualTo(ReasonCode.TRUNCATED);
    }

    @Test
    void theHeaderLimitFailsAHugeRequestedValue() {
        byte[] file = DataSetBytes.part10(TransferSyntaxes.EXPLICIT_VR_LITTLE_ENDIAN, DataSetBytes.explicitLittle()
                .text(Tags.SOP_INSTANCE_UID, "UI", "1.2.3")
                .raw(Tags.DOCUMENT_TITLE, "UT", new byte[100_000])
                .toBytes());

        assertThat(limitOf(() -> reader.read(file, ReadOptions.defaults().withMaxHeaderBytes(50_000))))
                .isEqualTo(Limit.MAX_HEADER_BYTES);
        assertThat(limitOf(() -> reader.read(new java.io.ByteArrayInputStream(file), ReadOptions.defaults().withMaxHeaderBytes(50_000))))
                .isEqualTo(Limit.MAX_HEADER_BYTES);
        ReadOptions viaLimits = ReadOptions.defaults().withLimits(Limits.defaults().with(Limit.MAX_HEADER_BYTES, 50_000));
        assertThat(limitOf(() -> reader.read(file, viaLimits))).isEqualTo(Limit.MAX_HEADER_BYTES);
        assertThat(failure(() -> reader.read(file, ReadOptions.defaults().withMaxHeaderBytes(200_000)))).isNull();
    }

    @Test
    void aHeaderOfMillionsOfTinyValuesIsCappedNotMaterialisedInFull() throws Exception {
        byte[] manyValues = "A\\".repeat(1_500_000).getBytes(java.nio.charset.StandardCharsets.US_ASCII); // 3 MB
        byte[] manyNumbers = new byte[4_000_000]; // 2 million US values
        byte[] file = DataSetBytes.part10(TransferSyntaxes.EXPLICIT_VR_LITTLE_ENDIAN, DataSetBytes.explicitLittle()
                .text(Tags.SOP_INSTANCE_UID, "UI", "1.2.3")
                .raw(Tags.IMAGE_TYPE, "UC", manyValues)
                .toBytes());
        byte[] numbers = DataSetBytes.part10(TransferSyntaxes.IMPLICIT_VR_LITTLE_ENDIAN, DataSetBytes.implicitLittle()
                .text(Tags.SOP_INSTANCE_UID, "UI", "1.2.3")
                .raw(0x00283006, "US", manyNumbers)
                .toBytes());

        DicomReadResult text = reader.read(file, ReadOptions.defaults());
        DicomReadResult binary = reader.read(numbers, ReadOptions.defaults());

        assertThat(text.dataSet().strings(Tags.IMAGE_TYPE)).hasSizeLessThanOrEqualTo(DataSetParser.MAX_VALUES);
        assertThat(text.warnings()).extracting(w -> w.code()).contains(WarningCode.MALFORMED);
        assertThat(binary.dataSet().strings(0x00283006)).hasSizeLessThanOrEqualTo(DataSetParser.MAX_VALUES);
        assertThat(binary.dataSet().string(Tags.SOP_INSTANCE_UID)).isEqualTo("1.2.3");
    }

    @Test
    void trailingZeroPaddingEndsTheDataSet() throws Exception {
        byte[] file = DataSetBytes.part10(TransferSyntaxes.EXPLICIT_VR_LITTLE_ENDIAN, DataSetBytes.explicitLittle()
                .text(Tags.SOP_INSTANCE_UID, "UI", "1.2.3")
                .bytes(new byte[1001])
                .toBytes());

        DicomReadResult r = reader.read(file, ReadOptions.defaults());

        assertThat(r.dataSet().string(Tags.SOP_INSTANCE_UID)).isEqualTo("1.2.3");
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void anInvalidVrIsReadWithTheDictionaryLayoutOrTheLongLayout() throws Exception {
        byte[] file = DataSetBytes.part10(TransferSyntaxes.EXPLICIT_VR_LITTLE_ENDIAN, DataSetBytes.explicitLittle()
                .text(Tags.SOP_INSTANCE_UID, "??", "1.2.3") // known tag: UI's short layout
                .header(0x00091010, "zz", 4).bytes(new byte[] {1, 2, 3, 4}) // unknown: 4-byte length layout
                .text(Tags.PATIENT_ID, "LO", "ID1")
                .toBytes());
        // the unknown tag's header was written short: rewrite it in the long layout PS3.5 7.1.2 gives unknown VRs
        byte[] fixed = DataSetBytes.part10(TransferSyntaxes.EXPLICIT_VR_LITTLE_ENDIAN, DataSetBytes.explicitLittle()
                .text(Tags.SOP_INSTANCE_UID, "??", "1.2.3")
                .bytes(new byte[] {0x09, 0, 0x10, 0x10, 'z', 'z', 0, 0, 4, 0, 0, 0, 1, 2, 3, 4})
                .text(Tags.PATIENT_ID, "LO", "ID1")
                .toBytes());

        DicomReadResult r = reader.read(fixed, ReadOptions.defaults());

        assertThat(r.dataSet().string(Tags.SOP_INSTANCE_UID)).isEqualTo("1.2.3");
        assertThat(r.dataSet().get(Tags.SOP_INSTANCE_UID).vr()).isEqualTo(Vr.UI);
        assertThat(r.dataSet().get(0x00091010).vr()).isEqualTo(Vr.UN);
        assertThat(r.dataSet().string(Tags.PATIENT_ID)).isEqualTo("ID1");
        assertThat(r.warnings()).extracting(w -> w.code()).containsOnly(WarningCode.INVALID_VR).hasSize(2);
        assertThat(file).isNotEqualTo(fixed);
    }

    // ----- stop before Pixel Data

    @Test
    void aFileDeclaringFourGigabytesOfPixelDataButCutShortReadsFine(@TempDir Path dir) throws Exception {
        byte[] header = DataSetBytes.part10(TransferSyntaxes.EXPLICIT_VR_LITTLE_ENDIAN, DataSetBytes.explicitLittle()
                .text(Tags.SOP_INSTANCE_UID, "UI", "1.2.3")
                .header(Tags.PIXEL_DATA, "OW", 0xFFFFFFF0L)
                .bytes(new byte[100])
                .toBytes());
        Path file = dir.resolve("cut.dcm");
        Files.write(file, header);

        DicomReadResult r = reader.read(file, ReadOptions.defaults());

        assertThat(r.dataSet().string(Tags.SOP_INSTANCE_UID)).isEqualTo("1.2.3");
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void aSparseFileWithGigabytesOfPixelDataIsReadFromItsFirstBytes(@TempDir Path dir) throws Exception {
        byte[] header = DataSetBytes.part10(TransferSyntaxes.EXPLICIT_VR_LITTLE_ENDIAN, DataSetBytes.explicitLittle()
                .text(Tags.SOP_INSTANCE_UID, "UI", "1.2.3")
                .header(Tags.PIXEL_DATA, "OW", 0xFFFFFFF0L)
                .toBytes());
        Path file = dir.resolve("sparse.dcm");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.write(header);
            raf.setLength(header.length + 0xFFFFFFF0L);
        }

        DicomReadResult r = reader.read(file, ReadOptions.defaults().withMaxHeaderBytes(64 * 1024));

        assertThat(r.dataSet().string(Tags.SOP_INSTANCE_UID)).isEqualTo("1.2.3");
    }

    // ----- not DICOM

    @Test
    void notDicomFilesAreRecognisedFromTheirFirstBytes() throws IOException {
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1};
        byte[] text = "Patient list\nDoe, John\n".repeat(20).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] zeros = new byte[4096];
        byte[] shortPreamble = new byte[100];

        for (byte[] content : new byte[][] {jpeg, text, zeros, shortPreamble, new byte[0], {8}, {8, 0, 5, 0}}) {
            assertThatThrownBy(() -> reader.read(content, ReadOptions.defaults())).isInstanceOf(NotDicomException.class);
        }
        Path empty = Files.write(tmp.resolve("empty"), new byte[0]);
        assertThatThrownBy(() -> reader.read(empty, ReadOptions.defaults())).isInstanceOf(NotDicomException.class);
    }

    @Test
    void aHugeNonDicomFileIsRejectedWithoutReadingIt() throws IOException {
        Path huge = tmp.resolve("huge.bin");
        try (RandomAccessFile raf = new RandomAccessFile(huge.toFile(), "rw")) {
            raf.write("%PDF-1.7\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            raf.setLength(8L << 30); // sparse: 8 GiB
        }

        assertThatThrownBy(() -> reader.read(huge, ReadOptions.defaults())).isInstanceOf(NotDicomException.class);
    }

    @Test
    void aMissingFileIsAPlainIoException() {
        assertThatThrownBy(() -> reader.read(tmp.resolve("absent.dcm"), ReadOptions.defaults()))
                .isInstanceOf(IOException.class).isNotInstanceOf(DicomReadException.class);
    }

    // ----- sweeps: no exception other than DicomReadException, no hang

    @ParameterizedTest
    @EnumSource(Encoding.class)
    @Timeout(60)
    void everyTruncationOfAValidFileEndsCleanly(Encoding enc) throws Exception {
        DataSetBytes ds = DataSetBytes.typical(enc);
        DataSetBytes withSequences = DataSetBytes.of(enc).bytes(java.util.Arrays.copyOf(ds.toBytes(), ds.size() - 20))
                .sequence(Tags.REQUEST_ATTRIBUTES_SEQUENCE, DataSetBytes.of(enc).text(Tags.CODE_VALUE, "SH", "X")
                        .definedSequence(Tags.PROCEDURE_CODE_SEQUENCE, DataSetBytes.of(enc).text(Tags.CODE_MEANING, "LO", "M")))
                .raw(Tags.PIXEL_DATA, "OW", new byte[64]);
        byte[] whole = DataSetBytes.part10(enc.uid(), withSequences.toBytes());
        int uidEnd = TransferSyntaxTest.indexOf(whole, "1.2.3.4.5.6.7".getBytes(java.nio.charset.StandardCharsets.US_ASCII)) + 14;
        int secondUidEnd = uidEnd + TransferSyntaxTest.indexOf(java.util.Arrays.copyOfRange(whole, uidEnd, whole.length),
                "1.2.3.4.5.6.7".getBytes(java.nio.charset.StandardCharsets.US_ASCII)) + 14;
        for (int cut = 0; cut <= whole.length; cut++) {
            byte[] part = java.util.Arrays.copyOf(whole, cut);
            for (ReadOptions options : new ReadOptions[] {ReadOptions.defaults(),
                ReadOptions.defaults().withTags(Tags.SOP_INSTANCE_UID, Tags.REQUEST_ATTRIBUTES_SEQUENCE)}) {
                try {
                    DicomReadResult r = reader.read(part, options);
                    if (cut >= secondUidEnd) {
                        assertThat(r.dataSet().string(Tags.SOP_INSTANCE_UID)).as("cut at %d", cut).isEqualTo("1.2.3.4.5.6.7");
                    }
                } catch (DicomReadException expected) {
                    assertThat(expected.getMessage()).as("cut at %d", cut).isNotBlank().doesNotContain("Doe");
                    if (cut >= secondUidEnd) {
                        throw new AssertionError("cut at " + cut + " lost the data read: " + expected.getMessage());
                    }
                }
                try {
                    reader.read(new java.io.ByteArrayInputStream(part), options);
                } catch (DicomReadException expected) {
                    // any reason is fine; only the exception type matters here
                }
            }
        }
    }

    @Test
    @Timeout(60)
    void bitFlipsInTheHeaderNeverEscapeAsAnotherException() throws Exception {
        java.util.Random random = new java.util.Random(7);
        for (Encoding enc : Encoding.values()) {
            byte[] whole = DataSetBytes.part10(enc.uid(), DataSetBytes.typical(enc)
                    .sequence(Tags.PROCEDURE_CODE_SEQUENCE, DataSetBytes.of(enc).text(Tags.CODE_VALUE, "SH", "X")).toBytes());
            for (int n = 0; n < 3000; n++) {
                byte[] b = whole.clone();
                for (int k = 1 + random.nextInt(4); k > 0; k--) {
                    b[128 + random.nextInt(b.length - 128)] ^= (byte) (1 << random.nextInt(8));
                }
                try {
                    reader.read(b, ReadOptions.defaults());
                } catch (DicomReadException expected) {
                    assertThat(expected.getMessage()).isNotBlank();
                }
            }
        }
    }
}
