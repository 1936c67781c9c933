package org.dicom2fhir.api;

/** What became of one file of the study folder. Every file ends with exactly one. */
public enum Disposition {
    /** Its instance is in the ImagingStudy. */
    INCLUDED,
    /** Not a DICOM instance (or another copy of one), deliberately left out. */
    SKIPPED,
    /** Claims to be DICOM but could not be read to the attributes we need. */
    FAILED;

    /** The lower-case word used in reports. */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
