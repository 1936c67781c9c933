/**
 * What every reader that parses DICOM bytes itself needs alike. Internal to the readers of this
 * project (reader-part10, reader-pixelmed): no compatibility is promised, and no other module may use
 * it (architecture-tests' LayeringTest enforces that). A third-party reader implements
 * {@link org.dicom2fhir.api.spi.DicomReader} on its own.
 */
package org.dicom2fhir.codec.internal;
