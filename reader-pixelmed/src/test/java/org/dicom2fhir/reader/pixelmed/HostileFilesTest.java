package org.dicom2fhir.reader.pixelmed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dicom2fhir.reader.pixelmed.BothReaders.MAPPING;
import static org.dicom2fhir.reader.pixelmed.BothReaders.PART10;
import static org.dicom2fhir.reader.pixelmed.BothReaders.PIXELMED;
import static org.dicom2fhir.reader.pixelmed.BothReaders.outcome;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.assertj.core.api.SoftAssertions;
import org.dicom2fhir.api.Limit;
import org.dicom2fhir.api.ReasonCode;
import org.dicom2fhir.api.WarningCode;
import org.dicom2fhir.api.dicom.DicomReadException;
import org.dicom2fhir.api.dicom.LimitExceededException;
import org.dicom2fhir.api.dicom.ReadOptions;
import org.dicom2fhir.api.dicom.Tags;
import org.dicom2fhir.reader.pixelmed.BothReaders.Outcome;
import org.dicom2fhir.testkit.DicomFileSpec;
import org.dicom2fhir.testkit.DicomFileWriter;
import org.dicom2fhir.testkit.DicomObject;
import org.dicom2fhir.testkit.Fixtures;
import org.dicom2fhir.testkit.StudyGenerator;
import org.dicom2fhir.testkit.TransferSyntax;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Files built to hurt: PixelMed must never see them whole. The pixelmed reader never crashes (no
 * exception but DicomReadException, no Error) and never hangs (generous timeouts, no timing
 * assertions), and it ends each file as the built-in reader does.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class HostileFilesTest {
    private static final String CRASH = "crash";

    /** The outcome of a pixelmed read, with anything but a DicomReadException or IOException a crash. */
    private static Outcome pixelmed(byte[] file, ReadOptions options) {
        try {
            return outcome(() -> PIXELMED.read(file, options));
        } catch (RuntimeException | Error e) {
            return new Outcome(null, CRASH + " " + e.getClass().getName(), null);
        }
    }

    @Test
    void sequencesNested200000DeepFailAsTooDeep() {
        for (byte[] deep : List.of(Fixtures.deeplyNested(200_000),
                Fixtures.deeplyNested(200_000, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN, true),
                Fixtures.deeplyNested(200_000, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, false))) {
            for (ReadOptions options : List.of(ReadOptions.defaults(), MAPPING)) {
                Outcome o = pixelmed(deep, options);
                assertThat(o.failure()).isEqualTo(ReasonCode.NESTING_TOO_DEEP.name());
                assertThat(o.limit()).isEqualTo(Limit.MAX_NESTING_DEPTH);
            }
        }
    }

    @Test
    void withTheDepthLimitLiftedPixelmedsStackOverflowIsContainedEvenOnASmallStack() throws InterruptedException {
        byte[] deep = Fixtures.deeplyNested(200_000);
        ReadOptions lifted = ReadOptions.defaults().withMaxNestingDepth(Integer.MAX_VALUE);
        AtomicReference<Outcome> onSmallStack = new AtomicReference<>();
        Thread t = new Thread(null, () -> onSmallStack.set(pixelmed(deep, lifted)), "small stack", 256 * 1024);
        t.start();
        t.join();
        for (Outcome o : List.of(pixelmed(deep, lifted), onSmallStack.get())) {
            assertThat(o.failure()).isEqualTo(ReasonCode.NESTING_TOO_DEEP.name());
            assertThat(o.limit()).isEqualTo(Limit.MAX_NESTING_DEPTH);
        }
        // and the reader works on afterwards
        assertThat(pixelmed(Fixtures.valid(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN), lifted).result()).isNotNull();
    }

    @Test
    void deflateBombsFailAsInflatedTooLarge() {
        byte[] bomb = Fixtures.deflateBomb(200);
        for (ReadOptions options : List.of(ReadOptions.defaults(), MAPPING)) {
            Outcome o = pixelmed(bomb, options);
            assertThat(o.failure()).isEqualTo(ReasonCode.INFLATED_TOO_LARGE.name());
            assertThat(o.limit()).isEqualTo(Limit.MAX_INFLATED_BYTES);
        }
    }

    @Test
    void declaredLengthsPastTheEndOfTheFileEndAsInPart10() {
        SoftAssertions soft = new SoftAssertions();
        DicomObject ds = Fixtures.dataSet().set(0x00090010, "LO", "HOSTILE");
        List<int[]> elements = new ArrayList<>();
        for (int tag : ds.tags()) {
            elements.add(new int[] {tag});
        }
        elements.add(new int[] {0x00091001});
        elements.add(new int[] {Tags.PROCEDURE_CODE_SEQUENCE});
        for (TransferSyntax ts : List.of(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN,
                TransferSyntax.EXPLICIT_VR_BIG_ENDIAN)) {
            for (int[] element : elements) {
                int tag = element[0];
                String vr = tag == 0x00091001 ? "OB" : tag == Tags.PROCEDURE_CODE_SEQUENCE ? "SQ"
                        : ds.vr(tag) == null ? "UN" : ds.vr(tag);
                for (long declared : new long[] {0xFFFFFFF0L, 0x7FFFFFFFL, 0x10000000L, 5000}) {
                    byte[] file = Fixtures.withDeclaredLength(ds, ts, tag, vr, declared, 16);
                    for (ReadOptions options : List.of(ReadOptions.defaults(), MAPPING)) {
                        soft.assertThat(pixelmed(file, options).comparable()).as("%s %s %s declaring %d", ts,
                                Tags.format(tag), vr, declared).isEqualTo(outcome(() -> PART10.read(file, options)).comparable());
                    }
                }
            }
        }
        soft.assertAll();
    }

    @Test
    void everyTruncationEndsAsInPart10() {
        SoftAssertions soft = new SoftAssertions();
        DicomObject instance = StudyGenerator.builder().seed(41).series(1).instancesPerSeries(1).modalities("SR")
                .headerBytes(3000).build().instance(0, 0);
        for (TransferSyntax ts : List.of(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN,
                TransferSyntax.EXPLICIT_VR_BIG_ENDIAN, TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN)) {
            for (boolean undefined : new boolean[] {false, true}) {
                byte[] whole = DicomFileWriter.toBytes(instance, DicomFileSpec.of(ts).withUndefinedLengths(undefined));
                for (int cut = 0; cut <= whole.length; cut++) {
                    byte[] part = Arrays.copyOf(whole, cut);
                    Outcome part10 = outcome(() -> PART10.read(part, MAPPING));
                    soft.assertThat(pixelmed(part, MAPPING).comparable()).as("%s undefined=%s cut at %d", ts, undefined, cut)
                            .isEqualTo(part10.comparable());
                }
            }
        }
        soft.assertAll();
    }

    @Test
    void mutatedHeadersNeverCrashThePixelmedReader() {
        SplittableRandom random = new SplittableRandom(20240115);
        List<byte[]> seeds = new ArrayList<>();
        for (TransferSyntax ts : List.of(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN,
                TransferSyntax.EXPLICIT_VR_BIG_ENDIAN, TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN)) {
            DicomObject ds = Fixtures.dataSet().set(Tags.SPECIFIC_CHARACTER_SET, "CS", "", "ISO 2022 IR 149")
                    .set(Tags.PATIENT_NAME, "PN", "Hong^Gildong=洪^吉洞=홍^길동")
                    .setSequence(Tags.PROCEDURE_CODE_SEQUENCE, new DicomObject().set(Tags.CODE_VALUE, "SH", "X")
                            .setSequence(Tags.CONCEPT_NAME_CODE_SEQUENCE, new DicomObject().set(Tags.CODE_MEANING, "LO", "Y")));
            seeds.add(DicomFileWriter.toBytes(ds, DicomFileSpec.of(ts).withUndefinedLengths(random.nextBoolean())));
        }
        List<String> crashes = new ArrayList<>();
        for (int n = 0; n < 4000; n++) {
            byte[] seed = seeds.get(n % seeds.size());
            byte[] mutant = seed.clone();
            int flips = 1 + random.nextInt(4);
            for (int k = 0; k < flips; k++) {
                int at = 128 + random.nextInt(mutant.length - 128);
                mutant[at] = random.nextInt(3) == 0 ? (byte) 0xFF : (byte) random.nextInt(256);
            }
            for (ReadOptions options : List.of(ReadOptions.defaults(), MAPPING)) {
                Outcome o = pixelmed(mutant, options);
                if (o.failure() != null && o.failure().startsWith(CRASH)) {
                    crashes.add("mutant " + n + ": " + o.failure());
                }
            }
        }
        assertThat(crashes).isEmpty();
    }

    @Test
    void aStrayDelimiterAtTheTopLevelIsSkippedAsInPart10() {
        // PixelMed's walk took group FFFE for Pixel Data and ended the header there, losing the UIDs after it
        byte[] valid = Fixtures.valid(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        byte[] name = {0x10, 0x00, 0x10, 0x00, 'P', 'N'};
        int at = 132;
        while (!Arrays.equals(Arrays.copyOfRange(valid, at, at + name.length), name)) {
            at++;
        }
        for (int element : new int[] {0xE00D, 0xE0DD}) {
            byte[] file = new byte[valid.length + 8];
            System.arraycopy(valid, 0, file, 0, at);
            System.arraycopy(new byte[] {(byte) 0xFE, (byte) 0xFF, (byte) element, (byte) (element >>> 8), 0, 0, 0, 0}, 0,
                    file, at, 8);
            System.arraycopy(valid, at, file, at + 8, valid.length - at);
            Outcome pixelmed = pixelmed(file, ReadOptions.defaults());
            assertThat(pixelmed.comparable()).isEqualTo(outcome(() -> PART10.read(file, ReadOptions.defaults())).comparable());
            assertThat(pixelmed.result().dataSet().string(Tags.SERIES_INSTANCE_UID)).isEqualTo(Fixtures.SERIES_INSTANCE_UID);
            assertThat(pixelmed.result().warnings()).extracting(w -> w.code()).containsExactly(WarningCode.MALFORMED);
        }
    }

    @Test
    void failuresAreDicomReadExceptionsWithOurReasonCodes() {
        try {
            PIXELMED.read(Fixtures.declaredLengthPastEof(), ReadOptions.defaults().withTags(Tags.STUDY_INSTANCE_UID));
        } catch (DicomReadException e) {
            assertThat(e).isNotInstanceOf(LimitExceededException.class);
            assertThat(e.reason()).isEqualTo(ReasonCode.LENGTH_EXCEEDS_FILE);
            assertThat(e.tag()).isEqualTo(0x00091001);
            assertThat(e.offset()).isEqualTo(Fixtures.declaredLengthPastEof().length - 16 - 12);
            assertThat(e.getMessage()).contains("(0009,1001)").doesNotContain("Fixture");
            return;
        }
        throw new AssertionError("a declared length past the end of the file must fail the file");
    }
}
