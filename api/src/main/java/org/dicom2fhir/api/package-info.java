/**
 * Neutral value types and exceptions shared by the core, the readers and the writers. JDK only.
 *
 * <p>Sub-packages: {@code dicom} (what a reader returns), {@code model} (the FHIR-shaped study that
 * a writer serialises), {@code spi} (the provider interfaces found through {@link java.util.ServiceLoader}).
 */
package org.dicom2fhir.api;
