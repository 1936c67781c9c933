package org.dicom2fhir.api.spi;

/** The FHIR versions a writer or validator may speak. */
public enum FhirRelease {
    R4("4.0.1"),
    R5("5.0.0");

    private final String version;

    FhirRelease(String version) {
        this.version = version;
    }

    /** The FHIR version string, e.g. {@code 4.0.1}. */
    public String version() {
        return version;
    }
}
