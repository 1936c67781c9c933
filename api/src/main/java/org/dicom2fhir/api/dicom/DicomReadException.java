package org.dicom2fhir.api.dicom;

import java.io.IOException;
import java.util.Objects;
import org.dicom2fhir.api.ReasonCode;

/**
 * A file could not be read: it is not DICOM ({@link NotDicomException}, skipped) or it claims to be
 * DICOM and is malformed (failed). The message says what and where (tag, byte offset), never a value.
 */
public class DicomReadException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Marks "no tag" / "no offset". */
    public static final int NO_TAG = -1;
    public static final long NO_OFFSET = -1;

    private final ReasonCode reason;
    private final int tag;
    private final long offset;

    public DicomReadException(ReasonCode reason, String message, int tag, long offset) {
        this(reason, message, tag, offset, null);
    }

    public DicomReadException(ReasonCode reason, String message, int tag, long offset, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.tag = tag;
        this.offset = offset;
    }

    public DicomReadException(ReasonCode reason, String message) {
        this(reason, message, NO_TAG, NO_OFFSET);
    }

    public ReasonCode reason() {
        return reason;
    }

    /** The tag where reading failed, or {@link #NO_TAG}. */
    public int tag() {
        return tag;
    }

    /** The byte offset in the file where reading failed, or {@link #NO_OFFSET}. */
    public long offset() {
        return offset;
    }
}
