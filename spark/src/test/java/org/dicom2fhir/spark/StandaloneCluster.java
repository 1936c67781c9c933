package org.dicom2fhir.spark;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Spark standalone cluster of separate processes, a master and two workers, built from the Maven-resolved Spark
 * jars of the test's Spark line: a Spark home under {@code target/} whose {@code jars/} links the jars (the
 * worker's executor launcher builds the executors' class path from it, with {@code SPARK_HOME} and
 * {@code SPARK_SCALA_VERSION}); every process on 127.0.0.1 with free ports and no web UI port of its own; stopped
 * by process id, executors included.
 */
final class StandaloneCluster implements AutoCloseable {
    /** Java 17's module flags for Spark's daemons (spark-submit and the worker add them to drivers and executors). */
    static final List<String> MODULE_FLAGS = List.of("--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED", "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED", "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
            "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
            "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED", "-Djdk.reflect.useDirectMethodHandle=false");

    private final List<Process> processes = new ArrayList<>();
    private final Path home;
    private final Map<String, String> environment;
    final String masterUrl;

    private StandaloneCluster(Path home, Map<String, String> environment, String masterUrl) {
        this.home = home;
        this.environment = environment;
        this.masterUrl = masterUrl;
    }

    /**
     * Starts a master and {@code workers} workers of one core each.
     *
     * @param sparkJars the file listing the Spark line's jars (a class path, as Maven's build-classpath writes it)
     */
    static StandaloneCluster start(Path sparkJars, String scalaVersion, Path home, int workers) throws Exception {
        Path jars = home.resolve("jars");
        Files.createDirectories(jars);
        for (String jar : Files.readString(sparkJars, StandardCharsets.UTF_8).strip().split(java.io.File.pathSeparator)) {
            Path link = jars.resolve(Path.of(jar).getFileName());
            if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Files.createSymbolicLink(link, Path.of(jar));
            }
        }
        Path conf = Files.createDirectories(home.resolve("conf"));
        int port = freePort();
        StandaloneCluster cluster = new StandaloneCluster(home, Map.of("SPARK_HOME", home.toString(),
                "SPARK_SCALA_VERSION", scalaVersion, "SPARK_LOCAL_IP", "127.0.0.1", "SPARK_CONF_DIR", conf.toString()),
                "spark://127.0.0.1:" + port);
        try {
            Path masterLog = home.resolve("master.log");
            cluster.launch(masterLog, "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port",
                    Integer.toString(port), "--webui-port", "0");
            for (int i = 0; i < workers; i++) {
                Path work = Files.createDirectories(home.resolve("work-" + i));
                cluster.launch(home.resolve("worker-" + i + ".log"), "org.apache.spark.deploy.worker.Worker",
                        "--host", "127.0.0.1", "--port", "0", "--webui-port", "0", "--cores", "1", "--memory", "1g",
                        "--work-dir", work.toString(), cluster.masterUrl);
            }
            cluster.awaitWorkers(masterLog, workers);
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    private void launch(Path log, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.addAll(MODULE_FLAGS);
        command.add("-cp");
        command.add(home.resolve("jars") + "/*");
        command.add(mainClass);
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        processes.add(builder.start());
    }

    private void awaitWorkers(Path masterLog, int workers) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            for (Process p : processes) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("a cluster process ended (exit " + p.exitValue() + "); see "
                            + home);
                }
            }
            String log = Files.exists(masterLog) ? Files.readString(masterLog, StandardCharsets.UTF_8) : "";
            if (log.split("Registering worker", -1).length - 1 >= workers) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the workers did not register with the master within 120 s; see " + home);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** The executors the workers launched (separate JVMs): their process ids. */
    List<Long> executorPids() {
        List<Long> pids = new ArrayList<>();
        for (Process p : processes.subList(1, processes.size())) {
            p.descendants().forEach(d -> pids.add(d.pid()));
        }
        return pids;
    }

    /** Stops every process by its id: the executors, the workers, then the master. */
    @Override
    public void close() {
        List<ProcessHandle> all = new ArrayList<>();
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process p = processes.get(i);
            p.descendants().forEach(all::add);
            all.add(p.toHandle());
        }
        for (ProcessHandle h : all) {
            h.destroy();
        }
        for (ProcessHandle h : all) {
            try {
                h.onExit().get(20, TimeUnit.SECONDS);
            } catch (Exception e) {
                h.destroyForcibly();
            }
        }
    }
}
