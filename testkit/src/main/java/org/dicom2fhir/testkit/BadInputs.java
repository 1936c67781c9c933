package org.dicom2fhir.testkit;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import org.dicom2fhir.api.dicom.Tags;

/**
 * The bad-input classes 1-23 (each method's comment names its class; docs/reliability.md gives the
 * dispositions they end in, docs/reliability-results.md the tests that run them) as generated files
 * and folders, built on {@link Fixtures}: every file holds the fixture's patient values
 * ({@link #PATIENT_VALUES}), so a test can check that no message quotes them. Byte-producing methods
 * return whole files; folder-producing methods write into a folder that exists.
 */
public final class BadInputs {
    private BadInputs() {
    }

    /** The free-text and identifying values of {@link Fixtures#dataSet()}: none may appear in any message. */
    public static final java.util.List<String> PATIENT_VALUES = java.util.List.of("Fixture^Patient", "Fixture",
            "FIXTURE-0001", "19700101", "FIXTURE-ACC", "Fixture study", "Fixture series");

    private static final int PRIVATE_CREATOR_0009 = 0x00090010;
    private static final int PRIVATE_0009_DATA = 0x00091001;
    private static final int ACQUISITION_DATE_TIME = 0x0008002A;

    /** The fixture data set changed by {@code edit}, as an explicit VR little endian file. */
    public static byte[] instance(UnaryOperator<DicomObject> edit) {
        return DicomFileWriter.toBytes(edit.apply(Fixtures.dataSet()), DicomFileSpec.of(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
    }

    /** The fixture with another SOP Instance UID (a second, distinct instance of the same series). */
    public static byte[] otherInstance(String sopInstanceUid) {
        return instance(ds -> ds.set(Tags.SOP_INSTANCE_UID, "UI", sopInstanceUid));
    }

    // 1 -----------------------------------------------------------------------------------------------

    /** Class 1: (0009,1001) OB declares 0xFFFFFFFE bytes before the Study/Series UIDs; 16 follow. */
    public static byte[] maximalDeclaredLength() {
        return Fixtures.withDeclaredLength(Fixtures.dataSet().set(PRIVATE_CREATOR_0009, "LO", "FIXTURE"),
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, PRIVATE_0009_DATA, "OB", 0xFFFFFFFEL, 16);
    }

    // 3 -----------------------------------------------------------------------------------------------

    /**
     * Class 3: encapsulated Pixel Data whose fragment holds Sequence and Item Delimitation bytes and a
     * huge item length, followed by more such bytes after the data set: a reader that went past
     * (7FE0,0010) would trip on them.
     */
    public static byte[] delimitersInsideEncapsulatedPixelData() {
        byte[] fragment = new byte[64];
        byte[] trap = {(byte) 0xFE, (byte) 0xFF, (byte) 0xDD, (byte) 0xE0, 0, 0, 0, 0,
            (byte) 0xFE, (byte) 0xFF, 0x00, (byte) 0xE0, (byte) 0xFE, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
        for (int i = 0; i + trap.length <= fragment.length; i += trap.length) {
            System.arraycopy(trap, 0, fragment, i, trap.length);
        }
        byte[] file = DicomFileWriter.toBytes(Fixtures.dataSet(),
                DicomFileSpec.of(TransferSyntax.JPEG_BASELINE).withPixelData(fragment));
        byte[] withTail = Arrays.copyOf(file, file.length + trap.length);
        System.arraycopy(trap, 0, withTail, file.length, trap.length);
        return withTail;
    }

    // 4 -----------------------------------------------------------------------------------------------

    /**
     * Class 4: steps that could make no progress: 2,000 empty undefined-length items in an
     * undefined-length sequence before the UIDs, empty values, and 4 KiB of trailing zeros.
     */
    public static byte[] noProgressBytes() {
        DicomObject[] empty = new DicomObject[2000];
        Arrays.setAll(empty, i -> new DicomObject());
        DicomObject ds = Fixtures.dataSet().setSequence(Tags.PROCEDURE_CODE_SEQUENCE, empty)
                .setEmpty(MoreTags.STUDY_ID, "SH").setEmpty(MoreTags.REFERRING_PHYSICIAN_NAME, "PN");
        byte[] file = DicomFileWriter.toBytes(ds,
                DicomFileSpec.of(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN).withUndefinedLengths(true));
        return Arrays.copyOf(file, file.length + 4096);
    }

    // 7 -----------------------------------------------------------------------------------------------

    /** Class 7: Study Description (0008,1030), a dictionary tag, with the unknown VR code "QQ". */
    public static byte[] unknownVrOnDictionaryTag() {
        return replaceVr(Fixtures.valid(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN), Tags.STUDY_DESCRIPTION, "LO", "QQ");
    }

    /**
     * Class 7: a private element (0009,1001) with the invalid VR code "z!" in the 4-byte-length layout
     * that PS3.5 7.1.2 fixes for VRs defined in the future, before the Study and Series UIDs.
     */
    public static byte[] unknownVrOnPrivateTag() {
        byte[] file = DicomFileWriter.toBytes(Fixtures.dataSet().set(PRIVATE_CREATOR_0009, "LO", "FIXTURE")
                .setBytes(PRIVATE_0009_DATA, "UN", new byte[] {1, 2, 3, 4, 5, 6}),
                DicomFileSpec.of(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
        return replaceVr(file, PRIVATE_0009_DATA, "UN", "z!");
    }

    /** Class 7: the File Meta's Media Storage SOP Class UID (0002,0002) with the VR code "QQ". */
    public static byte[] unknownVrInFileMeta() {
        return replaceVr(Fixtures.valid(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN), Tags.MEDIA_STORAGE_SOP_CLASS_UID, "UI", "QQ");
    }

    /** The first explicit VR little endian header of {@code tag} with VR {@code from}, its VR code replaced. */
    static byte[] replaceVr(byte[] file, int tag, String from, String to) {
        byte[] header = {(byte) (tag >>> 16), (byte) (tag >>> 24), (byte) tag, (byte) (tag >>> 8),
            (byte) from.charAt(0), (byte) from.charAt(1)};
        byte[] copy = file.clone();
        for (int i = 0; i + header.length <= copy.length; i++) {
            if (Arrays.equals(copy, i, i + header.length, header, 0, header.length)) {
                copy[i + 4] = (byte) to.charAt(0);
                copy[i + 5] = (byte) to.charAt(1);
                return copy;
            }
        }
        throw new IllegalStateException("no " + DicomObject.tagText(tag) + " " + from + " header in the file");
    }

    // 11 ----------------------------------------------------------------------------------------------

    /** Class 11: the start of a JFIF JPEG file. */
    public static byte[] jpeg() {
        byte[] b = new byte[600];
        byte[] head = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0x00, 0x10, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0,
            1, 0, 1, 0, 0};
        System.arraycopy(head, 0, b, 0, head.length);
        b[b.length - 2] = (byte) 0xFF;
        b[b.length - 1] = (byte) 0xD9;
        return b;
    }

    /** Class 11: a macOS {@code .DS_Store} header (the "Bud1" buddy allocator magic). */
    public static byte[] dsStore() {
        byte[] b = new byte[4096];
        byte[] head = {0, 0, 0, 1, 'B', 'u', 'd', '1', 0, 0, 0x10, 0, 0, 0, 0x08, 0};
        System.arraycopy(head, 0, b, 0, head.length);
        return b;
    }

    /**
     * Class 11: a huge non-DICOM file: a text line, then a sparse hole up to {@code bytes} (no disk blocks
     * used), so a reader that reads it whole is slow and one that decides from the first bytes is not.
     */
    public static void writeHugeNotDicom(Path file, long bytes) throws IOException {
        Files.write(file, Fixtures.notDicom());
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(bytes);
        }
    }

    // 13 ----------------------------------------------------------------------------------------------

    /** Class 13: {@code a -> b -> a}, a loop of two symbolic links, in {@code folder}. */
    public static void writeSymlinkLoop(Path folder) throws IOException {
        Files.createSymbolicLink(folder.resolve("loop-a"), folder.resolve("loop-b"));
        Files.createSymbolicLink(folder.resolve("loop-b"), folder.resolve("loop-a"));
    }

    /** Class 13: a named pipe (needs {@code mkfifo}); a reader that opened it would block for ever. */
    public static void writeFifo(Path fifo) throws IOException {
        try {
            Process p = new ProcessBuilder("mkfifo", fifo.toString()).redirectErrorStream(true).start();
            if (p.waitFor() != 0 || !Files.exists(fifo, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException("mkfifo failed for " + fifo.getFileName());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while creating a FIFO");
        }
    }

    // 14 ----------------------------------------------------------------------------------------------

    /** Class 14: Specific Character Set "ISO_IR 999", a term no standard defines. */
    public static byte[] unknownCharacterSet() {
        return instance(ds -> ds.set(Tags.SPECIFIC_CHARACTER_SET, "CS", "ISO_IR 999"));
    }

    /** Class 14: UTF-8 (ISO_IR 192) declared, Patient Name and Study Description hold bytes invalid in UTF-8. */
    public static byte[] bytesInvalidForCharacterSet() {
        byte[] name = {'F', 'i', 'x', (byte) 0xC3, 0x28, '^', 'P', (byte) 0xFF};
        byte[] description = {'F', 'i', 'x', 't', 'u', 'r', 'e', ' ', (byte) 0xE2, (byte) 0x82};
        return instance(ds -> ds.set(Tags.SPECIFIC_CHARACTER_SET, "CS", "ISO_IR 192")
                .setBytes(Tags.PATIENT_NAME, "PN", name).setBytes(Tags.STUDY_DESCRIPTION, "LO", description));
    }

    // 15 ----------------------------------------------------------------------------------------------

    /** Class 15: SOP Instance UID padded with a NUL and Series Instance UID padded with a space. */
    public static byte[] paddedUids() {
        return instance(ds -> ds
                .setBytesUnpadded(Tags.SOP_INSTANCE_UID, "UI", (Fixtures.SOP_INSTANCE_UID + "\0").getBytes(StandardCharsets.US_ASCII))
                .setBytesUnpadded(Tags.SERIES_INSTANCE_UID, "UI", (Fixtures.SERIES_INSTANCE_UID + " ").getBytes(StandardCharsets.US_ASCII)));
    }

    /** A syntactically plausible UID of {@code length} characters (digits and dots). */
    public static String longUid(int length) {
        StringBuilder b = new StringBuilder("2.25.");
        while (b.length() < length) {
            b.append((char) ('1' + b.length() % 9));
        }
        return b.toString();
    }

    /** Class 15: a Series Instance UID of 70 characters (over the 64 a UID and a FHIR id may have). */
    public static byte[] overlongSeriesUid() {
        return instance(ds -> ds.set(Tags.SERIES_INSTANCE_UID, "UI", longUid(70)));
    }

    /** Class 15: a SOP Instance UID with characters no UID and no FHIR id may hold. */
    public static byte[] illegalSopInstanceUid() {
        return instance(ds -> ds.set(Tags.SOP_INSTANCE_UID, "UI", "1.2.840_99 7"));
    }

    /** Class 15: a Study Instance UID with illegal characters (it still goes into the identifier). */
    public static byte[] illegalStudyUid() {
        return instance(ds -> ds.set(Tags.STUDY_INSTANCE_UID, "UI", "1.2.840_99 7"));
    }

    // 16 ----------------------------------------------------------------------------------------------

    /** Class 16: no Modality (0008,0060). */
    public static byte[] missingModality() {
        return instance(ds -> ds.remove(Tags.MODALITY));
    }

    /** Class 16: no Patient ID (0010,0020). */
    public static byte[] missingPatientId() {
        return instance(ds -> ds.remove(Tags.PATIENT_ID));
    }

    /** Class 16: no SOP Class UID (0008,0016) in the data set; the File Meta's (0002,0002) has it. */
    public static byte[] sopClassOnlyInFileMeta() {
        DicomObject ds = Fixtures.dataSet();
        DicomObject withMeta = ds.copy().set(Tags.MEDIA_STORAGE_SOP_CLASS_UID, "UI", Fixtures.SOP_CLASS_UID);
        byte[] meta = DicomFileWriter.fileMeta(withMeta, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid());
        byte[] body = DataSetEncoder.encodeExplicitLittleEndian(ds.remove(Tags.SOP_CLASS_UID));
        return concat(DicomFileWriter.preamble(), meta, body);
    }

    /** Class 16: no SOP Class UID anywhere (neither (0008,0016) nor (0002,0002)). */
    public static byte[] missingSopClass() {
        return Fixtures.missingUid(Tags.SOP_CLASS_UID);
    }

    // 17, 18, 19 --------------------------------------------------------------------------------------

    /**
     * Class 17: three instances of one study; two say Accession Number "FIXTURE-ACC", one
     * "FIXTURE-OTHER", and one has another Patient Sex.
     */
    public static void writeDisagreeingStudy(Path folder) throws IOException {
        Files.write(folder.resolve("IM1"), otherInstance(Fixtures.SOP_INSTANCE_UID + ".1"));
        Files.write(folder.resolve("IM2"), instance(ds -> ds.set(Tags.SOP_INSTANCE_UID, "UI", Fixtures.SOP_INSTANCE_UID + ".2")
                .set(Tags.INSTANCE_NUMBER, "IS", "2")));
        Files.write(folder.resolve("IM3"), instance(ds -> ds.set(Tags.SOP_INSTANCE_UID, "UI", Fixtures.SOP_INSTANCE_UID + ".3")
                .set(Tags.ACCESSION_NUMBER, "SH", "FIXTURE-OTHER").set(Tags.PATIENT_SEX, "CS", "F")
                .set(Tags.INSTANCE_NUMBER, "IS", "3")));
    }

    /** Class 18: the same instance in a second series (SOP Instance UID reused, Series UID differs). */
    public static byte[] sameInstanceInAnotherSeries() {
        return instance(ds -> ds.set(Tags.SERIES_INSTANCE_UID, "UI", Fixtures.SERIES_INSTANCE_UID + ".9"));
    }

    /** Class 19: an instance of another study (its own Study, Series and SOP Instance UIDs). */
    public static byte[] instanceOfAnotherStudy(int n) {
        return instance(ds -> ds.set(Tags.STUDY_INSTANCE_UID, "UI", Fixtures.STUDY_INSTANCE_UID + "." + n)
                .set(Tags.SERIES_INSTANCE_UID, "UI", Fixtures.SERIES_INSTANCE_UID + "." + n)
                .set(Tags.SOP_INSTANCE_UID, "UI", Fixtures.SOP_INSTANCE_UID + "." + n));
    }

    // 20 ----------------------------------------------------------------------------------------------

    /** Class 20: DA 20200230 (no such day), Series Date 2020-13-01, TM 2561 and an invalid DT. */
    public static byte[] invalidDatesAndTimes() {
        return instance(ds -> ds.set(Tags.STUDY_DATE, "DA", "20200230").set(Tags.STUDY_TIME, "TM", "2561")
                .set(Tags.SERIES_DATE, "DA", "2020-13-01").set(ACQUISITION_DATE_TIME, "DT", "2020013"));
    }

    /** Class 20: a valid Study Date with the invalid Study Time TM 2561. */
    public static byte[] invalidTime() {
        return instance(ds -> ds.set(Tags.STUDY_TIME, "TM", "2561"));
    }

    /** Class 20: the legacy forms DA 2020.01.01 and TM 12:30:00, and the short TM 1230 as Series Time. */
    public static byte[] legacyDatesAndTimes() {
        return instance(ds -> ds.set(Tags.STUDY_DATE, "DA", "2020.01.01").set(Tags.STUDY_TIME, "TM", "12:30:00")
                .set(Tags.SERIES_DATE, "DA", "20200101").set(Tags.SERIES_TIME, "TM", "1230"));
    }

    // 22 ----------------------------------------------------------------------------------------------

    /**
     * Class 22: a folder of {@code files} small CT instances of one study (no pixel data, no header
     * padding: about 1.9 KB each), written with {@link StudyGenerator} as one series per 1,000 files.
     *
     * @throws IllegalArgumentException {@code files} does not split evenly into those series
     */
    public static GeneratedStudy writeHugeFolder(Path folder, int files) throws IOException {
        int series = Math.max(1, (files + 999) / 1000);
        if (files % series != 0) {
            throw new IllegalArgumentException("files must be a multiple of " + series);
        }
        GeneratedStudy study = StudyGenerator.builder().seed(22).series(series).instancesPerSeries(files / series)
                .noPixelData().headerBytes(0).modalities("CT").build();
        study.writeTo(folder);
        return study;
    }

    // 23 ----------------------------------------------------------------------------------------------

    /** Class 23: a private Transfer Syntax UID (a 2.25 UID) over an explicit VR little endian data set. */
    public static byte[] privateTransferSyntax() {
        return Fixtures.unknownTransferSyntax();
    }

    /** Class 23: File Meta without (0002,0010) over an implicit VR little endian data set. */
    public static byte[] missingTransferSyntax() {
        DicomObject meta = new DicomObject().setBytes(0x00020001, "OB", new byte[] {0, 1})
                .set(Tags.MEDIA_STORAGE_SOP_CLASS_UID, "UI", Fixtures.SOP_CLASS_UID)
                .set(Tags.MEDIA_STORAGE_SOP_INSTANCE_UID, "UI", Fixtures.SOP_INSTANCE_UID);
        byte[] metaBytes = DataSetEncoder.encodeExplicitLittleEndian(meta);
        ByteSink groupLength = new ByteSink(12, false);
        groupLength.tag(0x00020000);
        groupLength.u8('U');
        groupLength.u8('L');
        groupLength.u16(4);
        groupLength.u32(metaBytes.length);
        return concat(DicomFileWriter.preamble(), groupLength.toByteArray(), metaBytes,
                Fixtures.rawDataSet(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN));
    }

    /**
     * Class 23: an unknown Transfer Syntax UID over a data set that is deflated: neither byte order nor
     * VR can be detected from its first bytes.
     */
    public static byte[] undetectableTransferSyntax() {
        byte[] deflated = Fixtures.valid(TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN);
        byte[] from = TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN.uid().getBytes(StandardCharsets.US_ASCII);
        byte[] to = "1.2.840.10008.9.9.9.99".getBytes(StandardCharsets.US_ASCII); // same length, names nothing
        for (int i = 0; i + from.length <= deflated.length; i++) {
            if (Arrays.equals(deflated, i, i + from.length, from, 0, from.length)) {
                System.arraycopy(to, 0, deflated, i, to.length);
                return deflated;
            }
        }
        throw new IllegalStateException("transfer syntax UID not found");
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] all = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }
}
