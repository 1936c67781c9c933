package org.dicom2fhir.core;

import org.dicom2fhir.api.dicom.ReadOptions;

/**
 * The safety limits of a conversion (reliability.md), with safe defaults.
 *
 * @param maxDirectoryDepth deepest folder level visited below the study folder (its own files are depth 1)
 * @param maxNestingDepth   deepest sequence nesting a reader accepts
 * @param maxInflatedBytes  most bytes a deflated data set may inflate to
 * @param maxHeaderBytes    most bytes read from one file before Pixel Data
 */
public record Limits(int maxDirectoryDepth, int maxNestingDepth, long maxInflatedBytes, long maxHeaderBytes) {
    public static final int DEFAULT_MAX_DIRECTORY_DEPTH = 32;

    public Limits {
        if (maxDirectoryDepth < 1 || maxNestingDepth < 1 || maxInflatedBytes < 1 || maxHeaderBytes < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    public static Limits defaults() {
        return new Limits(DEFAULT_MAX_DIRECTORY_DEPTH, ReadOptions.DEFAULT_MAX_NESTING_DEPTH,
                ReadOptions.DEFAULT_MAX_INFLATED_BYTES, ReadOptions.DEFAULT_MAX_HEADER_BYTES);
    }

    public Limits withMaxDirectoryDepth(int depth) {
        return new Limits(depth, maxNestingDepth, maxInflatedBytes, maxHeaderBytes);
    }

    public Limits withMaxNestingDepth(int depth) {
        return new Limits(maxDirectoryDepth, depth, maxInflatedBytes, maxHeaderBytes);
    }

    public Limits withMaxInflatedBytes(long bytes) {
        return new Limits(maxDirectoryDepth, maxNestingDepth, bytes, maxHeaderBytes);
    }

    public Limits withMaxHeaderBytes(long bytes) {
        return new Limits(maxDirectoryDepth, maxNestingDepth, maxInflatedBytes, bytes);
    }
}
