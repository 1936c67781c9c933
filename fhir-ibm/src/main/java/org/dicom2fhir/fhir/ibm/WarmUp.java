package org.dicom2fhir.fhir.ibm;

import java.io.OutputStream;
import java.util.List;
import org.dicom2fhir.api.spi.BackgroundWarmUp;
import org.dicom2fhir.api.spi.OutputFormat;
import org.dicom2fhir.api.spi.WriteOptions;

/**
 * Builds and serialises a tiny study once per JVM on a daemon thread ({@link BackgroundWarmUp}). The IBM
 * model's first build and serialisation load and initialise hundreds of classes (seconds); started when
 * the first writer is created, that work overlaps with reading the DICOM files. Writers wait for it
 * before their first use, so the IBM model's static initialisers never run on two threads at once
 * because of us.
 */
final class WarmUp {
    private static final System.Logger LOG = System.getLogger(WarmUp.class.getName());

    private WarmUp() {
    }

    /** Starts the warm-up on first call (lazy holder); later calls return the same one. */
    static BackgroundWarmUp<Void> start() {
        return Holder.WARM_UP;
    }

    private static final class Holder {
        static final BackgroundWarmUp<Void> WARM_UP = BackgroundWarmUp.start("dicom2fhir-ibm-warm-up", WarmUp::run);
    }

    /** Its failure is not ours to report: writers wait for it whatever its outcome, and the first real write meets it. */
    private static Void run() {
        try {
            IbmR4Writer writer = new IbmR4Writer(() -> { }); // not waiting for itself
            for (OutputFormat format : OutputFormat.values()) {
                writer.writeBundle(List.of(BackgroundWarmUp.writerSample()), OutputStream.nullOutputStream(),
                        new WriteOptions(format, false));
            }
        } catch (Exception e) {
            LOG.log(System.Logger.Level.DEBUG, "IBM FHIR model warm-up failed: {0}", e.getClass().getName());
        }
        return null;
    }
}
