/**
 * The SPIs and neutral value types of dicom2fhir: JDK only. Backends implement the providers of
 * {@code org.dicom2fhir.api.spi}; core, readers and writers exchange the values of the other packages.
 */
module org.dicom2fhir.api {
    exports org.dicom2fhir.api;
    exports org.dicom2fhir.api.dicom;
    exports org.dicom2fhir.api.model;
    exports org.dicom2fhir.api.spi;
}
