package org.dicom2fhir.batch;

import java.io.IOException;
import java.util.List;
import org.dicom2fhir.core.JsonStudy;

/**
 * Studies that are fetched rather than found in folders: a DICOMweb server's, say. The batch lists them once, at
 * the start of a run (the list goes into the journal: a resume converts the same studies, whatever the source
 * lists by then), fetches each on the I/O threads, and reports each instance under {@code studies/<uid>/<path>}.
 */
public interface StudySource {
    /** The source for the journal and messages, e.g. the DICOMweb base URL; never a patient value. */
    String origin();

    /**
     * The Study Instance UIDs to convert.
     *
     * @throws IOException the source cannot list them; the run does not start
     */
    List<String> studyUids() throws IOException;

    /**
     * One study's DICOM JSON. Its {@link JsonStudy#read} reports what cannot be read as failed instances; an
     * {@link IOException} from it ends the run (the journal keeps what was fetched, and the same command continues).
     */
    JsonStudy study(String studyInstanceUid);
}
