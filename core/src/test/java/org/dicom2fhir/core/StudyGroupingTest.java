package org.dicom2fhir.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Equal patient, study and series values of a study's files become one object as the files are grouped. */
class StudyGroupingTest {
    @Test
    void theInstancesOfAStudyShareTheirEqualValues_evenWithSeriesInterleaved() {
        StudyGrouping grouping = new StudyGrouping(4);
        // new records for every file, as the reader makes them; series A, B, A, B in path order
        grouping.add(included(facts("a1", "1.2.3", "A", "CT")));
        grouping.add(included(facts("b1", "1.2.3", "B", "SR")));
        grouping.add(included(facts("a2", "1.2.3", "A", "CT")));
        grouping.add(included(facts("b2", "1.2.3", "B", "SR")));

        List<InstanceFacts> study = grouping.takeFirstStudy();
        assertThat(study).extracting(InstanceFacts::path).containsExactly("a1", "b1", "a2", "b2");
        assertThat(study).extracting(InstanceFacts::patient).allMatch(p -> p == study.get(0).patient());
        assertThat(study).extracting(InstanceFacts::study).allMatch(s -> s == study.get(0).study());
        assertThat(study.get(2).series()).isSameAs(study.get(0).series());
        assertThat(study.get(3).series()).isSameAs(study.get(1).series());
        assertThat(study.get(1).series()).isNotSameAs(study.get(0).series());
    }

    @Test
    void differentValuesStayApart() {
        StudyGrouping grouping = new StudyGrouping(2);
        InstanceFacts first = facts("a1", "1.2.3", "A", "CT");
        InstanceFacts other = new InstanceFacts("a2", "1.2.3", "A", "1.2.3.A.a2", "1.2.840.10008.5.1.4.1.1.2", null,
                null, null, null, patient("Other^Name"), first.study(), series("CT"), List.of());
        grouping.add(included(first));
        grouping.add(included(other));

        List<InstanceFacts> study = grouping.takeFirstStudy();
        assertThat(study.get(1).patient().name()).isEqualTo("Other^Name");
        assertThat(study.get(1).series()).isSameAs(study.get(0).series());
    }

    private static FileOutcome included(InstanceFacts facts) {
        return new FileOutcome(FileReport.included(facts.path(), List.of()), facts);
    }

    private static InstanceFacts facts(String path, String studyUid, String seriesUid, String modality) {
        return new InstanceFacts(path, studyUid, seriesUid, studyUid + "." + seriesUid + "." + path,
                "1.2.840.10008.5.1.4.1.1.2", null, null, null, null, patient("Doe^Jane"),
                new InstanceFacts.Study("20210506", "070809", new String("Chest"), null, null, List.of(), List.of(), null,
                        null, List.of(), List.of(), null, null, null),
                series(modality), List.of());
    }

    private static InstanceFacts.Patient patient(String name) {
        return new InstanceFacts.Patient(new String(name), "PID-1", null, null, "F", "19700101", List.of());
    }

    private static InstanceFacts.Series series(String modality) {
        return new InstanceFacts.Series(new String(modality), "1", null, null, null, null, null, null, null, List.of(),
                List.of(), null, null, null, null, List.of());
    }
}
