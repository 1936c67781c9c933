package org.dicom2fhir.core.internal.pipeline;

import java.nio.file.attribute.BasicFileAttributes;
import org.dicom2fhir.api.ReasonCode;

/** The messages for entries that are not regular files, shared by the scan and single-file reads. */
public final class FileKinds {
    public static final String SYMLINK_MESSAGE = "symbolic link, not followed";
    public static final String SPECIAL_FILE_MESSAGE = "not a regular file (FIFO, device or socket), not opened";
    public static final String DIRECTORY_MESSAGE = "a folder, not a file";
    public static final String VANISHED_MESSAGE = "the file disappeared during the run";

    private FileKinds() {
    }

    /** SYMLINK or SPECIAL_FILE for an entry that must not be opened; null for a regular file or folder. */
    public static ReasonCode notOpened(BasicFileAttributes attributes) {
        if (attributes.isSymbolicLink()) {
            return ReasonCode.SYMLINK;
        }
        if (attributes.isOther()) {
            return ReasonCode.SPECIAL_FILE;
        }
        return null;
    }

    public static String message(ReasonCode notOpened) {
        return notOpened == ReasonCode.SYMLINK ? SYMLINK_MESSAGE : SPECIAL_FILE_MESSAGE;
    }
}
