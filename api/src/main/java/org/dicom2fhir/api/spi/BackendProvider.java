package org.dicom2fhir.api.spi;

/** What every provider tells about itself. */
public interface BackendProvider {
    /** Lower-case name a user types: {@code part10}, {@code hapi}, ... Unique within its kind. */
    String name();

    /** One line for {@code --list-backends}: the library and its version. */
    String description();
}
