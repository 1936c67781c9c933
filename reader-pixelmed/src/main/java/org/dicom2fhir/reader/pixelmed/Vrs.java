package org.dicom2fhir.reader.pixelmed;

/**
 * What this reader needs to know about value representations (PS3.5 6.2 and 7.1.2): which codes
 * exist, their header layout in explicit VR, and how their values become strings.
 */
final class Vrs {
    private static final int VALID = 1;
    private static final int LONG_LAYOUT = 2; // two reserved bytes and a 32-bit length
    private static final int BULK = 4; // bytes, never strings
    private static final int MULTI_VALUED_TEXT = 8; // text split on the backslash
    private static final int TRIMS_LEADING = 16; // leading spaces are padding too
    private static final int USES_CHARSET = 32; // decoded with the Specific Character Set
    private static final int SINGLE_TEXT = 64; // text that is never split

    private static final int[] FLAGS = new int[26 * 26];
    private static final String[] NAMES = new String[26 * 26];

    static {
        set("AE", MULTI_VALUED_TEXT | TRIMS_LEADING);
        set("AS", MULTI_VALUED_TEXT | TRIMS_LEADING);
        set("AT", 0);
        set("CS", MULTI_VALUED_TEXT | TRIMS_LEADING);
        set("DA", MULTI_VALUED_TEXT | TRIMS_LEADING);
        set("DS", MULTI_VALUED_TEXT | TRIMS_LEADING);
        set("DT", MULTI_VALUED_TEXT | TRIMS_LEADING);
        set("FD", 0);
        set("FL", 0);
        set("IS", MULTI_VALUED_TEXT | TRIMS_LEADING);
        set("LO", MULTI_VALUED_TEXT | USES_CHARSET);
        set("LT", SINGLE_TEXT | USES_CHARSET);
        set("OB", LONG_LAYOUT | BULK);
        set("OD", LONG_LAYOUT | BULK);
        set("OF", LONG_LAYOUT | BULK);
        set("OL", LONG_LAYOUT | BULK);
        set("OV", LONG_LAYOUT | BULK);
        set("OW", LONG_LAYOUT | BULK);
        set("PN", MULTI_VALUED_TEXT | USES_CHARSET);
        set("SH", MULTI_VALUED_TEXT | USES_CHARSET);
        set("SL", 0);
        set("SQ", LONG_LAYOUT);
        set("SS", 0);
        set("ST", SINGLE_TEXT | USES_CHARSET);
        set("SV", LONG_LAYOUT);
        set("TM", MULTI_VALUED_TEXT | TRIMS_LEADING);
        set("UC", LONG_LAYOUT | MULTI_VALUED_TEXT | USES_CHARSET);
        set("UI", MULTI_VALUED_TEXT | TRIMS_LEADING);
        set("UL", 0);
        set("UN", LONG_LAYOUT | BULK);
        set("UR", LONG_LAYOUT | SINGLE_TEXT);
        set("US", 0);
        set("UT", LONG_LAYOUT | SINGLE_TEXT | USES_CHARSET);
        set("UV", LONG_LAYOUT);
    }

    private Vrs() {
    }

    private static void set(String vr, int flags) {
        int i = index(vr.charAt(0), vr.charAt(1));
        FLAGS[i] = flags | VALID;
        NAMES[i] = vr;
    }

    private static int index(int c0, int c1) {
        int a = c0 - 'A';
        int b = c1 - 'A';
        return a < 0 || a >= 26 || b < 0 || b >= 26 ? -1 : a * 26 + b;
    }

    private static int flags(String vr) {
        if (vr == null || vr.length() != 2) {
            return 0;
        }
        int i = index(vr.charAt(0), vr.charAt(1));
        return i < 0 ? 0 : FLAGS[i];
    }

    /** The VR two header bytes spell, or {@code null} when they spell none. */
    /** The api's VR of a valid code; UN for anything else (the element is then read as bytes). */
    static org.dicom2fhir.api.dicom.Vr api(String vr) {
        org.dicom2fhir.api.dicom.Vr known = org.dicom2fhir.api.dicom.Vr.of(vr);
        return known == null ? org.dicom2fhir.api.dicom.Vr.UN : known;
    }

    static String of(int c0, int c1) {
        int i = index(c0 & 0xFF, c1 & 0xFF);
        return i < 0 ? null : NAMES[i];
    }

    static boolean isValid(String vr) {
        return (flags(vr) & VALID) != 0;
    }

    static boolean longLayout(String vr) {
        return (flags(vr) & LONG_LAYOUT) != 0;
    }

    static boolean isBulk(String vr) {
        return (flags(vr) & BULK) != 0;
    }

    static boolean isMultiValuedText(String vr) {
        return (flags(vr) & MULTI_VALUED_TEXT) != 0;
    }

    /** US SS UL SL SV UV FL FD AT: values are binary numbers. */
    static boolean isBinaryNumber(String vr) {
        int f = flags(vr);
        return (f & VALID) != 0 && (f & (BULK | MULTI_VALUED_TEXT | SINGLE_TEXT)) == 0 && !"SQ".equals(vr);
    }

    static boolean isSingleText(String vr) {
        return (flags(vr) & SINGLE_TEXT) != 0;
    }

    static boolean trimsLeading(String vr) {
        return (flags(vr) & TRIMS_LEADING) != 0;
    }

    static boolean usesCharset(String vr) {
        return (flags(vr) & USES_CHARSET) != 0;
    }
}
