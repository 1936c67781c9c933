package org.dicom2fhir.api.spi;

import java.util.Set;

/** Service interface for FHIR validators. */
public interface FhirValidatorProvider extends BackendProvider {
    Set<FhirRelease> releases();

    FhirValidator create(BackendOptions options);
}
