/**
 * The HTTP plumbing of dicom2fhir's network sides (the FHIR delivery, the DICOMweb source), independent of FHIR
 * and DICOM: one {@link java.net.http.HttpClient} per settings (connection reuse; HTTP/1.1 on plain http, HTTP/2
 * by ALPN over TLS; redirects never followed), timeouts, retries with full-jitter backoff and {@code Retry-After},
 * bearer tokens and Basic credentials that never print, extra CA certificates added to the JVM's trust, proxies
 * from the environment, and streamed bodies that end when the server stops sending. Not an API for applications:
 * the classes are public for dicom2fhir's own modules.
 */
package org.dicom2fhir.http;
