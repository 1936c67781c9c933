package org.dicom2fhir.core;

import java.util.Map;
import org.dicom2fhir.api.Dicom2FhirException;

/** The folder holds several studies and split mode is off. The message names each Study Instance UID and its file count. */
public class MultipleStudiesException extends Dicom2FhirException {
    private static final long serialVersionUID = 1L;
    private final transient Map<String, Integer> filesPerStudy;
    private final transient ConversionReport report;

    public MultipleStudiesException(String message, Map<String, Integer> filesPerStudy, ConversionReport report) {
        super(message);
        this.filesPerStudy = Map.copyOf(filesPerStudy);
        this.report = report;
    }

    /** Study Instance UID -> number of files holding it. */
    public Map<String, Integer> filesPerStudy() {
        return filesPerStudy;
    }

    public ConversionReport report() {
        return report;
    }
}
