package org.dicom2fhir.api.dicom;

import java.util.Objects;
import org.dicom2fhir.api.Limit;

/** A file exceeds one of the {@link Limit}s; its reason code is the limit's. */
public class LimitExceededException extends DicomReadException {
    private static final long serialVersionUID = 1L;

    private final Limit limit;

    public LimitExceededException(Limit limit, String message, int tag, long offset) {
        super(Objects.requireNonNull(limit, "limit").reason(), message, tag, offset);
        this.limit = limit;
    }

    public Limit limit() {
        return limit;
    }
}
