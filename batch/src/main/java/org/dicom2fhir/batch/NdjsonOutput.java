package org.dicom2fhir.batch;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.dicom2fhir.api.Warning;
import org.dicom2fhir.api.spi.FhirWriter;
import org.dicom2fhir.api.spi.OutputFormat;
import org.dicom2fhir.api.spi.WriteOptions;
import org.dicom2fhir.core.FileReport;

/**
 * The batch's NDJSON output folder, for FHIR bulk import: {@code ImagingStudy.ndjson} (one compact resource per
 * line, LF, in Study UID order), {@code report.ndjson} (a line per study, then a line per file not included),
 * {@code OperationOutcome.ndjson} (a line per study that could not be mapped, codes and UIDs only) and
 * {@code manifest.json} in the shape of a FHIR Bulk Data manifest. Each file is written under a hidden
 * {@code .partial} name and renamed when complete, so a final name always holds a complete file. Nothing holds a
 * patient value but the resources; no input path appears in the manifest.
 */
public final class NdjsonOutput implements StudySink {
    private static final WriteOptions COMPACT = new WriteOptions(OutputFormat.JSON, false);
    static final String STUDIES = "ImagingStudy.ndjson";
    static final String REPORT = "report.ndjson";
    static final String ERRORS = "OperationOutcome.ndjson";
    static final String MANIFEST = "manifest.json";

    private final Path dir;
    private final FhirWriter writer;
    private final Instant transactionTime;
    private final Part studies;
    private final Part report;
    private final Part errors;
    private long studyCount;
    private long errorCount;

    /**
     * @param dir             the output folder (created if missing)
     * @param writer          writes each ImagingStudy
     * @param transactionTime the manifest's {@code transactionTime}: the start of the run
     */
    public NdjsonOutput(Path dir, FhirWriter writer, Instant transactionTime) throws IOException {
        this.dir = Objects.requireNonNull(dir, "dir");
        this.writer = Objects.requireNonNull(writer, "writer");
        this.transactionTime = Objects.requireNonNull(transactionTime, "transactionTime");
        Files.createDirectories(dir);
        studies = new Part(dir, STUDIES);
        report = new Part(dir, REPORT);
        errors = new Part(dir, ERRORS);
    }

    @Override
    public void study(BatchStudy study) throws IOException {
        writer.write(study.conversion().study(), studies.out, COMPACT);
        studies.out.write('\n');
        studyCount++;
        Set<String> codes = new LinkedHashSet<>();
        for (Warning w : study.conversion().warnings()) {
            codes.add(w.code().name());
        }
        report.line("{\"studyInstanceUid\":" + Json.quote(study.studyInstanceUid()) + ",\"outcome\":\"converted\""
                + ",\"series\":" + study.conversion().study().numberOfSeries()
                + ",\"instances\":" + study.conversion().study().numberOfInstances()
                + ",\"warnings\":" + array(codes) + "}");
    }

    @Override
    public void studyFailed(String studyInstanceUid, String reason) throws IOException {
        errorCount++;
        report.line("{\"studyInstanceUid\":" + Json.quote(studyInstanceUid) + ",\"outcome\":\"failed\",\"reason\":"
                + Json.quote(reason) + "}");
        errors.line("{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"processing\","
                + "\"diagnostics\":" + Json.quote("study " + studyInstanceUid + ": " + reason) + "}]}");
    }

    @Override
    public void file(BatchFile file) throws IOException {
        FileReport r = file.report();
        Set<String> codes = new LinkedHashSet<>();
        for (Warning w : r.warnings()) {
            codes.add(w.code().name());
        }
        report.line("{\"root\":" + file.root() + ",\"path\":" + Json.quote(r.path()) + ",\"disposition\":"
                + Json.quote(r.disposition().name().toLowerCase(java.util.Locale.ROOT)) + ",\"reason\":"
                + Json.quote(r.reason().name()) + ",\"message\":" + Json.quote(r.message()) + ",\"warnings\":"
                + array(codes) + "}");
    }

    @Override
    public void finish(BatchSummary summary) throws IOException {
        studies.complete();
        report.complete();
        errors.complete();
        List<String> output = new ArrayList<>();
        output.add(entry("ImagingStudy", STUDIES, studyCount));
        String manifest = "{\"transactionTime\":" + Json.quote(transactionTime.toString())
                + ",\"request\":\"urn:dicom2fhir:batch\",\"requiresAccessToken\":false,\"output\":["
                + String.join(",", output) + "],\"error\":[" + (errorCount > 0 ? entry("OperationOutcome", ERRORS,
                        errorCount) : "") + "]}\n";
        Part file = new Part(dir, MANIFEST);
        file.out.write(manifest.getBytes(StandardCharsets.UTF_8));
        file.complete();
    }

    private String entry(String type, String name, long count) {
        return "{\"type\":" + Json.quote(type) + ",\"url\":" + Json.quote(dir.resolve(name).toAbsolutePath().toUri()
                .toString()) + ",\"count\":" + count + "}";
    }

    private static String array(Set<String> codes) {
        List<String> quoted = new ArrayList<>();
        codes.forEach(c -> quoted.add(Json.quote(c)));
        return "[" + String.join(",", quoted) + "]";
    }

    /** One output file, written under {@code .<name>.partial} until it is complete. */
    private static final class Part {
        final Path partial;
        final Path target;
        final OutputStream out;

        Part(Path dir, String name) throws IOException {
            target = dir.resolve(name);
            partial = dir.resolve("." + name + ".partial");
            out = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16);
        }

        void line(String json) throws IOException {
            out.write(json.getBytes(StandardCharsets.UTF_8));
            out.write('\n');
        }

        void complete() throws IOException {
            out.close();
            try {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
