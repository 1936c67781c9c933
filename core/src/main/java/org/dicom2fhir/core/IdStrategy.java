package org.dicom2fhir.core;

/** How the ImagingStudy id is generated. */
public enum IdStrategy {
    /** {@code UUID.nameUUIDFromBytes(("dicom2fhir:" + studyInstanceUid).getBytes(UTF_8))}: re-runs give the same id. */
    UID,
    /** A random UUID on every run (the original's behaviour). */
    RANDOM
}
