package org.dicom2fhir.reader.pixelmed;

import org.dicom2fhir.api.ReasonCode;
import org.dicom2fhir.api.dicom.DicomReadException;
import org.dicom2fhir.api.dicom.Tags;

/**
 * Structural damage found in the data set: the reader turns it into a failure (nothing requested was
 * read before it) or a warning on what was read. Control flow, so without a stack trace.
 */
final class Damage extends Exception {
    private static final long serialVersionUID = 1L;

    final ReasonCode reason;
    final int tag;
    final long offset;

    private Damage(ReasonCode reason, int tag, long offset, String message) {
        super(message, null, false, false);
        this.reason = reason;
        this.tag = tag;
        this.offset = offset;
    }

    /** "{what} (gggg,eeee) at byte N{tail}"; the tag is left out when there is none. */
    static Damage at(ReasonCode reason, int tag, long offset, String what, String tail) {
        String where = tag == DicomReadException.NO_TAG ? "" : " " + Tags.format(tag);
        return new Damage(reason, tag, offset, what + where + " at byte " + offset + tail);
    }

    DicomReadException toException() {
        return new DicomReadException(reason, getMessage(), tag, offset);
    }
}
