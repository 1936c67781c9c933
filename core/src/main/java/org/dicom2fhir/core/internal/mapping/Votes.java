package org.dicom2fhir.core.internal.mapping;

import org.dicom2fhir.api.WarningCode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.dicom2fhir.core.InstanceFacts;

/**
 * The agreed value of an attribute across a group of instances (a study, or a series): absent and
 * empty values do not vote; the value held by most instances wins; a tie goes to the value of the first
 * file in sorted path order; any disagreement gives a CONFLICTING_VALUES warning naming the attribute,
 * never the values.
 */
final class Votes {
    private final List<InstanceFacts> byPath;
    private final String voters;
    private final Warnings warnings;
    private Tally<InstanceFacts.Patient> patients;
    private Tally<InstanceFacts.Study> studies;
    private Tally<InstanceFacts.Series> series;

    /**
     * @param byPath   the instances, sorted by path
     * @param voters   who votes, for messages: {@code instances} or {@code instances of series <uid>}
     */
    Votes(List<InstanceFacts> byPath, String voters, Warnings warnings) {
        this.byPath = byPath;
        this.voters = voters;
        this.warnings = warnings;
    }

    /** The winning value of a per-instance attribute, or null when no instance has one. */
    <T> T value(Attr attr, Function<InstanceFacts, T> getter) {
        return vote(attr, byPath, null, getter);
    }

    /** The winning value of a patient-level attribute; see {@link #tally}. */
    <T> T patientValue(Attr attr, Function<InstanceFacts.Patient, T> getter) {
        if (patients == null) {
            patients = tally(InstanceFacts::patient);
        }
        return vote(attr, patients.groups, patients.weights, getter);
    }

    /** The winning value of a study-level attribute; see {@link #tally}. */
    <T> T studyValue(Attr attr, Function<InstanceFacts.Study, T> getter) {
        if (studies == null) {
            studies = tally(InstanceFacts::study);
        }
        return vote(attr, studies.groups, studies.weights, getter);
    }

    /** The winning value of a series-level attribute; see {@link #tally}. */
    <T> T seriesValue(Attr attr, Function<InstanceFacts.Series, T> getter) {
        if (series == null) {
            series = tally(InstanceFacts::series);
        }
        return vote(attr, series.groups, series.weights, getter);
    }

    /**
     * The distinct groups of values (patient, study or series records; shared by the grouping, so
     * usually one object for a whole study) in order of first appearance by path, with how many
     * instances hold each. Voting over these instead of every instance counts the same values in the
     * same order (a value first appears with the group of the first instance holding it), but a
     * study's two dozen votes no longer walk every instance each.
     */
    private <G> Tally<G> tally(Function<InstanceFacts, G> group) {
        Map<G, int[]> counts = new IdentityHashMap<>();
        List<G> groups = new ArrayList<>();
        for (InstanceFacts f : byPath) {
            G g = group.apply(f);
            int[] count = counts.get(g);
            if (count == null) {
                count = new int[1];
                counts.put(g, count);
                groups.add(g);
            }
            count[0]++;
        }
        int[] weights = new int[groups.size()];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = counts.get(groups.get(i))[0];
        }
        return new Tally<>(groups, weights);
    }

    private record Tally<G>(List<G> groups, int[] weights) {
    }

    /** @param weights how many instances each ballot stands for; null: one each */
    private <B, T> T vote(Attr attr, List<B> ballots, int[] weights, Function<B, T> getter) {
        // insertion order = order of first appearance by path, which breaks ties
        Map<T, int[]> counts = new LinkedHashMap<>();
        for (int i = 0; i < ballots.size(); i++) {
            T v = getter.apply(ballots.get(i));
            if (isPresent(v)) {
                counts.computeIfAbsent(v, k -> new int[1])[0] += weights == null ? 1 : weights[i];
            }
        }
        if (counts.isEmpty()) {
            return null;
        }
        T winner = null;
        int best = 0;
        boolean tie = false;
        for (Map.Entry<T, int[]> e : counts.entrySet()) {
            int n = e.getValue()[0];
            if (n > best) {
                winner = e.getKey();
                best = n;
                tie = false;
            } else if (n == best) {
                tie = true;
            }
        }
        if (counts.size() > 1) {
            warnings.add(WarningCode.CONFLICTING_VALUES, voters + " disagree on " + attr.label() + "; " + (tie
                    ? "no value was held by most instances, so the value of the first file in sorted path order"
                            + " was used"
                    : "the value held by most instances was used"));
        }
        return winner;
    }

    private static boolean isPresent(Object v) {
        if (v == null) {
            return false;
        }
        if (v instanceof String s) {
            return Text.clean(s) != null;
        }
        if (v instanceof Collection<?> c) {
            return !c.isEmpty();
        }
        return true;
    }
}
