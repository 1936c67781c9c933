package org.dicom2fhir.codec.internal;

import org.dicom2fhir.api.dicom.Vr;

/**
 * What a reader needs to know about each value representation (PS3.5 6.2 and 7.1.2), keyed by the
 * api's {@link Vr}: the header layout in explicit VR, and how a value becomes strings. One table for
 * every reader; looked up by {@link Vr#ordinal()}, so a lookup per element allocates nothing.
 */
public final class VrTable {
    private static final int LONG_HEADER = 1; // two reserved bytes and a 32-bit length (PS3.5 Table 7.1-1)
    private static final int BULK = 2; // bytes, never strings
    private static final int TEXT = 4; // characters
    private static final int MULTI_VALUED = 8; // text split on the backslash
    private static final int TRIMS_LEADING = 16; // leading spaces are padding too
    private static final int USES_CHARSET = 32; // decoded with the Specific Character Set, else the default repertoire
    private static final int PERSON_NAME = 64; // '^' and '=' delimit components and groups

    private static final int[] FLAGS = new int[Vr.values().length];
    private static final int[] SIZES = new int[Vr.values().length];

    static {
        int asciiText = TEXT | MULTI_VALUED | TRIMS_LEADING;
        set(Vr.AE, asciiText, 0);
        set(Vr.AS, asciiText, 0);
        set(Vr.AT, 0, 4);
        set(Vr.CS, asciiText, 0);
        set(Vr.DA, asciiText, 0);
        set(Vr.DS, asciiText, 0);
        set(Vr.DT, asciiText, 0);
        set(Vr.FD, 0, 8);
        set(Vr.FL, 0, 4);
        set(Vr.IS, asciiText, 0);
        set(Vr.LO, TEXT | MULTI_VALUED | USES_CHARSET, 0);
        set(Vr.LT, TEXT | USES_CHARSET, 0);
        set(Vr.OB, LONG_HEADER | BULK, 0);
        set(Vr.OD, LONG_HEADER | BULK, 0);
        set(Vr.OF, LONG_HEADER | BULK, 0);
        set(Vr.OL, LONG_HEADER | BULK, 0);
        set(Vr.OV, LONG_HEADER | BULK, 0);
        set(Vr.OW, LONG_HEADER | BULK, 0);
        set(Vr.PN, TEXT | MULTI_VALUED | USES_CHARSET | PERSON_NAME, 0);
        set(Vr.SH, TEXT | MULTI_VALUED | USES_CHARSET, 0);
        set(Vr.SL, 0, 4);
        set(Vr.SQ, LONG_HEADER, 0);
        set(Vr.SS, 0, 2);
        set(Vr.ST, TEXT | USES_CHARSET, 0);
        set(Vr.SV, LONG_HEADER, 8);
        set(Vr.TM, asciiText, 0);
        set(Vr.UC, LONG_HEADER | TEXT | MULTI_VALUED | USES_CHARSET, 0);
        set(Vr.UI, asciiText, 0);
        set(Vr.UL, 0, 4);
        set(Vr.UN, LONG_HEADER | BULK, 0);
        set(Vr.UR, LONG_HEADER | TEXT, 0);
        set(Vr.US, 0, 2);
        set(Vr.UT, LONG_HEADER | TEXT | USES_CHARSET, 0);
        set(Vr.UV, LONG_HEADER, 8);
        for (Vr vr : Vr.values()) {
            if (FLAGS[vr.ordinal()] == 0 && SIZES[vr.ordinal()] == 0) {
                throw new ExceptionInInitializerError("VrTable lacks " + vr);
            }
        }
    }

    private VrTable() {
    }

    private static void set(Vr vr, int flags, int size) {
        FLAGS[vr.ordinal()] = flags;
        SIZES[vr.ordinal()] = size;
    }

    /** In explicit VR: two reserved bytes and a 32-bit length follow the VR, else a 16-bit length. */
    public static boolean longHeader(Vr vr) {
        return (FLAGS[vr.ordinal()] & LONG_HEADER) != 0;
    }

    /** OB OD OF OL OV OW UN: bytes that give no values. */
    public static boolean isBulk(Vr vr) {
        return (FLAGS[vr.ordinal()] & BULK) != 0;
    }

    /** Character values: AE AS CS DA DS DT IS LO LT PN SH ST TM UC UI UR UT. */
    public static boolean isText(Vr vr) {
        return (FLAGS[vr.ordinal()] & TEXT) != 0;
    }

    /** Text split into values on the backslash: every text VR but LT, ST, UT and UR. */
    public static boolean isMultiValuedText(Vr vr) {
        return (FLAGS[vr.ordinal()] & MULTI_VALUED) != 0;
    }

    /** Leading spaces are padding too (AE AS CS DA DS DT IS TM UI), not only trailing ones. */
    public static boolean trimsLeading(Vr vr) {
        return (FLAGS[vr.ordinal()] & TRIMS_LEADING) != 0;
    }

    /** Decoded with the Specific Character Set (LO LT PN SH ST UC UT); the others are the default repertoire. */
    public static boolean usesCharset(Vr vr) {
        return (FLAGS[vr.ordinal()] & USES_CHARSET) != 0;
    }

    /** PN: '^' and '=' delimit components and component groups. */
    public static boolean isPersonName(Vr vr) {
        return (FLAGS[vr.ordinal()] & PERSON_NAME) != 0;
    }

    /** US SS UL SL UV SV FL FD AT: values are binary numbers of {@link #valueSize} bytes each. */
    public static boolean isBinaryNumber(Vr vr) {
        return SIZES[vr.ordinal()] != 0;
    }

    /** The size in bytes of one binary value; 0 for the VRs that are no binary numbers. */
    public static int valueSize(Vr vr) {
        return SIZES[vr.ordinal()];
    }
}
