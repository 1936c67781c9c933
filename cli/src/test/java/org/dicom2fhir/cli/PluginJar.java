package org.dicom2fhir.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.dicom2fhir.api.spi.FhirValidatorProvider;
import org.dicom2fhir.api.spi.FhirWriterProvider;
import org.example.plugins.CrashingWriterProvider;
import org.example.plugins.InvalidWriterProvider;
import org.example.plugins.QuotingValidatorProvider;

/**
 * Builds a plug-in jar as a third party would ship it: the provider classes and their
 * META-INF/services entries. The service files exist only in this jar, so the test writers and the
 * test validator are found only through {@code --plugins} (or {@code DICOM2FHIR_PLUGINS}), never
 * through the test class path.
 */
final class PluginJar {
    private PluginJar() {
    }

    /** Writes {@code test-writers.jar} into {@code folder} and returns the folder. */
    static Path writeInto(Path folder) throws IOException {
        Files.createDirectories(folder);
        Path jar = folder.resolve("test-writers.jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            out.putNextEntry(new JarEntry("META-INF/services/" + FhirWriterProvider.class.getName()));
            out.write((InvalidWriterProvider.class.getName() + "\n" + CrashingWriterProvider.class.getName() + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
            out.putNextEntry(new JarEntry("META-INF/services/" + FhirValidatorProvider.class.getName()));
            out.write((QuotingValidatorProvider.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
            for (Class<?> type : new Class<?>[] {InvalidWriterProvider.class, CrashingWriterProvider.class,
                    QuotingValidatorProvider.class}) {
                addClassAndNested(out, type);
            }
        }
        return folder;
    }

    private static void addClassAndNested(JarOutputStream out, Class<?> type) throws IOException {
        String base = type.getName().replace('.', '/');
        Path classes = Path.of(type.getProtectionDomain().getCodeSource().getLocation().getPath());
        Path dir = classes.resolve(base).getParent();
        String simple = type.getSimpleName();
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().equals(simple + ".class")
                    || p.getFileName().toString().startsWith(simple + "$")).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                try (InputStream in = Files.newInputStream(f)) {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        }
    }
}
