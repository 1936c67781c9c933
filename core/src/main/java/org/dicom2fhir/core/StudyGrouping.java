package org.dicom2fhir.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.dicom2fhir.core.internal.pipeline.Deduplicator;

/**
 * The one place where outcomes become studies: offered in sorted path order, the first copy of every
 * SOP Instance UID is kept (later copies get a {@code DUPLICATE_INSTANCE} report), instances are grouped
 * by Study Instance UID, and every file keeps exactly one report. {@link Converter#convert} and
 * {@link Converter#mapStudy} both group through it. Not thread-safe: one per run.
 */
final class StudyGrouping {
    private final List<FileReport> reports;
    private final Deduplicator deduplicator = new Deduplicator();
    private final SortedMap<String, List<InstanceFacts>> byStudy = new TreeMap<>();
    /** The distinct series values met so far (files of several series may come interleaved in path order). */
    private final Map<InstanceFacts.Series, InstanceFacts.Series> seriesValues = new HashMap<>();
    private int included;
    private int skipped;
    private int failed;

    StudyGrouping(int expectedFiles) {
        this.reports = new ArrayList<>(expectedFiles);
    }

    /** Offers one file's outcome; call in sorted path order. */
    void add(FileOutcome outcome) {
        FileReport report = outcome.report();
        if (outcome.included()) {
            FileReport duplicate = deduplicator.offer(outcome.facts());
            if (duplicate == null) {
                List<InstanceFacts> study = byStudy.computeIfAbsent(outcome.facts().studyInstanceUid(),
                        k -> new ArrayList<>());
                study.add(study.isEmpty() ? outcome.facts() : sharing(outcome.facts(), study.get(study.size() - 1)));
            } else {
                report = duplicate;
            }
        }
        switch (report.disposition()) {
            case INCLUDED -> included++;
            case SKIPPED -> skipped++;
            case FAILED -> failed++;
        }
        reports.add(report);
    }

    /**
     * The facts with the patient, study and series values of the study's instances before them where equal: one
     * object per distinct value (a study's files repeat them), which keeps a large study small and lets the votes
     * count distinct values. Equal values of different studies are not shared (a single-instance study pays nothing).
     */
    private InstanceFacts sharing(InstanceFacts facts, InstanceFacts before) {
        InstanceFacts.Series series = facts.series();
        if (series.equals(before.series())) {
            series = before.series();
        } else {
            seriesValues.putIfAbsent(before.series(), before.series());
            InstanceFacts.Series held = seriesValues.putIfAbsent(series, series);
            series = held != null ? held : series;
        }
        return facts.sharing(facts.patient().equals(before.patient()) ? before.patient() : facts.patient(),
                facts.study().equals(before.study()) ? before.study() : facts.study(), series);
    }

    int studyCount() {
        return byStudy.size();
    }

    boolean isEmpty() {
        return byStudy.isEmpty();
    }

    /** Removes and returns the facts of the study with the lowest UID (releasing them as they are mapped). */
    List<InstanceFacts> takeFirstStudy() {
        return byStudy.remove(byStudy.firstKey());
    }

    /** Study Instance UID -> number of included files, in UID order. */
    Map<String, Integer> filesPerStudy() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        byStudy.forEach((uid, list) -> counts.put(uid, list.size()));
        return counts;
    }

    int seriesCount() {
        return (int) byStudy.values().stream().flatMap(List::stream)
                .map(f -> f.studyInstanceUid() + '\u0000' + f.seriesInstanceUid()).distinct().count();
    }

    /** The reports of the files that were offered as included but are other copies of an instance. */
    List<FileReport> duplicates() {
        return reports.stream().filter(r -> r.reason() == org.dicom2fhir.api.ReasonCode.DUPLICATE_INSTANCE).toList();
    }

    List<FileReport> reports() {
        return reports;
    }

    int included() {
        return included;
    }

    int skipped() {
        return skipped;
    }

    int failed() {
        return failed;
    }

    /** "{subjectAndVerb} N studies: uid (n files), ...", e.g. with "STUDY_DIR holds". */
    String multipleStudiesMessage(String subjectAndVerb) {
        String list = filesPerStudy().entrySet().stream()
                .map(e -> e.getKey() + " (" + plural(e.getValue(), "file") + ")")
                .collect(Collectors.joining(", "));
        return subjectAndVerb + " " + byStudy.size() + " studies: " + list;
    }

    /** The sentence of {@link NoDicomFilesException}. */
    String noDicomMessage() {
        if (failed > 0) {
            return "No DICOM instance could be included: " + failed + (failed == 1 ? " file claims" : " files claim")
                    + " to be DICOM but failed to read (see the report for each file and its reason).";
        }
        if (reports.isEmpty()) {
            return "STUDY_DIR holds no DICOM files: it is empty.";
        }
        return "STUDY_DIR holds no DICOM files: " + plural(skipped, "file") + " found, none of them a DICOM instance.";
    }

    static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
