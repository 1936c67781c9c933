package org.dicom2fhir.api.spi;

/** FHIR serialisation. */
public enum OutputFormat {
    JSON,
    XML
}
