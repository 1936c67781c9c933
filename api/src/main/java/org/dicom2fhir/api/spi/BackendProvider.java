package org.dicom2fhir.api.spi;

/**
 * What every provider tells about itself, and how it makes its backend. Providers are found through
 * {@link java.util.ServiceLoader} and must be cheap to instantiate: expensive set-up belongs in
 * {@link #create()}.
 *
 * @param <T> the backend: {@link DicomReader}, {@link FhirWriter} or {@link FhirValidator}
 */
public interface BackendProvider<T> {
    /** Lower-case name a user types: {@code part10}, {@code hapi}, ... Unique within its kind. */
    String name();

    /** One line for {@code --list-backends}: the library and its version. */
    String description();

    /** A new thread-safe, reusable backend. May start expensive set-up asynchronously. */
    T create();
}
