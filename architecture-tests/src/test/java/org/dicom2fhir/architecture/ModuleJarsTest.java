package org.dicom2fhir.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * Every module's jar carries its stable module name ({@code Automatic-Module-Name} from the module's
 * {@code module.name} property, set once for maven-jar-plugin in the parent). Reads the jars the build
 * just packaged in each module's {@code target/}, so it runs after packaging (the {@code module-jars}
 * execution in this module's pom, phase integration-test): part of {@code mvn verify}, not of
 * {@code mvn test}. A module added to the root pom without an entry here fails the test.
 */
class ModuleJarsTest {
    /** Module folder -> the name its jar must carry. */
    static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("api", "org.dicom2fhir.api"),
            Map.entry("core", "org.dicom2fhir.core"),
            Map.entry("dicom-codec", "org.dicom2fhir.codec"),
            Map.entry("reader-part10", "org.dicom2fhir.reader.part10"),
            Map.entry("reader-pixelmed", "org.dicom2fhir.reader.pixelmed"),
            Map.entry("fhir-hapi", "org.dicom2fhir.fhir.hapi"),
            Map.entry("fhir-ibm", "org.dicom2fhir.fhir.ibm"),
            Map.entry("validator-hapi", "org.dicom2fhir.validator.hapi"),
            Map.entry("testkit", "org.dicom2fhir.testkit"),
            Map.entry("cli", "org.dicom2fhir.cli"),
            Map.entry("delivery", "org.dicom2fhir.delivery"),
            Map.entry("http", "org.dicom2fhir.http"),
            Map.entry("dicomweb", "org.dicom2fhir.dicomweb"),
            Map.entry("batch", "org.dicom2fhir.batch"),
            Map.entry("spark", "org.dicom2fhir.spark"),
            // test sources only, as it-fhir-jpa: one module per Spark line
            Map.entry("spark-it-3.5", "org.dicom2fhir.spark.it"),
            Map.entry("spark-it-4.0", "org.dicom2fhir.spark.it"),
            Map.entry("benchmarks", "org.dicom2fhir.benchmarks"),
            Map.entry("examples", "org.dicom2fhir.examples"),
            // test sources only: its jar is empty but for the manifest, which still carries the name
            Map.entry("it-fhir-jpa", "org.dicom2fhir.it.jpa"),
            Map.entry("architecture-tests", "org.dicom2fhir.architecture"));

    /** Modules that build no jar (packaging pom). */
    static final Set<String> NO_JAR = Set.of("bom");

    /** Built only where Debian's PixelMed jar exists (the root pom's pixelmed profile). */
    private static final Path PIXELMED_LIB = Path.of("/usr/share/java/pixelmed.jar");

    @Test
    void everyModuleJarCarriesItsModuleName() throws Exception {
        Path root = Poms.root();
        String version = Poms.rootVersion();
        Set<String> modules = Poms.modules(root);
        assertThat(modules).as("modules in the root pom (NAMES and NO_JAR must list each of them)")
                .containsExactlyInAnyOrderElementsOf(union(NAMES.keySet(), NO_JAR));

        Map<String, String> found = new TreeMap<>();
        for (String module : modules) {
            Path pom = root.resolve(module).resolve("pom.xml");
            if (NO_JAR.contains(module)) {
                assertThat(Poms.packaging(pom)).as(module).isEqualTo("pom");
                continue;
            }
            if (module.equals("reader-pixelmed") && !Files.exists(PIXELMED_LIB)) {
                continue; // not built here
            }
            Path jar = root.resolve(module).resolve("target").resolve(Poms.artifactId(pom) + "-" + version + ".jar");
            assertThat(jar).as("%s's jar (run mvn verify, which packages every module before this test)", module)
                    .isRegularFile();
            try (JarFile file = new JarFile(jar.toFile())) {
                assertThat(file.getManifest()).as(jar.toString()).isNotNull();
                found.put(module, file.getManifest().getMainAttributes().getValue("Automatic-Module-Name"));
            }
            // and what the JDK makes of the jar on a module path: the name, not one derived from the file name
            Set<ModuleReference> references = ModuleFinder.of(jar).findAll();
            assertThat(references).hasSize(1);
            assertThat(references.iterator().next().descriptor().name()).as(jar.toString()).isEqualTo(NAMES.get(module));
        }

        Map<String, String> expected = new TreeMap<>(NAMES);
        if (!Files.exists(PIXELMED_LIB)) {
            expected.remove("reader-pixelmed");
        }
        assertThat(found).isEqualTo(expected);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return all;
    }
}
