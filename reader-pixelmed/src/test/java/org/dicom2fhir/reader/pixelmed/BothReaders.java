package org.dicom2fhir.reader.pixelmed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.dicom2fhir.api.Limit;
import org.dicom2fhir.api.dicom.DicomReadException;
import org.dicom2fhir.api.dicom.DicomReadResult;
import org.dicom2fhir.api.dicom.LimitExceededException;
import org.dicom2fhir.api.dicom.ReadDamage;
import org.dicom2fhir.api.dicom.ReadOptions;
import org.dicom2fhir.api.spi.DicomReader;
import org.dicom2fhir.core.internal.mapping.FactsExtractor;
import org.dicom2fhir.reader.part10.Part10ReaderProvider;
import org.dicom2fhir.testkit.Oracles;
import org.junit.jupiter.api.Assumptions;

/** The two readers side by side, and what the differential tests read. */
final class BothReaders {
    static final DicomReader PART10 = new Part10ReaderProvider().create();
    static final DicomReader PIXELMED = new PixelmedReaderProvider().create();
    /** What core asks a reader for: every tag the mapping uses, default limits. */
    static final ReadOptions MAPPING = ReadOptions.defaults().withTags(FactsExtractor.REQUIRED_TAGS);

    private BothReaders() {
    }

    /**
     * What one read gave: a result, or the reason it failed (and the limit, when it exceeded one, which
     * it must say as a {@link LimitExceededException}); any other exception is a crash.
     */
    record Outcome(DicomReadResult result, String failure, Limit limit) {
        /** A result read to its end without a warning. */
        boolean good() {
            return result != null && result.warnings().isEmpty() && result.damage() == null;
        }

        /** The result without its warnings and messages (their wording is each reader's own). */
        Object comparable() {
            if (result == null) {
                return limit == null ? failure : failure + " (" + limit + ")";
            }
            ReadDamage d = result.damage();
            return List.of(result.transferSyntaxUid(), result.fileMeta(), result.dataSet(),
                    d == null ? "no damage" : List.of(d.reason(), d.tag(), d.offset()));
        }
    }

    interface Read {
        DicomReadResult read() throws IOException;
    }

    static Outcome outcome(Read read) {
        try {
            return new Outcome(read.read(), null, null);
        } catch (LimitExceededException e) {
            return new Outcome(null, e.reason().name(), e.limit());
        } catch (DicomReadException e) {
            if (Limit.byReason(e.reason()) != null) {
                return new Outcome(null, e.reason().name() + " as a plain DicomReadException", null);
            }
            return new Outcome(null, e.reason().name(), null);
        } catch (IOException e) {
            return new Outcome(null, "IOException", null);
        }
    }

    /** Every file of pydicom's test and character set data (the test is skipped where it is absent). */
    static List<Path> pydicomFiles() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(Oracles.PYDICOM_TEST_FILES), "python3-pydicom's test files are not installed");
        List<Path> files = new ArrayList<>();
        for (Path dir : List.of(Oracles.PYDICOM_TEST_FILES, Oracles.PYDICOM_CHARSET_FILES)) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> walk = Files.walk(dir)) {
                    walk.filter(Files::isRegularFile).sorted().forEach(files::add);
                }
            }
        }
        return files;
    }
}
