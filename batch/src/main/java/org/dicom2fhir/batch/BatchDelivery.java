package org.dicom2fhir.batch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import org.dicom2fhir.api.model.TransactionData;
import org.dicom2fhir.api.spi.FhirWriter;
import org.dicom2fhir.api.spi.OutputFormat;
import org.dicom2fhir.api.spi.WriteOptions;
import org.dicom2fhir.core.StudyConversion;
import org.dicom2fhir.core.TransactionPlan;
import org.dicom2fhir.delivery.Before;
import org.dicom2fhir.delivery.Delivery;
import org.dicom2fhir.delivery.DeliveryException;
import org.dicom2fhir.delivery.FhirDeliveryClient;

/**
 * Sends a batch's studies to a FHIR server, each as its own transaction (the same plan, transaction and delivery as
 * the command's {@code --post}), {@code concurrency} at a time. Studies whose transactions create the same Patient
 * (the same identifier) are sent one after the other, never at once: two concurrent conditional creates could
 * both find no Patient and create two. At most {@code 4 x concurrency} studies wait or travel at a time
 * ({@link #submit} blocks beyond that).
 */
public final class BatchDelivery implements AutoCloseable {
    private static final WriteOptions COMPACT = new WriteOptions(OutputFormat.JSON, false);

    private final FhirDeliveryClient client;
    private final TransactionPlan plan;
    private final FhirWriter writer;
    private final ExecutorService pool;
    private final Semaphore inFlight;
    /** The last delivery queued per patient key; removed when it completes and nothing queued after it. */
    private final Map<String, CompletableFuture<Delivery>> lastByPatient = new ConcurrentHashMap<>();

    /**
     * @param writer      writes each transaction (the writer of the run's FHIR release)
     * @param concurrency transactions in flight at a time, at least 1
     */
    public BatchDelivery(FhirDeliveryClient client, TransactionPlan plan, FhirWriter writer, int concurrency) {
        this.client = Objects.requireNonNull(client, "client");
        this.plan = Objects.requireNonNull(plan, "plan");
        this.writer = Objects.requireNonNull(writer, "writer");
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1");
        }
        this.pool = Executors.newFixedThreadPool(concurrency, r -> {
            Thread t = new Thread(r, "dicom2fhir-batch-post");
            t.setDaemon(true);
            return t;
        });
        this.inFlight = new Semaphore(4 * concurrency);
    }

    /** The server the studies go to. */
    public String baseUrl() {
        return client.baseUrl().toString();
    }

    /**
     * Queues one study's delivery; the future completes with its {@link Delivery} (never exceptionally for what the
     * server or the network does). A study the plan refuses completes at once as {@code not-sent}.
     */
    public CompletableFuture<Delivery> submit(StudyConversion conversion) throws InterruptedException {
        String uid = conversion.study().studyInstanceUid();
        TransactionPlan.Planned planned = plan.plan(conversion.study(), conversion.patientConflict());
        if (planned.refusal() != null) {
            return CompletableFuture.completedFuture(Delivery.notSent(uid, planned.refusal().name()));
        }
        TransactionData tx = planned.transaction().atServer(baseUrl());
        byte[] body = transaction(tx);
        String search = tx.currentVersionSearch();
        // studies that create the same Patient travel one after the other; the others each on their own key
        String key = tx.patient() != null && tx.patient().ifNoneExist() != null ? "patient:" + tx.patient().ifNoneExist()
                : "study:" + uid;
        inFlight.acquire();
        CompletableFuture<Delivery> result = new CompletableFuture<>();
        lastByPatient.compute(key, (k, previous) -> {
            CompletableFuture<?> after = previous == null ? CompletableFuture.completedFuture(null) : previous;
            after.whenComplete((ignored, error) -> pool.execute(() -> {
                try {
                    result.complete(deliver(uid, body, search));
                } catch (RuntimeException | Error e) {
                    result.completeExceptionally(e);
                } finally {
                    inFlight.release();
                }
            }));
            return result;
        });
        result.whenComplete((d, e) -> lastByPatient.remove(key, result));
        return result;
    }

    private Delivery deliver(String uid, byte[] body, String search) {
        Before before;
        try {
            before = client.currentVersion(search);
        } catch (DeliveryException e) {
            // the delivery reports an unreachable server; unknown before, a 200 counts as updated
            before = Before.none();
        }
        return client.deliver(uid, body, before);
    }

    private byte[] transaction(TransactionData tx) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(1 << 16);
        try {
            writer.writeTransaction(tx, buffer, COMPACT);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return buffer.toByteArray();
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
