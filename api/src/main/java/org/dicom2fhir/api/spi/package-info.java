/**
 * The service-provider interfaces. A backend module ships a provider class listed in
 * {@code META-INF/services/<provider interface>}; the core discovers it with
 * {@link java.util.ServiceLoader} and selects by {@link org.dicom2fhir.api.spi.BackendProvider#name()}.
 * Providers are cheap to instantiate; expensive set-up happens in {@code create()}.
 *
 * <p>Helpers for backends, JDK only: {@link org.dicom2fhir.api.spi.WriterStreams} treats the caller's
 * stream as {@link org.dicom2fhir.api.spi.FhirWriter} promises (one flush, never a close, the stream's
 * own {@code IOException}, library failures as value-free {@link org.dicom2fhir.api.FhirWriteException}s);
 * {@link org.dicom2fhir.api.spi.BackgroundWarmUp} runs a backend's set-up on a daemon thread.
 */
package org.dicom2fhir.api.spi;
