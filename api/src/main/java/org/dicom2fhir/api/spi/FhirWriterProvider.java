package org.dicom2fhir.api.spi;

/**
 * Service interface for FHIR writers; the documented default name is {@value #DEFAULT_NAME}. The
 * provider is the one place that declares what its writers produce: the FHIR release and the native
 * ImagingStudy class.
 */
public interface FhirWriterProvider extends BackendProvider<FhirWriter> {
    String DEFAULT_NAME = "hapi";

    /** The FHIR release of every resource its writers produce. */
    FhirRelease release();

    /**
     * Fully qualified class name of the native ImagingStudy that {@link FhirWriter#toNative} returns (a
     * name, so that selection by type needs no class loading of the library).
     */
    String nativeResourceClassName();
}
