/**
 * The built-in DICOM PS3.10 header reader. The only public type is
 * {@link org.dicom2fhir.reader.part10.Part10ReaderProvider}, found through {@link java.util.ServiceLoader}
 * under the name {@code part10}; everything else is package-private.
 */
package org.dicom2fhir.reader.part10;
