package org.dicom2fhir.api.dicom;

/** The value representations of DICOM PS3.5 section 6.2. */
public enum Vr {
    AE, AS, AT, CS, DA, DS, DT, FD, FL, IS, LO, LT, OB, OD, OF, OL, OV, OW, PN, SH, SL, SQ, SS, ST, SV, TM, UC, UI,
    UL, UN, UR, US, UT, UV;

    private static final Vr[] BY_CODE = new Vr[26 * 26];

    static {
        for (Vr vr : values()) {
            BY_CODE[index(vr.name().charAt(0), vr.name().charAt(1))] = vr;
        }
    }

    private static int index(int c0, int c1) {
        return (c0 - 'A') * 26 + (c1 - 'A');
    }

    /** The VR of these two characters (as they stand in an explicit-VR header), or null when there is none. */
    public static Vr of(int c0, int c1) {
        if (c0 < 'A' || c0 > 'Z' || c1 < 'A' || c1 > 'Z') {
            return null;
        }
        return BY_CODE[index(c0, c1)];
    }

    /** The VR of this code, e.g. {@code "PN"}, or null when it is none. */
    public static Vr of(String code) {
        return code == null || code.length() != 2 ? null : of(code.charAt(0), code.charAt(1));
    }
}
