package org.dicom2fhir.core.internal.mapping;

import java.util.ArrayList;
import java.util.List;
import org.dicom2fhir.api.model.NameData;
import org.dicom2fhir.api.model.NameRepresentation;

/**
 * DICOM PN -> FHIR HumanNames: up to three groups separated by {@code =} (alphabetic, ideographic,
 * phonetic), each with components {@code family^given^middle^prefix^suffix}.
 */
final class PersonNames {
    private static final NameRepresentation[] GROUPS = {
        NameRepresentation.ALPHABETIC, NameRepresentation.IDEOGRAPHIC, NameRepresentation.PHONETIC};

    private PersonNames() {
    }

    /** One name per non-empty group, in group order; empty for an absent or entirely empty name. */
    static List<NameData> names(String pn) {
        if (Text.clean(pn) == null) {
            return List.of();
        }
        String[] groups = pn.split("=", -1);
        List<NameData> names = new ArrayList<>(GROUPS.length);
        for (int g = 0; g < Math.min(groups.length, GROUPS.length); g++) {
            NameData name = name(groups[g], GROUPS[g]);
            if (name != null) {
                names.add(name);
            }
        }
        return List.copyOf(names);
    }

    private static NameData name(String group, NameRepresentation representation) {
        String[] parts = group.split("\\^", -1);
        String family = component(parts, 0);
        String given = component(parts, 1);
        String middle = component(parts, 2);
        String prefix = component(parts, 3);
        String suffix = component(parts, 4);
        if (family == null && given == null && middle == null && prefix == null && suffix == null) {
            return null;
        }
        // given and middle are kept whole: a given component "Anna Maria" is one given name
        return new NameData(family, nonNull(given, middle), nonNull(prefix), nonNull(suffix), representation);
    }

    private static String component(String[] parts, int index) {
        return index < parts.length ? Text.clean(parts[index]) : null;
    }

    private static List<String> nonNull(String... values) {
        List<String> list = new ArrayList<>(values.length);
        for (String v : values) {
            if (v != null) {
                list.add(v);
            }
        }
        return list;
    }
}
