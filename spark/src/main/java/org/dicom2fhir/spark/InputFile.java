package org.dicom2fhir.spark;

import java.io.Serializable;
import org.dicom2fhir.api.ReasonCode;

/**
 * One entry of the input, as the driver listed it.
 *
 * @param root    the index of its input URI (0 for the first)
 * @param path    relative to that URI, {@code /} separators
 * @param uri     what a task opens
 * @param length  its length when the listing knew it, else -1
 * @param decided the reason of an entry the listing decided (a link, a special file, a folder too deep): never
 *                opened; null for a file to read
 * @param message the decided entry's message
 */
record InputFile(int root, String path, String uri, long length, ReasonCode decided, String message)
        implements Serializable {
    private static final long serialVersionUID = 1L;
}
