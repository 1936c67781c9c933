package org.dicom2fhir.api;

/**
 * The safety limits of a conversion, defined once: the library's {@link Limits}, the readers'
 * checks, the reason codes of the files they stop, and the command line's options and help text all
 * come from here. A limit a file exceeds fails (or, for folders, skips) it with {@link #reason()}.
 */
public enum Limit {
    MAX_DIRECTORY_DEPTH("max-dir-depth", Unit.LEVELS, 32, ReasonCode.TOO_DEEP,
            "deepest folder level visited below the study folder (its own files are level 1)"),
    MAX_NESTING_DEPTH("max-nesting", Unit.LEVELS, 64, ReasonCode.NESTING_TOO_DEEP,
            "deepest sequence nesting read (a top-level sequence is level 1)"),
    MAX_INFLATED_BYTES("max-inflated-mib", Unit.MEBIBYTES, 64L << 20, ReasonCode.INFLATED_TOO_LARGE,
            "most bytes a deflated data set may inflate to"),
    MAX_HEADER_BYTES("max-header-mib", Unit.MEBIBYTES, 64L << 20, ReasonCode.HEADER_TOO_LARGE,
            "most bytes read from one file before Pixel Data"),
    MAX_ARCHIVE_ENTRIES("max-zip-entries", Unit.COUNT, 100_000, ReasonCode.TOO_MANY_ENTRIES,
            "most entries a ZIP archive may hold (a larger one is not opened)"),
    MAX_ARCHIVE_READ_BYTES("max-zip-read-mib", Unit.MEBIBYTES, 4L << 30, ReasonCode.ARCHIVE_READ_TOO_LARGE,
            "most inflated bytes read from the entries of one ZIP archive");

    /** How a limit is counted, and how a user writes it. */
    public enum Unit {
        /** A count of levels, written as is. */
        LEVELS(1),
        /** A count of things (entries), written as is. */
        COUNT(1),
        /** Bytes, written by users in MiB. */
        MEBIBYTES(1L << 20);

        private final long factor;

        Unit(long factor) {
            this.factor = factor;
        }

        /** The internal value (levels, bytes) of what a user wrote. */
        public long fromUser(long written) {
            return Math.multiplyExact(written, factor);
        }

        /** What a user would write for the internal value (rounded down). */
        public long toUser(long value) {
            return value / factor;
        }
    }

    private final String optionName;
    private final Unit unit;
    private final long defaultValue;
    private final ReasonCode reason;
    private final String description;

    Limit(String optionName, Unit unit, long defaultValue, ReasonCode reason, String description) {
        this.optionName = optionName;
        this.unit = unit;
        this.defaultValue = defaultValue;
        this.reason = reason;
        this.description = description;
    }

    /** The command line's option, without the leading dashes, e.g. {@code max-nesting}. */
    public String optionName() {
        return optionName;
    }

    public Unit unit() {
        return unit;
    }

    /** The default in the internal unit (levels, bytes). */
    public long defaultValue() {
        return defaultValue;
    }

    /** The reason code of a file or folder that exceeds the limit. */
    public ReasonCode reason() {
        return reason;
    }

    /** One line for help texts and documentation. */
    public String description() {
        return description;
    }

    /** The limit whose reason code this is, or null. */
    public static Limit byReason(ReasonCode reason) {
        for (Limit limit : values()) {
            if (limit.reason == reason) {
                return limit;
            }
        }
        return null;
    }
}
