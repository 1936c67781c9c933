/** The neutral DICOM attribute model a {@link org.dicom2fhir.api.spi.DicomReader} returns. */
package org.dicom2fhir.api.dicom;
