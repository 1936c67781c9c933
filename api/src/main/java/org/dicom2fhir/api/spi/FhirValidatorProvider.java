package org.dicom2fhir.api.spi;

import java.util.Set;

/** Service interface for FHIR validators. */
public interface FhirValidatorProvider extends BackendProvider<FhirValidator> {
    /** The releases its validators accept. */
    Set<FhirRelease> releases();
}
