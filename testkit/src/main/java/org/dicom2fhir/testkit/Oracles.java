package org.dicom2fhir.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Independent DICOM readers installed from Debian, used by tests as oracles: pydicom
 * ({@code python3-pydicom}, run with {@code /usr/bin/python3}) and dcmtk's {@code dcmdump}. Tests call
 * {@link #assumePydicom()} / {@link #assumeDcmdump()} so they are skipped, not failed, where the
 * packages are absent.
 */
public final class Oracles {
    private Oracles() {
    }

    public static final Path PYTHON3 = Path.of("/usr/bin/python3");
    public static final Path DCMDUMP = Path.of("/usr/bin/dcmdump");
    /** dcmtk's DICOM JSON (PS3.18 Annex F) writer. */
    public static final Path DCM2JSON = Path.of("/usr/bin/dcm2json");
    /** pydicom's own test files (truncated, deflated, big-endian, no-meta, DICOMDIR...). */
    public static final Path PYDICOM_TEST_FILES = Path.of("/usr/lib/python3/dist-packages/pydicom/data/test_files");
    /** pydicom's character-set examples (PS3.5 Annexes H, I, J). */
    public static final Path PYDICOM_CHARSET_FILES = Path.of("/usr/lib/python3/dist-packages/pydicom/data/charset_files");

    private static final long TIMEOUT_SECONDS = 120;
    private static volatile Boolean pydicom;

    /** What a process printed and how it ended. */
    public record ProcessResult(int exitCode, String stdout, String stderr) {
        /** stdout, or an AssertionError carrying stderr when the exit code is not 0. */
        public String stdoutOrFail() {
            if (exitCode != 0) {
                throw new AssertionError("exit code " + exitCode + ": " + stderr);
            }
            return stdout;
        }
    }

    public static boolean pydicomAvailable() {
        Boolean b = pydicom;
        if (b == null) {
            b = Files.isExecutable(PYTHON3) && run(List.of(PYTHON3.toString(), "-c", "import pydicom")).exitCode() == 0;
            pydicom = b;
        }
        return b;
    }

    public static boolean dcmdumpAvailable() {
        return Files.isExecutable(DCMDUMP);
    }

    public static boolean dcm2jsonAvailable() {
        return Files.isExecutable(DCM2JSON);
    }

    public static void assumeDcm2json() {
        Assumptions.assumeTrue(dcm2jsonAvailable(), "dcmtk (dcm2json) is not installed");
    }

    /**
     * dcmtk's DICOM JSON of a Part 10 file ({@code dcm2json file out}), or an exit code other than 0
     * where dcmtk cannot convert it; written to {@code json}.
     */
    public static ProcessResult dcm2json(Path file, Path json, String... options) {
        List<String> cmd = new ArrayList<>(List.of(DCM2JSON.toString()));
        cmd.addAll(List.of(options));
        cmd.add(file.toString());
        cmd.add(json.toString());
        return run(cmd);
    }

    public static void assumePydicom() {
        Assumptions.assumeTrue(pydicomAvailable(), "python3-pydicom is not installed");
    }

    public static void assumeDcmdump() {
        Assumptions.assumeTrue(dcmdumpAvailable(), "dcmtk (dcmdump) is not installed");
    }

    /**
     * Runs {@code /usr/bin/python3 -c script args...} with UTF-8 standard streams; {@code sys.argv[1:]}
     * are the args.
     */
    public static ProcessResult python(String script, String... args) {
        List<String> cmd = new ArrayList<>(List.of(PYTHON3.toString(), "-c", script));
        cmd.addAll(List.of(args));
        return run(cmd);
    }

    /** {@code dcmdump options... file}. */
    public static ProcessResult dcmdump(Path file, String... options) {
        List<String> cmd = new ArrayList<>(List.of(DCMDUMP.toString()));
        cmd.addAll(List.of(options));
        cmd.add(file.toString());
        return run(cmd);
    }

    private static ProcessResult run(List<String> command) {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("oracle", ".out");
            err = Files.createTempFile("oracle", ".err");
            ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().put("PYTHONIOENCODING", "utf-8");
            pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
            Process p = pb.start();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out after " + TIMEOUT_SECONDS + " s: " + command.get(0));
            }
            return new ProcessResult(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new ProcessResult(-1, "", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a temp file left behind is harmless
            }
        }
    }
}
