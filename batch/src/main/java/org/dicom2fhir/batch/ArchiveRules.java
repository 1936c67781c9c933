package org.dicom2fhir.batch;

import java.util.List;
import org.dicom2fhir.api.ReasonCode;
import org.dicom2fhir.api.model.IdentifierData;
import org.dicom2fhir.core.FileReport;
import org.dicom2fhir.core.InstanceFacts;
import org.dicom2fhir.core.StudyConversion;

/**
 * The rules that decide a batch's output beyond one study's mapping: which copy of an instance is kept, and how a
 * study links to a Patient of its own. Public so that another engine (the Spark job) applies exactly these.
 */
public final class ArchiveRules {
    private ArchiveRules() {
    }

    /** The order of copies of an instance: root argument order first, then relative path; the smallest is kept. */
    public static int compare(int rootA, String pathA, int rootB, String pathB) {
        int byRoot = Integer.compare(rootA, rootB);
        return byRoot != 0 ? byRoot : pathA.compareTo(pathB);
    }

    /** The report of a copy of an instance that was left out, naming the copy that was kept. */
    public static BatchFile duplicate(int root, InstanceFacts copy, int keptRoot, InstanceFacts kept) {
        return duplicate(root, copy, keptRoot, kept.path());
    }

    /** As {@link #duplicate(int, InstanceFacts, int, InstanceFacts)}, the kept copy known by its root and path. */
    public static BatchFile duplicate(int root, InstanceFacts copy, int keptRoot, String keptPath) {
        String where = keptRoot == root ? keptPath : "root " + keptRoot + ": " + keptPath;
        return new BatchFile(root, FileReport.notIncluded(copy.path(), ReasonCode.DUPLICATE_INSTANCE,
                "another copy of SOP Instance " + copy.sopInstanceUid() + ", already included from " + where,
                copy.warnings()));
    }

    /**
     * Why a study cannot reference a Patient of its own ({@code PATIENT_CONFLICT}, {@code NO_PATIENT_ID},
     * {@code NO_PATIENT_SYSTEM}: the rules of {@link org.dicom2fhir.core.TransactionPlan}), or null when it can.
     */
    public static String patientRefusal(StudyConversion conversion) {
        if (conversion.patientConflict()) {
            return "PATIENT_CONFLICT";
        }
        List<IdentifierData> identifiers = conversion.study().patient().identifiers();
        if (identifiers.isEmpty()) {
            return "NO_PATIENT_ID";
        }
        return identifiers.get(0).system() == null ? "NO_PATIENT_SYSTEM" : null;
    }

    /** The identifier a study's Patient is keyed by ({@code system|value}); only when there is no refusal. */
    public static IdentifierData patientIdentifier(StudyConversion conversion) {
        return conversion.study().patient().identifiers().get(0);
    }

    /** The key of a study's patient data: two studies of one Patient whose keys differ are a conflict. */
    public static String patientDataKey(InstanceFacts.Patient patient) {
        return FactCodec.groupKey(patient);
    }
}
