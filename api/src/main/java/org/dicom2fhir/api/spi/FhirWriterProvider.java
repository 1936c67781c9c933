package org.dicom2fhir.api.spi;

/** Service interface for FHIR writers; the documented default name is {@value #DEFAULT_NAME}. */
public interface FhirWriterProvider extends BackendProvider {
    String DEFAULT_NAME = "hapi";

    FhirRelease release();

    /**
     * Fully qualified class name of the native ImagingStudy (a name, so that selection by type needs
     * no class loading of the library).
     */
    String nativeResourceClassName();

    /** May start expensive set-up (a FHIR context) asynchronously; the writer waits for it on first use. */
    FhirWriter create(BackendOptions options);
}
