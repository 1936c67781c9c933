package org.dicom2fhir.core.internal.source;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.dicom2fhir.api.dicom.DicomReadException;
import org.dicom2fhir.api.dicom.DicomReadResult;
import org.dicom2fhir.api.dicom.NotDicomException;
import org.dicom2fhir.api.dicom.ReadOptions;
import org.dicom2fhir.api.spi.DicomReader;

/**
 * The first instance of a DICOM JSON file, as a {@link DicomReader} gives a file: the view through
 * which the reader contract's JSON variant tests {@link DicomJson}. The pipeline reads every instance
 * with {@link DicomJson#read} instead; this is no backend and is not selectable.
 */
public final class DicomJsonReader implements DicomReader {
    @Override
    public DicomReadResult read(Path file, ReadOptions options) throws IOException {
        Objects.requireNonNull(options, "options");
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            return read(in, options);
        }
    }

    @Override
    public DicomReadResult read(InputStream in, ReadOptions options) throws IOException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(options, "options");
        First first = new First();
        DicomJson.read(in, options, first);
        if (first.failure != null) {
            throw first.failure;
        }
        if (first.result == null) {
            throw new NotDicomException("Not DICOM JSON: no instance.");
        }
        return first.result;
    }

    /** Keeps what the first instance gave. */
    private static final class First implements DicomJson.Instances {
        DicomReadResult result;
        DicomReadException failure;

        @Override
        public void instance(int index, DicomReadResult r) {
            if (index == 0) {
                result = r;
            }
        }

        @Override
        public void failed(int index, DicomReadException e) {
            if (index == 0) {
                failure = e;
            }
        }
    }
}
