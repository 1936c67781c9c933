package org.dicom2fhir.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Class loaders that see exactly the providers a test names: a URLClassLoader over a temporary folder
 * holding META-INF/services files, whose parent loads the test classes but hides the services files
 * of the real backends on the test class path.
 */
public final class PluginLoaders {
    private PluginLoaders() {
    }

    /** Service interface -> provider class names (unknown names are allowed: they fail to load). */
    public static ClassLoader withServices(Path dir, Map<Class<?>, List<String>> services) {
        try {
            Path folder = Files.createTempDirectory(dir, "plugins");
            Path meta = Files.createDirectories(folder.resolve("META-INF/services"));
            for (Map.Entry<Class<?>, List<String>> e : services.entrySet()) {
                Files.writeString(meta.resolve(e.getKey().getName()),
                        e.getValue().stream().collect(Collectors.joining("\n", "", "\n")));
            }
            return new URLClassLoader(new URL[] {folder.toUri().toURL()}, hidingServices());
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ClassLoader withServices(Path dir, Class<?> service, Class<?>... providers) {
        return withServices(dir, Map.of(service, java.util.Arrays.stream(providers).map(Class::getName).toList()));
    }

    /** The test class path without any META-INF/services file. */
    public static ClassLoader hidingServices() {
        return new ClassLoader(PluginLoaders.class.getClassLoader()) {
            @Override
            public Enumeration<URL> getResources(String name) throws IOException {
                return name.startsWith("META-INF/services/") ? Collections.emptyEnumeration() : super.getResources(name);
            }

            @Override
            public URL getResource(String name) {
                return name.startsWith("META-INF/services/") ? null : super.getResource(name);
            }
        };
    }
}
