package org.dicom2fhir.reader.pixelmed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.dicom2fhir.api.dicom.DicomReadException;
import org.dicom2fhir.api.dicom.DicomReadResult;
import org.dicom2fhir.api.dicom.ReadOptions;
import org.dicom2fhir.api.spi.BackendOptions;
import org.dicom2fhir.api.spi.DicomReader;
import org.dicom2fhir.core.internal.mapping.FactsExtractor;
import org.dicom2fhir.reader.part10.Part10ReaderProvider;
import org.dicom2fhir.testkit.Oracles;
import org.junit.jupiter.api.Assumptions;

/** The two readers side by side, and what the differential tests read. */
final class BothReaders {
    static final DicomReader PART10 = new Part10ReaderProvider().create(BackendOptions.empty());
    static final DicomReader PIXELMED = new PixelmedReaderProvider().create(BackendOptions.empty());
    /** What core asks a reader for: every tag the mapping uses, default limits. */
    static final ReadOptions MAPPING = ReadOptions.defaults().withTags(FactsExtractor.REQUIRED_TAGS);

    private BothReaders() {
    }

    /** What one read gave: a result, or the reason it failed; any other exception is a crash. */
    record Outcome(DicomReadResult result, String failure) {
        boolean good() {
            return result != null && result.warnings().isEmpty();
        }

        /** The result without its warnings (their wording is each reader's own). */
        Object comparable() {
            return result == null ? failure
                    : List.of(result.transferSyntaxUid(), result.fileMeta(), result.dataSet());
        }
    }

    interface Read {
        DicomReadResult read() throws IOException;
    }

    static Outcome outcome(Read read) {
        try {
            return new Outcome(read.read(), null);
        } catch (DicomReadException e) {
            return new Outcome(null, e.reason().name());
        } catch (IOException e) {
            return new Outcome(null, "IOException");
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
