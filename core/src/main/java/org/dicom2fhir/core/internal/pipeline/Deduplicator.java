package org.dicom2fhir.core.internal.pipeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dicom2fhir.api.ReasonCode;
import org.dicom2fhir.api.Warning;
import org.dicom2fhir.api.WarningCode;
import org.dicom2fhir.core.FileReport;
import org.dicom2fhir.core.InstanceFacts;

/**
 * Keeps the first copy of every SOP Instance UID. Offer instances in sorted path order: the first
 * offered wins, every later copy gets a {@code DUPLICATE_INSTANCE} report (with a warning when the
 * copy is filed under another study or series than the copy that was kept).
 */
public final class Deduplicator {

    private final Map<String, InstanceFacts> firstBySopInstance = new HashMap<>();

    /** Null when this is the first copy (keep it), else the report of the skipped copy. */
    public FileReport offer(InstanceFacts facts) {
        InstanceFacts first = firstBySopInstance.putIfAbsent(facts.sopInstanceUid(), facts);
        if (first == null) {
            return null;
        }
        List<Warning> warnings = new ArrayList<>(facts.warnings());
        if (!first.studyInstanceUid().equals(facts.studyInstanceUid())) {
            warnings.add(new Warning(WarningCode.DUPLICATE_DIFFERS, "this copy of SOP Instance " + facts.sopInstanceUid()
                    + " is in study " + facts.studyInstanceUid() + ", the included copy " + first.path()
                    + " in study " + first.studyInstanceUid()));
        } else if (!first.seriesInstanceUid().equals(facts.seriesInstanceUid())) {
            warnings.add(new Warning(WarningCode.DUPLICATE_DIFFERS, "this copy of SOP Instance " + facts.sopInstanceUid()
                    + " is in series " + facts.seriesInstanceUid() + ", the included copy " + first.path()
                    + " in series " + first.seriesInstanceUid()));
        }
        return FileReport.notIncluded(facts.path(), ReasonCode.DUPLICATE_INSTANCE,
                "another copy of SOP Instance " + facts.sopInstanceUid() + ", already included from " + first.path(),
                warnings);
    }
}
