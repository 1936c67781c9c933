/**
 * A DICOM reader on the PixelMed toolkit ({@code /usr/share/java/pixelmed.jar}, Debian's
 * libpixelmed-java): {@link org.dicom2fhir.reader.pixelmed.PixelmedReaderProvider}, name {@code pixelmed}.
 * Only the provider is public; every use of PixelMed stays in this package.
 */
package org.dicom2fhir.reader.pixelmed;
