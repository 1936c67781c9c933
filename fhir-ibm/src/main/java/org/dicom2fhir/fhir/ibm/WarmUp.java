package org.dicom2fhir.fhir.ibm;

import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.dicom2fhir.api.spi.OutputFormat;
import org.dicom2fhir.api.spi.WriteOptions;

/**
 * Builds and serialises a tiny study once per JVM on a daemon thread. The IBM model's first build and
 * serialisation load and initialise hundreds of classes (seconds); started when the first writer is
 * created, that work overlaps with reading the DICOM files. Writers wait for it before their first
 * use, so the IBM model's static initialisers never run on two threads at once because of us.
 */
final class WarmUp {
    private static final System.Logger LOG = System.getLogger(WarmUp.class.getName());

    private WarmUp() {
    }

    /** Starts the warm-up on first call (lazy holder); later calls return the same future. */
    static CompletableFuture<Void> start() {
        return Holder.FUTURE;
    }

    /** Waits for the warm-up; its failure is not ours to report (the first real write meets it). */
    static void await(CompletableFuture<Void> warmUp) {
        if (!warmUp.isDone()) {
            warmUp.handle((ok, failure) -> null).join();
        }
    }

    private static final class Holder {
        static final CompletableFuture<Void> FUTURE = CompletableFuture.runAsync(WarmUp::run, task -> {
            Thread thread = new Thread(task, "dicom2fhir-ibm-warm-up");
            thread.setDaemon(true); // never keeps a JVM alive
            thread.start();
        });
    }

    private static void run() {
        try {
            IbmR4Writer writer = new IbmR4Writer(CompletableFuture.completedFuture(null));
            var study = IbmR4Mapper.warmUpStudy();
            for (OutputFormat format : OutputFormat.values()) {
                writer.writeBundle(List.of(study), OutputStream.nullOutputStream(), new WriteOptions(format, false));
            }
        } catch (Exception e) {
            LOG.log(System.Logger.Level.DEBUG, "IBM FHIR model warm-up failed: {0}", e.getClass().getName());
        }
    }
}
