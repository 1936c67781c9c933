package org.dicom2fhir.core;

import java.util.Objects;

/**
 * A backend found on the class path, for listings.
 *
 * @param kind        {@code reader}, {@code writer} or {@code validator}
 * @param description the provider's one line: its library and version
 * @param fhirVersion the FHIR version a writer speaks (a validator: its versions, comma-separated); null for readers
 */
public record BackendInfo(String kind, String name, String description, String fhirVersion) {
    public BackendInfo {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        description = description == null ? "" : description;
    }
}
