package org.dicom2fhir.core;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Objects;
import org.dicom2fhir.api.model.StudyData;
import org.dicom2fhir.api.spi.FhirWriter;
import org.dicom2fhir.api.spi.WriteOptions;

/**
 * The outcome of converting one folder: the neutral studies (one, or several in split mode, in
 * Study Instance UID order), the writer that renders them, and the report.
 */
public final class ConversionResult {
    private final List<StudyData> studies;
    private final boolean split;
    private final FhirWriter writer;
    private final ConversionReport report;

    public ConversionResult(List<StudyData> studies, boolean split, FhirWriter writer, ConversionReport report) {
        this.studies = List.copyOf(studies);
        this.split = split;
        this.writer = Objects.requireNonNull(writer, "writer");
        this.report = Objects.requireNonNull(report, "report");
    }

    public List<StudyData> studies() {
        return studies;
    }

    /** Whether the result is written as a collection Bundle. */
    public boolean split() {
        return split;
    }

    public ConversionReport report() {
        return report;
    }

    public FhirWriter writer() {
        return writer;
    }

    /** The native resource: the ImagingStudy, or in split mode the collection Bundle. */
    public Object resource() {
        return split ? writer.toNativeBundle(studies) : writer.toNative(studies.get(0));
    }

    /** The native ImagingStudy of a single-study result, as the given type. */
    public <T> T resource(Class<T> type) {
        return type.cast(resource());
    }

    /** The native ImagingStudy of every study. */
    public List<Object> imagingStudies() {
        return studies.stream().map(writer::toNative).toList();
    }

    /** Serialises the result (ImagingStudy or Bundle) to the stream, which is not closed. */
    public void writeTo(OutputStream out, WriteOptions options) throws IOException {
        if (split) {
            writer.writeBundle(studies, out, options);
        } else {
            writer.write(studies.get(0), out, options);
        }
    }
}
