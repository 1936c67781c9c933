package org.dicom2fhir.reader.part10;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.dicom2fhir.api.Limit;
import org.dicom2fhir.api.ReasonCode;
import org.dicom2fhir.api.Warning;
import org.dicom2fhir.api.WarningCode;
import org.dicom2fhir.api.dicom.DicomElement;
import org.dicom2fhir.api.dicom.DicomReadException;
import org.dicom2fhir.api.dicom.DicomReadResult;
import org.dicom2fhir.api.dicom.LimitExceededException;
import org.dicom2fhir.api.dicom.NotDicomException;
import org.dicom2fhir.api.dicom.ReadDamage;
import org.dicom2fhir.api.dicom.ReadOptions;
import org.dicom2fhir.api.dicom.Tags;
import org.dicom2fhir.api.spi.DicomReader;

/**
 * Jazzer target: any bytes, read as a whole file. In {@code mvn verify} it replays the seeds in
 * {@code ReaderFuzzTestInputs/readAnyBytes} (testkit fixtures and every crasher found so far); with
 * {@code JAZZER_FUZZ=1} it fuzzes (docs/fuzzing.md).
 *
 * <p>The contract of {@link DicomReader}, each part a check that can fail: the outcome is exactly one
 * of a result (its File Meta group 0002 only, its data set stopping before Pixel Data, its warnings
 * bounded, reading warnings and never damage, its damage of a damage reason), a
 * {@link NotDicomException}, a {@link LimitExceededException} of a limit this reader checks, or a
 * plain {@link DicomReadException} of a structural reason; every message and warning is a non-blank
 * line of printable ASCII (a value of a hostile file would bring other bytes in). A parser bug caught
 * at the reader's boundary (a {@link RuntimeException} wrapped as MALFORMED) counts as a finding too.
 * The same bytes give the same outcome twice, and as an array (positioned reads) and as a stream
 * (forward reads).
 */
class ReaderFuzzTest {
    private static final DicomReader READER = new Part10ReaderProvider().create();

    /** Small limits keep each execution fast; the limit checks themselves are exercised all the same. */
    private static final ReadOptions OPTIONS = ReadOptions.defaults()
            .withMaxInflatedBytes(4L << 20).withMaxHeaderBytes(4L << 20).withMaxNestingDepth(16);

    /** The reasons of a plain DicomReadException: structure, never a limit, never "not DICOM". */
    private static final Set<ReasonCode> FAILURES = Set.of(ReasonCode.TRUNCATED, ReasonCode.LENGTH_EXCEEDS_FILE,
            ReasonCode.MALFORMED, ReasonCode.UNSUPPORTED_TRANSFER_SYNTAX);
    private static final Set<ReasonCode> DAMAGE = Set.of(ReasonCode.TRUNCATED, ReasonCode.LENGTH_EXCEEDS_FILE,
            ReasonCode.MALFORMED);
    private static final Set<Limit> LIMITS = Set.of(Limit.MAX_NESTING_DEPTH, Limit.MAX_INFLATED_BYTES, Limit.MAX_HEADER_BYTES);
    /** Most warnings a file carries: ReadWarnings' bound and its one "too many" warning. */
    private static final int MAX_WARNINGS = 51;
    private static final Pattern PRINTABLE_LINE = Pattern.compile("[\\x20-\\x7E]*\\S[\\x20-\\x7E]*");

    @FuzzTest(maxDuration = "30s")
    void readAnyBytes(byte[] bytes) {
        Object fromArray = outcome(bytes, false);
        assertThat(outcome(bytes, false)).as("the same bytes read again").isEqualTo(fromArray);
        assertThat(outcome(bytes, true)).as("the same bytes as a stream").isEqualTo(fromArray);
    }

    private static Object outcome(byte[] bytes, boolean asStream) {
        try {
            DicomReadResult result = asStream ? READER.read(new ByteArrayInputStream(bytes), OPTIONS)
                    : READER.read(bytes, OPTIONS);
            checkResult(result);
            return result;
        } catch (DicomReadException e) {
            checkFailure(e);
            return List.of(e.getClass(), e.reason(), e.tag(), e.offset(), e.getMessage());
        } catch (IOException e) {
            throw new AssertionError("an in-memory read threw a plain IOException", e);
        }
    }

    private static void checkResult(DicomReadResult result) {
        assertThat(result.transferSyntaxUid()).isNotEmpty();
        assertThat(result.fileMeta().elements()).extracting(DicomElement::tag)
                .allSatisfy(tag -> assertThat(Tags.group(tag)).as("File Meta group").isEqualTo(0x0002));
        assertThat(result.dataSet().elements()).extracting(DicomElement::tag)
                .allSatisfy(tag -> assertThat(Integer.compareUnsigned(tag, 0x7FE00008)).as("before Pixel Data").isNegative());
        assertThat(result.warnings()).hasSizeLessThanOrEqualTo(MAX_WARNINGS);
        for (Warning w : result.warnings()) {
            assertThat(w.code().source()).as("a reader's warning").isEqualTo(WarningCode.Source.READING);
            assertThat(w.code()).as("damage is no warning").isNotIn(WarningCode.TRUNCATED, WarningCode.LENGTH_EXCEEDS_FILE);
            assertValueFree(w.message());
        }
        ReadDamage damage = result.damage();
        if (damage != null) {
            assertThat(damage.reason()).isIn(DAMAGE);
            assertThat(damage.offset()).isGreaterThanOrEqualTo(DicomReadException.NO_OFFSET);
            assertValueFree(damage.message());
            assertThat(result.dataSet().isEmpty()).as("damage before any element fails the file").isFalse();
        }
    }

    private static void checkFailure(DicomReadException e) {
        if (e.getCause() instanceof RuntimeException bug) {
            throw new AssertionError("a parser bug was caught at the reader's boundary", bug);
        }
        assertValueFree(e.getMessage());
        assertThat(e.offset()).isGreaterThanOrEqualTo(DicomReadException.NO_OFFSET);
        if (e instanceof NotDicomException) {
            assertThat(e.reason()).isEqualTo(ReasonCode.NOT_DICOM);
        } else if (e instanceof LimitExceededException limit) {
            assertThat(limit.limit()).isIn(LIMITS);
            assertThat(e.reason()).isEqualTo(limit.limit().reason());
        } else {
            assertThat(e.getClass()).isEqualTo(DicomReadException.class);
            assertThat(e.reason()).isIn(FAILURES);
        }
    }

    /** A non-blank line of printable ASCII: what messages built from tags, offsets and counts are. */
    private static void assertValueFree(String message) {
        assertThat(message).matches(PRINTABLE_LINE);
    }
}
