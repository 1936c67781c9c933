package org.dicom2fhir.core.internal.mapping;

/** The codes of the warnings the extraction and the mapping give. Messages never hold values. */
public final class MappingWarnings {
    private MappingWarnings() {
    }

    /** Instances disagree on a study-, patient- or series-level attribute; the majority value was used. */
    public static final String CONFLICTING_VALUES = "CONFLICTING_VALUES";
    /** Times were dropped from {@code started} because no offset was known (once per run). */
    public static final String NO_TIMEZONE = "NO_TIMEZONE";
    /** A series has no Modality; {@code OT} was used. */
    public static final String MISSING_MODALITY = "MISSING_MODALITY";
    /** A series' Modality is not a DICOM defined term (DCM code); it was kept without a code system. */
    public static final String UNKNOWN_MODALITY = "UNKNOWN_MODALITY";
    /** A DA value is not a valid date; the element was omitted. */
    public static final String INVALID_DATE = "INVALID_DATE";
    /** A TM value is not a valid time; the date was used alone. */
    public static final String INVALID_TIME = "INVALID_TIME";
    /** (0008,0201) is not a valid offset; it was ignored. */
    public static final String INVALID_TIMEZONE_OFFSET = "INVALID_TIMEZONE_OFFSET";
    /** (0008,0016) is missing; (0002,0002) of the File Meta was used. */
    public static final String SOP_CLASS_FROM_FILE_META = "SOP_CLASS_FROM_FILE_META";
}
