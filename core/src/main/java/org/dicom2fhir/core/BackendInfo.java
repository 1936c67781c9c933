package org.dicom2fhir.core;

import java.util.Objects;
import java.util.Set;
import org.dicom2fhir.api.spi.FhirRelease;

/**
 * A backend found on the class path, for listings.
 *
 * @param kind        {@code reader}, {@code writer} or {@code validator}
 * @param description the provider's one line: its library and version
 * @param releases    the FHIR releases a writer produces or a validator accepts; empty for readers (and for a
 *                    provider that failed to say)
 */
public record BackendInfo(String kind, String name, String description, Set<FhirRelease> releases) {
    public BackendInfo {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        description = description == null ? "" : description;
        releases = releases == null ? Set.of() : Set.copyOf(releases);
    }
}
