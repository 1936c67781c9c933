package org.dicom2fhir.api.spi;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.dicom2fhir.api.FhirWriteException;
import org.dicom2fhir.api.model.PatientData;
import org.dicom2fhir.api.model.StudyData;
import org.dicom2fhir.api.model.TransactionData;

/**
 * Turns neutral studies into one FHIR library's objects and serialises them. Thread-safe and reusable.
 * Its release and native type are declared by its {@link FhirWriterProvider}. Failures of the library
 * surface as {@link FhirWriteException} with a value-free message; a failing stream as
 * {@link IOException}. Streams are flushed, never closed.
 */
public interface FhirWriter {
    /** The library's ImagingStudy (of the provider's {@link FhirWriterProvider#nativeResourceClassName()}), for embedders. */
    Object toNative(StudyData study);

    /** A {@code collection} Bundle with one entry per study ({@code fullUrl urn:uuid:<id>}), in the given order. */
    Object toNativeBundle(List<StudyData> studies);

    void write(StudyData study, OutputStream out, WriteOptions options) throws IOException;

    void writeBundle(List<StudyData> studies, OutputStream out, WriteOptions options) throws IOException;

    /**
     * A {@code transaction} Bundle that delivers one study to a FHIR server, in the shape
     * {@link TransactionData} describes: the ImagingStudy is the one {@link #write} gives for
     * {@code tx.study()} (without its id unless {@code tx.studyIdInBody()}), preceded by the Patient's
     * create when {@code tx.patient()} is set. Same stream and failure rules as {@link #write}.
     */
    void writeTransaction(TransactionData tx, OutputStream out, WriteOptions options) throws IOException;

    /**
     * The patient as a Patient resource of its own under {@code id}: the Patient {@link #write} contains for a
     * study with this patient, with {@code id} instead of the contained one (for bulk data, where the ImagingStudy
     * references {@code Patient/<id>}). Same stream and failure rules as {@link #write}. Required: batch output
     * with Patients of their own and the Spark job call it for every patient.
     *
     * @param id a FHIR id ({@code [A-Za-z0-9\-.]{1,64}})
     */
    void writePatient(PatientData patient, String id, OutputStream out, WriteOptions options) throws IOException;
}
