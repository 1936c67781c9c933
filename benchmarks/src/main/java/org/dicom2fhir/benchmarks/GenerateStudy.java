package org.dicom2fhir.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dicom2fhir.testkit.GeneratedStudy;

/**
 * Writes one study shape into a given folder, outside the benchmark cache: the 1,000,000-instance run
 * ({@code million-instances.sh}) generates its folder on the fly and deletes it afterwards.
 *
 * <p>{@code java -cp benchmarks.jar org.dicom2fhir.benchmarks.GenerateStudy SHAPE DIR}, e.g. {@code 1000k}.
 */
public final class GenerateStudy {
    private GenerateStudy() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: GenerateStudy SHAPE DIR   (SHAPE as in -p shape=, e.g. 1000k; DIR new or empty)");
            System.exit(2);
        }
        StudyShape shape = StudyShape.parse(args[0]);
        Path dir = Path.of(args[1]);
        Files.createDirectories(dir);
        try (var entries = Files.list(dir)) {
            if (entries.findAny().isPresent()) {
                System.err.println("GenerateStudy: " + dir + " is not empty");
                System.exit(2);
            }
        }
        long start = System.nanoTime();
        GeneratedStudy study = shape.generate();
        study.writeTo(dir);
        System.err.printf("GenerateStudy: wrote %d instances (%s) to %s in %.1f s%n", study.instanceCount(), shape.key(),
                dir, (System.nanoTime() - start) / 1e9);
    }
}
