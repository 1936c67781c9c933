package org.dicom2fhir.reader.part10;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.dicom2fhir.api.dicom.DicomReadException;
import org.dicom2fhir.api.dicom.DicomReadResult;
import org.dicom2fhir.api.dicom.ReadOptions;
import org.dicom2fhir.api.spi.BackendOptions;
import org.dicom2fhir.api.spi.DicomReader;

/**
 * Jazzer target: any bytes, read as a whole file. In {@code mvn verify} it replays the seeds in
 * {@code ReaderFuzzTestInputs/readAnyBytes} (testkit fixtures and every crasher found so far); with
 * {@code JAZZER_FUZZ=1} it fuzzes (docs/fuzzing.md).
 *
 * <p>The contract of {@link DicomReader}: a result or a {@link DicomReadException} with a message,
 * nothing else; a parser bug caught at the reader's boundary (a {@link RuntimeException} wrapped as
 * MALFORMED) counts as a finding too. Positioned reads (an array) and forward reads (a stream) must
 * agree.
 */
class ReaderFuzzTest {
    private static final DicomReader READER = new Part10ReaderProvider().create(BackendOptions.empty());

    /** Small limits keep each execution fast; the limit checks themselves are exercised all the same. */
    private static final ReadOptions OPTIONS = ReadOptions.defaults()
            .withMaxInflatedBytes(4L << 20).withMaxHeaderBytes(4L << 20).withMaxNestingDepth(16);

    @FuzzTest(maxDuration = "30s")
    void readAnyBytes(byte[] bytes) {
        Object fromArray = outcome(bytes, false);
        Object fromStream = outcome(bytes, true);
        assertThat(fromStream).isEqualTo(fromArray);
    }

    private static Object outcome(byte[] bytes, boolean asStream) {
        try {
            DicomReadResult result = asStream ? READER.read(new ByteArrayInputStream(bytes), OPTIONS)
                    : READER.read(bytes, OPTIONS);
            assertThat(result.transferSyntaxUid()).isNotNull();
            return result;
        } catch (DicomReadException e) {
            assertThat(e.getMessage()).isNotBlank();
            if (e.getCause() instanceof RuntimeException bug) {
                throw new AssertionError("a parser bug was caught at the reader's boundary", bug);
            }
            return e.reason() + ": " + e.getMessage();
        } catch (IOException e) {
            throw new AssertionError("an in-memory read threw a plain IOException", e);
        }
    }
}
