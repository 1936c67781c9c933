/**
 * Delivery of FHIR transaction Bundles to a FHIR server: {@link org.dicom2fhir.delivery.FhirDeliveryClient} (a
 * builder for the base URL, timeouts, retries, token, extra CA certificates and proxies), the per-study result
 * {@link org.dicom2fhir.delivery.Delivery}, and {@link org.dicom2fhir.delivery.TokenSource} (the token from the
 * environment or a file). Depends on the JDK's HTTP client and jackson-core only.
 */
package org.dicom2fhir.delivery;
