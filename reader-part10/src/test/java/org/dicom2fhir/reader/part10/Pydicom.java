package org.dicom2fhir.reader.part10;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** pydicom (Debian's python3-pydicom) as an independent oracle; tests using it are skipped where it is absent. */
final class Pydicom {
    static final Path PYTHON = Path.of("/usr/bin/python3");
    static final Path TEST_FILES = Path.of("/usr/lib/python3/dist-packages/pydicom/data/test_files");
    static final Path CHARSET_FILES = Path.of("/usr/lib/python3/dist-packages/pydicom/data/charset_files");

    private Pydicom() {
    }

    static void assume(Path dir) {
        Assumptions.assumeTrue(Files.isExecutable(PYTHON) && Files.isDirectory(dir), "pydicom's files are not installed");
        Assumptions.assumeTrue(run("import pydicom").exitOk, "pydicom cannot be imported");
    }

    record Outcome(boolean exitOk, String stdout) {
    }

    /** Runs a script; each stdout line "key\tfield\tfield..." becomes one map entry key -> fields. */
    static Map<String, List<String>> table(String script, List<Path> files) {
        List<String> args = new ArrayList<>();
        files.forEach(f -> args.add(f.toString()));
        Outcome out = run(script, args.toArray(new String[0]));
        if (!out.exitOk) {
            throw new AssertionError("pydicom script failed");
        }
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (String line : out.stdout.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] fields = line.split("\t", -1);
            rows.put(fields[0], List.of(fields).subList(1, fields.length));
        }
        return rows;
    }

    static Outcome run(String script, String... args) {
        List<String> cmd = new ArrayList<>(List.of(PYTHON.toString(), "-c", script));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Outcome(false, "");
            }
            return new Outcome(p.exitValue() == 0, new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Outcome(false, "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(false, "");
        }
    }
}
