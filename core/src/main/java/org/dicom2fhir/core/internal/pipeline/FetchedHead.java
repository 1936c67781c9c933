package org.dicom2fhir.core.internal.pipeline;

/**
 * What a file's head read brought into the caller's buffer ({@link FileReading#fetch}).
 *
 * @param length the bytes read from the file's start
 * @param whole  whether they are the whole file (nothing is left to read)
 */
public record FetchedHead(int length, boolean whole) {
    public FetchedHead {
        if (length < 0) {
            throw new IllegalArgumentException("negative length " + length);
        }
    }
}
