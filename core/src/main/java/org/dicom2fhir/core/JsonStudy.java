package org.dicom2fhir.core;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.dicom2fhir.api.ReasonCode;

/**
 * A study that arrives as DICOM JSON streams rather than as files (PS3.18 Annex F): the WADO-RS metadata
 * responses of a DICOMweb server, say. {@link Converter#convert(JsonStudy, RunOptions)} reads each stream with
 * the DICOM JSON source of a folder's JSON files (docs/sources.md).
 */
public interface JsonStudy {
    /** What the report names as the study's origin ({@link ConversionReport#studyDir()}); holds no patient data. */
    Path origin();

    /**
     * Hands each DICOM JSON stream of the study to {@code responses}, one after the other, in report order.
     *
     * @throws IOException the study cannot be fetched; the message names what failed, never a value
     */
    void read(Responses responses) throws IOException;

    /** Receives the study's streams. */
    interface Responses {
        /**
         * Reads one stream to its end or its first damage, reporting each instance as {@code path#index}; the
         * stream stays open (the caller closes it). A failure of the stream fails the instance being read.
         */
        void json(String path, InputStream json);

        /**
         * A stream that cannot be read as DICOM JSON at all (an HTML page instead, say): one failed report entry
         * for it, with a value-free message.
         */
        void failed(String path, ReasonCode reason, String message);
    }
}
