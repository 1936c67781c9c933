package org.dicom2fhir.api;

import java.util.Objects;

/**
 * The values of every {@link Limit}, immutable; {@link #defaults()} holds each limit's default.
 * Values are in the limit's internal unit (levels, bytes) and at least 1.
 */
public final class Limits {
    private static final Limits DEFAULTS = new Limits(java.util.Arrays.stream(Limit.values()).mapToLong(Limit::defaultValue).toArray());

    private final long[] values; // by Limit ordinal, never changed after construction

    private Limits(long[] values) {
        this.values = values;
    }

    public static Limits defaults() {
        return DEFAULTS;
    }

    /** The value of a limit. */
    public long get(Limit limit) {
        return values[Objects.requireNonNull(limit, "limit").ordinal()];
    }

    /**
     * A copy with one limit changed.
     *
     * @throws IllegalArgumentException the value is below 1, or a level or entry count above {@link Integer#MAX_VALUE}
     */
    public Limits with(Limit limit, long value) {
        Objects.requireNonNull(limit, "limit");
        if (value < 1) {
            throw new IllegalArgumentException("the limit " + limit.optionName() + " must be at least 1, not " + value);
        }
        if (limit.unit() != Limit.Unit.MEBIBYTES && value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("the limit " + limit.optionName() + " is too large: " + value);
        }
        long[] changed = values.clone();
        changed[limit.ordinal()] = value;
        return new Limits(changed);
    }

    public int maxDirectoryDepth() {
        return (int) get(Limit.MAX_DIRECTORY_DEPTH);
    }

    public int maxNestingDepth() {
        return (int) get(Limit.MAX_NESTING_DEPTH);
    }

    public long maxInflatedBytes() {
        return get(Limit.MAX_INFLATED_BYTES);
    }

    public long maxHeaderBytes() {
        return get(Limit.MAX_HEADER_BYTES);
    }

    public int maxArchiveEntries() {
        return (int) get(Limit.MAX_ARCHIVE_ENTRIES);
    }

    public long maxArchiveReadBytes() {
        return get(Limit.MAX_ARCHIVE_READ_BYTES);
    }

    public Limits withMaxArchiveEntries(int entries) {
        return with(Limit.MAX_ARCHIVE_ENTRIES, entries);
    }

    public Limits withMaxArchiveReadBytes(long bytes) {
        return with(Limit.MAX_ARCHIVE_READ_BYTES, bytes);
    }

    public Limits withMaxDirectoryDepth(int depth) {
        return with(Limit.MAX_DIRECTORY_DEPTH, depth);
    }

    public Limits withMaxNestingDepth(int depth) {
        return with(Limit.MAX_NESTING_DEPTH, depth);
    }

    public Limits withMaxInflatedBytes(long bytes) {
        return with(Limit.MAX_INFLATED_BYTES, bytes);
    }

    public Limits withMaxHeaderBytes(long bytes) {
        return with(Limit.MAX_HEADER_BYTES, bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Limits other && java.util.Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Limits[");
        for (Limit limit : Limit.values()) {
            s.append(limit.optionName()).append('=').append(get(limit)).append(limit.ordinal() + 1 < values.length ? ", " : "]");
        }
        return s.toString();
    }
}
