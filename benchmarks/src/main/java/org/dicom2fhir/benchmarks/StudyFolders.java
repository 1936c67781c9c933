package org.dicom2fhir.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.dicom2fhir.testkit.GeneratedStudy;

/**
 * Generated study folders, cached by shape under {@code ${dicom2fhir.bench.dir}} (default
 * {@code ${java.io.tmpdir}/dicom2fhir-bench}) and reused across trials, forks and runs. A folder
 * counts as complete only once its marker file {@code <folder>.complete} (beside it, so that the
 * folder holds only DICOM files for whole-process runs) exists, which is written last: a run killed
 * halfway leaves a folder that the next run deletes and writes again.
 */
final class StudyFolders {
    static final String DIR_PROPERTY = "dicom2fhir.bench.dir";
    private static final String MARKER_SUFFIX = ".complete";

    private StudyFolders() {
    }

    static Path root() {
        String configured = System.getProperty(DIR_PROPERTY);
        return configured != null ? Path.of(configured)
                : Path.of(System.getProperty("java.io.tmpdir"), "dicom2fhir-bench");
    }

    /** The folder of this shape, generated now if it is not complete on disk yet. */
    static Path folder(StudyShape shape) {
        return generated(shape.folderName(), shape.instances(), dir -> {
            GeneratedStudy study = shape.generate();
            study.writeTo(dir);
            return study.instanceCount();
        });
    }

    /**
     * An archive of {@code studies} folders of about {@code instances} instances each ({@link GenerateArchive}),
     * generated now if it is not complete on disk yet.
     */
    static Path archive(int studies, int instances) {
        return generated("archive-" + studies + "x" + instances + "-v2", (long) studies * instances, dir -> {
            GenerateArchive.write(studies, instances, dir);
            return (long) studies * instances;
        });
    }

    private interface Generator {
        /** Writes into the empty folder; returns the instances written. */
        long writeTo(Path dir) throws Exception;
    }

    private static synchronized Path generated(String name, long instances, Generator generator) {
        Path dir = root().resolve(name);
        Path marker = marker(dir);
        try {
            if (Files.isRegularFile(marker)) {
                return dir;
            }
            Files.deleteIfExists(marker);
            if (Files.exists(dir)) {
                deleteTree(dir);
            }
            Files.createDirectories(dir);
            long start = System.nanoTime();
            long written = generator.writeTo(dir);
            Files.writeString(marker, instances + " instances\n");
            System.err.printf("dicom2fhir-bench: generated %s (%d instances) in %.1f s%n", dir, written,
                    (System.nanoTime() - start) / 1e9);
            return dir;
        } catch (Exception e) {
            throw new IllegalStateException("cannot generate the folder " + dir, e);
        }
    }

    static Path marker(Path dir) {
        return dir.resolveSibling(dir.getFileName() + MARKER_SUFFIX);
    }

    /** The DICOM files of a folder, in path order. */
    static List<Path> files(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> files = new ArrayList<>(walk.filter(Files::isRegularFile).sorted().toList());
            if (files.isEmpty()) {
                throw new IllegalStateException("no files in " + dir);
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /** The path a converter reports: relative to the folder, {@code /} separators. */
    static String relative(Path dir, Path file) {
        return dir.relativize(file).toString().replace(java.io.File.separatorChar, '/');
    }

    static void deleteTree(Path dir) throws IOException {
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
