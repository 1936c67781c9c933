package org.dicom2fhir.codec.internal;

import java.io.IOException;
import java.util.function.IntFunction;
import org.dicom2fhir.api.ReasonCode;
import org.dicom2fhir.api.dicom.Tags;
import org.dicom2fhir.api.dicom.Vr;

/**
 * The header of the element at a position (PS3.5 7.1): tag, VR (explicit VR only), value length and
 * where the value starts. One mutable instance per read, refilled for every element: no object per
 * element.
 */
public final class ElementHeader {
    /** A value length of 0xFFFFFFFF. */
    public static final long UNDEFINED = -1;

    /** How an element's value is laid out (PS3.5 7.1, 7.5 and 6.2.2). */
    public enum Layout {
        /** A value of its length. */
        VALUE,
        /** A sequence of items in the data set's encoding. */
        SEQUENCE,
        /** A sequence whose VR became UN: its items are implicit VR little endian (PS3.5 6.2.2). */
        UN_SEQUENCE,
        /** An encapsulated value: fragments in items, up to a sequence delimiter. */
        FRAGMENTS,
        /** An undefined length on a VR that can have none: damage. */
        INVALID;

        /** Items follow the header: a sequence, or fragments. */
        public boolean hasItems() {
            return this == SEQUENCE || this == UN_SEQUENCE || this == FRAGMENTS;
        }

        /** How the data sets of the items are encoded, in a data set encoded as {@code enc}. */
        public Encoding itemEncoding(Encoding enc) {
            return this == UN_SEQUENCE ? Encoding.IMPLICIT_VR_LITTLE_ENDIAN : enc;
        }
    }

    /** Explicit VR layouts by {@code vr.ordinal() * 2 + (undefined length ? 1 : 0)}: no branch per element. */
    private static final Layout[] LAYOUTS = new Layout[Vr.values().length * 2];
    /** The layout such an element has when the dictionary says SQ (a UN value), else null. */
    private static final Layout[] LISTED = new Layout[Vr.values().length * 2];

    static {
        for (Vr v : Vr.values()) {
            for (int undefined = 0; undefined < 2; undefined++) {
                int row = v.ordinal() * 2 + undefined;
                if (v == Vr.SQ) {
                    LAYOUTS[row] = Layout.SEQUENCE;
                } else if (v == Vr.UN) {
                    // PS3.5 6.2.2: a sequence whose VR became UN; its items are implicit VR little endian
                    LAYOUTS[row] = undefined == 1 ? Layout.UN_SEQUENCE : Layout.VALUE;
                    LISTED[row] = undefined == 1 ? null : Layout.UN_SEQUENCE;
                } else if (undefined == 1) {
                    LAYOUTS[row] = VrTable.isBulk(v) ? Layout.FRAGMENTS : Layout.INVALID; // PS3.5 7.5, A.4
                } else {
                    LAYOUTS[row] = Layout.VALUE;
                }
            }
        }
    }

    private final IntFunction<Vr> dictionary;
    private int tag;
    private Vr vr;
    private boolean vrInvalid;
    private long length;
    private long valuePos;
    private int size;
    private Layout layout;
    /** The layout when the dictionary says SQ, for a value whose VR says nothing; else null. */
    private Layout listed;

    /**
     * @param dictionary the reader's data dictionary: the VR of a tag, or null when unknown; asked only
     *                   when an explicit VR header spells no VR (its layout is then the tag's VR's)
     */
    public ElementHeader(IntFunction<Vr> dictionary) {
        this.dictionary = dictionary;
    }

    /** Reads the header at {@code pos}; false when the input ends before a whole header. */
    public boolean read(ByteWindow w, long pos, Encoding enc) throws IOException {
        int i = w.fetch(pos, 8);
        if (i < 0) {
            return false;
        }
        byte[] b = w.buffer();
        boolean big = enc.bigEndian();
        tag = tagAt(b, i, big);
        vrInvalid = false;
        if (!enc.explicitVr() || (tag >>> 16) == 0xFFFE) {
            // implicit VR, and items and delimiters in every encoding: tag + 32-bit length
            vr = null;
            length = uint32(b, i + 4, big);
            size = 8;
            valuePos = pos + 8;
            if (enc.explicitVr()) {
                // an odd (FFFE,xxxx) tag in explicit VR was read with the item layout: an opaque value, as UN
                explicitLayout(Vr.UN);
            } else if (length == UNDEFINED) {
                layout = tag == Tags.PIXEL_DATA ? Layout.FRAGMENTS : Layout.SEQUENCE; // PS3.5 7.5
                listed = null;
            } else {
                layout = Layout.VALUE;
                listed = Layout.SEQUENCE;
            }
            return true;
        }
        Vr v = Vr.of(b[i + 4], b[i + 5]);
        boolean longHeader;
        if (v == null) {
            // PS3.5 7.1.2: unknown VRs use the 32-bit layout; a known tag uses its own VR's layout
            vrInvalid = true;
            v = dictionary.apply(tag);
            longHeader = v == null || VrTable.longHeader(v);
            if (v == null) {
                v = Vr.UN;
            }
        } else {
            longHeader = VrTable.longHeader(v);
        }
        vr = v;
        if (longHeader) {
            i = w.fetch(pos, 12);
            if (i < 0) {
                return false;
            }
            length = uint32(w.buffer(), i + 8, big);
            size = 12;
        } else {
            length = big ? (b[i + 6] & 0xFF) << 8 | (b[i + 7] & 0xFF) : (b[i + 7] & 0xFF) << 8 | (b[i + 6] & 0xFF);
            size = 8;
        }
        valuePos = pos + size;
        explicitLayout(v);
        return true;
    }

    private void explicitLayout(Vr v) {
        int row = v.ordinal() * 2 + (length == UNDEFINED ? 1 : 0);
        layout = LAYOUTS[row];
        listed = LISTED[row];
    }

    /**
     * How the element just read is laid out. A defined-length value whose VR says nothing (implicit VR,
     * or UN) is a sequence when the dictionary says SQ, and the dictionary is asked only when the
     * element is {@code materialised}: unrequested values are skipped by length without a lookup.
     * {@link Layout#INVALID}: an undefined length on a VR that can have none ({@link #check} fails it).
     */
    public Layout layout(boolean materialised) {
        return listed == null || !materialised ? layout : listedLayout();
    }

    private Layout listedLayout() {
        return dictionary.apply(tag) == Vr.SQ ? listed : layout;
    }

    /**
     * Checks the element just read at {@code at}: warns about an invalid VR code (see
     * {@link #vrInvalid()}), and fails an undefined length on a VR that can have none.
     *
     * @throws Damage the layout is {@link Layout#INVALID}
     */
    public void check(long at, ReadWarnings warnings) throws Damage {
        if (vrInvalid) {
            warnInvalidVr(at, warnings);
        }
        if (layout == Layout.INVALID) {
            throw invalidLayout(at);
        }
    }

    private void warnInvalidVr(long at, ReadWarnings warnings) {
        warnings.add(ReadWarnings.INVALID_VR, "Element " + Tags.format(tag) + " at byte " + at + " has an invalid VR; it was read as "
                + (vr == null ? Vr.UN : vr) + ".");
    }

    private Damage invalidLayout(long at) {
        return Damage.at(ReasonCode.MALFORMED, tag, at, "Element", " has an undefined length but VR " + vr + ".");
    }

    public int tag() {
        return tag;
    }

    /**
     * The VR to read the value with: explicit VR as the header spells it (the dictionary's, or UN,
     * when it spells none: see {@link #vrInvalid()}); {@code null} in implicit VR and for item and
     * delimiter tags.
     */
    public Vr vr() {
        return vr;
    }

    /** The VR bytes spelled no VR: {@link #vr()} is the dictionary's (or UN) and its layout was used. */
    public boolean vrInvalid() {
        return vrInvalid;
    }

    /** The value length, or {@link #UNDEFINED}. */
    public long length() {
        return length;
    }

    public boolean undefinedLength() {
        return length == UNDEFINED;
    }

    /** Where the value starts. */
    public long valuePos() {
        return valuePos;
    }

    /** The header's own size: 8 or 12 bytes. */
    public int size() {
        return size;
    }

    /** A 32-bit length; {@link #UNDEFINED} for 0xFFFFFFFF. */
    public static long uint32(byte[] b, int i, boolean big) {
        long v = big
                ? (b[i] & 0xFFL) << 24 | (b[i + 1] & 0xFF) << 16 | (b[i + 2] & 0xFF) << 8 | (b[i + 3] & 0xFF)
                : (b[i + 3] & 0xFFL) << 24 | (b[i + 2] & 0xFF) << 16 | (b[i + 1] & 0xFF) << 8 | (b[i] & 0xFF);
        return v == 0xFFFFFFFFL ? UNDEFINED : v;
    }

    /** A tag: group then element, each 16 bits in the encoding's byte order. */
    public static int tagAt(byte[] b, int i, boolean big) {
        return big
                ? (b[i] & 0xFF) << 24 | (b[i + 1] & 0xFF) << 16 | (b[i + 2] & 0xFF) << 8 | (b[i + 3] & 0xFF)
                : (b[i + 1] & 0xFF) << 24 | (b[i] & 0xFF) << 16 | (b[i + 3] & 0xFF) << 8 | (b[i + 2] & 0xFF);
    }
}
