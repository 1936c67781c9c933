package org.dicom2fhir.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.dicom2fhir.testkit.GeneratedArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job on a Spark standalone cluster of separate processes (a master, two workers, their executors), the job
 * jar shipped to the executors: facts and results serialised across JVMs, our backends loaded on the executors
 * from the job jar over the cluster's own Spark, Scala, Hadoop and Jackson, the output committed across JVMs. A
 * read task fails once on an executor and is retried. The output equals batch's.
 */
class StandaloneClusterTest {
    private static final int STUDIES = 60;

    @TempDir
    Path tmp;

    @Test
    void onAClusterOfSeparateProcesses_sameOutputAsBatch_aFailedTaskRetried() throws Exception {
        GeneratedArchive archive = GeneratedArchive.builder(STUDIES).sharedPatients(25).copiesWithinRoots().zipped()
                .writeTo(tmp.resolve("archive"));
        Path expected = Outputs.batch(archive, tmp.resolve("batch"), true);
        Path out = tmp.resolve("spark");
        String line = System.getProperty("spark.line");
        Path home = Path.of("target", "spark-home-" + line).toAbsolutePath();
        try (StandaloneCluster cluster = StandaloneCluster.start(Path.of(System.getProperty("spark.jars.list")),
                System.getProperty("spark.scala.version"), home, 2)) {
            TaskAttempts listener = new TaskAttempts();
            SparkConf conf = new SparkConf().setMaster(cluster.masterUrl).setAppName("StandaloneClusterTest")
                    .set("spark.jars", System.getProperty("spark.job.jar"))
                    .set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1")
                    .set("spark.executor.memory", "512m").set("spark.ui.enabled", "false")
                    .set("spark.task.maxFailures", "2");
            List<Long> executors;
            try (JavaSparkContext spark = new JavaSparkContext(conf)) {
                spark.sc().addSparkListener(listener);
                SparkConversion.of(List.of(archive.root0().toUri(), archive.root1().toUri()), out.toUri()).partitions(4)
                        .patients(Outputs.ID_KEY).failOnce(tmp.resolve("failed-once"), 2).run(spark);
                executors = cluster.executorPids();
                assertThat(spark.sc().version()).isEqualTo(line);
            }
            assertThat(executors).as("executor JVMs launched by the workers").hasSizeGreaterThanOrEqualTo(2)
                    .doesNotContain(ProcessHandle.current().pid());
            assertThat(listener.failedThenRetried()).singleElement().satisfies(a -> {
                assertThat(a.partition()).isEqualTo(2);
                assertThat(a.reason()).contains("injected failure");
            });
        }
        Outputs.assertSameAsBatch(expected, out, true);
        assertThat(Outputs.sparkLines(out, "ImagingStudy")).hasSizeGreaterThan(STUDIES / 2);
    }
}
