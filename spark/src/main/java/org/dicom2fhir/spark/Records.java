package org.dicom2fhir.spark;

import java.io.Serializable;
import java.util.List;
import org.dicom2fhir.api.ReasonCode;
import org.dicom2fhir.api.Warning;
import org.dicom2fhir.batch.BatchFile;
import org.dicom2fhir.core.FileReport;
import org.dicom2fhir.core.InstanceFacts;

/** The records that go through the job's shuffles and cache: Java-serialisable, strings and core's facts. */
final class Records {
    private Records() {
    }

    /**
     * What a task read from one file (or ZIP entry, or DICOM JSON instance): the facts of an instance, or the report
     * of something left out (exactly one is set).
     */
    record Read(int root, InstanceFacts facts, LeftOut leftOut) implements Serializable {
        private static final long serialVersionUID = 1L;

        /**
         * What goes through the shuffle: the record as bytes (Java serialisation, self-contained). Spark estimates
         * the size of the objects it buffers by walking their graphs; facts as objects made that walk most of a
         * job's time (profiled: Spark's SizeEstimator on the groups of the Study UID shuffle), bytes are one array.
         */
        byte[] bytes() {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(2048);
            try (java.io.ObjectOutputStream objects = new java.io.ObjectOutputStream(out)) {
                objects.writeObject(this);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("writing to memory failed", e);
            }
            return out.toByteArray();
        }

        static Read of(byte[] bytes) {
            try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes))) {
                return (Read) in.readObject();
            } catch (java.io.IOException | ClassNotFoundException e) {
                throw new IllegalStateException("a shuffled record cannot be read", e);
            }
        }
    }

    /** A file left out; {@link FileReport} is not serialisable, this is its content. */
    record LeftOut(String path, ReasonCode reason, String message, List<Warning> warnings) implements Serializable {
        private static final long serialVersionUID = 1L;

        static LeftOut of(FileReport report) {
            return new LeftOut(report.path(), report.reason(), report.message(), report.warnings());
        }

        BatchFile file(int root) {
            return new BatchFile(root, FileReport.notIncluded(path, reason, message, warnings));
        }
    }

    /**
     * A study's converted report line that waits for the patient stage: whether its patient data differ from those
     * of its Patient's first study is known only then.
     */
    record PendingLine(String studyInstanceUid, String patientId, int series, int instances, List<Warning> warnings)
            implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** A study's claim to make its Patient: the first study in Study UID order makes it. */
    record PatientCandidate(String studyInstanceUid, String dataKey, String patientJson) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * What one shuffle group (a study, or one file left out) gives, persisted before the outputs are written.
     *
     * @param reportLines report lines that are final (files left out, copies of instances, refused or failed study)
     * @param studyLine   the ImagingStudy's compact JSON, or null
     * @param errorLine   the OperationOutcome of a failed study, or null
     * @param pending     the converted line of a study with a Patient of its own, or null
     * @param patientId   that Patient's id, or null
     * @param patient     that study's claim to make the Patient, or null
     */
    record GroupResult(List<String> reportLines, String studyLine, String errorLine, PendingLine pending,
            String patientId, PatientCandidate patient) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** What the patient stage gives: a Patient line, or the UID of a study whose patient data differ from it. */
    record PatientOutcome(String patientLine, String conflictingStudy) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * Where the first copy of a SOP Instance UID lies, in (root, relative path) order, and whether its copies lie in
     * more than one study (then the archive-wide duplicate rule decides between studies).
     */
    record Place(int root, String path, String study, boolean severalStudies) implements Serializable {
        private static final long serialVersionUID = 1L;

        static Place earlier(Place a, Place b) {
            Place first = org.dicom2fhir.batch.ArchiveRules.compare(a.root(), a.path(), b.root(), b.path()) <= 0 ? a : b;
            return new Place(first.root(), first.path(), first.study(),
                    a.severalStudies() || b.severalStudies() || !a.study().equals(b.study()));
        }
    }
}
