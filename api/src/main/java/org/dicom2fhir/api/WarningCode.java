package org.dicom2fhir.api;

/**
 * Every warning code a file or a run may carry, like {@link ReasonCode} for dispositions. A warning
 * never changes a disposition: the file is still included (or the run still succeeds), and the warning
 * says what was read leniently, dropped or guessed. docs/reliability.md lists them with their meaning.
 */
public enum WarningCode {
    // Reading (a reader's lenient decisions and the damage it read around)
    /** The file ends early; what came before the cut was kept. */
    TRUNCATED(Source.READING),
    /** A declared value length runs past the end of the file; the elements before it were kept. */
    LENGTH_EXCEEDS_FILE(Source.READING),
    /** A structural anomaly read leniently (stray delimiters, odd lengths), or damage after the UIDs. */
    MALFORMED(Source.READING),
    /** An unknown or contradicted Specific Character Set, or bytes invalid in it: decoded as well as possible. */
    CHARACTER_SET(Source.READING),
    /** An element with an invalid VR, read as the dictionary's VR or as UN. */
    INVALID_VR(Source.READING),
    /** A missing, unknown or contradicted transfer syntax: the encoding was detected from the data set. */
    TRANSFER_SYNTAX(Source.READING),
    /** More warnings than a file may carry; the rest were dropped. */
    TOO_MANY_WARNINGS(Source.READING),

    // Extracting one file's facts
    /** (0008,0016) is missing; (0002,0002) of the File Meta was used. */
    SOP_CLASS_FROM_FILE_META(Source.EXTRACTION),

    // Grouping the files of a run
    /** A copy of an instance that was left out is filed under another study or series than the copy kept. */
    DUPLICATE_DIFFERS(Source.GROUPING),

    // Mapping a study
    /** Instances disagree on a study-, patient- or series-level attribute; the majority value was used. */
    CONFLICTING_VALUES(Source.MAPPING),
    /** Times were dropped from {@code started} because no offset was known (said once per run). */
    NO_TIMEZONE(Source.MAPPING),
    /** A series has no Modality; {@code OT} was used. */
    MISSING_MODALITY(Source.MAPPING),
    /** A series' Modality is not a DICOM defined term; it was kept without a code system. */
    UNKNOWN_MODALITY(Source.MAPPING),
    /** A DA value is not a valid date; the element was omitted. */
    INVALID_DATE(Source.MAPPING),
    /** A TM value is not a valid time; the date was used alone. */
    INVALID_TIME(Source.MAPPING),
    /** (0008,0201) is not a valid offset; it was ignored. */
    INVALID_TIMEZONE_OFFSET(Source.MAPPING);

    /** Which step gives the warning: file warnings come from reading and extraction, run warnings from the others. */
    public enum Source {
        READING, EXTRACTION, GROUPING, MAPPING
    }

    private final Source source;

    WarningCode(Source source) {
        this.source = source;
    }

    public Source source() {
        return source;
    }

    /** The warning code a reader uses for damage of this reason after which it kept what it had read. */
    public static WarningCode forDamage(ReasonCode reason) {
        return switch (reason) {
            case TRUNCATED -> TRUNCATED;
            case LENGTH_EXCEEDS_FILE -> LENGTH_EXCEEDS_FILE;
            default -> MALFORMED;
        };
    }
}
