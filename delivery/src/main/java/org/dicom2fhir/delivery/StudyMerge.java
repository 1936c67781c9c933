package org.dicom2fhir.delivery;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The merge of this run's ImagingStudy into the one the server holds, on JSON trees ({@link JsonTree}): everything
 * of the server's study is kept (notes, extensions, tags, endpoints and identifiers other systems wrote); series are
 * added or replaced by {@code uid} and, within a series, instances by {@code uid}, this run's fields winning; contained
 * resources are added or replaced by their (content-derived) ids; every other element this run has replaces the
 * server's. Then {@code numberOfSeries}, {@code numberOfInstances}, {@code modality} and {@code started} are
 * recomputed. The same code serves R4 and R5 (their ImagingStudy shapes agree on all of these).
 */
final class StudyMerge {
    /**
     * Elements that are the server's ({@code id}, {@code meta}, and {@code subject}: a merge happens only for the
     * same patient, and the server's reference to it stays as the server wrote it) or recomputed after the merge.
     */
    private static final Set<String> NOT_COPIED = Set.of("resourceType", "id", "meta", "subject", "series", "contained",
            "identifier", "numberOfSeries", "numberOfInstances", "modality", "started");

    private StudyMerge() {
    }

    /** The merged study: a new tree; {@code server} and {@code ours} are not changed. */
    static Map<String, Object> merge(Map<String, Object> server, Map<String, Object> ours) {
        Map<String, Object> merged = JsonTree.copy(server);
        ours.forEach((name, value) -> {
            if (!NOT_COPIED.contains(name)) {
                merged.put(name, JsonTree.copy(value));
            }
        });
        putList(merged, "identifier", union(server.get("identifier"), ours.get("identifier")));
        putList(merged, "contained", byKey(JsonTree.objects(server, "contained"), JsonTree.objects(ours, "contained"),
                "id", false));
        List<Map<String, Object>> series = byKey(JsonTree.objects(server, "series"), JsonTree.objects(ours, "series"),
                "uid", true);
        putList(merged, "series", series);
        recount(merged, series);
        putList(merged, "modality", modalities(server, ours, series));
        String started = earliest(JsonTree.string(server, "started"), JsonTree.string(ours, "started"));
        if (started != null) {
            merged.put("started", started);
        }
        return merged;
    }

    /**
     * Whether the server's study is about this run's patient: the same subject reference, and for a contained
     * Patient the same set of identifiers (system and value).
     */
    static boolean samePatient(Map<String, Object> server, Map<String, Object> ours) {
        String ourReference = JsonTree.string(JsonTree.object(ours.get("subject")), "reference");
        String serverReference = JsonTree.string(JsonTree.object(server.get("subject")), "reference");
        if (ourReference == null || !ourReference.equals(serverReference)) {
            return false;
        }
        if (!ourReference.startsWith("#")) {
            return true;
        }
        return identifiers(contained(server, ourReference.substring(1)))
                .equals(identifiers(contained(ours, ourReference.substring(1))));
    }

    private static Map<String, Object> contained(Map<String, Object> study, String id) {
        for (Map<String, Object> resource : JsonTree.objects(study, "contained")) {
            if (id.equals(resource.get("id"))) {
                return resource;
            }
        }
        return null;
    }

    private static Set<List<String>> identifiers(Map<String, Object> patient) {
        Set<List<String>> identifiers = new HashSet<>();
        for (Map<String, Object> identifier : JsonTree.objects(patient, "identifier")) {
            identifiers.add(java.util.Arrays.asList(JsonTree.string(identifier, "system"),
                    JsonTree.string(identifier, "value")));
        }
        return identifiers;
    }

    /**
     * The server's items, each replaced (or, with {@code overlay}, overlaid field by field) by ours of the same key,
     * then ours that are new, in our order.
     */
    private static List<Map<String, Object>> byKey(List<Map<String, Object>> server, List<Map<String, Object>> ours,
            String key, boolean overlay) {
        List<Map<String, Object>> merged = new ArrayList<>();
        for (Map<String, Object> item : server) {
            merged.add(JsonTree.copy(item));
        }
        for (Map<String, Object> item : ours) {
            Object id = item.get(key);
            int index = -1;
            for (int i = 0; id != null && i < merged.size(); i++) {
                if (id.equals(merged.get(i).get(key))) {
                    index = i;
                    break;
                }
            }
            if (index < 0) {
                merged.add(JsonTree.copy(item));
            } else if (overlay) {
                merged.set(index, overlaySeries(merged.get(index), item));
            } else {
                merged.set(index, JsonTree.copy(item));
            }
        }
        return merged;
    }

    /** A series: the server's fields, ours winning, instances merged by uid. */
    private static Map<String, Object> overlaySeries(Map<String, Object> server, Map<String, Object> ours) {
        Map<String, Object> merged = JsonTree.copy(server);
        ours.forEach((name, value) -> {
            if (!name.equals("instance")) {
                merged.put(name, JsonTree.copy(value));
            }
        });
        List<Map<String, Object>> instances = new ArrayList<>();
        for (Map<String, Object> instance : JsonTree.objects(server, "instance")) {
            instances.add(JsonTree.copy(instance));
        }
        for (Map<String, Object> instance : JsonTree.objects(ours, "instance")) {
            int index = -1;
            for (int i = 0; i < instances.size(); i++) {
                if (Objects.equals(instance.get("uid"), instances.get(i).get("uid"))) {
                    index = i;
                }
            }
            if (index < 0) {
                instances.add(JsonTree.copy(instance));
            } else {
                Map<String, Object> overlaid = instances.get(index);
                instance.forEach((name, value) -> overlaid.put(name, JsonTree.copy(value)));
            }
        }
        putList(merged, "instance", instances);
        return merged;
    }

    /** numberOfSeries, and numberOfInstances of the study and of each series that lists its instances. */
    private static void recount(Map<String, Object> study, List<Map<String, Object>> series) {
        long instances = 0;
        for (Map<String, Object> one : series) {
            List<Map<String, Object>> listed = JsonTree.objects(one, "instance");
            if (!listed.isEmpty()) {
                one.put("numberOfInstances", new JsonTree.Number(Integer.toString(listed.size())));
                instances += listed.size();
            } else if (one.get("numberOfInstances") instanceof JsonTree.Number n) {
                instances += Long.parseLong(n.text());
            }
        }
        if (!series.isEmpty()) {
            study.put("numberOfSeries", new JsonTree.Number(Integer.toString(series.size())));
            study.put("numberOfInstances", new JsonTree.Number(Long.toString(instances)));
        }
    }

    /**
     * The series' modalities, without repeats: those the server listed first, in its order (so that a merge that adds
     * nothing changes nothing), then new ones. Without any series modality, the server's and ours.
     */
    private static List<Object> modalities(Map<String, Object> server, Map<String, Object> ours,
            List<Map<String, Object>> series) {
        List<Object> ofSeries = new ArrayList<>();
        for (Map<String, Object> one : series) {
            if (one.get("modality") != null && !ofSeries.contains(one.get("modality"))) {
                ofSeries.add(one.get("modality"));
            }
        }
        List<Object> merged = new ArrayList<>();
        for (Object modality : list(server.get("modality"))) {
            if ((ofSeries.isEmpty() || ofSeries.contains(modality)) && !merged.contains(modality)) {
                merged.add(modality);
            }
        }
        for (Object modality : ofSeries.isEmpty() ? list(ours.get("modality")) : ofSeries) {
            if (!merged.contains(modality)) {
                merged.add(JsonTree.copy(modality));
            }
        }
        return merged;
    }

    /** The server's identifiers, then ours it lacks. */
    private static List<Object> union(Object server, Object ours) {
        List<Object> merged = new ArrayList<>(JsonTree.copy(list(server)));
        for (Object identifier : list(ours)) {
            if (!merged.contains(identifier)) {
                merged.add(JsonTree.copy(identifier));
            }
        }
        return merged;
    }

    /**
     * The earlier of two FHIR dateTimes: compared as instants when both carry a time and an offset, else as text
     * (dates of the same precision order as text); null when both are null.
     */
    static String earliest(String a, String b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        try {
            return OffsetDateTime.parse(b).isBefore(OffsetDateTime.parse(a)) ? b : a;
        } catch (DateTimeParseException e) {
            return b.compareTo(a) < 0 ? b : a;
        }
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> list ? list : List.of();
    }

    /** Sets a list, or removes the field when the list is empty (FHIR has no empty arrays). */
    private static void putList(Map<String, Object> map, String name, List<?> list) {
        if (list.isEmpty()) {
            map.remove(name);
        } else {
            map.put(name, list);
        }
    }
}
