package org.dicom2fhir.batch;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.dicom2fhir.api.model.StudyData;
import org.dicom2fhir.api.spi.FhirWriter;
import org.dicom2fhir.api.spi.OutputFormat;
import org.dicom2fhir.api.spi.WriteOptions;
import org.dicom2fhir.delivery.Delivery;

/**
 * The batch's NDJSON output folder, for FHIR bulk import: {@code ImagingStudy.ndjson} (one compact resource per
 * line, LF, in Study UID order), {@code report.ndjson} (a line per study, then a line per file not included),
 * {@code OperationOutcome.ndjson} (a line per study that could not be mapped, codes and UIDs only) and
 * {@code manifest.json} in the shape of a FHIR Bulk Data manifest. Each file is written under a hidden
 * {@code .partial} name and renamed when complete, so a final name always holds a complete file. Nothing holds a
 * patient value but the resources; no input path appears in the manifest. Resumable: its checkpoint is the length
 * and line count of each file, and a resume cuts each file back to it.
 */
public final class NdjsonOutput implements StudySink {
    private static final WriteOptions COMPACT = new WriteOptions(OutputFormat.JSON, false);
    static final String STUDIES = "ImagingStudy.ndjson";
    static final String PATIENTS = "Patient.ndjson";
    static final String REPORT = "report.ndjson";
    /** The report's file name in the output folder. */
    public static final String REPORT_FILE = REPORT;
    static final String ERRORS = "OperationOutcome.ndjson";
    static final String MANIFEST = "manifest.json";

    private final Path dir;
    private final FhirWriter writer;
    private final boolean writeStudies;
    private final Part studies;
    private final Part patients;
    private final Part report;
    private final Part errors;
    private final StudyCheck check;
    private final BatchDelivery delivery;
    /**
     * Studies and report lines in order, each waiting for its encoding or its study's delivery (if any) before it is
     * written.
     */
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    /** The instances of the studies in {@link #pending}: bounds the memory their encodings take. */
    private long pendingInstances;
    private long invalid;
    private long notDelivered;
    private long refused;

    /** Checks a study before it is written, e.g. with a FHIR validator. */
    @FunctionalInterface
    public interface StudyCheck {
        /**
         * The errors of the study's compact JSON as value-free descriptions (message ids, locations); empty: valid.
         * Called from several threads at once.
         */
        List<String> errors(byte[] compactJson);
    }

    /** What waits in the queue. */
    private sealed interface Pending permits PendingStudy, PendingLine {
        boolean done();
    }

    /** A study being encoded. */
    private record PendingStudy(BatchStudy study, CompletableFuture<Encoded> encoded) implements Pending {
        @Override
        public boolean done() {
            return encoded.isDone();
        }
    }

    /** A report line, completed by its study's delivery object when the study is sent. */
    private record PendingLine(String line, CompletableFuture<Delivery> delivery) implements Pending {
        @Override
        public boolean done() {
            return delivery == null || delivery.isDone();
        }
    }

    /** At most this many studies or report lines wait, and studies of at most this many instances. */
    private static final int MAX_PENDING = 1024;
    private static final long MAX_PENDING_INSTANCES = 50_000;

    /** The threads that encode studies ahead of the writing: one per core, shared by every output. */
    private static final class Encoders {
        static final ExecutorService POOL = Executors.newFixedThreadPool(
                Runtime.getRuntime().availableProcessors(), r -> {
                    Thread t = new Thread(r, "dicom2fhir-batch-encode");
                    t.setDaemon(true);
                    return t;
                });

        private Encoders() {
        }
    }

    /**
     * @param dir    the output folder (created if missing)
     * @param writer writes each ImagingStudy
     */
    public NdjsonOutput(Path dir, FhirWriter writer) throws IOException {
        this(builder(dir, writer));
    }

    private NdjsonOutput(Builder b) throws IOException {
        this.dir = b.dir;
        this.writer = b.writer;
        this.check = b.check;
        this.delivery = b.delivery;
        this.writeStudies = b.writeStudies;
        Files.createDirectories(dir);
        studies = new Part(dir, STUDIES);
        patients = new Part(dir, PATIENTS);
        report = new Part(dir, REPORT);
        errors = new Part(dir, ERRORS);
    }

    /**
     * @param dir    the output folder (created if missing)
     * @param writer writes each ImagingStudy
     */
    public static Builder builder(Path dir, FhirWriter writer) {
        return new Builder(dir, writer);
    }

    /** Configures an {@link NdjsonOutput}. */
    public static final class Builder {
        private final Path dir;
        private final FhirWriter writer;
        private StudyCheck check;
        private BatchDelivery delivery;
        private boolean writeStudies = true;

        private Builder(Path dir, FhirWriter writer) {
            this.dir = Objects.requireNonNull(dir, "dir");
            this.writer = Objects.requireNonNull(writer, "writer");
        }

        /** Checks each study first: a study with errors is neither written nor sent but reported {@code invalid}. */
        public Builder check(StudyCheck check) {
            this.check = check;
            return this;
        }

        /** Sends each study to a FHIR server; its report line gets the delivery object. */
        public Builder delivery(BatchDelivery delivery) {
            this.delivery = delivery;
            return this;
        }

        /**
         * Whether {@code ImagingStudy.ndjson} and the manifest are written (default); false when the run only
         * sends, and the folder holds the report.
         */
        public Builder writeStudies(boolean writeStudies) {
            this.writeStudies = writeStudies;
            return this;
        }

        public NdjsonOutput build() throws IOException {
            return new NdjsonOutput(this);
        }
    }

    /** Studies not written (or sent) because the check found errors. */
    public long invalidCount() {
        return invalid;
    }

    /** Studies not written because they cannot reference a Patient of their own ({@link BatchStudy#refusal()}). */
    public long refusedCount() {
        return refused;
    }

    /** Studies sent to the server and not delivered, for whatever reason. */
    public long notDeliveredCount() {
        return notDelivered;
    }

    @Override
    public void study(BatchStudy study) throws IOException {
        if (study.refusal() != null) {
            refused++;
            reportLine(ReportLines.refused(study.studyInstanceUid(), study.refusal()), null);
            return;
        }
        // encoded (and checked) on other threads while the studies before it are written; written in order
        pending.addLast(new PendingStudy(study, CompletableFuture.supplyAsync(() -> encode(study), Encoders.POOL)));
        pendingInstances += study.conversion().study().numberOfInstances();
        writeDone(false);
    }

    /** A study's compact JSON and the check's errors: what does not depend on the studies before it. */
    private record Encoded(StudyData data, byte[] json, List<String> problems) {
    }

    /** One growing buffer per encoding thread: a study's JSON is copied out of it, never handed on. */
    private static final ThreadLocal<ByteArrayOutputStream> ENCODE_BUFFER =
            ThreadLocal.withInitial(() -> new ByteArrayOutputStream(16 * 1024));
    private static final int MAX_KEPT_BUFFER_BYTES = 1 << 20;

    private Encoded encode(BatchStudy study) {
        StudyData data = study.patient() == null ? study.conversion().study()
                : study.conversion().study().withSubjectReference("Patient/" + study.patient().id());
        ByteArrayOutputStream json = ENCODE_BUFFER.get();
        json.reset();
        try {
            writer.write(data, json, COMPACT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] bytes = json.toByteArray();
        if (json.size() > MAX_KEPT_BUFFER_BYTES) {
            ENCODE_BUFFER.remove(); // a large study's buffer is not kept for the small ones after it
        }
        return new Encoded(data, bytes, check == null ? List.of() : check.errors(bytes));
    }

    /** Writes an encoded study at the head of the queue; returns its report line, which may wait for a delivery. */
    private PendingLine written(BatchStudy study, Encoded encoded) throws IOException {
        if (!encoded.problems().isEmpty()) {
            invalid++;
            errors.line("{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":"
                    + "\"invalid\",\"diagnostics\":" + Json.quote("study " + study.studyInstanceUid()
                    + ": the FHIR validator found errors") + "}]}");
            return new PendingLine("{\"studyInstanceUid\":" + Json.quote(study.studyInstanceUid())
                    + ",\"outcome\":\"invalid\",\"errors\":" + ReportLines.array(new LinkedHashSet<>(encoded.problems())) + "}",
                    null);
        }
        if (writeStudies) {
            studies.out().write(encoded.json());
            studies.endLine();
            if (study.patient() != null && study.patient().first()) {
                writer.writePatient(encoded.data().patient(), study.patient().id(), patients.out(), COMPACT);
                patients.endLine();
            }
        }
        String line = ReportLines.converted(study.studyInstanceUid(),
                study.patient() == null ? null : study.patient().id(), study.conversion().study().numberOfSeries(),
                study.conversion().study().numberOfInstances(), study.conversion().warnings(),
                study.patient() != null && study.patient().differsFromFirst());
        CompletableFuture<Delivery> sent = null;
        if (delivery != null) {
            try {
                sent = delivery.submit(study.conversion());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while sending");
            }
        }
        return new PendingLine(line, sent);
    }

    /** Queues a report line behind the earlier ones; writes those whose deliveries are done, in order. */
    private void reportLine(String line, CompletableFuture<Delivery> sent) throws IOException {
        pending.addLast(new PendingLine(line, sent));
        writeDone(false);
    }

    /**
     * Writes what is done at the head of the queue (studies encoded, report lines whose deliveries completed); all of
     * it when draining, or when too much waits.
     */
    private void writeDone(boolean drain) throws IOException {
        while (!pending.isEmpty()) {
            Pending next = pending.peekFirst();
            boolean force = drain || pending.size() > MAX_PENDING || pendingInstances > MAX_PENDING_INSTANCES;
            if (!force && !next.done()) {
                return;
            }
            pending.removeFirst();
            if (next instanceof PendingStudy study) {
                pendingInstances -= study.study().conversion().study().numberOfInstances();
                pending.addFirst(written(study.study(), joined(study.encoded())));
                continue;
            }
            PendingLine head = (PendingLine) next;
            if (head.delivery() == null) {
                report.line(head.line());
                continue;
            }
            Delivery d;
            try {
                d = head.delivery().get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for a delivery");
            } catch (ExecutionException e) {
                throw new IllegalStateException("a delivery failed unexpectedly", e.getCause());
            }
            if (!d.outcome().delivered()) {
                notDelivered++;
            }
            report.line(head.line().substring(0, head.line().length() - 1) + ",\"delivery\":" + d.toJson() + "}");
        }
    }

    private static Encoded joined(CompletableFuture<Encoded> encoded) throws IOException {
        try {
            return encoded.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    @Override
    public void studyFailed(String studyInstanceUid, String reason) throws IOException {
        reportLine(ReportLines.failed(studyInstanceUid, reason), null);
        errors.line(ReportLines.failedOutcome(studyInstanceUid, reason));
    }

    @Override
    public void file(BatchFile file) throws IOException {
        reportLine(ReportLines.file(file), null);
    }

    @Override
    public Map<String, Long> checkpoint() throws IOException {
        writeDone(true); // no delivery in flight at a checkpoint: a resume sends again only what came after it
        Map<String, Long> checkpoint = new HashMap<>();
        for (Part part : List.of(studies, patients, report, errors)) {
            part.flush();
            checkpoint.put(part.name + ".bytes", part.bytes);
            checkpoint.put(part.name + ".lines", part.lines);
        }
        checkpoint.put("invalid", invalid);
        checkpoint.put("notDelivered", notDelivered);
        checkpoint.put("refused", refused);
        return checkpoint;
    }

    @Override
    public void resume(Map<String, Long> checkpoint) throws IOException {
        for (Part part : writeStudies ? List.of(studies, patients, report, errors) : List.of(report, errors)) {
            part.resume(checkpoint.getOrDefault(part.name + ".bytes", 0L),
                    checkpoint.getOrDefault(part.name + ".lines", 0L));
        }
        invalid = checkpoint.getOrDefault("invalid", 0L);
        notDelivered = checkpoint.getOrDefault("notDelivered", 0L);
        refused = checkpoint.getOrDefault("refused", 0L);
    }

    /**
     * Test seam of cli's BatchKillTest, which kills the process while the files are being renamed: a pause in
     * milliseconds before each rename. Not an option; zero unless the system property is set.
     */
    private static final long PAUSE_BEFORE_RENAME = Long.getLong("dicom2fhir.test.pauseBeforeRenameMillis", 0);

    @Override
    public void finish(BatchSummary summary) throws IOException {
        writeDone(true);
        if (!writeStudies) {
            report.complete();
            completeOrDiscard(errors);
            return;
        }
        List<ReportLines.ManifestEntry> output = new ArrayList<>();
        output.add(entry("ImagingStudy", STUDIES, studies.lines));
        if (patients.lines > 0) {
            output.add(entry("Patient", PATIENTS, patients.lines));
        }
        String manifest = ReportLines.manifest(summary.started(), output,
                errors.lines > 0 ? List.of(entry("OperationOutcome", ERRORS, errors.lines)) : List.of());
        studies.complete();
        completeOrDiscard(patients);
        report.complete();
        completeOrDiscard(errors);
        Part file = new Part(dir, MANIFEST);
        file.out().write(manifest.getBytes(StandardCharsets.UTF_8));
        file.complete();
    }

    /** No resource file without resources (the manifest lists only the files there are). */
    private static void completeOrDiscard(Part part) throws IOException {
        if (part.lines > 0) {
            part.complete();
        } else {
            part.discard();
        }
    }

    private ReportLines.ManifestEntry entry(String type, String name, long count) {
        return new ReportLines.ManifestEntry(type, dir.resolve(name).toAbsolutePath().toUri().toString(), count);
    }

    /**
     * One output file, written under {@code .<name>.partial} until it is complete; counts its bytes and lines for
     * checkpoints. Opened on first use: new, or (after {@link #resume}) cut back to the checkpoint and appended to.
     */
    private static final class Part {
        final String name;
        final Path partial;
        final Path target;
        private CountingStream out;
        private boolean done;
        long bytes;
        long lines;

        Part(Path dir, String name) {
            this.name = name;
            target = dir.resolve(name);
            partial = dir.resolve("." + name + ".partial");
        }

        OutputStream out() throws IOException {
            if (out == null) {
                out = new CountingStream(Files.newOutputStream(partial));
            }
            return out;
        }

        void endLine() throws IOException {
            out().write('\n');
            lines++;
        }

        void line(String json) throws IOException {
            out().write(json.getBytes(StandardCharsets.UTF_8));
            endLine();
        }

        void flush() throws IOException {
            if (out != null) {
                out.flush();
            }
        }

        /** Back to the checkpoint: the partial file cut to its length; or done, if a finish renamed it already. */
        void resume(long bytesAtCheckpoint, long linesAtCheckpoint) throws IOException {
            if (!Files.exists(partial) && Files.exists(target)) {
                done = true; // the interrupted run's finish renamed it: it is complete
                bytes = bytesAtCheckpoint;
                lines = linesAtCheckpoint;
                return;
            }
            try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                if (channel.size() < bytesAtCheckpoint) {
                    throw new IOException(partial.getFileName() + " is shorter than the journal's checkpoint: start "
                            + "again with --restart");
                }
                channel.truncate(bytesAtCheckpoint);
            }
            bytes = bytesAtCheckpoint;
            lines = linesAtCheckpoint;
            out = new CountingStream(Files.newOutputStream(partial, StandardOpenOption.APPEND));
        }

        /** Nothing to keep: the partial file (if a resume created one) goes. */
        void discard() throws IOException {
            if (out != null) {
                out.close();
            }
            Files.deleteIfExists(partial);
            done = true;
        }

        void complete() throws IOException {
            if (done) {
                return;
            }
            out().close();
            if (PAUSE_BEFORE_RENAME > 0) {
                try {
                    Thread.sleep(PAUSE_BEFORE_RENAME);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            try {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
        }

        /** Buffered, counting what passes into the part's bytes. */
        private final class CountingStream extends BufferedOutputStream {
            CountingStream(OutputStream file) {
                super(file, 1 << 16);
            }

            @Override
            public synchronized void write(int b) throws IOException {
                super.write(b);
                bytes++;
            }

            @Override
            public synchronized void write(byte[] b, int off, int len) throws IOException {
                super.write(b, off, len);
                bytes += len;
            }
        }
    }
}
