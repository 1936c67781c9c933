package org.dicom2fhir.api.spi;

/** Service interface for DICOM readers; the documented default name is {@value #DEFAULT_NAME}. */
public interface DicomReaderProvider extends BackendProvider<DicomReader> {
    String DEFAULT_NAME = "part10";
}
