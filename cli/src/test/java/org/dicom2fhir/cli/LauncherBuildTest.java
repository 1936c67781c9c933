package org.dicom2fhir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How the launcher script ({@code ../dicom2fhir}) decides to build, and that a build cut short never
 * leaves a jar behind that later runs would use. The real script runs in a fake repository: the module
 * folders it watches, a fake {@code mvnw} (and a fake {@code mvn} on the PATH) that log their calls and
 * write a text "jar" to the file the launcher names with {@code -Dcli.jar}, and a fake {@code java}
 * (JAVA_HOME) that records which jar it was asked to run and what that jar holds. No Maven, no JVM: a
 * few seconds in all.
 */
class LauncherBuildTest {
    private static final Path LAUNCHER =
            Path.of(System.getProperty("dicom2fhir.launcher", "../dicom2fhir")).toAbsolutePath().normalize();

    /**
     * Fake mvnw and mvn: "-v" succeeds unless NAME.broken exists; a build (numbered in the file builds)
     * writes the jar in two steps, with a pause between them while the file slow exists.
     */
    private static final String FAKE_MAVEN = String.join("\n",
            "#!/bin/sh",
            "name=${0##*/}",
            "if [ \"$1\" = \"-v\" ]; then",
            "  echo \"$name -v\" >> \"$FAKE_ROOT/calls.log\"",
            "  [ -f \"$FAKE_ROOT/$name.broken\" ] && exit 1",
            "  echo 'Apache Maven (fake)'",
            "  exit 0",
            "fi",
            "out=",
            "for a in \"$@\"; do case \"$a\" in -Dcli.jar=*) out=${a#-Dcli.jar=} ;; esac; done",
            "[ -n \"$out\" ] || { echo 'fake maven: no -Dcli.jar' >&2; exit 2; }",
            "echo \"$name build $*\" >> \"$FAKE_ROOT/calls.log\"",
            "n=0; [ -f \"$FAKE_ROOT/builds\" ] && read -r n < \"$FAKE_ROOT/builds\"; n=$((n + 1))",
            "echo \"$n\" > \"$FAKE_ROOT/builds\"",
            "echo 'fake maven: building' >&2",
            "printf 'jar of build %s: begin\\n' \"$n\" > \"$out\"",
            "[ -f \"$FAKE_ROOT/touch-during-build\" ] && touch \"$(cat \"$FAKE_ROOT/touch-during-build\")\"",
            "if [ -f \"$FAKE_ROOT/slow\" ]; then : > \"$FAKE_ROOT/writing\"; sleep 60; fi",
            "[ -f \"$FAKE_ROOT/fail\" ] && { echo 'fake maven: compilation failed' >&2; exit 1; }",
            "printf 'jar of build %s: end\\n' \"$n\" >> \"$out\"",
            "exit 0",
            "");

    /** Fake java: the first class-path entry and its content go to java.log. */
    private static final String FAKE_JAVA = String.join("\n",
            "#!/bin/sh",
            "cp=; prev=",
            "for a in \"$@\"; do [ \"$prev\" = \"-cp\" ] && cp=$a; prev=$a; done",
            "jar=${cp%%:*}",
            "{ echo \"ran $jar\"; cat \"$jar\"; } > \"$FAKE_ROOT/java.log\"",
            "");

    @TempDir
    Path tmp;

    private Path root;
    private Path jar;

    /** The launcher's JAR_MODULES=(...) line: the module folders whose sources it compares with the jar. */
    static List<String> jarModules(Path launcher) throws IOException {
        Matcher matcher = Pattern.compile("(?m)^JAR_MODULES=\\(([^)]*)\\)$").matcher(Files.readString(launcher));
        if (!matcher.find()) {
            throw new AssertionError("no JAR_MODULES=(...) line in " + launcher);
        }
        return List.of(matcher.group(1).trim().split("\\s+"));
    }

    @BeforeEach
    void fakeRepository() throws IOException {
        assertThat(LAUNCHER).as("the launcher script").isRegularFile();
        root = tmp.resolve("repo");
        jar = root.resolve("cli/target/dicom2fhir.jar");
        script(root.resolve("dicom2fhir"), Files.readString(LAUNCHER));
        write(root.resolve("pom.xml"), "<project/>\n");
        write(root.resolve("README.md"), "readme\n");
        List<String> modules = jarModules(LAUNCHER);
        assertThat(modules).contains("api", "core", "cli");
        for (String module : modules) {
            write(root.resolve(module).resolve("pom.xml"), "<project/>\n");
            write(root.resolve(module).resolve("src/main/java/Main.java"), "class Main {}\n");
            write(root.resolve(module).resolve("src/test/java/MainTest.java"), "class MainTest {}\n");
        }
        script(root.resolve("mvnw"), FAKE_MAVEN);
        script(root.resolve("bin/mvn"), FAKE_MAVEN);
        script(root.resolve("jdk/bin/java"), FAKE_JAVA);
        age(root, Duration.ofMinutes(10));
    }

    @Test
    void missingJarIsBuiltWithTheWrapperThenRun() throws Exception {
        Run run = run("study");

        assertThat(run.exit).as(run.stderr).isZero();
        assertThat(calls()).hasSize(2);
        assertThat(calls().get(0)).isEqualTo("mvnw -v");
        assertThat(calls().get(1)).startsWith("mvnw build -B -q ").contains(" -pl cli -am package ")
                .contains(" -Dcli.jar=" + jar + ".");
        assertThat(ranJar()).isEqualTo(complete(1));
        assertThat(run.stdout).as("standard output carries only the program's output").isEmpty();
        assertThat(run.stderr).contains("no jar yet").contains("fake maven: building");
        assertThat(leftovers()).isEmpty();
    }

    /** (iii) an up-to-date jar is used as it is: not even the wrapper is asked. */
    @Test
    void upToDateJarIsNotRebuilt() throws Exception {
        buildOnceAndAge();

        Run run = run("study");

        assertThat(run.exit).as(run.stderr).isZero();
        assertThat(run.stderr).isEmpty();
        assertThat(calls()).isEmpty();
        assertThat(ranJar()).isEqualTo(complete(1));
    }

    /**
     * (ii) a pull, checkout or edit of a main source, a resource or a pom makes the next run build again,
     * once: each change in turn, on an up-to-date jar.
     */
    @Test
    void newerSourceOrPomTriggersARebuild() throws Exception {
        buildOnceAndAge();
        List<String> changes = List.of("touch core/src/main/java/Main.java", "touch pom.xml", "touch fhir-ibm/pom.xml",
                "create cli/src/main/resources/org/dicom2fhir/cli/new.properties",
                "delete dicom-codec/src/main/java/Main.java");
        int build = 1;
        for (String change : changes) {
            String[] words = change.split(" ");
            Path path = root.resolve(words[1]);
            switch (words[0]) {
                case "touch" -> Files.setLastModifiedTime(path, FileTime.from(Instant.now()));
                case "create" -> write(path, "x=1\n");
                case "delete" -> Files.delete(path);
                default -> throw new IllegalArgumentException(change);
            }

            Run run = run("study");

            build++;
            assertThat(run.exit).as(run.stderr).isZero();
            assertThat(builds()).as(change).hasSize(1);
            assertThat(run.stderr).as(change).contains("is newer than the jar");
            assertThat(ranJar()).as(change).isEqualTo(complete(build));
            age(root, Duration.ofMinutes(10));
            Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minus(Duration.ofMinutes(5))));
            Files.delete(root.resolve("calls.log"));
        }
    }

    /** Test sources, other files and build output are not what the jar is built from. */
    @Test
    void otherFilesDoNotTriggerARebuild() throws Exception {
        buildOnceAndAge();
        for (String other : List.of("core/src/test/java/MainTest.java", "README.md", "cli/target/dicom2fhir-cli.jar")) {
            write(root.resolve(other), "changed\n");
        }

        Run run = run("study");

        assertThat(run.exit).as(run.stderr).isZero();
        assertThat(calls()).isEmpty();
        assertThat(ranJar()).isEqualTo(complete(1));
    }

    /** The new jar carries the time its build started: a source saved during the build is newer. */
    @Test
    void sourceSavedDuringTheBuildMakesTheNextRunBuildAgain() throws Exception {
        write(root.resolve("touch-during-build"), root.resolve("core/src/main/java/Main.java").toString());
        assertThat(run("study").exit).isZero();
        Files.delete(root.resolve("touch-during-build"));
        assertThat(builds()).hasSize(1);

        Run run = run("study");

        assertThat(run.exit).as(run.stderr).isZero();
        assertThat(run.stderr).contains("core/src/main/java/Main.java is newer than the jar");
        assertThat(builds()).hasSize(2);
        assertThat(ranJar()).isEqualTo(complete(2));
    }

    /**
     * (i) a build killed half-way (SIGTERM to every process of the run, as a closed terminal does, or
     * SIGKILL, which no trap sees) leaves no jar that the next run would use; the next run builds.
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void killedBuildLeavesNoJarAndTheNextRunBuilds(boolean sigkill) throws Exception {
        write(root.resolve("slow"), "");
        Process launcher = command("study").start();
        try {
            waitFor(root.resolve("writing"));
            List<Path> partial = leftovers(".tmp");
            assertThat(partial).as("the half-written jar").hasSize(1);
            assertThat(Files.readString(partial.get(0))).isEqualTo("jar of build 1: begin\n");
            assertThat(jar).doesNotExist();

            List<ProcessHandle> processes = new ArrayList<>(launcher.descendants().toList());
            processes.add(launcher.toHandle());
            for (ProcessHandle process : processes) {
                if (sigkill) {
                    process.destroyForcibly();
                } else {
                    process.destroy();
                }
            }
            assertThat(launcher.waitFor(10, TimeUnit.SECONDS)).as("the launcher ended").isTrue();
        } finally {
            launcher.descendants().forEach(ProcessHandle::destroyForcibly);
            launcher.destroyForcibly();
        }

        assertThat(launcher.exitValue()).isNotZero();
        assertThat(jar).as("no jar after a cut build").doesNotExist();
        assertThat(root.resolve("java.log")).doesNotExist();
        if (!sigkill) {
            assertThat(leftovers()).as("the launcher's trap removed its temporary files").isEmpty();
        }

        Files.delete(root.resolve("slow"));
        Run run = run("study");

        assertThat(run.exit).as(run.stderr).isZero();
        assertThat(run.stderr).contains("no jar yet");
        assertThat(builds()).hasSize(2);
        assertThat(ranJar()).isEqualTo(complete(2));
    }

    @Test
    void failedBuildLeavesNoJarAndSaysSo() throws Exception {
        write(root.resolve("fail"), "");

        Run run = run("study");

        assertThat(run.exit).isEqualTo(1);
        assertThat(run.stderr).contains("fake maven: compilation failed").contains("the build failed");
        assertThat(jar).doesNotExist();
        assertThat(leftovers()).isEmpty();
        assertThat(root.resolve("java.log")).doesNotExist();
    }

    @Test
    void failedRebuildDoesNotRunTheOldJar() throws Exception {
        buildOnceAndAge();
        Files.setLastModifiedTime(root.resolve("core/src/main/java/Main.java"), FileTime.from(Instant.now()));
        Files.delete(root.resolve("java.log"));
        write(root.resolve("fail"), "");

        Run run = run("study");

        assertThat(run.exit).isEqualTo(1);
        assertThat(run.stderr).contains("the build failed");
        assertThat(root.resolve("java.log")).doesNotExist();
        assertThat(Files.readString(jar)).as("the old jar is kept, not half-replaced")
                .isEqualTo("jar of build 1: begin\njar of build 1: end\n");
    }

    @Test
    void wrapperThatCannotRunFallsBackToMvnOnThePath() throws Exception {
        write(root.resolve("mvnw.broken"), "");

        Run run = run("study");

        assertThat(run.exit).as(run.stderr).isZero();
        assertThat(calls()).hasSize(2);
        assertThat(calls().get(0)).isEqualTo("mvnw -v");
        assertThat(calls().get(1)).startsWith("mvn build -B -q ");
        assertThat(ranJar()).isEqualTo(complete(1));
    }

    @Test
    void wrapperThatIsNotExecutableIsNotTried() throws Exception {
        Files.setPosixFilePermissions(root.resolve("mvnw"), PosixFilePermissions.fromString("rw-r--r--"));

        Run run = run("study");

        assertThat(run.exit).as(run.stderr).isZero();
        assertThat(calls()).hasSize(1);
        assertThat(calls().get(0)).startsWith("mvn build ");
    }

    @Test
    void noBuildSettingFailsInsteadOfBuilding() throws Exception {
        ProcessBuilder builder = command("study");
        builder.environment().put("DICOM2FHIR_NO_BUILD", "1");

        Run run = Run.of(builder, tmp);

        assertThat(run.exit).isEqualTo(1);
        assertThat(run.stderr).contains("DICOM2FHIR_NO_BUILD=1");
        assertThat(calls()).isEmpty();
    }

    // --- helpers

    private void buildOnceAndAge() throws Exception {
        Run first = run("study");
        assertThat(first.exit).as(first.stderr).isZero();
        assertThat(builds()).hasSize(1);
        age(root, Duration.ofMinutes(10));
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minus(Duration.ofMinutes(5))));
        Files.delete(root.resolve("calls.log"));
    }

    private String complete(int build) {
        return "ran " + jar + "\njar of build " + build + ": begin\njar of build " + build + ": end\n";
    }

    private String ranJar() throws IOException {
        return Files.readString(root.resolve("java.log"));
    }

    private List<String> calls() throws IOException {
        Path log = root.resolve("calls.log");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    private List<String> builds() throws IOException {
        return calls().stream().filter(c -> c.contains(" build ")).toList();
    }

    /** The launcher's temporary files next to the jar. */
    private List<Path> leftovers(String... suffixes) throws IOException {
        List<String> wanted = suffixes.length == 0 ? List.of(".tmp", ".start") : List.of(suffixes);
        try (Stream<Path> files = Files.list(jar.getParent())) {
            return files.filter(f -> wanted.stream().anyMatch(s -> f.getFileName().toString().endsWith(s))).toList();
        }
    }

    private ProcessBuilder command(String... args) {
        List<String> command = new ArrayList<>();
        command.add(root.resolve("dicom2fhir").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(tmp.toFile());
        Map<String, String> env = builder.environment();
        env.put("FAKE_ROOT", root.toString());
        env.put("JAVA_HOME", root.resolve("jdk").toString());
        env.put("DICOM2FHIR_NO_CDS", "1");
        env.remove("DICOM2FHIR_NO_BUILD");
        env.put("PATH", root.resolve("bin") + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
        return builder;
    }

    private Run run(String... args) throws Exception {
        return Run.of(command(args), tmp);
    }

    record Run(int exit, String stdout, String stderr) {
        static Run of(ProcessBuilder builder, Path tmp) throws Exception {
            Path out = Files.createTempFile(tmp, "stdout", ".txt");
            Path err = Files.createTempFile(tmp, "stderr", ".txt");
            Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError("the launcher did not finish: " + Files.readString(err));
            }
            return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
        }
    }

    private static void waitFor(Path file) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.exists(file)) {
            assertThat(System.nanoTime()).as("waiting for " + file).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    /** Every file and folder under the fake repository (the build output aside) gets an old time. */
    private static void age(Path root, Duration age) throws IOException {
        FileTime old = FileTime.from(Instant.now().minus(age));
        Path target = root.resolve("cli/target");
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                if (!path.startsWith(target)) {
                    Files.setLastModifiedTime(path, old);
                }
            }
        }
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static void script(Path file, String text) throws IOException {
        write(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
