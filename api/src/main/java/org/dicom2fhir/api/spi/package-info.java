/**
 * The service-provider interfaces. A backend module ships a provider class listed in
 * {@code META-INF/services/<provider interface>}; the core discovers it with
 * {@link java.util.ServiceLoader} and selects by {@link org.dicom2fhir.api.spi.BackendProvider#name()}.
 * Providers are cheap to instantiate; expensive set-up happens in {@code create()}.
 */
package org.dicom2fhir.api.spi;
