package org.dicom2fhir.core.internal.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.dicom2fhir.core.InstanceFacts;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Votes over the distinct patient/study/series records (weighted by how many instances hold each)
 * must give what voting instance by instance gives: the winner, the tie-break by first file in path
 * order, and the conflict warning. Seeded folders mix shared records, equal-but-distinct copies (an
 * interner may have let one go) and absent values.
 */
class VotesTest {
    private static final String[] VALUES = {"A", "B", "C", " ", null};

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void groupedVotesEqualVotesInstanceByInstance(long seed) {
        Random random = new Random(seed);
        List<InstanceFacts.Study> studies = new ArrayList<>();
        List<InstanceFacts.Series> series = new ArrayList<>();
        List<InstanceFacts.Patient> patients = new ArrayList<>();
        for (int i = 0; i < 1 + random.nextInt(4); i++) {
            String description = pick(random);
            studies.add(new InstanceFacts.Study(null, null, description, null, null, List.of(), List.of(), null, null, List.of(), List.of(), null, null, null));
            series.add(new InstanceFacts.Series(pick(random), null, pick(random), null, null, null, null, null, null, List.of(), List.of(), null,
                    null, null, null, List.of()));
            patients.add(new InstanceFacts.Patient(pick(random), null, null, null, null, null, List.of()));
        }
        List<InstanceFacts> byPath = new ArrayList<>();
        int count = 1 + random.nextInt(40);
        for (int i = 0; i < count; i++) {
            int g = random.nextInt(studies.size());
            InstanceFacts.Study study = studies.get(g);
            if (random.nextInt(5) == 0) { // an equal record that is not the same object
                study = new InstanceFacts.Study(null, null, study.description(), null, null, List.of(), List.of(), null, null, List.of(), List.of(), null,
                        null, null);
            }
            byPath.add(new InstanceFacts(String.format("f%03d", i), "1.2.3", "1.2.3.4", "1.2.3.4." + i, "1.2",
                    null, null, null, null, patients.get(random.nextInt(patients.size())), study,
                    series.get(random.nextInt(series.size())), List.of()));
        }
        check(byPath, Attr.STUDY_DESCRIPTION, InstanceFacts::study, InstanceFacts.Study::description,
                Votes::studyValue);
        check(byPath, Attr.MODALITY, InstanceFacts::series, InstanceFacts.Series::modality, Votes::seriesValue);
        check(byPath, Attr.SERIES_DESCRIPTION, InstanceFacts::series, InstanceFacts.Series::description,
                Votes::seriesValue);
        check(byPath, Attr.PATIENT_NAME, InstanceFacts::patient, InstanceFacts.Patient::name, Votes::patientValue);
    }

    private interface GroupedVote<G> {
        String vote(Votes votes, Attr attr, Function<G, String> getter);
    }

    private static <G> void check(List<InstanceFacts> byPath, Attr attr, Function<InstanceFacts, G> group,
            Function<G, String> getter, GroupedVote<G> grouped) {
        Warnings perInstanceWarnings = new Warnings();
        String perInstance = new Votes(byPath, "instances", perInstanceWarnings)
                .value(attr, f -> getter.apply(group.apply(f)));
        Warnings groupedWarnings = new Warnings();
        String groupedWinner = grouped.vote(new Votes(byPath, "instances", groupedWarnings), attr, getter);
        assertThat(groupedWinner).as("%s", attr).isEqualTo(perInstance);
        assertThat(groupedWarnings.list()).as("%s", attr).isEqualTo(perInstanceWarnings.list());
    }

    private static String pick(Random random) {
        return VALUES[random.nextInt(VALUES.length)];
    }
}
