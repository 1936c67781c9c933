package org.dicom2fhir.core.internal.mapping;

import java.util.Collection;
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

    /**
     * @param byPath   the instances, sorted by path
     * @param voters   who votes, for messages: {@code instances} or {@code instances of series <uid>}
     */
    Votes(List<InstanceFacts> byPath, String voters, Warnings warnings) {
        this.byPath = byPath;
        this.voters = voters;
        this.warnings = warnings;
    }

    /** The winning value, or null when no instance has one. */
    <T> T value(Attr attr, Function<InstanceFacts, T> getter) {
        // insertion order = order of first appearance by path, which breaks ties
        Map<T, int[]> counts = new LinkedHashMap<>();
        for (InstanceFacts f : byPath) {
            T v = getter.apply(f);
            if (isPresent(v)) {
                counts.computeIfAbsent(v, k -> new int[1])[0]++;
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
            warnings.add(MappingWarnings.CONFLICTING_VALUES, voters + " disagree on " + attr.label() + "; " + (tie
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
