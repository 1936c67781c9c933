package org.dicom2fhir.reader.part10;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.dicom2fhir.api.WarningCode;
import org.dicom2fhir.api.dicom.DicomReadResult;
import org.dicom2fhir.api.dicom.ReadOptions;
import org.dicom2fhir.api.dicom.Tags;
import org.dicom2fhir.api.spi.DicomReader;
import org.dicom2fhir.codec.internal.Encoding;
import org.dicom2fhir.codec.internal.TransferSyntaxes;
import org.junit.jupiter.api.Test;

/**
 * A reading thread remembers the last file's values ({@link RepeatedValues}): whatever came before, a file reads
 * exactly as it reads on a thread of its own, and a value the file before held with the same bytes is that file's
 * element.
 */
class RepeatedValuesTest {
    private static final int ROWS = 0x00280010;
    private final DicomReader reader = new Part10ReaderProvider().create();

    @Test
    void aValueWithTheBytesOfTheFileBeforeIsItsElement() throws Exception {
        DicomReadResult first = reader.read(file(Encoding.EXPLICIT_VR_LITTLE_ENDIAN, "1.2.3.1", "Doe^John"), ReadOptions.defaults());
        byte[] next = file(Encoding.EXPLICIT_VR_LITTLE_ENDIAN, "1.2.3.2", "Doe^John");
        DicomReadResult second = reader.read(next, ReadOptions.defaults());

        assertThat(second.dataSet().get(Tags.PATIENT_NAME)).isSameAs(first.dataSet().get(Tags.PATIENT_NAME));
        assertThat(second.dataSet().get(Tags.STUDY_INSTANCE_UID)).isSameAs(first.dataSet().get(Tags.STUDY_INSTANCE_UID));
        assertThat(second.dataSet().string(Tags.SOP_INSTANCE_UID)).isEqualTo("1.2.3.2");
        assertThat(second).isEqualTo(alone(next));
    }

    @Test
    void aValueWithOtherBytesIsDecoded() throws Exception {
        reader.read(file(Encoding.EXPLICIT_VR_LITTLE_ENDIAN, "1.2.3.1", "Doe^John"), ReadOptions.defaults());
        byte[] next = file(Encoding.EXPLICIT_VR_LITTLE_ENDIAN, "1.2.3.2", "Doe^Jane");
        DicomReadResult second = reader.read(next, ReadOptions.defaults());

        assertThat(second.dataSet().string(Tags.PATIENT_NAME)).isEqualTo("Doe^Jane");
        assertThat(second).isEqualTo(alone(next));
    }

    @Test
    void theSameBytesUnderAnotherCharacterSetAreDecodedWithIt() throws Exception {
        byte[] latin1 = withCharset("ISO_IR 100", "Jérôme", Charset.forName("ISO-8859-1"));
        byte[] cyrillic = withCharset("ISO_IR 144", "Jérôme", Charset.forName("ISO-8859-1")); // the same bytes
        DicomReadResult first = reader.read(latin1, ReadOptions.defaults());
        DicomReadResult second = reader.read(cyrillic, ReadOptions.defaults());

        assertThat(first.dataSet().string(Tags.PATIENT_NAME)).isEqualTo("Jérôme");
        assertThat(second.dataSet().string(Tags.PATIENT_NAME)).isNotEqualTo("Jérôme");
        assertThat(second).isEqualTo(alone(cyrillic));
        // a UID does not depend on the character set: it is still the element of the file before
        assertThat(second.dataSet().get(Tags.STUDY_INSTANCE_UID)).isSameAs(first.dataSet().get(Tags.STUDY_INSTANCE_UID));
    }

    @Test
    void binaryNumbersInTheOtherByteOrderAreDecodedInItTextIsNot() throws Exception {
        byte[] little = rows(Encoding.EXPLICIT_VR_LITTLE_ENDIAN);
        byte[] big = rows(Encoding.EXPLICIT_VR_BIG_ENDIAN); // the same value bytes
        DicomReadResult first = reader.read(little, ReadOptions.defaults());
        DicomReadResult second = reader.read(big, ReadOptions.defaults());

        assertThat(first.dataSet().string(ROWS)).isEqualTo("2");
        assertThat(second.dataSet().string(ROWS)).isEqualTo("512");
        assertThat(second.dataSet().get(Tags.MODALITY)).isSameAs(first.dataSet().get(Tags.MODALITY));
        assertThat(second).isEqualTo(alone(big));
    }

    @Test
    void aValueThatGaveAWarningGivesItInEveryFile() throws Exception {
        // three bytes of US: not a whole number of values
        byte[] file = DataSetBytes.part10(TransferSyntaxes.EXPLICIT_VR_LITTLE_ENDIAN, DataSetBytes.explicitLittle()
                .text(Tags.SOP_CLASS_UID, "UI", "1.2.840.10008.5.1.4.1.1.7")
                .text(Tags.SOP_INSTANCE_UID, "UI", "1.2.3.1")
                .raw(ROWS, "US", new byte[] {2, 0, 1, 0})
                .raw(0x00280011, "US", new byte[] {2, 0, 1})
                .toBytes());
        for (int i = 0; i < 3; i++) {
            DicomReadResult r = reader.read(file, ReadOptions.defaults());
            assertThat(r.warnings()).as("read %d", i + 1).extracting(w -> w.code()).contains(WarningCode.MALFORMED);
            assertThat(r).isEqualTo(alone(file));
        }
    }

    @Test
    void onlyTheRequestedTagsAreKeptFromOneFileToTheNext() throws Exception {
        ReadOptions some = ReadOptions.defaults().withTags(Tags.PATIENT_NAME, Tags.SOP_INSTANCE_UID);
        reader.read(file(Encoding.EXPLICIT_VR_LITTLE_ENDIAN, "1.2.3.1", "Doe^John"), ReadOptions.defaults());
        byte[] next = file(Encoding.EXPLICIT_VR_LITTLE_ENDIAN, "1.2.3.2", "Doe^John");
        DicomReadResult second = reader.read(next, some);

        assertThat(second.dataSet().size()).isEqualTo(2);
        assertThat(second).isEqualTo(alone(next, some));
    }

    /**
     * Seeded files drawn from small pools (so that neighbours share many values, and differ in character set, byte
     * order, encoding, deflation, and the values' bytes), read in turn on one thread: each reads as it does alone.
     */
    @Test
    void filesReadInTurnReadAsTheyDoAlone() throws Exception {
        Random random = new Random(20261206L);
        String[] charsets = {null, "ISO_IR 100", "ISO_IR 144", "ISO_IR 192"};
        String[] names = {"Doe^John", "Doe^Jane", "Jérôme^Ä", "Müller"};
        Encoding[] encodings = {Encoding.EXPLICIT_VR_LITTLE_ENDIAN, Encoding.IMPLICIT_VR_LITTLE_ENDIAN,
            Encoding.EXPLICIT_VR_BIG_ENDIAN};
        List<byte[]> files = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            Encoding encoding = encodings[random.nextInt(encodings.length)];
            String charset = charsets[random.nextInt(charsets.length)];
            DataSetBytes ds = DataSetBytes.of(encoding);
            if (charset != null) {
                ds.text(Tags.SPECIFIC_CHARACTER_SET, "CS", charset);
            }
            ds.text(Tags.SOP_CLASS_UID, "UI", "1.2.840.10008.5.1.4.1.1.7")
                    .text(Tags.SOP_INSTANCE_UID, "UI", "1.2.3." + random.nextInt(4))
                    .text(Tags.MODALITY, "CS", random.nextBoolean() ? "OT" : "CT")
                    .text(Tags.PATIENT_NAME, "PN", names[random.nextInt(names.length)],
                            "ISO_IR 192".equals(charset) && random.nextBoolean() ? Charset.forName("UTF-8")
                                    : Charset.forName("ISO-8859-1"))
                    .text(Tags.STUDY_INSTANCE_UID, "UI", "1.2.3")
                    .text(Tags.INSTANCE_NUMBER, "IS", Integer.toString(random.nextInt(3)))
                    .us(ROWS, random.nextInt(3) * 256 + 2)
                    .raw(0x00280011, "US", random.nextInt(5) == 0 ? new byte[] {2, 0, 1} : new byte[] {2, 0});
            boolean deflated = encoding == Encoding.EXPLICIT_VR_LITTLE_ENDIAN && random.nextInt(6) == 0;
            files.add(deflated ? DataSetBytes.part10(TransferSyntaxes.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN,
                    DataSetBytes.deflate(ds.toBytes())) : DataSetBytes.part10(encoding.uid(), ds.toBytes()));
        }
        int repeated = 0;
        DicomReadResult before = null;
        for (byte[] file : files) {
            DicomReadResult r = reader.read(file, ReadOptions.defaults());
            assertThat(r).isEqualTo(alone(file));
            if (before != null && r.dataSet().get(Tags.PATIENT_NAME) == before.dataSet().get(Tags.PATIENT_NAME)) {
                repeated++;
            }
            before = r;
        }
        assertThat(repeated).as("files whose name was the file before's element").isGreaterThan(10);
    }

    private static byte[] file(Encoding encoding, String sopInstanceUid, String name) {
        return DataSetBytes.part10(encoding.uid(), DataSetBytes.of(encoding)
                .text(Tags.SPECIFIC_CHARACTER_SET, "CS", "ISO_IR 100")
                .text(Tags.SOP_CLASS_UID, "UI", "1.2.840.10008.5.1.4.1.1.7")
                .text(Tags.SOP_INSTANCE_UID, "UI", sopInstanceUid)
                .text(Tags.MODALITY, "CS", "OT")
                .text(Tags.PATIENT_NAME, "PN", name)
                .text(Tags.STUDY_INSTANCE_UID, "UI", "1.2.3.4")
                .toBytes());
    }

    private static byte[] withCharset(String charset, String name, Charset bytesOf) {
        return DataSetBytes.part10(TransferSyntaxes.EXPLICIT_VR_LITTLE_ENDIAN, DataSetBytes.explicitLittle()
                .text(Tags.SPECIFIC_CHARACTER_SET, "CS", charset)
                .text(Tags.SOP_INSTANCE_UID, "UI", "1.2.3.1")
                .text(Tags.PATIENT_NAME, "PN", name, bytesOf)
                .text(Tags.STUDY_INSTANCE_UID, "UI", "1.2.3.4")
                .toBytes());
    }

    private static byte[] rows(Encoding encoding) {
        return DataSetBytes.part10(encoding.uid(), DataSetBytes.of(encoding)
                .text(Tags.SOP_INSTANCE_UID, "UI", "1.2.3.1")
                .text(Tags.MODALITY, "CS", "OT")
                .raw(ROWS, "US", new byte[] {2, 0})
                .toBytes());
    }

    private DicomReadResult alone(byte[] file) throws Exception {
        return alone(file, ReadOptions.defaults());
    }

    /** The file read on a thread that read nothing before. */
    private DicomReadResult alone(byte[] file, ReadOptions options) throws Exception {
        AtomicReference<Object> result = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                result.set(reader.read(file, options));
            } catch (Exception | AssertionError e) {
                result.set(e);
            }
        });
        t.start();
        t.join();
        if (result.get() instanceof Exception e) {
            throw e;
        }
        return (DicomReadResult) result.get();
    }
}
