package org.dicom2fhir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dicom2fhir.testkit.BadInputs;
import org.dicom2fhir.testkit.DicomFileSpec;
import org.dicom2fhir.testkit.DicomFileWriter;
import org.dicom2fhir.testkit.Fixtures;
import org.dicom2fhir.testkit.StudyGenerator;
import org.dicom2fhir.testkit.TransferSyntax;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The limit flags reach the reader and the folder scan: each one turns a file or folder that
 * passes under the default limit into the documented disposition under a lower one.
 */
class LimitFlagsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** path -> "disposition REASON" from a run's report. */
    private Map<String, String> run(int expectedExit, Path dir, String... options) throws Exception {
        Path report = tmp.resolve("report-" + System.nanoTime() + ".json");
        List<String> args = new ArrayList<>(List.of(options));
        args.addAll(List.of("--report", report.toString(), dir.toString()));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(expectedExit);
        Map<String, String> files = new LinkedHashMap<>();
        for (JsonNode f : JSON.readTree(report.toFile()).path("files")) {
            files.put(f.path("path").asText(), (f.path("disposition").asText() + " " + f.path("reason").asText("")).strip());
        }
        return files;
    }

    private Path folderWith(String name, byte[] bytes) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("study-" + name));
        Files.write(dir.resolve("valid.dcm"), BadInputs.otherInstance(Fixtures.SOP_INSTANCE_UID + ".100"));
        Files.write(dir.resolve(name), bytes);
        return dir;
    }

    @Test
    void maxNestingFailsAFileNestedDeeperThanIt() throws Exception {
        Path six = folderWith("six.dcm", Fixtures.deeplyNested(6));
        Path five = folderWith("five.dcm", Fixtures.deeplyNested(5));

        assertThat(run(4, six, "--max-nesting", "5")).containsEntry("six.dcm", "failed NESTING_TOO_DEEP");
        assertThat(run(0, five, "--max-nesting", "5")).containsEntry("five.dcm", "included");
        assertThat(run(0, six)).containsEntry("six.dcm", "included");
    }

    @Test
    void maxInflatedMibFailsADeflatedDataSetThatInflatesPastIt() throws Exception {
        Path dir = folderWith("bomb.dcm", Fixtures.deflateBomb(2));

        assertThat(run(4, dir, "--max-inflated-mib", "1")).containsEntry("bomb.dcm", "failed INFLATED_TOO_LARGE");
        assertThat(run(0, dir)).containsEntry("bomb.dcm", "included");
    }

    @Test
    void maxHeaderMibFailsAFileWhoseHeaderRunsPastIt() throws Exception {
        // a value the reader needs (values it does not need are skipped, never read) of 1.5 MiB, implicit VR
        // for its 32-bit length:
        // past a limit of 1 MiB, well within the default of 64
        byte[] large = DicomFileWriter.toBytes(StudyGenerator.builder().seed(3).series(1).instancesPerSeries(1)
                .studyDescription("x".repeat(3 << 19)).build().instance(0, 0),
                DicomFileSpec.of(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN));
        Path dir = Files.createDirectories(tmp.resolve("study-large"));
        Files.write(dir.resolve("large.dcm"), large);

        assertThat(run(4, dir, "--max-header-mib", "1")).containsEntry("large.dcm", "failed HEADER_TOO_LARGE");
        assertThat(run(0, dir, "--max-header-mib", "2")).containsEntry("large.dcm", "included");
        assertThat(run(0, dir)).containsEntry("large.dcm", "included");
    }

    @Test
    void maxDirDepthReportsTheFolderAtTheLimitOnce() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("study"));
        Files.write(dir.resolve("valid.dcm"), BadInputs.otherInstance(Fixtures.SOP_INSTANCE_UID + ".100"));
        Path level2 = Files.createDirectories(dir.resolve("a/b"));
        Files.write(dir.resolve("a/one.dcm"), BadInputs.otherInstance(Fixtures.SOP_INSTANCE_UID + ".1"));
        Files.write(level2.resolve("two.dcm"), BadInputs.otherInstance(Fixtures.SOP_INSTANCE_UID + ".2"));

        Map<String, String> limited = run(0, dir, "--max-dir-depth", "2");
        assertThat(limited).containsEntry("a/one.dcm", "included").containsEntry("a/b", "skipped TOO_DEEP")
                .doesNotContainKey("a/b/two.dcm").hasSize(3);
        assertThat(run(0, dir)).containsEntry("a/b/two.dcm", "included").doesNotContainKey("a/b");
    }
}
