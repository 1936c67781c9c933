package org.dicom2fhir.dicomweb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dicom2fhir.dicomweb.FaultyDicomWebServer.Reply;
import org.dicom2fhir.testkit.GeneratedStudy;
import org.dicom2fhir.testkit.StudyGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link DicomWebServer#studyUids}, the QIDO-RS listing of a batch: paged through Orthanc, and the answers a server
 * may give instead (the fault servlet).
 */
class DicomWebServerTest {
    @TempDir
    Path tmp;

    @Test
    void orthancsStudiesArePagedThroughEachOnce_andAQueryMatchesAttributes() throws Exception {
        try (OrthancServer orthanc = OrthancServer.start(Files.createDirectories(tmp.resolve("orthanc")))) {
            List<String> all = new ArrayList<>();
            List<String> mr = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                String modality = i < 3 ? "CT" : "MR";
                GeneratedStudy study = StudyGenerator.builder().seed(160 + i).series(1).instancesPerSeries(2)
                        .modalities(modality).noPixelData().build();
                study.writeTo(tmp.resolve("s" + i));
                assertThat(orthanc.uploadFolder(tmp.resolve("s" + i))).isEmpty();
                all.add(study.studyInstanceUid());
                if (modality.equals("MR")) {
                    mr.add(study.studyInstanceUid());
                }
            }
            DicomWebServer server = DicomWebServer.builder(orthanc.dicomWebBase()).build();
            assertThat(server.studyUids("", 2)).containsExactlyInAnyOrderElementsOf(all);
            assertThat(server.studyUids("", 1000)).containsExactlyInAnyOrderElementsOf(all);
            // Orthanc 1.10 pages before it matches ModalitiesInStudy: a page in the middle comes back empty
            assertThat(server.studyUids("ModalitiesInStudy=MR", 1)).containsExactlyInAnyOrderElementsOf(mr);
            assertThat(server.studyUids("ModalitiesInStudy=MR", 2)).containsExactlyInAnyOrderElementsOf(mr);
            assertThat(server.study(all.get(0)).baseUrl().toString()).isEqualTo(orthanc.dicomWebBase());
        }
    }

    private static Reply studies(String... uids) {
        StringBuilder json = new StringBuilder("[");
        for (String uid : uids) {
            json.append(json.length() > 1 ? "," : "").append("{\"0020000D\":{\"vr\":\"UI\",\"Value\":[\"").append(uid)
                    .append("\"]},\"00100010\":{\"vr\":\"PN\"}}");
        }
        return Reply.json(json.append("]").toString().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void pagesAreAskedForWithLimitAndTheOffsetOfWhatCame_untilOneBringsNothingNew() throws Exception {
        try (FaultyDicomWebServer fake = FaultyDicomWebServer.start()) {
            fake.on("/studies", studies("1.2.1", "1.2.2"), studies("1.2.3"), Reply.status(204));
            DicomWebServer server = DicomWebServer.builder(fake.base()).build();
            assertThat(server.studyUids("", 2)).containsExactly("1.2.1", "1.2.2", "1.2.3");
            assertThat(fake.requests()).containsExactly(
                    "/dicom-web/studies?includefield=0020000D&limit=2&offset=0",
                    "/dicom-web/studies?includefield=0020000D&limit=2&offset=2",
                    "/dicom-web/studies?includefield=0020000D&limit=2&offset=3");
        }
        try (FaultyDicomWebServer ignoresOffset = FaultyDicomWebServer.start()) {
            ignoresOffset.on("/studies", studies("1.2.1", "1.2.2"));
            assertThat(DicomWebServer.builder(ignoresOffset.base()).build().studyUids("", 2))
                    .as("a server that repeats its first page ends the listing").containsExactly("1.2.1", "1.2.2");
            assertThat(ignoresOffset.requests()).hasSize(2);
        }
    }

    @Test
    void aRefusalAPageThatIsNoListOfStudiesAndABadQueryAreErrorsThatQuoteNoValue() throws Exception {
        try (FaultyDicomWebServer fake = FaultyDicomWebServer.start()) {
            fake.requireToken("t0ken");
            DicomWebServer server = DicomWebServer.builder(fake.base()).build();
            assertThatThrownBy(() -> server.studyUids("", 10)).isInstanceOfSatisfying(DicomWebException.class, e -> {
                assertThat(e.status()).isEqualTo(401);
                assertThat(e.getMessage()).contains("HTTP 401").contains("--dicomweb-token-file");
            });
        }
        try (FaultyDicomWebServer fake = FaultyDicomWebServer.start()) {
            fake.on("/studies", Reply.json("<html>Doe^Jane</html>".getBytes(StandardCharsets.UTF_8))
                    .withContentType("text/html"));
            assertThatThrownBy(() -> DicomWebServer.builder(fake.base()).build().studyUids("", 10))
                    .isInstanceOf(DicomWebException.class).hasMessageContaining("other than DICOM JSON")
                    .hasMessageNotContaining("Doe");
        }
        try (FaultyDicomWebServer fake = FaultyDicomWebServer.start()) {
            fake.on("/studies", Reply.json("[{\"00100010\":{\"vr\":\"PN\",\"Value\":[{\"Alphabetic\":\"Doe^Jane\"}]}}]"
                    .getBytes(StandardCharsets.UTF_8)));
            assertThatThrownBy(() -> DicomWebServer.builder(fake.base()).build().studyUids("", 10))
                    .isInstanceOf(DicomWebException.class).hasMessageContaining("without a usable Study Instance UID")
                    .hasMessageNotContaining("Doe");
        }
        DicomWebServer server = DicomWebServer.builder("http://127.0.0.1:9/dicom-web").build();
        for (String query : new String[] {"limit=5", "PatientName=Doe Jane", "offset=1&StudyDate=2024"}) {
            assertThatThrownBy(() -> server.studyUids(query, 10)).as(query).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageNotContaining("Doe");
        }
        assertThatThrownBy(() -> server.study("1.2.3/../4")).isInstanceOf(IllegalArgumentException.class);
    }
}
