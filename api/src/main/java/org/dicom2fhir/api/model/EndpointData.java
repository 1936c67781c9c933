package org.dicom2fhir.api.model;

import java.util.Objects;

/** The contained DICOMweb Endpoint ({@code id} {@value FhirTerms#ENDPOINT_ID}); the rest of it is fixed. */
public record EndpointData(String address) {
    public EndpointData {
        Objects.requireNonNull(Strings.orNull(address), "address");
    }
}
