package org.dicom2fhir.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dicom2fhir.testkit.Bytes.ascii;
import static org.dicom2fhir.testkit.Bytes.cat;
import static org.dicom2fhir.testkit.Bytes.hex;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.Inflater;
import org.dicom2fhir.api.dicom.Tags;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DicomFileWriterTest {

    /** Set in scrambled order on purpose: the writer sorts. */
    private static DicomObject small() {
        DicomObject item = new DicomObject().set(Tags.CODE_VALUE, "SH", "X");
        return new DicomObject()
                .setSequence(0x0040A730, item)
                .set(Tags.PATIENT_NAME, "PN", "Doe^J")
                .setBytes(0x00291010, "OB", new byte[] {1, 2, 3})
                .set(Tags.SOP_INSTANCE_UID, "UI", "1.2.3")
                .setInts(0x00280010, "US", 64)
                .set(Tags.MODALITY, "CS", "CT");
    }

    private static DicomFileSpec bare(TransferSyntax ts) {
        return DicomFileSpec.of(ts).withPreamble(false).withFileMeta(false);
    }

    @Test
    void explicitLittleEndianLayoutPaddingAndOrder() {
        byte[] expected = cat(
                hex("08 00 18 00"), ascii("UI"), hex("06 00"), ascii("1.2.3"), hex("00"),
                hex("08 00 60 00"), ascii("CS"), hex("02 00"), ascii("CT"),
                hex("10 00 10 00"), ascii("PN"), hex("06 00"), ascii("Doe^J "),
                hex("28 00 10 00"), ascii("US"), hex("02 00 40 00"),
                hex("29 00 10 10"), ascii("OB"), hex("00 00 04 00 00 00 01 02 03 00"),
                hex("40 00 30 A7"), ascii("SQ"), hex("00 00 12 00 00 00"),
                hex("FE FF 00 E0 0A 00 00 00"),
                hex("08 00 00 01"), ascii("SH"), hex("02 00"), ascii("X "));
        assertThat(DicomFileWriter.toBytes(small(), bare(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN)))
                .isEqualTo(expected);
    }

    @Test
    void implicitLittleEndianLayout() {
        byte[] expected = cat(
                hex("08 00 18 00 06 00 00 00"), ascii("1.2.3"), hex("00"),
                hex("08 00 60 00 02 00 00 00"), ascii("CT"),
                hex("10 00 10 00 06 00 00 00"), ascii("Doe^J "),
                hex("28 00 10 00 02 00 00 00 40 00"),
                hex("29 00 10 10 04 00 00 00 01 02 03 00"),
                hex("40 00 30 A7 12 00 00 00"),
                hex("FE FF 00 E0 0A 00 00 00"),
                hex("08 00 00 01 02 00 00 00"), ascii("X "));
        assertThat(DicomFileWriter.toBytes(small(), bare(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN)))
                .isEqualTo(expected);
    }

    @Test
    void explicitBigEndianLayout() {
        byte[] expected = cat(
                hex("00 08 00 18"), ascii("UI"), hex("00 06"), ascii("1.2.3"), hex("00"),
                hex("00 08 00 60"), ascii("CS"), hex("00 02"), ascii("CT"),
                hex("00 10 00 10"), ascii("PN"), hex("00 06"), ascii("Doe^J "),
                hex("00 28 00 10"), ascii("US"), hex("00 02 00 40"),
                hex("00 29 10 10"), ascii("OB"), hex("00 00 00 00 00 04 01 02 03 00"),
                hex("00 40 A7 30"), ascii("SQ"), hex("00 00 00 00 00 12"),
                hex("FF FE E0 00 00 00 00 0A"),
                hex("00 08 01 00"), ascii("SH"), hex("00 02"), ascii("X "));
        assertThat(DicomFileWriter.toBytes(small(), bare(TransferSyntax.EXPLICIT_VR_BIG_ENDIAN)))
                .isEqualTo(expected);
    }

    @Test
    void undefinedLengthsWriteDelimitationItems() {
        byte[] expectedTail = cat(
                hex("40 00 30 A7"), ascii("SQ"), hex("00 00 FF FF FF FF"),
                hex("FE FF 00 E0 FF FF FF FF"),
                hex("08 00 00 01"), ascii("SH"), hex("02 00"), ascii("X "),
                hex("FE FF 0D E0 00 00 00 00"),
                hex("FE FF DD E0 00 00 00 00"));
        byte[] out = DicomFileWriter.toBytes(small(),
                bare(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN).withUndefinedLengths(true));
        assertThat(Bytes.slice(out, out.length - expectedTail.length, out.length)).isEqualTo(expectedTail);

        byte[] onlyItems = DicomFileWriter.toBytes(small(),
                bare(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN).withUndefinedLengthItems(true));
        // defined sequence length around an undefined-length item: 8 + 10 + 8
        assertThat(Bytes.toHex(onlyItems)).contains(Bytes.toHex(cat(ascii("SQ"), hex("00 00 1A 00 00 00"))));
    }

    @Test
    void longVrLayoutsUseReservedBytesAndFourByteLengths() {
        DicomObject ds = new DicomObject();
        String[] longVrs = {"OB", "OD", "OF", "OL", "OV", "OW", "UC", "UN", "UR", "UT", "SV", "UV"};
        int tag = 0x00091001;
        for (String vr : longVrs) {
            ds.setBytes(tag++, vr, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        }
        ds.setBytes(tag, "ZZ", new byte[] {1, 2}); // unknown VR: the 4-byte layout of PS3.5 7.1.2
        byte[] out = DicomFileWriter.toBytes(ds, bare(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
        List<Walker.Element> elements = new Walker(out, true, false, Set.of()).walk(0, out.length);
        assertThat(elements).hasSize(longVrs.length + 1);
        for (int i = 0; i < longVrs.length; i++) {
            Walker.Element e = elements.get(i);
            assertThat(e.vr()).isEqualTo(longVrs[i]);
            assertThat(e.length()).isEqualTo(8);
            assertThat(out[e.valueOffset() - 6]).isZero(); // the reserved bytes
            assertThat(out[e.valueOffset() - 5]).isZero();
        }
        assertThat(elements.get(longVrs.length).length()).isEqualTo(2);
        assertThat(out).hasSize(longVrs.length * 20 + 14);
    }

    @Test
    void fileMetaHasCorrectGroupLengthAndUids() {
        DicomObject ds = new DicomObject()
                .set(Tags.SOP_CLASS_UID, "UI", "1.2.840.10008.5.1.4.1.1.2")
                .set(Tags.SOP_INSTANCE_UID, "UI", "1.2.3.4.5")
                .set(Tags.PATIENT_ID, "LO", "X1");
        byte[] out = DicomFileWriter.toBytes(ds, DicomFileSpec.of(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN));
        assertThat(Bytes.slice(out, 0, 128)).containsOnly(0);
        assertThat(new String(out, 128, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("DICM");
        Walker meta = new Walker(out, true, false, Set.of());
        assertThat(meta.tag(132)).isEqualTo(Tags.FILE_META_INFORMATION_GROUP_LENGTH);
        assertThat(new String(out, 136, 2, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("UL");
        long groupLength = meta.u32(140);
        int dataSetStart = (int) (144 + groupLength);
        List<Walker.Element> metaElements = meta.walk(144, dataSetStart);
        assertThat(metaElements).extracting(Walker.Element::tag)
                .containsExactly(0x00020001, 0x00020002, 0x00020003, 0x00020010, 0x00020012, 0x00020013);
        assertThat(value(out, metaElements.get(0))).isEqualTo("\0\1");
        assertThat(value(out, metaElements.get(1))).isEqualTo("1.2.840.10008.5.1.4.1.1.2\0");
        assertThat(value(out, metaElements.get(2))).isEqualTo("1.2.3.4.5\0");
        assertThat(value(out, metaElements.get(3))).isEqualTo("1.2.840.10008.1.2\0");
        assertThat(value(out, metaElements.get(4))).isEqualTo(DicomFileWriter.IMPLEMENTATION_CLASS_UID
                + (DicomFileWriter.IMPLEMENTATION_CLASS_UID.length() % 2 == 1 ? "\0" : ""));
        // the data set follows in implicit VR: (0008,0016) with a 4-byte length
        Walker body = new Walker(out, false, false, Set.of());
        assertThat(body.tag(dataSetStart)).isEqualTo(Tags.SOP_CLASS_UID);
        assertThat(body.u32(dataSetStart + 4)).isEqualTo(26);
    }

    @Test
    void groupTwoElementsOfTheDataSetOverrideTheGeneratedMeta() {
        DicomObject ds = new DicomObject()
                .set(Tags.TRANSFER_SYNTAX_UID, "UI", "1.2.3.999")
                .set(Tags.SOP_INSTANCE_UID, "UI", "1.2.3");
        byte[] out = DicomFileWriter.toBytes(ds, DicomFileSpec.of(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
        Walker w = new Walker(out, true, false, Set.of());
        List<Walker.Element> all = w.walk(132, out.length);
        Walker.Element ts = all.stream().filter(e -> e.tag() == Tags.TRANSFER_SYNTAX_UID).findFirst().orElseThrow();
        assertThat(value(out, ts)).isEqualTo("1.2.3.999\0");
        assertThat(all).filteredOn(e -> e.tag() == Tags.TRANSFER_SYNTAX_UID).hasSize(1);
        assertThat(all.get(all.size() - 1).tag()).isEqualTo(Tags.SOP_INSTANCE_UID);
    }

    @Test
    void deflatedDataSetInflatesToTheExplicitLittleEndianEncoding() throws Exception {
        DicomObject ds = small().set(Tags.SOP_CLASS_UID, "UI", "1.2.840.10008.5.1.4.1.1.7");
        byte[] deflated = DicomFileWriter.toBytes(ds, DicomFileSpec.of(TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN));
        byte[] plain = DicomFileWriter.toBytes(ds, DicomFileSpec.of(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
        int metaEnd = (int) (144 + new Walker(deflated, true, false, Set.of()).u32(140));
        int plainMetaEnd = (int) (144 + new Walker(plain, true, false, Set.of()).u32(140));
        Inflater inflater = new Inflater(true);
        inflater.setInput(Bytes.slice(deflated, metaEnd, deflated.length));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        while (!inflater.finished()) {
            int n = inflater.inflate(buf);
            if (n == 0 && inflater.needsInput()) {
                break;
            }
            out.write(buf, 0, n);
        }
        assertThat(inflater.finished()).isTrue();
        inflater.end();
        assertThat(out.toByteArray()).isEqualTo(Bytes.slice(plain, plainMetaEnd, plain.length));
    }

    @Test
    void pixelDataIsWrittenNativeSwappedForBigEndianOrEncapsulated() {
        DicomObject ds = new DicomObject().set(Tags.SOP_INSTANCE_UID, "UI", "1.2.3")
                .setBytes(0xFFFAFFFA, "OB", new byte[] {9, 9}); // sorts after Pixel Data (unsigned)
        byte[] pixels = {1, 2, 3, 4};

        byte[] le = DicomFileWriter.toBytes(ds, bare(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN).withPixelData(pixels));
        assertThat(Bytes.toHex(le)).endsWith(Bytes.toHex(cat(hex("E0 7F 10 00"), ascii("OW"),
                hex("00 00 04 00 00 00 01 02 03 04"), hex("FA FF FA FF"), ascii("OB"), hex("00 00 02 00 00 00 09 09"))));

        byte[] be = DicomFileWriter.toBytes(ds, bare(TransferSyntax.EXPLICIT_VR_BIG_ENDIAN).withPixelData(pixels));
        assertThat(Bytes.toHex(be)).contains(Bytes.toHex(cat(hex("7F E0 00 10"), ascii("OW"),
                hex("00 00 00 00 00 04 02 01 04 03"))));

        byte[] jpeg = DicomFileWriter.toBytes(ds, bare(TransferSyntax.JPEG_BASELINE).withPixelData(new byte[] {1, 2, 3}));
        assertThat(Bytes.toHex(jpeg)).contains(Bytes.toHex(cat(hex("E0 7F 10 00"), ascii("OB"),
                hex("00 00 FF FF FF FF"), hex("FE FF 00 E0 00 00 00 00"), hex("FE FF 00 E0 04 00 00 00 01 02 03 00"),
                hex("FE FF DD E0 00 00 00 00"))));
    }

    @Test
    void sparsePixelDataLeavesAHoleOfTheDeclaredLength(@TempDir Path dir) throws Exception {
        long declared = 256L << 20;
        DicomObject ds = new DicomObject().set(Tags.SOP_INSTANCE_UID, "UI", "1.2.3");
        Path native16 = dir.resolve("native.dcm");
        DicomFileWriter.write(native16, ds, DicomFileSpec.of(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN)
                .withSparsePixelData(declared));
        byte[] head = DicomFileWriter.toBytes(ds, DicomFileSpec.of(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
        assertThat(Files.size(native16)).isEqualTo(head.length + 12 + declared);
        assertThat(allocatedBytes(native16)).isLessThan(1L << 20);

        Path encapsulated = dir.resolve("encapsulated.dcm");
        DicomFileWriter.write(encapsulated, ds, DicomFileSpec.of(TransferSyntax.JPEG_2000).withSparsePixelData(declared));
        byte[] jpegHead = DicomFileWriter.toBytes(ds, DicomFileSpec.of(TransferSyntax.JPEG_2000));
        assertThat(Files.size(encapsulated)).isEqualTo(jpegHead.length + 12 + 8 + 8 + declared + 8);
        assertThat(allocatedBytes(encapsulated)).isLessThan(1L << 20);
        byte[] small = DicomFileWriter.toBytes(ds, DicomFileSpec.of(TransferSyntax.JPEG_2000).withSparsePixelData(6));
        assertThat(Bytes.toHex(small)).endsWith(Bytes.toHex(cat(hex("FE FF 00 E0 06 00 00 00"), new byte[6],
                hex("FE FF DD E0 00 00 00 00"))));
    }

    /** Blocks the file system allocated (GNU stat), or 0 where that cannot be asked. */
    private static long allocatedBytes(Path p) throws Exception {
        Process proc = new ProcessBuilder("stat", "-c", "%b %B", p.toString()).redirectErrorStream(true).start();
        String out = new String(proc.getInputStream().readAllBytes()).trim();
        if (proc.waitFor() != 0) {
            return 0;
        }
        String[] parts = out.split(" ");
        return Long.parseLong(parts[0]) * Long.parseLong(parts[1]);
    }

    @Test
    void tenThousandNestedSequencesAreBuiltCopiedAndWrittenOnASmallStack() throws Exception {
        int depth = 10_000;
        AtomicReference<Object> result = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                DicomObject inner = new DicomObject().set(Tags.CODE_VALUE, "SH", "LEAF");
                for (int i = 1; i < depth; i++) {
                    inner = new DicomObject().setSequence(0x0040A730, inner);
                }
                DicomObject ds = new DicomObject().set(Tags.SOP_INSTANCE_UID, "UI", "1.2.3")
                        .setSequence(0x0040A730, inner).copy();
                byte[] defined = DicomFileWriter.toBytes(ds, bare(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
                byte[] undefined = DicomFileWriter.toBytes(ds, bare(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN)
                        .withUndefinedLengths(true));
                result.set(new byte[][] {defined, undefined});
            } catch (Throwable e) {
                result.set(e);
            }
        }, "small-stack", 128 * 1024);
        t.start();
        t.join();
        assertThat(result.get()).isInstanceOf(byte[][].class);
        byte[][] out = (byte[][]) result.get();
        List<Walker.Element> defined = new Walker(out[0], true, false, Set.of()).walk(0, out[0].length);
        assertThat(defined.stream().mapToInt(Walker.Element::depth).max().orElseThrow()).isEqualTo(2 * depth);
        assertThat(defined).filteredOn(e -> e.tag() == Tags.ITEM).hasSize(depth);
        List<Walker.Element> undefined = new Walker(out[1], false, false, Set.of()).walk(0, out[1].length);
        assertThat(undefined).filteredOn(e -> e.tag() == Tags.SEQUENCE_DELIMITATION_ITEM).hasSize(depth);
        assertThat(undefined).filteredOn(e -> e.tag() == Tags.ITEM_DELIMITATION_ITEM).hasSize(depth);
        // each level costs 12 (SQ header) + 8 (item); the leaf 8 + 4 ("LEAF") and the UID 8 + 6
        assertThat(out[0]).hasSize(depth * 20 + 12 + 14);
    }

    @Test
    void unpaddedBytesKeepTheirOddLength() {
        DicomObject ds = new DicomObject().setBytesUnpadded(Tags.PATIENT_ID, "LO", ascii("ABC"));
        assertThat(DicomFileWriter.toBytes(ds, bare(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN)))
                .isEqualTo(cat(hex("10 00 20 00"), ascii("LO"), hex("03 00"), ascii("ABC")));
    }

    @Test
    void numbersAndTagsAreWrittenInTheByteOrderOfTheSyntax() {
        DicomObject ds = new DicomObject()
                .setInts(0x00091001, "UL", 0x01020304)
                .setInts(0x00091002, "AT", Tags.PATIENT_NAME)
                .setFloats(0x00091003, "FD", 1.0)
                .set(0x00091004, "SS", "-2");
        assertThat(DicomFileWriter.toBytes(ds, bare(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN))).isEqualTo(cat(
                hex("09 00 01 10 04 00 00 00 04 03 02 01"),
                hex("09 00 02 10 04 00 00 00 10 00 10 00"),
                hex("09 00 03 10 08 00 00 00 00 00 00 00 00 00 F0 3F"),
                hex("09 00 04 10 02 00 00 00 FE FF")));
        assertThat(DicomFileWriter.toBytes(ds, bare(TransferSyntax.EXPLICIT_VR_BIG_ENDIAN))).isEqualTo(cat(
                hex("00 09 10 01"), ascii("UL"), hex("00 04 01 02 03 04"),
                hex("00 09 10 02"), ascii("AT"), hex("00 04 00 10 00 10"),
                hex("00 09 10 03"), ascii("FD"), hex("00 08 3F F0 00 00 00 00 00 00"),
                hex("00 09 10 04"), ascii("SS"), hex("00 02 FF FE")));
        assertThat(ds.getString(0x00091001)).isEqualTo("16909060");
        assertThat(ds.getString(0x00091002)).isEqualTo("00100010");
        assertThat(ds.getString(0x00091004)).isEqualTo("-2");
    }

    @Test
    void aShortVrValueOver64KiBIsRefusedWithoutQuotingIt() {
        DicomObject ds = new DicomObject().set(Tags.PATIENT_NAME, "LO", "x".repeat(70_000));
        assertThatThrownBy(() -> DicomFileWriter.toBytes(ds, bare(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(0010,0010)")
                .hasMessageNotContaining("xxx");
        // implicit VR has 4-byte lengths
        assertThat(DicomFileWriter.toBytes(ds, bare(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN))).hasSize(70_008);
    }

    @Test
    void itemsMayDeclareTheirOwnCharacterSet() {
        DicomObject item = new DicomObject().set(Tags.SPECIFIC_CHARACTER_SET, "CS", "ISO_IR 192")
                .set(Tags.PATIENT_NAME, "PN", "Jérôme");
        DicomObject ds = new DicomObject().set(Tags.SPECIFIC_CHARACTER_SET, "CS", "ISO_IR 100")
                .set(Tags.PATIENT_NAME, "PN", "Jérôme").setSequence(0x0040A730, item);
        byte[] out = DicomFileWriter.toBytes(ds, bare(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
        String hexOut = Bytes.toHex(out);
        assertThat(hexOut).contains(Bytes.toHex(hex("4A E9 72 F4 6D 65"))); // Latin-1
        assertThat(hexOut).contains(Bytes.toHex(hex("4A C3 A9 72 C3 B4 6D 65"))); // UTF-8 in the item
    }

    @Test
    void copyIsDeepAndGettersReflectValues() {
        DicomObject original = small();
        DicomObject copy = original.copy();
        copy.getSequence(0x0040A730).get(0).set(Tags.CODE_VALUE, "SH", "Y");
        assertThat(original.getSequence(0x0040A730).get(0).getString(Tags.CODE_VALUE)).isEqualTo("X");
        assertThat(copy.tags()).isEqualTo(original.tags());
        assertThat(original.getStrings(Tags.PATIENT_NAME)).containsExactly("Doe^J");
        assertThat(new DicomObject().set(Tags.IMAGE_TYPE, "CS", "A", "B").getString(Tags.IMAGE_TYPE)).isEqualTo("A\\B");
        assertThat(original.getBytes(0x00291010)).containsExactly(1, 2, 3);
        assertThat(original.toString()).doesNotContain("Doe");
        List<Integer> unsignedOrder = new ArrayList<>(new DicomObject().setEmpty(0xFFFAFFFA, "SQ")
                .setEmpty(0x00080005, "CS").tags());
        assertThat(unsignedOrder).containsExactly(0x00080005, 0xFFFAFFFA);
    }

    private static String value(byte[] out, Walker.Element e) {
        return new String(out, e.valueOffset(), (int) e.length(), java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
