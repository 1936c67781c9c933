package org.dicom2fhir.api.dicom;

import org.dicom2fhir.api.ReasonCode;

/** The file never claims to be DICOM: no {@code DICM} marker and no plausible data set start. Skipped. */
public class NotDicomException extends DicomReadException {
    private static final long serialVersionUID = 1L;

    public NotDicomException(String message) {
        super(ReasonCode.NOT_DICOM, message);
    }
}
