package org.dicom2fhir.core;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.dicom2fhir.api.model.StudyData;
import org.dicom2fhir.api.spi.FhirWriter;
import org.dicom2fhir.api.spi.WriteOptions;

/**
 * The outcome of converting one folder: the neutral studies (one, or several in split mode, in
 * Study Instance UID order), the writer that renders them, and the report.
 */
public final class ConversionResult {
    private final List<StudyData> studies;
    private final Set<String> patientConflicts;
    private final boolean split;
    private final Supplier<FhirWriter> writer;
    private final ConversionReport report;

    /** @param writer the converter's writer, started on first use when none was requested */
    ConversionResult(List<StudyData> studies, Set<String> patientConflicts, boolean split, Supplier<FhirWriter> writer,
            ConversionReport report) {
        this.studies = List.copyOf(studies);
        this.patientConflicts = Set.copyOf(patientConflicts);
        this.split = split;
        this.writer = Objects.requireNonNull(writer, "writer");
        this.report = Objects.requireNonNull(report, "report");
    }

    public List<StudyData> studies() {
        return studies;
    }

    /**
     * Whether the study's instances disagree on the patient's id, its issuer or its qualifiers (see
     * {@link StudyConversion#patientConflict()}).
     */
    public boolean patientConflict(StudyData study) {
        return patientConflicts.contains(study.id());
    }

    /** Whether the result is written as a collection Bundle. */
    public boolean split() {
        return split;
    }

    public ConversionReport report() {
        return report;
    }

    /**
     * The writer that renders the result.
     *
     * @throws org.dicom2fhir.api.BackendSelectionException no writer was requested and none can be selected
     */
    public FhirWriter writer() {
        return writer.get();
    }

    /** The native resource: the ImagingStudy, or in split mode the collection Bundle. */
    public Object resource() {
        return split ? writer().toNativeBundle(studies) : writer().toNative(studies.get(0));
    }

    /** The native ImagingStudy of a single-study result, as the given type. */
    public <T> T resource(Class<T> type) {
        return type.cast(resource());
    }

    /** The native ImagingStudy of every study. */
    public List<Object> imagingStudies() {
        FhirWriter w = writer();
        return studies.stream().map(w::toNative).toList();
    }

    /** Serialises the result (ImagingStudy or Bundle) to the stream, which is not closed. */
    public void writeTo(OutputStream out, WriteOptions options) throws IOException {
        if (split) {
            writer().writeBundle(studies, out, options);
        } else {
            writer().write(studies.get(0), out, options);
        }
    }
}
