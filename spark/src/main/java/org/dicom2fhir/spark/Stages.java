package org.dicom2fhir.spark;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FutureDataInputStreamBuilder;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.api.java.function.PairFlatMapFunction;
import org.dicom2fhir.api.model.IdentifierData;
import org.dicom2fhir.api.model.StudyData;
import org.dicom2fhir.api.spi.FhirWriter;
import org.dicom2fhir.api.spi.OutputFormat;
import org.dicom2fhir.api.spi.WriteOptions;
import org.dicom2fhir.batch.ArchiveRules;
import org.dicom2fhir.batch.ReportLines;
import org.dicom2fhir.core.Converter;
import org.dicom2fhir.core.FileOutcome;
import org.dicom2fhir.core.InstanceFacts;
import org.dicom2fhir.core.StudyConversion;
import org.dicom2fhir.spark.Records.GroupResult;
import org.dicom2fhir.spark.Records.LeftOut;
import org.dicom2fhir.spark.Records.PatientCandidate;
import org.dicom2fhir.spark.Records.PatientOutcome;
import org.dicom2fhir.spark.Records.PendingLine;
import org.dicom2fhir.spark.Records.Place;
import org.dicom2fhir.spark.Records.Read;
import scala.Tuple2;

/** The functions the executors run: each a small serialisable class, capturing nothing of the driver. */
final class Stages {
    /** Shuffle keys of files left out: never a Study UID (UIDs hold digits and dots only), one group per file. */
    static final String LEFT_OUT_KEY = "\u0000";
    private static final WriteOptions COMPACT = new WriteOptions(OutputFormat.JSON, false);

    private Stages() {
    }

    /** Test seam: a task of this partition fails once, the first time (the marker file makes it "once"). */
    record FailOnce(String marker, int partition) implements java.io.Serializable {
        private static final long serialVersionUID = 1L;

        void check() throws IOException {
            if (TaskContext.getPartitionId() != partition) {
                return;
            }
            try {
                Files.createFile(Path.of(marker));
            } catch (FileAlreadyExistsException e) {
                return; // failed before: this is the retry
            }
            throw new IOException("injected failure of partition " + partition + " (test)");
        }
    }

    /**
     * Reads a partition of the listing: one converter (so one reader) for the partition, each file opened through
     * Hadoop's FileSystem and read by core from the stream; emits (Study UID, facts) and (key, file left out).
     */
    static final class ReadFiles implements PairFlatMapFunction<Iterator<InputFile>, String, byte[]> {
        private static final long serialVersionUID = 1L;
        private final JobSettings settings;
        /** Broadcast: a Hadoop configuration is tens of kilobytes, too much to ship with every task. */
        private final org.apache.spark.broadcast.Broadcast<HadoopConf> conf;
        private final FailOnce failOnce;

        ReadFiles(JobSettings settings, org.apache.spark.broadcast.Broadcast<HadoopConf> conf, FailOnce failOnce) {
            this.settings = settings;
            this.conf = conf;
            this.failOnce = failOnce;
        }

        @Override
        public Iterator<Tuple2<String, byte[]>> call(Iterator<InputFile> files) throws IOException {
            if (failOnce != null) {
                failOnce.check();
            }
            Converter converter = settings.converter();
            List<Tuple2<String, byte[]>> out = new ArrayList<>();
            while (files.hasNext()) {
                InputFile file = files.next();
                if (file.decided() != null) {
                    out.add(leftOut(file.root(), new LeftOut(file.path(), file.decided(), file.message(), List.of())));
                    continue;
                }
                for (FileOutcome outcome : read(converter, file)) {
                    out.add(outcome.included()
                            ? new Tuple2<>(outcome.facts().studyInstanceUid(),
                                    new Read(file.root(), outcome.facts(), null).bytes())
                            : leftOut(file.root(), LeftOut.of(outcome.report())));
                }
            }
            return out.iterator();
        }

        private List<FileOutcome> read(Converter converter, InputFile file) throws IOException {
            org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(java.net.URI.create(file.uri()));
            FileSystem fs = path.getFileSystem(conf.value().get());
            if (fs instanceof org.apache.hadoop.fs.LocalFileSystem local) {
                fs = local.getRaw(); // an archive has no .crc files to check against: skip looking for them
            }
            long length = file.length();
            FSDataInputStream in;
            try {
                FutureDataInputStreamBuilder open = fs.openFile(path)
                        .opt("fs.option.openfile.read.policy", "random");
                if (length >= 0) {
                    open.opt("fs.option.openfile.length", Long.toString(length));
                }
                in = open.build().get();
                if (length < 0) {
                    length = fs.getFileStatus(path).getLen();
                }
            } catch (IOException | java.util.concurrent.ExecutionException | RuntimeException e) {
                // core reports it as for a local file that cannot be opened (its own wording, no path)
                try (HadoopChannel failed = HadoopChannel.failed(e)) {
                    return converter.read(failed, file.path());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while opening a file");
            }
            try (HadoopChannel channel = new HadoopChannel(in, length)) {
                return converter.read(channel, file.path());
            }
        }

        private static Tuple2<String, byte[]> leftOut(int root, LeftOut leftOut) {
            return new Tuple2<>(LEFT_OUT_KEY + root + LEFT_OUT_KEY + leftOut.path(), new Read(root, null, leftOut).bytes());
        }
    }

    /** (SOP Instance UID, the place of this copy) of each instance read; nothing for a file left out. */
    static final class CopyPlaces implements PairFlatMapFunction<Tuple2<String, byte[]>, String, Place> {
        private static final long serialVersionUID = 1L;

        @Override
        public Iterator<Tuple2<String, Place>> call(Tuple2<String, byte[]> read) {
            if (read._1().startsWith(LEFT_OUT_KEY)) {
                return java.util.Collections.emptyIterator();
            }
            Read r = Read.of(read._2());
            return List.of(new Tuple2<>(r.facts().sopInstanceUid(),
                    new Place(r.root(), r.facts().path(), read._1(), false))).iterator();
        }
    }

    /**
     * One shuffle group: a file left out becomes its report line; a study keeps the first copy of each instance in
     * (root, relative path) order, is mapped by core, linked to its Patient (batch's rules) and written by the
     * JVM's writer. A study that fails is a report line, never a failed task.
     */
    static final class ConvertGroup implements Function<Tuple2<String, Iterable<byte[]>>, GroupResult> {
        private static final long serialVersionUID = 1L;
        private final JobSettings settings;
        /** SOP Instance UIDs with copies in more than one study, and where their first copy lies. */
        private final org.apache.spark.broadcast.Broadcast<Map<String, Place>> acrossStudies;

        ConvertGroup(JobSettings settings, org.apache.spark.broadcast.Broadcast<Map<String, Place>> acrossStudies) {
            this.settings = settings;
            this.acrossStudies = acrossStudies;
        }

        @Override
        public GroupResult call(Tuple2<String, Iterable<byte[]>> group) {
            List<Read> reads = new ArrayList<>();
            group._2().forEach(bytes -> reads.add(Read.of(bytes)));
            if (group._1().startsWith(LEFT_OUT_KEY)) {
                List<String> lines = new ArrayList<>();
                for (Read r : reads) {
                    lines.add(ReportLines.file(r.leftOut().file(r.root())));
                }
                return new GroupResult(lines, null, null, null, null, null);
            }
            reads.sort((a, b) -> ArchiveRules.compare(a.root(), a.facts().path(), b.root(), b.facts().path()));
            Map<String, Read> kept = new HashMap<>();
            List<String> lines = new ArrayList<>();
            Map<String, Place> elsewhere = acrossStudies.value();
            for (Read r : reads) {
                // batch's rule is archive-wide: a copy in another study may come first
                Place winner = elsewhere.get(r.facts().sopInstanceUid());
                if (winner != null && !winner.study().equals(group._1())) {
                    lines.add(ReportLines.file(ArchiveRules.duplicate(r.root(), r.facts(), winner.root(),
                            winner.path())));
                    continue;
                }
                Read first = kept.putIfAbsent(r.facts().sopInstanceUid(), r);
                if (first != null) {
                    lines.add(ReportLines.file(ArchiveRules.duplicate(r.root(), r.facts(), first.root(), first.facts())));
                }
            }
            // batch maps a study's facts in SOP Instance UID order (its store's key order)
            List<InstanceFacts> facts = new ArrayList<>();
            kept.values().stream().sorted(Comparator.comparing((Read r) -> r.facts().sopInstanceUid()))
                    .forEach(r -> facts.add(r.facts()));
            String uid = group._1();
            if (facts.isEmpty()) {
                return new GroupResult(lines, null, null, null, null, null); // every copy kept in another study
            }
            try {
                return convert(uid, facts, lines);
            } catch (RuntimeException | IOException e) {
                String reason = ReportLines.mappingFailure(e);
                lines.add(0, ReportLines.failed(uid, reason));
                return new GroupResult(lines, null, ReportLines.failedOutcome(uid, reason), null, null, null);
            }
        }

        private GroupResult convert(String uid, List<InstanceFacts> facts, List<String> lines) throws IOException {
            StudyConversion conversion = settings.converter().mapStudy(facts);
            StudyData data = conversion.study();
            if (!settings.patientsOfTheirOwn()) {
                lines.add(0, ReportLines.converted(uid, null, data.numberOfSeries(), data.numberOfInstances(),
                        conversion.warnings(), false));
                return new GroupResult(lines, json(settings.fhirWriter(), data), null, null, null, null);
            }
            String refusal = ArchiveRules.patientRefusal(conversion);
            if (refusal != null) {
                lines.add(0, ReportLines.refused(uid, refusal));
                return new GroupResult(lines, null, null, null, null, null);
            }
            IdentifierData identifier = ArchiveRules.patientIdentifier(conversion);
            String id = settings.patientIds().id(identifier.system(), identifier.value());
            StudyData linked = data.withSubjectReference("Patient/" + id);
            FhirWriter writer = settings.fhirWriter();
            ByteArrayOutputStream patient = new ByteArrayOutputStream(1024);
            writer.writePatient(linked.patient(), id, patient, COMPACT);
            PatientCandidate candidate = new PatientCandidate(uid, ArchiveRules.patientDataKey(facts.get(0).patient()),
                    patient.toString(StandardCharsets.UTF_8));
            PendingLine pending = new PendingLine(uid, id, data.numberOfSeries(), data.numberOfInstances(),
                    conversion.warnings());
            return new GroupResult(lines, json(writer, linked), null, pending, id, candidate);
        }

        private static String json(FhirWriter writer, StudyData data) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
            writer.write(data, out, COMPACT);
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    /**
     * The studies of one Patient (the second shuffle, on the Patient id): the first in Study UID order makes the
     * Patient; a later one whose patient data differ is a conflict (its line gets {@code PATIENT_CONFLICT}).
     */
    static final class ResolvePatient
            implements FlatMapFunction<Tuple2<String, Iterable<PatientCandidate>>, PatientOutcome> {
        private static final long serialVersionUID = 1L;

        @Override
        public Iterator<PatientOutcome> call(Tuple2<String, Iterable<PatientCandidate>> patient) {
            PatientCandidate first = null;
            List<PatientCandidate> all = new ArrayList<>();
            for (PatientCandidate c : patient._2()) {
                all.add(c);
                if (first == null || c.studyInstanceUid().compareTo(first.studyInstanceUid()) < 0) {
                    first = c;
                }
            }
            List<PatientOutcome> out = new ArrayList<>();
            out.add(new PatientOutcome(first.patientJson(), null));
            for (PatientCandidate c : all) {
                if (c != first && !c.dataKey().equals(first.dataKey())) {
                    out.add(new PatientOutcome(null, c.studyInstanceUid()));
                }
            }
            return out.iterator();
        }
    }

    /** The output lines of one group, by resource type ({@code report} for the report). */
    static final class GroupLines implements PairFlatMapFunction<GroupResult, String, String> {
        private static final long serialVersionUID = 1L;
        private final org.apache.spark.broadcast.Broadcast<Set<String>> conflicts;

        GroupLines(org.apache.spark.broadcast.Broadcast<Set<String>> conflicts) {
            this.conflicts = conflicts;
        }

        @Override
        public Iterator<Tuple2<String, String>> call(GroupResult r) {
            List<Tuple2<String, String>> out = new ArrayList<>();
            PendingLine p = r.pending();
            if (p != null) {
                out.add(new Tuple2<>(NdjsonParts.REPORT, ReportLines.converted(p.studyInstanceUid(), p.patientId(),
                        p.series(), p.instances(), p.warnings(), conflicts.value().contains(p.studyInstanceUid()))));
            }
            r.reportLines().forEach(line -> out.add(new Tuple2<>(NdjsonParts.REPORT, line)));
            if (r.studyLine() != null) {
                out.add(new Tuple2<>("ImagingStudy", r.studyLine()));
            }
            if (r.errorLine() != null) {
                out.add(new Tuple2<>("OperationOutcome", r.errorLine()));
            }
            return out.iterator();
        }
    }
}
