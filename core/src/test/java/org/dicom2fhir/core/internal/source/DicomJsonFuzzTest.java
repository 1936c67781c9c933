package org.dicom2fhir.core.internal.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.dicom2fhir.api.Limits;
import org.dicom2fhir.api.dicom.DicomReadException;
import org.dicom2fhir.api.dicom.DicomReadResult;
import org.dicom2fhir.api.dicom.NotDicomException;
import org.dicom2fhir.api.dicom.ReadOptions;

/**
 * Jazzer target: the DICOM JSON source over any bytes, from an array and from a stream that gives one
 * byte at a time. In {@code mvn verify} it replays the seeds in {@code DicomJsonFuzzTestInputs/readAnyJson};
 * with {@code JAZZER_FUZZ=1} it fuzzes (docs/fuzzing.md).
 *
 * <p>A finding: any throwable other than {@link DicomReadException} (and its {@link NotDicomException});
 * NotDicomException after an instance was reported; instances not numbered 0, 1, 2... once each; a
 * blank message; a failure wrapping a runtime exception (a parser bug); the two streams disagreeing.
 */
class DicomJsonFuzzTest {
    private static final ReadOptions OPTIONS = ReadOptions.defaults()
            .withLimits(Limits.defaults().withMaxHeaderBytes(1L << 20).withMaxNestingDepth(16));

    @FuzzTest(maxDuration = "30s")
    void readAnyJson(byte[] input) throws IOException {
        List<Object> fromArray = outcomes(new ByteArrayInputStream(input));
        List<Object> fromTrickle = outcomes(trickle(input));
        assertThat(fromTrickle).isEqualTo(fromArray);
    }

    /** What the source said: each instance's result (compared by value) or failure. */
    private static List<Object> outcomes(InputStream in) throws IOException {
        List<Object> seen = new ArrayList<>();
        try {
            DicomJson.read(in, OPTIONS, new DicomJson.Instances() {
                @Override
                public void instance(int index, DicomReadResult result) {
                    assertThat(index).isEqualTo(seen.size());
                    if (result.damage() != null) {
                        assertThat(result.damage().message()).isNotBlank();
                    }
                    seen.add(result);
                }

                @Override
                public void failed(int index, DicomReadException failure) {
                    assertThat(index).isEqualTo(seen.size());
                    assertThat(failure.getMessage()).isNotBlank();
                    assertThat(failure.getCause() instanceof RuntimeException).as("a parser bug as the cause").isFalse();
                    seen.add(index + " " + failure.reason() + " " + failure.tag() + " " + failure.offset() + " " + failure.getMessage());
                }
            });
        } catch (NotDicomException e) {
            assertThat(seen).as("not DICOM after instances were read").isEmpty();
            assertThat(e.getMessage()).isNotBlank();
            seen.add("NOT_DICOM");
        }
        return seen;
    }

    private static InputStream trickle(byte[] b) {
        return new InputStream() {
            private int pos;

            @Override
            public int read() {
                return pos < b.length ? b[pos++] & 0xFF : -1;
            }

            @Override
            public int read(byte[] dst, int off, int len) {
                if (pos >= b.length) {
                    return -1;
                }
                if (len == 0) {
                    return 0;
                }
                dst[off] = b[pos++];
                return 1;
            }
        };
    }
}
