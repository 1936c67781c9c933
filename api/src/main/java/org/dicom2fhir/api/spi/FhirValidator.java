package org.dicom2fhir.api.spi;

import java.util.List;

/** Validates serialised FHIR against the base profiles of its release. Thread-safe. */
public interface FhirValidator {
    List<ValidationIssue> validate(byte[] resource, OutputFormat format, FhirRelease release);
}
