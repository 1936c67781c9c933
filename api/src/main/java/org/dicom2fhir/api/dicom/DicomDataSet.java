package org.dicom2fhir.api.dicom;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** An immutable set of elements ordered by tag (a data set, a sequence item, or the File Meta group). */
public final class DicomDataSet {
    private static final DicomDataSet EMPTY = new DicomDataSet(new DicomElement[0]);

    private final DicomElement[] elements; // sorted by unsigned tag, no duplicates

    private DicomDataSet(DicomElement[] elements) {
        this.elements = elements;
    }

    public static DicomDataSet empty() {
        return EMPTY;
    }

    /** Builds a data set; on duplicate tags the first occurrence wins. */
    public static DicomDataSet of(List<DicomElement> elements) {
        if (elements.isEmpty()) {
            return EMPTY;
        }
        DicomElement[] sorted = elements.toArray(new DicomElement[0]);
        if (strictlyAscending(sorted)) {
            return new DicomDataSet(sorted); // a file's own order, the usual case: nothing to sort or drop
        }
        Arrays.sort(sorted, (a, b) -> Integer.compareUnsigned(a.tag(), b.tag()));
        List<DicomElement> unique = new ArrayList<>(sorted.length);
        for (DicomElement e : sorted) {
            if (unique.isEmpty() || unique.get(unique.size() - 1).tag() != e.tag()) {
                unique.add(e);
            }
        }
        // stable sort keeps input order among equal tags, so the first occurrence is kept above
        return new DicomDataSet(unique.toArray(new DicomElement[0]));
    }

    private static boolean strictlyAscending(DicomElement[] elements) {
        for (int i = 1; i < elements.length; i++) {
            if (Integer.compareUnsigned(elements[i - 1].tag(), elements[i].tag()) >= 0) {
                return false;
            }
        }
        return true;
    }

    public static DicomDataSet of(DicomElement... elements) {
        return of(Arrays.asList(elements));
    }

    private int indexOf(int tag) {
        int lo = 0;
        int hi = elements.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = Integer.compareUnsigned(elements[mid].tag(), tag);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    /** The element, or {@code null} when absent. */
    public DicomElement get(int tag) {
        int i = indexOf(tag);
        return i < 0 ? null : elements[i];
    }

    public boolean contains(int tag) {
        return indexOf(tag) >= 0;
    }

    /** The first value of the element, or {@code null} when absent or empty. */
    public String string(int tag) {
        DicomElement e = get(tag);
        return e == null ? null : e.firstValue();
    }

    /** All values of the element; empty when absent. */
    public List<String> strings(int tag) {
        DicomElement e = get(tag);
        return e == null ? List.of() : e.values();
    }

    /** The items of a sequence; empty when absent or not a sequence. */
    public List<DicomDataSet> items(int tag) {
        DicomElement e = get(tag);
        return e == null ? List.of() : e.items();
    }

    /** Every element, in tag order. */
    public List<DicomElement> elements() {
        return Collections.unmodifiableList(Arrays.asList(elements));
    }

    public int size() {
        return elements.length;
    }

    public boolean isEmpty() {
        return elements.length == 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DicomDataSet other && Arrays.equals(elements, other.elements);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(elements);
    }

    @Override
    public String toString() {
        return "DicomDataSet[" + elements.length + " elements]";
    }
}
