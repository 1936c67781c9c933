package org.dicom2fhir.core;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.dicom2fhir.api.model.StudyData;
import org.dicom2fhir.api.spi.FhirRelease;
import org.dicom2fhir.api.spi.FhirValidator;
import org.dicom2fhir.api.spi.FhirWriter;
import org.dicom2fhir.api.spi.OutputFormat;
import org.dicom2fhir.api.spi.ValidationIssue;
import org.dicom2fhir.api.spi.WriteOptions;

/**
 * Every study a mapping test produces is rendered by the R4 and the R5 writer and must pass the HAPI
 * validator with zero ERROR/FATAL issues (one validator and writer for the whole test run).
 */
public final class FhirValidity {
    private FhirValidity() {
    }

    private static final class Holder {
        static final FhirWriter WRITER = Backends.discover().writer("hapi");
        static final FhirWriter R5_WRITER = Backends.discover().writer("hapi-r5");
        static final FhirValidator VALIDATOR = Backends.discover().validator(null);
    }

    /** Returns the study unchanged, or fails with the validator's errors and the JSON (synthetic test data). */
    public static StudyData assertValid(StudyData study) {
        assertValid(study, Holder.WRITER, FhirRelease.R4);
        assertValid(study, Holder.R5_WRITER, FhirRelease.R5);
        return study;
    }

    private static void assertValid(StudyData study, FhirWriter writer, FhirRelease release) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writer.write(study, out, WriteOptions.json());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<ValidationIssue> errors = Holder.VALIDATOR.validate(out.toByteArray(), OutputFormat.JSON, release)
                .stream().filter(ValidationIssue::isError).toList();
        if (!errors.isEmpty()) {
            throw new AssertionError("FHIR " + release + " validation errors " + errors + " in "
                    + out.toString(StandardCharsets.UTF_8));
        }
    }
}
