package org.dicom2fhir.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.dicom2fhir.api.ReasonCode;
import org.dicom2fhir.batch.StudySource;
import org.dicom2fhir.core.JsonStudy;
import org.dicom2fhir.dicomweb.DicomWebException;
import org.dicom2fhir.dicomweb.DicomWebServer;

/**
 * {@code batch --dicomweb}: the studies of a DICOMweb server, those of {@code --studies} or of a QIDO-RS search. A
 * study the server does not have (404, 410) or fails on (500) is one failed report line and the batch goes on; a
 * server that cannot be reached, refuses the credentials or is unavailable (429, 502, 503, 504 after the retries)
 * ends the run, which the same command continues later.
 */
final class DicomWebStudies implements StudySource {
    private final DicomWebServer server;
    private final List<String> listed;
    private final String query;

    /**
     * @param listed the studies of {@code --studies}, or null to list them with QIDO-RS
     * @param query  QIDO-RS attribute matching, or empty for every study
     */
    DicomWebStudies(DicomWebServer server, List<String> listed, String query) {
        this.server = server;
        this.listed = listed;
        this.query = query;
    }

    @Override
    public String origin() {
        return server.baseUrl().toString();
    }

    @Override
    public List<String> studyUids() throws IOException {
        return listed != null ? listed : server.studyUids(query, DicomWebServer.DEFAULT_PAGE_SIZE);
    }

    @Override
    public JsonStudy study(String studyInstanceUid) {
        return new JsonStudy() {
            @Override
            public Path origin() {
                return Path.of(studyInstanceUid);
            }

            @Override
            public void read(Responses responses) throws IOException {
                try {
                    server.study(studyInstanceUid).read(responses);
                } catch (DicomWebException e) {
                    if (!ofThisStudyAlone(e.status())) {
                        throw e;
                    }
                    responses.failed("metadata", ReasonCode.UNREADABLE, e.getMessage());
                }
            }
        };
    }

    /** The statuses that say something about one study rather than about the server. */
    static boolean ofThisStudyAlone(int status) {
        return status == 404 || status == 410 || status == 500;
    }
}
