package org.dicom2fhir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dicom2fhir.api.spi.OutputFormat;
import org.dicom2fhir.dicomweb.OrthancServer;
import org.dicom2fhir.testkit.GeneratedStudy;
import org.dicom2fhir.testkit.StudyGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dicom2fhir batch --dicomweb BASE}: the studies of a real PACS (Orthanc, started once for the class) through
 * batch's pipeline and journal, equal to the same files converted from a folder; --studies, --qido, a study the
 * server does not have, a server that cannot be reached, the usage errors.
 */
class BatchDicomWebTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    private static OrthancServer orthanc;
    private static Path archive;
    private static final List<String> UIDS = new ArrayList<>();
    private static String mrStudy;

    @BeforeAll
    static void archiveInOrthanc() throws Exception {
        orthanc = OrthancServer.start(Files.createDirectories(tmp.resolve("orthanc")));
        archive = tmp.resolve("archive");
        for (int i = 0; i < 4; i++) {
            String modality = i == 2 ? "MR" : "CT";
            GeneratedStudy study = StudyGenerator.builder().seed(1600 + i).series(1 + i % 2).instancesPerSeries(3)
                    .modalities(modality, modality).noPixelData().build();
            study.writeTo(archive.resolve("s" + i));
            UIDS.add(study.studyInstanceUid());
            if (i == 2) {
                mrStudy = study.studyInstanceUid();
            }
        }
        assertThat(orthanc.uploadFolder(archive)).isEmpty();
    }

    @AfterAll
    static void stopOrthanc() throws Exception {
        if (orthanc != null) {
            orthanc.close();
        }
    }

    private static List<String> lines(Path file) throws Exception {
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }

    @Test
    void everyStudyOfTheServer_givesTheLinesOfItsFilesInAFolder_withTheEndpointAtTheBase() throws Exception {
        Path fetched = tmp.resolve("fetched");
        CliRun web = CliRun.of("batch", "--dicomweb", orthanc.dicomWebBase(), "-o", fetched.toString());
        assertThat(web.exitCode()).as(web.toString()).isZero();
        assertThat(web.stderr()).contains("converted 4 studies").contains("from 4 studies of the DICOMweb server");
        Path folder = tmp.resolve("folder");
        CliRun files = CliRun.of("batch", "--endpoint", orthanc.dicomWebBase(), "-o", folder.toString(),
                archive.toString());
        assertThat(files.exitCode()).as(files.toString()).isZero();

        List<String> fromServer = lines(fetched.resolve("ImagingStudy.ndjson"));
        List<String> fromFolder = lines(folder.resolve("ImagingStudy.ndjson"));
        assertThat(fromServer).hasSize(4);
        for (int i = 0; i < fromServer.size(); i++) {
            JsonNode study = JSON.readTree(fromServer.get(i));
            assertThat(study).isEqualTo(JSON.readTree(fromFolder.get(i)));
            assertThat(study.path("contained").findValue("address").asText()).isEqualTo(orthanc.dicomWebBase());
            assertThat(FhirValidation.errors(fromServer.get(i).getBytes(StandardCharsets.UTF_8), OutputFormat.JSON))
                    .isEmpty();
        }
        assertThat(lines(fetched.resolve("report.ndjson"))).hasSize(4)
                .allSatisfy(line -> assertThat(line).contains("\"outcome\":\"converted\""));
        String manifest = Files.readString(fetched.resolve("manifest.json"));
        assertThat(manifest).doesNotContain("127.0.0.1").doesNotContain(archive.toString());
    }

    @Test
    void theStudiesOfAFile_orOfAQuery_andAStudyTheServerDoesNotHaveIsAFailedLine() throws Exception {
        Path list = Files.writeString(tmp.resolve("studies.txt"), "# two of them, one the server lacks\n"
                + UIDS.get(0) + "\n\n" + UIDS.get(3) + "\n1.2.826.0.1.3680043.8.498.404\n" + UIDS.get(0) + "\n");
        Path out = tmp.resolve("listed");
        CliRun listed = CliRun.of("batch", "--dicomweb", orthanc.dicomWebBase(), "--studies", list.toString(), "-o",
                out.toString());
        assertThat(listed.exitCode()).as(listed.toString()).isEqualTo(ExitCodes.SOME_FILES_FAILED);
        assertThat(lines(out.resolve("ImagingStudy.ndjson"))).hasSize(2)
                .anySatisfy(l -> assertThat(l).contains(UIDS.get(0))).anySatisfy(l -> assertThat(l).contains(UIDS.get(3)));
        assertThat(lines(out.resolve("report.ndjson"))).filteredOn(line -> line.contains("\"disposition\""))
                .singleElement().satisfies(line -> {
            JsonNode report = JSON.readTree(line);
            assertThat(report.path("root").asInt()).isZero();
            assertThat(report.path("path").asText()).isEqualTo("studies/1.2.826.0.1.3680043.8.498.404/metadata");
            assertThat(report.path("disposition").asText()).isEqualTo("failed");
            assertThat(report.path("reason").asText()).isEqualTo("UNREADABLE");
            assertThat(report.path("message").asText()).contains("HTTP 404");
        });

        Path mr = tmp.resolve("mr");
        CliRun query = CliRun.of("batch", "--dicomweb", orthanc.dicomWebBase(), "--qido", "ModalitiesInStudy=MR", "-o",
                mr.toString());
        assertThat(query.exitCode()).as(query.toString()).isZero();
        assertThat(lines(mr.resolve("ImagingStudy.ndjson"))).singleElement().satisfies(l -> assertThat(l).contains(mrStudy));
    }

    @Test
    void aServerThatCannotBeReached_isExit7BeforeAnythingIsWritten_andTheUsageErrorsAreExit2() throws Exception {
        Path out = tmp.resolve("unreachable");
        CliRun unreachable = CliRun.of("batch", "--dicomweb", "http://127.0.0.1:9/dicom-web", "--retries", "0", "-o",
                out.toString());
        assertThat(unreachable.exitCode()).as(unreachable.toString()).isEqualTo(ExitCodes.CANNOT_READ_OR_WRITE);
        assertThat(unreachable.stderr()).contains("cannot list the studies of the DICOMweb server");
        assertThat(out.resolve("ImagingStudy.ndjson")).doesNotExist();

        Path bad = Files.writeString(tmp.resolve("bad.txt"), UIDS.get(0) + "\nDoe^Jane\n");
        List<List<String>> usage = List.of(
                List.of("--dicomweb", orthanc.dicomWebBase(), archive.toString()),
                List.of("--studies", bad.toString(), archive.toString()),
                List.of("--qido", "StudyDate=2024", archive.toString()),
                List.of("--dicomweb", orthanc.dicomWebBase(), "--studies", bad.toString(), "--qido", "StudyDate=2024"),
                List.of("--dicomweb", orthanc.dicomWebBase(), "--qido", "limit=5"),
                List.of("--dicomweb", "ftp://pacs/dicom-web"),
                List.of("--dicomweb", orthanc.dicomWebBase(), "--studies", bad.toString()));
        for (List<String> options : usage) {
            List<String> args = new ArrayList<>(List.of("batch", "-o", tmp.resolve("usage").toString()));
            args.addAll(options);
            CliRun run = CliRun.of(args.toArray(String[]::new));
            assertThat(run.exitCode()).as(options + ": " + run).isEqualTo(ExitCodes.USAGE);
            assertThat(run.stderr()).doesNotContain("Doe");
        }
        CliRun single = CliRun.of("--dicomweb", orthanc.dicomWebBase(), "../samples/ct-chest");
        assertThat(single.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(single.stderr()).contains("--dicomweb is an option of dicom2fhir batch");
    }
}
