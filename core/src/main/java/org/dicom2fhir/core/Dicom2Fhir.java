package org.dicom2fhir.core;

import java.io.IOException;
import java.nio.file.Path;

/**
 * One-call entry points, the Java counterpart of the original {@code process_dicom_2_fhir(dir)}.
 * Backends are chosen by the rule of {@link Backends}; for options, use {@link #converter()}.
 */
public final class Dicom2Fhir {
    private Dicom2Fhir() {
    }

    /**
     * The folder's study as the selected writer's native ImagingStudy (e.g. HAPI's
     * {@code org.hl7.fhir.r4.model.ImagingStudy}).
     *
     * @throws NoDicomFilesException     nothing in the folder could be included
     * @throws MultipleStudiesException  the folder holds several studies
     * @throws IOException               the folder is missing, a file, or unreadable
     */
    public static Object processDicom2Fhir(Path studyDir) throws IOException {
        // the writer is requested (by the rule) so that its set-up overlaps the reading
        return Converter.builder().writer((String) null).build().convert(studyDir).resource();
    }

    /** Likewise, with the writer chosen by its native class, e.g. {@code org.hl7.fhir.r4.model.ImagingStudy.class}. */
    public static <T> T processDicom2Fhir(Path studyDir, Class<T> nativeType) throws IOException {
        return Converter.builder().writerFor(nativeType).build().convert(studyDir).resource(nativeType);
    }

    /** A builder for a reusable converter with options. */
    public static Converter.Builder converter() {
        return Converter.builder();
    }
}
