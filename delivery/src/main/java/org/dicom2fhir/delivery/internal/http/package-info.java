/**
 * The HTTP plumbing of dicom2fhir's network sides, independent of FHIR: one {@link java.net.http.HttpClient} per
 * settings (connection reuse; HTTP/1.1 on plain http, HTTP/2 by ALPN over TLS; redirects never followed),
 * timeouts, retries with full-jitter backoff and {@code Retry-After}, bearer tokens that never print, extra CA
 * certificates added to the JVM's trust, and proxies from the environment. Not an API: the classes are public
 * only for the other packages of this module (a later DICOMweb input reuses them).
 */
package org.dicom2fhir.delivery.internal.http;
