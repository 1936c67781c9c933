package org.dicom2fhir.api.dicom;

import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import org.dicom2fhir.api.Limit;
import org.dicom2fhir.api.Limits;

/**
 * What a reader should materialise and the limits it must respect.
 *
 * @param tags   top-level tags the caller needs; empty means every element. A requested sequence is
 *               materialised with all of its items' contents. The File Meta group is always read in full.
 * @param limits the reader checks {@link Limit#MAX_NESTING_DEPTH}, {@link Limit#MAX_INFLATED_BYTES} and
 *               {@link Limit#MAX_HEADER_BYTES}, throwing {@link LimitExceededException}
 */
public record ReadOptions(Set<Integer> tags, Limits limits) {
    private static final ReadOptions DEFAULTS = new ReadOptions(Set.of(), Limits.defaults());

    public ReadOptions {
        tags = Set.copyOf(tags);
        Objects.requireNonNull(limits, "limits");
    }

    /** Every element, default limits. */
    public static ReadOptions defaults() {
        return DEFAULTS;
    }

    public ReadOptions withTags(Set<Integer> wanted) {
        return new ReadOptions(wanted, limits);
    }

    public ReadOptions withTags(int... wanted) {
        return withTags(Set.copyOf(Arrays.stream(wanted).boxed().toList()));
    }

    public ReadOptions withLimits(Limits newLimits) {
        return new ReadOptions(tags, newLimits);
    }

    public ReadOptions withMaxNestingDepth(int depth) {
        return withLimits(limits.withMaxNestingDepth(depth));
    }

    public ReadOptions withMaxInflatedBytes(long bytes) {
        return withLimits(limits.withMaxInflatedBytes(bytes));
    }

    public ReadOptions withMaxHeaderBytes(long bytes) {
        return withLimits(limits.withMaxHeaderBytes(bytes));
    }

    /** Deepest sequence nesting accepted (a top-level sequence is depth 1). */
    public int maxNestingDepth() {
        return limits.maxNestingDepth();
    }

    /** Most bytes a deflated data set may inflate to. */
    public long maxInflatedBytes() {
        return limits.maxInflatedBytes();
    }

    /** Most bytes read from one file before Pixel Data. */
    public long maxHeaderBytes() {
        return limits.maxHeaderBytes();
    }

    /** Whether a top-level element with this tag is to be materialised. */
    public boolean wants(int tag) {
        return tags.isEmpty() || tags.contains(tag);
    }
}
