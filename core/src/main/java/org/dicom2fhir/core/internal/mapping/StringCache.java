package org.dicom2fhir.core.internal.mapping;

/**
 * One shared {@code String} for values that repeat from file to file (the study's and the series' UIDs,
 * the SOP Class, the modality...), so a large study holds each once. A fixed-size, direct-mapped table:
 * it never grows with the number of files or studies a long-lived process converts, and a lookup is one
 * array read ({@code String.intern} cost 6 % of reading a file). A value whose slot holds another value
 * takes the slot over: sharing is best effort, the value returned is always equal to the one given.
 *
 * <p>Thread-safe without locks: slots are read and written racily, which is safe because strings are
 * immutable and safely published through their final fields; a lost update only costs a copy.
 */
final class StringCache {
    private final String[] slots;
    private final int mask;

    /** @param size a power of two */
    StringCache(int size) {
        if (size < 1 || Integer.bitCount(size) != 1) {
            throw new IllegalArgumentException("size must be a power of two");
        }
        this.slots = new String[size];
        this.mask = size - 1;
    }

    /** An equal string, the cached one when the slot holds it; null for null. */
    String share(String value) {
        if (value == null) {
            return null;
        }
        int h = value.hashCode();
        int i = (h ^ (h >>> 16)) & mask;
        String cached = slots[i];
        if (value.equals(cached)) {
            return cached;
        }
        slots[i] = value;
        return value;
    }
}
