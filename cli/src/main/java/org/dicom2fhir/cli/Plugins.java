package org.dicom2fhir.cli;

import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Plug-in folders ({@code --plugins DIR}, environment variable {@value #ENVIRONMENT_VARIABLE}):
 * every {@code *.jar} directly inside them goes on a class loader where backends are discovered.
 */
final class Plugins {
    static final String ENVIRONMENT_VARIABLE = "DICOM2FHIR_PLUGINS";

    private Plugins() {
    }

    /**
     * The folders to use: those given with {@code --plugins} first, then those of the environment
     * variable (separated by the platform's path separator).
     */
    static List<String> folders(List<String> fromOptions, String fromEnvironment) {
        List<String> folders = new ArrayList<>(fromOptions);
        if (fromEnvironment != null) {
            for (String part : fromEnvironment.split(java.util.regex.Pattern.quote(File.pathSeparator))) {
                if (!part.isBlank()) {
                    folders.add(part.strip());
                }
            }
        }
        return folders;
    }

    /** The jars of the folders, in folder order and by file name within each. */
    static List<Path> jars(List<String> folders) throws UsageException {
        List<Path> jars = new ArrayList<>();
        for (String folder : folders) {
            Path dir = Path.of(folder);
            if (!Files.isDirectory(dir)) {
                throw new UsageException("the plug-in folder " + folder + " does not exist or is not a folder.");
            }
            List<Path> found = new ArrayList<>();
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*.jar")) {
                for (Path entry : entries) {
                    if (Files.isRegularFile(entry)) {
                        found.add(entry);
                    }
                }
            } catch (IOException e) {
                throw new UsageException("the plug-in folder " + folder + " cannot be read.");
            }
            found.sort(null);
            jars.addAll(found);
        }
        return jars;
    }

    /** A loader over the jars whose parent is the command's own loader; the parent itself when there are none. */
    static ClassLoader loader(List<Path> jars, ClassLoader parent) {
        if (jars.isEmpty()) {
            return parent;
        }
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = jars.get(i).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalStateException("a file path did not convert to a URL", e);
            }
        }
        return new URLClassLoader("dicom2fhir-plugins", urls, parent);
    }
}
