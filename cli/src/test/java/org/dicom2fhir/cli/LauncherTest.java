package org.dicom2fhir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real launcher script, as a user runs it: {@code ./dicom2fhir samples/ct-chest}. Needs the
 * shaded jar of an earlier {@code mvn package} (tests run before packaging): skipped without it, and
 * run with {@code DICOM2FHIR_NO_BUILD=1}, so that the launcher never starts a build from inside the test
 * run. (How the launcher builds and rebuilds: {@link LauncherBuildTest}.)
 */
class LauncherTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void standardOutputHoldsOnlyTheJsonResource() throws Exception {
        Path jar = Path.of(System.getProperty("dicom2fhir.cli.jar", "target/dicom2fhir.jar")).toAbsolutePath();
        Assumptions.assumeTrue(Files.isRegularFile(jar), "the shaded jar is not built (run mvn package first)");
        Path root = jar.getParent().getParent().getParent();
        Path launcher = root.resolve("dicom2fhir");
        Assumptions.assumeTrue(Files.isExecutable(launcher), "the launcher script is missing");
        Path study = root.resolve("samples/ct-chest");
        if (!Files.isDirectory(study)) {
            study = tmp.resolve("ct-chest");
            Studies.writeStudyA(study);
        }

        // twice: the first run may create the class-data sharing archive, the second one uses it
        for (int run = 1; run <= 2; run++) {
            Path out = tmp.resolve("out" + run + ".json");
            Path err = tmp.resolve("err" + run + ".txt");
            Process process = launch(launcher.toString(), study.toString())
                    .directory(tmp.toFile()) // called from another folder
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("the launcher finished").isTrue();

            String stderr = Files.readString(err);
            assertThat(process.exitValue()).as(stderr).isZero();
            assertThat(stderr).contains("converted 1 study").doesNotContain("[cds]").doesNotContain("SLF4J");
            assertOneJsonValue(out);
            JsonNode resource = JSON.readTree(out.toFile());
            assertThat(resource.path("resourceType").asText()).isEqualTo("ImagingStudy");
        }
    }

    @Test
    void exitCodeOfTheProgramIsTheLaunchersAndUsageGoesToStandardError() throws Exception {
        Path jar = Path.of(System.getProperty("dicom2fhir.cli.jar", "target/dicom2fhir.jar")).toAbsolutePath();
        Assumptions.assumeTrue(Files.isRegularFile(jar), "the shaded jar is not built (run mvn package first)");
        Path launcher = jar.getParent().getParent().getParent().resolve("dicom2fhir");
        Assumptions.assumeTrue(Files.isExecutable(launcher), "the launcher script is missing");

        Process process = launch(launcher.toString(), "--no-such-option", tmp.toString())
                .directory(tmp.toFile()).start();
        byte[] stdout = process.getInputStream().readAllBytes();
        String stderr = new String(process.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();

        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(stdout).isEmpty();
        assertThat(stderr).contains("--no-such-option");
    }

    @Test
    void devStdoutIsWrittenInPlaceNeverReplaced() throws Exception {
        Path jar = Path.of(System.getProperty("dicom2fhir.cli.jar", "target/dicom2fhir.jar")).toAbsolutePath();
        Assumptions.assumeTrue(Files.isRegularFile(jar), "the shaded jar is not built (run mvn package first)");
        Path launcher = jar.getParent().getParent().getParent().resolve("dicom2fhir");
        Path devStdout = Path.of("/dev/stdout");
        Assumptions.assumeTrue(Files.isExecutable(launcher) && Files.isSymbolicLink(devStdout), "needs the launcher and Linux");
        Path study = tmp.resolve("study");
        Studies.writeStudyA(study);
        Path out = tmp.resolve("redirected.json");

        Process process = launch(launcher.toString(), "-o", "/dev/stdout", study.toString())
                .directory(tmp.toFile()).redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();

        assertThat(process.exitValue()).isZero();
        assertOneJsonValue(out);
        assertThat(Files.isSymbolicLink(devStdout)).isTrue();
    }

    @Test
    void theShadedJarKeepsEveryBackend() throws Exception {
        Path jar = Path.of(System.getProperty("dicom2fhir.cli.jar", "target/dicom2fhir.jar")).toAbsolutePath();
        Assumptions.assumeTrue(Files.isRegularFile(jar), "the shaded jar is not built (run mvn package first)");
        Path launcher = jar.getParent().getParent().getParent().resolve("dicom2fhir");
        Assumptions.assumeTrue(Files.isExecutable(launcher), "the launcher script is missing");

        Process process = launch(launcher.toString(), "--list-backends").directory(tmp.toFile()).start();
        String stdout = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        process.getErrorStream().readAllBytes();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();

        // without the ServicesResourceTransformer the merged META-INF/services files would keep one backend
        assertThat(process.exitValue()).isZero();
        assertThat(stdout).containsPattern("(?m)^readers:\\n  part10 ").containsPattern("(?m)^writers:\\n  hapi ")
                .containsPattern("(?m)^validators:\\n  hapi ");
    }

    /**
     * The launcher rebuilds when a main source of a module in the jar is newer than the jar: its list of
     * those modules must be the modules actually bundled (a module added to the CLI must be added there).
     */
    @Test
    void launchersModuleListIsWhatTheJarBundles() throws Exception {
        Path jar = Path.of(System.getProperty("dicom2fhir.cli.jar", "target/dicom2fhir.jar")).toAbsolutePath();
        Assumptions.assumeTrue(Files.isRegularFile(jar), "the shaded jar is not built (run mvn package first)");
        Path launcher = jar.getParent().getParent().getParent().resolve("dicom2fhir");

        java.util.Set<String> bundled = new java.util.TreeSet<>();
        java.util.regex.Pattern ours = java.util.regex.Pattern.compile("META-INF/maven/org\\.dicom2fhir/dicom2fhir-([^/]+)/pom\\.properties");
        try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile())) {
            file.stream().map(e -> ours.matcher(e.getName())).filter(java.util.regex.Matcher::matches)
                    .forEach(m -> bundled.add(m.group(1)));
        }
        assertThat(bundled).as("our modules inside the jar").contains("api", "core", "cli");
        assertThat(new java.util.TreeSet<>(LauncherBuildTest.jarModules(launcher))).isEqualTo(bundled);
    }

    private static ProcessBuilder launch(String... command) {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("DICOM2FHIR_NO_BUILD", "1");
        return builder;
    }

    /** The file is one JSON value and nothing else: no log line before or after it. */
    private static void assertOneJsonValue(Path file) throws Exception {
        try (JsonParser parser = JSON.getFactory().createParser(file.toFile())) {
            assertThat(parser.nextToken()).isEqualTo(JsonToken.START_OBJECT);
            parser.skipChildren();
            assertThat(parser.nextToken()).as("anything after the resource").isNull();
        }
    }
}
