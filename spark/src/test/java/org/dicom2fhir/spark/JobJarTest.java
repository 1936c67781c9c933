package org.dicom2fhir.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The job jar runs on the cluster's Spark, Scala, Hadoop and Jackson: none of them (nor Guava) may be inside, or
 * two versions meet on the executors (Spark 3.5 refuses to start with a Jackson other than its 2.15). What the
 * job needs of ours and of HAPI is inside, with the service files that name our backends.
 */
class JobJarTest {
    @Test
    void noJacksonGuavaScalaHadoopOrSparkClasses_ourBackendsAndTheirServiceFiles() throws Exception {
        List<String> names = new ArrayList<>();
        try (JarFile jar = new JarFile(Path.of(System.getProperty("spark.job.jar")).toFile())) {
            jar.stream().forEach(e -> names.add(e.getName()));
            assertThat(names).noneMatch(n -> n.startsWith("com/fasterxml/jackson/"))
                    .noneMatch(n -> n.startsWith("com/google/common/"))
                    .noneMatch(n -> n.startsWith("scala/"))
                    .noneMatch(n -> n.startsWith("org/apache/hadoop/"))
                    .noneMatch(n -> n.startsWith("org/apache/spark/"));
            assertThat(names).contains("org/dicom2fhir/spark/Main.class", "org/dicom2fhir/core/Converter.class",
                    "org/dicom2fhir/batch/ReportLines.class", "ca/uhn/fhir/context/FhirContext.class");
            String readers = new String(jar.getInputStream(jar.getEntry(
                    "META-INF/services/org.dicom2fhir.api.spi.DicomReaderProvider")).readAllBytes(),
                    StandardCharsets.UTF_8);
            String writers = new String(jar.getInputStream(jar.getEntry(
                    "META-INF/services/org.dicom2fhir.api.spi.FhirWriterProvider")).readAllBytes(),
                    StandardCharsets.UTF_8);
            assertThat(readers).contains("part10");
            assertThat(writers).contains("hapi");
            assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class")).isEqualTo(Main.class.getName());
        }
    }
}
