package org.dicom2fhir.cli;

import java.util.List;
import org.dicom2fhir.api.spi.FhirRelease;
import org.dicom2fhir.api.spi.FhirValidator;
import org.dicom2fhir.api.spi.OutputFormat;
import org.dicom2fhir.api.spi.ValidationIssue;
import org.dicom2fhir.core.Backends;

/** validator-hapi (on the test class path through cli's runtime dependency), started once for all tests. */
final class FhirValidation {
    private static FhirValidator validator;

    private FhirValidation() {
    }

    static List<ValidationIssue> errors(byte[] resource, OutputFormat format) {
        return errors(resource, format, FhirRelease.R4);
    }

    static synchronized List<ValidationIssue> errors(byte[] resource, OutputFormat format, FhirRelease release) {
        if (validator == null) {
            validator = Backends.discover(FhirValidation.class.getClassLoader()).validator("hapi");
        }
        return validator.validate(resource, format, release).stream().filter(ValidationIssue::isError).toList();
    }
}
