package org.dicom2fhir.api.dicom;

import java.util.Arrays;
import java.util.Set;

/**
 * What a reader should materialise and the limits it must respect.
 *
 * @param tags            top-level tags the caller needs; empty means every element. A requested
 *                        sequence is materialised with all of its items' contents. The File Meta
 *                        group is always read in full.
 * @param maxNestingDepth deepest sequence nesting accepted (a top-level sequence is depth 1)
 * @param maxInflatedBytes most bytes a deflated data set may inflate to
 * @param maxHeaderBytes  most bytes read from one file before Pixel Data
 */
public record ReadOptions(Set<Integer> tags, int maxNestingDepth, long maxInflatedBytes, long maxHeaderBytes) {
    public static final int DEFAULT_MAX_NESTING_DEPTH = 64;
    public static final long DEFAULT_MAX_INFLATED_BYTES = 64L << 20;
    public static final long DEFAULT_MAX_HEADER_BYTES = 64L << 20;

    private static final ReadOptions DEFAULTS = new ReadOptions(Set.of(), DEFAULT_MAX_NESTING_DEPTH,
            DEFAULT_MAX_INFLATED_BYTES, DEFAULT_MAX_HEADER_BYTES);

    public ReadOptions {
        tags = Set.copyOf(tags);
        if (maxNestingDepth < 1) {
            throw new IllegalArgumentException("maxNestingDepth must be at least 1");
        }
        if (maxInflatedBytes < 1 || maxHeaderBytes < 1) {
            throw new IllegalArgumentException("byte limits must be positive");
        }
    }

    /** Every element, default limits. */
    public static ReadOptions defaults() {
        return DEFAULTS;
    }

    public ReadOptions withTags(Set<Integer> wanted) {
        return new ReadOptions(wanted, maxNestingDepth, maxInflatedBytes, maxHeaderBytes);
    }

    public ReadOptions withTags(int... wanted) {
        return withTags(Set.copyOf(Arrays.stream(wanted).boxed().toList()));
    }

    public ReadOptions withMaxNestingDepth(int depth) {
        return new ReadOptions(tags, depth, maxInflatedBytes, maxHeaderBytes);
    }

    public ReadOptions withMaxInflatedBytes(long bytes) {
        return new ReadOptions(tags, maxNestingDepth, bytes, maxHeaderBytes);
    }

    public ReadOptions withMaxHeaderBytes(long bytes) {
        return new ReadOptions(tags, maxNestingDepth, maxInflatedBytes, bytes);
    }

    /** Whether a top-level element with this tag is to be materialised. */
    public boolean wants(int tag) {
        return tags.isEmpty() || tags.contains(tag);
    }
}
