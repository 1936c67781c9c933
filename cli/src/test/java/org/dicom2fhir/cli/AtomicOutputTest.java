package org.dicom2fhir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code -o FILE}: regular and new files are replaced atomically; special files are written in place. */
class AtomicOutputTest {
    private static final String PREVIOUS = "previous content\n";

    @TempDir
    Path tmp;
    Path study;
    Path out;

    @BeforeEach
    void setUp() throws IOException {
        study = tmp.resolve("study");
        Studies.writeStudyA(study);
        out = Files.createDirectories(tmp.resolve("out"));
    }

    private String[] filesIn(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new);
        }
    }

    @Test
    void aNewFileAppearsComplete() throws Exception {
        Path target = out.resolve("study.json");

        CliRun run = CliRun.of("-o", target.toString(), study.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdoutBytes()).isEmpty();
        assertThat(new ObjectMapper().readTree(target.toFile()).path("resourceType").asText()).isEqualTo("ImagingStudy");
        assertThat(filesIn(out)).containsExactly("study.json");
    }

    @Test
    void anExistingFileIsReplacedAndKeepsItsPermissions() throws Exception {
        Path target = Files.writeString(out.resolve("study.json"), PREVIOUS);
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r-----"));

        assertThat(CliRun.of("-o", target.toString(), study.toString()).exitCode()).isZero();

        assertThat(Files.readString(target)).startsWith("{\"resourceType\":\"ImagingStudy\"");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-r-----");
        assertThat(filesIn(out)).containsExactly("study.json");
    }

    @Test
    void aRunStoppedBySeveralStudiesLeavesThePreviousFileIntact() throws Exception {
        Studies.writeStudyB(study.resolve("other"));
        Path target = Files.writeString(out.resolve("study.json"), PREVIOUS);

        assertThat(CliRun.of("-o", target.toString(), study.toString()).exitCode()).isEqualTo(5);

        assertThat(Files.readString(target)).isEqualTo(PREVIOUS);
        assertThat(filesIn(out)).containsExactly("study.json");
    }

    @Test
    void aWriterCrashingHalfWayLeavesNoFileAndNoTemporaryFile() throws Exception {
        Path plugins = PluginJar.writeInto(tmp.resolve("plugins"));
        Path fresh = out.resolve("new.json");
        Path existing = Files.writeString(out.resolve("study.json"), PREVIOUS);

        assertThat(CliRun.of("--plugins", plugins.toString(), "-w", "test-crash", "-o", fresh.toString(), study.toString())
                .exitCode()).isEqualTo(1);
        assertThat(CliRun.of("--plugins", plugins.toString(), "-w", "test-crash", "-o", existing.toString(), study.toString())
                .exitCode()).isEqualTo(1);

        assertThat(fresh).doesNotExist();
        assertThat(Files.readString(existing)).isEqualTo(PREVIOUS);
        assertThat(filesIn(out)).containsExactly("study.json");
    }

    @Test
    void aSymbolicLinkIsWrittenThroughAndStaysALink() throws Exception {
        Path real = Files.writeString(out.resolve("real.json"), PREVIOUS);
        Path link = Files.createSymbolicLink(out.resolve("link.json"), real);

        assertThat(CliRun.of("-o", link.toString(), study.toString()).exitCode()).isZero();

        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(real)).startsWith("{\"resourceType\":\"ImagingStudy\"");
    }

    @Test
    void aFifoIsWrittenInPlace() throws Exception {
        Path fifo = out.resolve("pipe");
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        } catch (IOException e) {
            Assumptions.abort("mkfifo is not available");
            return;
        }
        Assumptions.assumeTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo failed");
        CompletableFuture<byte[]> reader = CompletableFuture.supplyAsync(() -> {
            try (InputStream in = Files.newInputStream(fifo)) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });

        CliRun run = CliRun.of("-o", fifo.toString(), study.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        byte[] received = reader.get(30, TimeUnit.SECONDS);
        assertThat(new ObjectMapper().readTree(received).path("resourceType").asText()).isEqualTo("ImagingStudy");
        assertThat(Files.isRegularFile(fifo)).isFalse();
        assertThat(filesIn(out)).containsExactly("pipe");
    }
}
