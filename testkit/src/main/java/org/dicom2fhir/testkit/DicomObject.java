package org.dicom2fhir.testkit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Mutable builder of a data set or sequence item. Values are kept as Java strings (text VRs), numbers
 * (binary number VRs) or raw bytes; the writer encodes them. Elements are always written in ascending
 * (unsigned) tag order, whatever the order they were set in.
 *
 * <p>Nothing here recurses on nesting depth: objects nested 10,000 levels deep can be built, copied
 * and written with the default thread stack.
 */
public final class DicomObject {

    /** One element's value, as the builder keeps it. */
    sealed interface Value permits Text, Raw, Ints, Floats, Items, Empty {
    }

    /** Text for a text VR; multiple values already joined with a backslash. */
    record Text(String text) implements Value {
    }

    /** Raw value bytes; {@code padToEven} false writes an odd length as is. */
    record Raw(byte[] bytes, boolean padToEven) implements Value {
    }

    /** US, SS, UL, SL (UL values above 2^31 as their int bit pattern) and AT (the tag as 0xggggeeee). */
    record Ints(int[] values) implements Value {
    }

    /** FL and FD. */
    record Floats(double[] values) implements Value {
    }

    record Items(List<DicomObject> items) implements Value {
    }

    /** Present with zero length. */
    record Empty() implements Value {
    }

    record Attribute(int tag, String vr, Value value) {
    }

    private final TreeMap<Integer, Attribute> attributes = new TreeMap<>(Integer::compareUnsigned);

    public DicomObject() {
    }

    /**
     * Sets a text element (AE AS CS DA DS DT IS LO LT PN SH ST TM UC UI UR UT); several values are
     * joined with a backslash; no values means present but empty. For the binary number VRs (US SS UL
     * SL FL FD AT) the values are parsed as decimal numbers (AT: 8 hex digits).
     */
    public DicomObject set(int tag, String vr, String... values) {
        checkVr(vr);
        if (values == null || values.length == 0) {
            return setEmpty(tag, vr);
        }
        switch (vr) {
            case "US", "SS", "UL", "SL" -> {
                int[] ints = new int[values.length];
                for (int i = 0; i < values.length; i++) {
                    ints[i] = (int) Long.parseLong(values[i].trim());
                }
                return setInts(tag, vr, ints);
            }
            case "AT" -> {
                int[] ints = new int[values.length];
                for (int i = 0; i < values.length; i++) {
                    ints[i] = (int) Long.parseLong(values[i].trim(), 16);
                }
                return setInts(tag, vr, ints);
            }
            case "FL", "FD" -> {
                double[] doubles = new double[values.length];
                for (int i = 0; i < values.length; i++) {
                    doubles[i] = Double.parseDouble(values[i].trim());
                }
                return setFloats(tag, vr, doubles);
            }
            case "SQ" -> throw new IllegalArgumentException("use setSequence for " + tagText(tag));
            default -> {
                String joined = values.length == 1 ? Objects.requireNonNullElse(values[0], "")
                        : Arrays.stream(values).map(v -> Objects.requireNonNullElse(v, ""))
                                .collect(Collectors.joining("\\"));
                return put(tag, vr, new Text(joined));
            }
        }
    }

    /**
     * Sets raw value bytes, written as given (an odd length is padded to even: NUL for UI and binary
     * VRs, space for text). Text given this way bypasses character-set encoding (pre-encoded or
     * deliberately invalid bytes). The VR may be any two characters in 0x00-0xFF (an unknown code is
     * written with the 4-byte length layout of PS3.5 7.1.2).
     */
    public DicomObject setBytes(int tag, String vr, byte[] raw) {
        checkRawVr(vr);
        return put(tag, vr, new Raw(raw.clone(), true));
    }

    /** Sets raw value bytes written exactly as given, even with an odd length (malformed-input fixtures). */
    public DicomObject setBytesUnpadded(int tag, String vr, byte[] raw) {
        checkRawVr(vr);
        return put(tag, vr, new Raw(raw.clone(), false));
    }

    /** Sets US, SS, UL or SL values, or AT values given as 0xggggeeee. */
    public DicomObject setInts(int tag, String vr, int... values) {
        checkVr(vr);
        if (!List.of("US", "SS", "UL", "SL", "AT").contains(vr)) {
            throw new IllegalArgumentException("setInts takes US, SS, UL, SL or AT, not " + vr + " for " + tagText(tag));
        }
        return put(tag, vr, values.length == 0 ? new Empty() : new Ints(values.clone()));
    }

    /** Sets FL or FD values. */
    public DicomObject setFloats(int tag, String vr, double... values) {
        checkVr(vr);
        if (!vr.equals("FL") && !vr.equals("FD")) {
            throw new IllegalArgumentException("setFloats takes FL or FD, not " + vr + " for " + tagText(tag));
        }
        return put(tag, vr, values.length == 0 ? new Empty() : new Floats(values.clone()));
    }

    /** Sets a sequence (SQ); the items are kept by reference, so later changes to them show. */
    public DicomObject setSequence(int tag, DicomObject... items) {
        return setSequence(tag, Arrays.asList(items));
    }

    public DicomObject setSequence(int tag, List<DicomObject> items) {
        for (DicomObject item : items) {
            Objects.requireNonNull(item, "item");
        }
        return put(tag, "SQ", new Items(new ArrayList<>(items)));
    }

    /** The element is present with zero length. */
    public DicomObject setEmpty(int tag, String vr) {
        checkVr(vr);
        return put(tag, vr, vr.equals("SQ") ? new Items(new ArrayList<>()) : new Empty());
    }

    public DicomObject remove(int tag) {
        attributes.remove(tag);
        return this;
    }

    public boolean contains(int tag) {
        return attributes.containsKey(tag);
    }

    /** The VR the element was set with, or {@code null} when absent. */
    public String vr(int tag) {
        Attribute a = attributes.get(tag);
        return a == null ? null : a.vr();
    }

    /**
     * The value as a string: text as set (values joined with a backslash), numbers in decimal (AT in 8
     * hex digits) joined with a backslash, "" when present but empty; {@code null} when absent, raw or
     * a sequence.
     */
    public String getString(int tag) {
        Attribute a = attributes.get(tag);
        if (a == null) {
            return null;
        }
        Value v = a.value();
        if (v instanceof Text t) {
            return t.text();
        }
        if (v instanceof Empty) {
            return "";
        }
        if (v instanceof Ints ints) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < ints.values().length; i++) {
                if (i > 0) {
                    sb.append('\\');
                }
                int x = ints.values()[i];
                switch (a.vr()) {
                    case "US" -> sb.append(x & 0xFFFF);
                    case "SS" -> sb.append((short) x);
                    case "UL" -> sb.append(Integer.toUnsignedString(x));
                    case "AT" -> sb.append(String.format("%08X", x));
                    default -> sb.append(x);
                }
            }
            return sb.toString();
        }
        if (v instanceof Floats f) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < f.values().length; i++) {
                if (i > 0) {
                    sb.append('\\');
                }
                sb.append(a.vr().equals("FL") ? Float.toString((float) f.values()[i]) : Double.toString(f.values()[i]));
            }
            return sb.toString();
        }
        return null;
    }

    /** The values split on the backslash; empty when absent or empty. */
    public List<String> getStrings(int tag) {
        String s = getString(tag);
        if (s == null || s.isEmpty()) {
            return List.of();
        }
        return List.of(s.split("\\\\", -1));
    }

    /** A copy of the raw bytes, or {@code null} when absent or not set as bytes. */
    public byte[] getBytes(int tag) {
        Attribute a = attributes.get(tag);
        return a != null && a.value() instanceof Raw r ? r.bytes().clone() : null;
    }

    /** The items of a sequence (live list), or an empty list when absent or not a sequence. */
    public List<DicomObject> getSequence(int tag) {
        Attribute a = attributes.get(tag);
        return a != null && a.value() instanceof Items items ? items.items() : List.of();
    }

    /** The tags present, in ascending unsigned order. */
    public List<Integer> tags() {
        return List.copyOf(attributes.keySet());
    }

    public int size() {
        return attributes.size();
    }

    /** Copies all elements of {@code other} into this object (deep copies of sequences), replacing equal tags. */
    public DicomObject putAll(DicomObject other) {
        DicomObject c = other.copy();
        attributes.putAll(c.attributes);
        return this;
    }

    /** A deep copy (sequences and items copied too), built without recursion. */
    public DicomObject copy() {
        DicomObject root = new DicomObject();
        Deque<DicomObject[]> work = new ArrayDeque<>();
        work.push(new DicomObject[] {this, root});
        while (!work.isEmpty()) {
            DicomObject[] pair = work.pop();
            DicomObject source = pair[0];
            DicomObject target = pair[1];
            for (Map.Entry<Integer, Attribute> e : source.attributes.entrySet()) {
                Attribute a = e.getValue();
                if (a.value() instanceof Items items) {
                    List<DicomObject> copies = new ArrayList<>(items.items().size());
                    for (DicomObject item : items.items()) {
                        DicomObject c = new DicomObject();
                        copies.add(c);
                        work.push(new DicomObject[] {item, c});
                    }
                    target.attributes.put(e.getKey(), new Attribute(a.tag(), a.vr(), new Items(copies)));
                } else {
                    // every other value is immutable or defensively copied on the way in and out
                    target.attributes.put(e.getKey(), a);
                }
            }
        }
        return root;
    }

    /** The attributes in tag order (for the writer). */
    Collection<Attribute> attributes() {
        return Collections.unmodifiableCollection(attributes.values());
    }

    /** Puts an attribute as is (sequence items shared, not copied). */
    void putAttribute(Attribute a) {
        attributes.put(a.tag(), a);
    }

    Attribute attribute(int tag) {
        return attributes.get(tag);
    }

    private DicomObject put(int tag, String vr, Value value) {
        if (tag == 0xFFFEE000 || tag == 0xFFFEE00D || tag == 0xFFFEE0DD) {
            throw new IllegalArgumentException("item and delimitation tags are written by the writer, not set: " + tagText(tag));
        }
        attributes.put(tag, new Attribute(tag, vr, value));
        return this;
    }

    private static void checkVr(String vr) {
        if (vr == null || vr.length() != 2 || !isUpper(vr.charAt(0)) || !isUpper(vr.charAt(1))) {
            throw new IllegalArgumentException("a VR is two upper-case letters A-Z");
        }
    }

    private static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    /** Raw values may carry any two-byte VR code (malformed-input fixtures: "??", "\0\0"...). */
    private static void checkRawVr(String vr) {
        if (vr == null || vr.length() != 2 || vr.charAt(0) > 0xFF || vr.charAt(1) > 0xFF) {
            throw new IllegalArgumentException("a VR is two characters in 0x00-0xFF");
        }
    }

    static String tagText(int tag) {
        return String.format("(%04X,%04X)", tag >>> 16, tag & 0xFFFF);
    }

    @Override
    public String toString() {
        // never print values: they may stand for patient data in tests
        return "DicomObject[" + attributes.size() + " elements]";
    }
}
