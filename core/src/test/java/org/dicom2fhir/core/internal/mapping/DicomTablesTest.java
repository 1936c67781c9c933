package org.dicom2fhir.core.internal.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dicom2fhir.testkit.Oracles;
import org.junit.jupiter.api.Test;

/**
 * The bundled tables (sop-classes.tsv, acquisition-modalities.txt, srt-to-snomed.tsv) are what
 * scripts/dicom-tables.py makes of the installed pydicom: a table edited by hand, or a pydicom that changed its
 * data, fails here until the tables are regenerated. Skipped where Debian's python3-pydicom is absent.
 */
class DicomTablesTest {
    static final Path SCRIPT = Path.of("scripts", "dicom-tables.py");

    /** Runs a script file with sys.argv as if it were invoked directly ({@link Oracles#python} takes code). */
    private static final String RUN_FILE = "import runpy, sys; sys.argv = sys.argv[1:]; "
            + "runpy.run_path(sys.argv[0], run_name='__main__')";

    @Test
    void committedTablesAreWhatPydicomGives() {
        Oracles.assumePydicom();
        Path script = repositoryRoot().resolve(SCRIPT);
        Oracles.ProcessResult result = Oracles.python(RUN_FILE, script.toString(), "--check");
        assertThat(result.exitCode())
                .as("%s --check said: %s%s", SCRIPT, result.stdout(), result.stderr())
                .isZero();
    }

    @Test
    void repositoryRootIsFoundFromTheModule() {
        assertThat(repositoryRoot().resolve("core").resolve("pom.xml")).isRegularFile();
    }

    /**
     * The repository root: the first folder up from the working directory (Maven runs tests in the module's
     * folder, an IDE may use the root) or else from the test classes that holds scripts/dicom-tables.py.
     */
    static Path repositoryRoot() {
        Path root = searchUp(Path.of("").toAbsolutePath());
        if (root == null) {
            try {
                root = searchUp(Path.of(DicomTablesTest.class.getProtectionDomain().getCodeSource().getLocation()
                        .toURI()));
            } catch (URISyntaxException | SecurityException | NullPointerException e) {
                root = null;
            }
        }
        if (root == null) {
            throw new AssertionError(SCRIPT + " not found above " + Path.of("").toAbsolutePath());
        }
        return root;
    }

    private static Path searchUp(Path start) {
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(SCRIPT))) {
                return dir;
            }
        }
        return null;
    }

    /** The leading comment lines of a bundled table. */
    static List<String> header(String resource) {
        try (InputStream in = ReferenceTables.class.getResourceAsStream(resource)) {
            assertThat(in).as("bundled table %s", resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().takeWhile(l -> l.startsWith("#"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
