package org.dicom2fhir.it.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.dicom2fhir.cli.Main;

/** One in-process run of the command ({@code Main.run}), with its streams and the report it wrote. */
record CommandRun(int exitCode, String stdout, String stderr, String report) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Runs the command with these arguments and environment; prints the command line (temporary folder
     * shortened) and its time to the surefire output file.
     */
    static CommandRun run(Path tmp, Map<String, String> environment, String... args) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        long start = System.nanoTime();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Main.run(args, o, e, environment);
        }
        System.out.println("dicom2fhir " + String.join(" ", args).replace(tmp.toString(), "<tmp>") + ": exit " + code
                + " in " + (System.nanoTime() - start) / 1_000_000 + " ms");
        String report = null;
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--report")) {
                Path file = Path.of(args[i + 1]);
                report = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
            }
        }
        return new CommandRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), report);
    }

    /** The report's only delivery object. */
    JsonNode onlyDelivery() throws IOException {
        assertThat(report).as("the report of %s", this).isNotNull();
        JsonNode deliveries = JSON.readTree(report).path("delivery");
        assertThat(deliveries).as(report).hasSize(1);
        return deliveries.get(0);
    }

    /** No such value (patient data, a token) on standard output, standard error or in the report. */
    void assertNothingOf(List<String> values) {
        assertThat(report).as("the report").isNotNull();
        for (String value : values) {
            assertThat(stdout).as("stdout").doesNotContain(value);
            assertThat(stderr).as("stderr").doesNotContain(value);
            assertThat(report).as("report").doesNotContain(value);
        }
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stderr ---\n" + stderr + "--- stdout ---\n"
                + stdout.substring(0, Math.min(400, stdout.length())) + "\n--- report ---\n" + report;
    }
}
