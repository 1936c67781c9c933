package org.dicom2fhir.api.dicom;

import java.util.List;
import java.util.Objects;

/**
 * One attribute as a reader materialised it.
 *
 * <p>{@code values}: for text VRs the decoded values (split on the backslash for multi-valued VRs,
 * padding trimmed as PS3.5 prescribes for the VR; an empty value stays an empty string); for binary
 * numbers (US, SS, UL, SL, FL, FD, AT...) their decimal (AT: 8 hex digits) renderings; for bulk VRs
 * (OB, OW, UN, ...) empty. {@code items}: the items of a sequence (SQ), else empty. An element that is
 * present with zero length has no values and no items: "present but empty" differs from "absent".
 */
public record DicomElement(int tag, Vr vr, List<String> values, List<DicomDataSet> items) {
    public DicomElement {
        Objects.requireNonNull(vr, "vr");
        values = List.copyOf(values);
        items = List.copyOf(items);
    }

    public static DicomElement ofStrings(int tag, Vr vr, List<String> values) {
        return new DicomElement(tag, vr, values, List.of());
    }

    public static DicomElement ofItems(int tag, List<DicomDataSet> items) {
        return new DicomElement(tag, Vr.SQ, List.of(), items);
    }

    /** The first value, or {@code null} when there is none. */
    public String firstValue() {
        return values.isEmpty() ? null : values.get(0);
    }

    public boolean isSequence() {
        return vr == Vr.SQ;
    }

    @Override
    public String toString() {
        // Never print values: they may be patient data.
        return "DicomElement" + Tags.format(tag) + " " + vr + " values=" + values.size() + " items=" + items.size();
    }
}
