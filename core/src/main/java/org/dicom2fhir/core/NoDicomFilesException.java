package org.dicom2fhir.core;

import org.dicom2fhir.api.Dicom2FhirException;

/** Nothing in the folder is a DICOM instance that could be included (CLI exit 3, or 4 when files failed). */
public class NoDicomFilesException extends Dicom2FhirException {
    private static final long serialVersionUID = 1L;
    private final transient ConversionReport report;

    public NoDicomFilesException(String message, ConversionReport report) {
        super(message);
        this.report = report;
    }

    public ConversionReport report() {
        return report;
    }
}
