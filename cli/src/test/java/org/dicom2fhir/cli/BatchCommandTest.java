package org.dicom2fhir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dicom2fhir.testkit.GeneratedStudy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code dicom2fhir batch}: usage errors, exit codes, the output folder, what standard error says. */
class BatchCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    static List<List<String>> usageErrors() {
        return List.of(List.of(), List.of("-o", "-"), List.of("--split"), List.of("--pretty"),
                List.of("--format", "xml"), List.of("--patient", "reference", "--subject", "Patient/1"),
                List.of("--subject", "Patient/1"), List.of("--id", "random"), List.of("--report", "r.json"),
                List.of("--merge", "--post", "http://127.0.0.1:9/fhir"));
    }

    @Test
    void merge_isRefusedByBatch_namingIt() throws Exception {
        Path root = tmp.resolve("root");
        Studies.writeStudyA(root);
        CliRun run = CliRun.of("batch", "--merge", "--post", "http://127.0.0.1:9/fhir", "-o",
                tmp.resolve("out").toString(), root.toString());
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.stderr()).contains("--merge (batch replaces each study it sends");
    }

    @ParameterizedTest
    @MethodSource("usageErrors")
    void exit2_forWhatAnArchiveRunCannotDo(List<String> options) throws Exception {
        Path root = tmp.resolve("root");
        Studies.writeStudyA(root);
        List<String> args = new ArrayList<>(List.of("batch"));
        args.addAll(options);
        if (!options.contains("-o")) {
            args.addAll(List.of("-o", tmp.resolve("out").toString()));
        }
        if (!options.isEmpty()) {
            args.add(root.toString());
        }
        CliRun run = CliRun.of(args.toArray(String[]::new));

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.stderr()).startsWith("dicom2fhir: ").doesNotContain(root.toString());
        assertThat(tmp.resolve("out")).doesNotExist();
    }

    @Test
    void twoRoots_aStudySplitOverBoth_everyStudyOnceInUidOrder_stdoutEmpty_noPatientData() throws Exception {
        Path r1 = tmp.resolve("r1");
        Path r2 = tmp.resolve("r2");
        GeneratedStudy a = Studies.study(Studies.STUDY_A, 1, 2, 3);
        Path staging = tmp.resolve("staging");
        List<Path> files = a.writeTo(staging);
        for (Path f : files) {
            Path rel = staging.relativize(f);
            Path target = (rel.startsWith("S01") ? r1 : r2).resolve("a").resolve(rel);
            Files.createDirectories(target.getParent());
            Files.move(f, target);
        }
        Studies.study(Studies.STUDY_B, 2, 1, 2).writeTo(r2.resolve("b"));
        Files.writeString(r1.resolve("README.txt"), "not DICOM");
        Path out = tmp.resolve("out");

        CliRun run = CliRun.of("batch", "-o", out.toString(), r2.toString(), r1.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdoutBytes()).isEmpty();
        List<String> lines = Files.readAllLines(out.resolve("ImagingStudy.ndjson"), StandardCharsets.UTF_8);
        assertThat(lines).hasSize(2);
        JsonNode first = JSON.readTree(lines.get(0));
        assertThat(first.path("numberOfSeries").asInt()).isEqualTo(2);
        assertThat(first.path("numberOfInstances").asInt()).isEqualTo(6);
        assertThat(lines.get(0)).contains(Studies.STUDY_A);
        assertThat(lines.get(1)).contains(Studies.STUDY_B);
        String report = Files.readString(out.resolve("report.ndjson"));
        // the second ROOT argument is root 1
        assertThat(report).contains("{\"root\":1,\"path\":\"README.txt\",\"disposition\":\"skipped\",\"reason\":\"NOT_DICOM\"");
        assertThat(run.stderr()).contains("converted 2 studies (8 instances) from 9 files");
        for (String value : Studies.PATIENT_DATA) {
            assertThat(run.stderr()).doesNotContain(value);
            assertThat(report).doesNotContain(value);
        }
    }

    @Test
    void aMissingRoot_exit7_namedByPosition_notByPath() throws Exception {
        Path root = tmp.resolve("root");
        Studies.writeStudyA(root);
        Path missing = tmp.resolve("Zebulonova-study");

        CliRun run = CliRun.of("batch", "-o", tmp.resolve("out").toString(), root.toString(), missing.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(7);
        assertThat(run.stderr()).contains("ROOT 2 of 2").doesNotContain("Zebulonova");
        assertThat(tmp.resolve("out")).doesNotExist();
    }

    @Test
    void nothingDicom_exit3() throws Exception {
        Path root = tmp.resolve("root");
        Files.createDirectories(root);
        Files.writeString(root.resolve("notes.txt"), "nothing here");

        CliRun run = CliRun.of("batch", "-o", tmp.resolve("out").toString(), root.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
    }

    @Test
    void aDamagedFile_exit4_theStudiesStillWritten() throws Exception {
        Path root = tmp.resolve("root");
        Studies.writeStudyA(root);
        byte[] damaged = new byte[200];
        System.arraycopy("DICM".getBytes(StandardCharsets.US_ASCII), 0, damaged, 128, 4);
        damaged[132] = 0x02;
        Files.write(root.resolve("damaged.dcm"), damaged);
        Path out = tmp.resolve("out");

        CliRun run = CliRun.of("batch", "-o", out.toString(), root.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(4);
        assertThat(Files.readAllLines(out.resolve("ImagingStudy.ndjson"))).hasSize(1);
        assertThat(Files.readString(out.resolve("report.ndjson"))).contains("\"path\":\"damaged.dcm\",\"disposition\":\"failed\"");
    }

    @Test
    void aStudyFolderNamedBatch_isConvertedAsAFolderWhenGivenAsAPath() throws Exception {
        Path dir = tmp.resolve("batch");
        Studies.writeStudyA(dir);

        CliRun run = CliRun.of(dir.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(JSON.readTree(run.stdoutBytes()).path("resourceType").asText()).isEqualTo("ImagingStudy");
        assertThat(CliRun.of("batch").stderr()).contains("missing ROOT");
    }

    @Test
    void validate_aStudyWithErrorsIsNotWritten_exit6_theReportNamesErrorIdsNotValues() throws Exception {
        Path root = tmp.resolve("root");
        Studies.writeStudyA(root);
        Path out = tmp.resolve("out");

        CliRun run = CliRun.of("batch", "--validate", "--plugins", PluginJar.writeInto(tmp.resolve("plugins")).toString(),
                "-w", "test-invalid", "-o", out.toString(), root.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(6);
        assertThat(Files.readAllLines(out.resolve("ImagingStudy.ndjson"))).isEmpty();
        JsonNode line = JSON.readTree(Files.readAllLines(out.resolve("report.ndjson")).get(0));
        assertThat(line.path("outcome").asText()).isEqualTo("invalid");
        assertThat(line.path("errors")).isNotEmpty();
        String everything = run.stderr() + Files.readString(out.resolve("report.ndjson"))
                + Files.readString(out.resolve("OperationOutcome.ndjson"));
        for (String value : Studies.PATIENT_DATA) {
            assertThat(everything).doesNotContain(value);
        }
        assertThat(JSON.readTree(out.resolve("manifest.json").toFile()).path("error").get(0).path("count").asInt())
                .isEqualTo(1);
    }

    @Test
    void validate_validStudiesAreWritten_exit0() throws Exception {
        Path root = tmp.resolve("root");
        Studies.writeStudyA(root);
        Path out = tmp.resolve("out");

        CliRun run = CliRun.of("batch", "--validate", "-o", out.toString(), root.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(Files.readAllLines(out.resolve("ImagingStudy.ndjson"))).hasSize(1);
        assertThat(out.resolve("OperationOutcome.ndjson")).as("no resource file without resources").doesNotExist();
    }

    @Test
    void patientBundle_needsAKey_thenWritesPatientsUnderKeyedIds() throws Exception {
        Path root = tmp.resolve("root");
        Studies.writeStudyA(root);
        Path out = tmp.resolve("out");

        CliRun withoutKey = CliRun.of("batch", "--patient", "bundle", "-o", out.toString(), root.toString());
        assertThat(withoutKey.exitCode()).as(withoutKey.toString()).isEqualTo(2);
        assertThat(withoutKey.stderr()).contains("--id-key-file").contains("DICOM2FHIR_ID_KEY");
        CliRun shortKey = CliRun.withEnvironment(Map.of("DICOM2FHIR_ID_KEY", "short"), "batch", "--patient", "bundle",
                "-o", out.toString(), root.toString());
        assertThat(shortKey.exitCode()).as(shortKey.toString()).isEqualTo(2);
        assertThat(shortKey.stderr()).doesNotContain("short");
        assertThat(out).doesNotExist();

        Path keyFile = tmp.resolve("id.key");
        Files.writeString(keyFile, "k3y-0f-th1s-s1te-n0t-f0r-l0gs\n");
        CliRun run = CliRun.of("batch", "--patient", "bundle", "--id-key-file", keyFile.toString(), "-o",
                out.toString(), root.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        List<String> patients = Files.readAllLines(out.resolve("Patient.ndjson"));
        assertThat(patients).hasSize(1);
        String id = JSON.readTree(patients.get(0)).path("id").asText();
        assertThat(Files.readString(out.resolve("ImagingStudy.ndjson"))).contains("\"reference\":\"Patient/" + id + "\"");
        assertThat(id).doesNotContain(Studies.PATIENT_ID);
        assertThat(run.stderr() + Files.readString(out.resolve("report.ndjson"))).doesNotContain("k3y-0f");
    }
}
