/**
 * The neutral, FHIR-shaped study a writer turns into its library's objects. Library-free records;
 * dates are already valid FHIR {@code date}/{@code dateTime} strings in the one canonical rendering;
 * an absent value is {@code null} (strings) or an empty list, never an empty string.
 */
package org.dicom2fhir.api.model;
