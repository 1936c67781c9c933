package org.dicom2fhir.reader.part10;

/**
 * The value representations of PS3.5 6.2, with what the reader needs to know about each: the length
 * layout in explicit VR (PS3.5 7.1.2) and how a value is turned into strings.
 */
enum Vr {
    AE(Kind.TEXT, Text.MULTI | Text.TRIM_LEADING),
    AS(Kind.TEXT, Text.MULTI | Text.TRIM_LEADING),
    AT(Kind.TAG, 4),
    CS(Kind.TEXT, Text.MULTI | Text.TRIM_LEADING),
    DA(Kind.TEXT, Text.MULTI | Text.TRIM_LEADING),
    DS(Kind.TEXT, Text.MULTI | Text.TRIM_LEADING),
    DT(Kind.TEXT, Text.MULTI | Text.TRIM_LEADING),
    FD(Kind.FLOAT, 8),
    FL(Kind.FLOAT, 4),
    IS(Kind.TEXT, Text.MULTI | Text.TRIM_LEADING),
    LO(Kind.TEXT, Text.MULTI | Text.CHARSET),
    LT(Kind.TEXT, Text.CHARSET),
    OB(Kind.BULK, 0, true),
    OD(Kind.BULK, 0, true),
    OF(Kind.BULK, 0, true),
    OL(Kind.BULK, 0, true),
    OV(Kind.BULK, 0, true),
    OW(Kind.BULK, 0, true),
    PN(Kind.TEXT, Text.MULTI | Text.CHARSET | Text.PERSON_NAME),
    SH(Kind.TEXT, Text.MULTI | Text.CHARSET),
    SL(Kind.SIGNED, 4),
    SQ(Kind.SEQUENCE, 0, true),
    SS(Kind.SIGNED, 2),
    ST(Kind.TEXT, Text.CHARSET),
    SV(Kind.SIGNED, 8, true),
    TM(Kind.TEXT, Text.MULTI | Text.TRIM_LEADING),
    UC(Kind.TEXT, Text.MULTI | Text.CHARSET, true),
    UI(Kind.TEXT, Text.MULTI | Text.TRIM_LEADING),
    UL(Kind.UNSIGNED, 4),
    UN(Kind.BULK, 0, true),
    UR(Kind.TEXT, 0, true),
    US(Kind.UNSIGNED, 2),
    UT(Kind.TEXT, Text.CHARSET, true),
    UV(Kind.UNSIGNED, 8, true);

    enum Kind { TEXT, SIGNED, UNSIGNED, FLOAT, TAG, BULK, SEQUENCE }

    /** Flags of text VRs. */
    static final class Text {
        static final int MULTI = 1;          // backslash separates values
        static final int CHARSET = 2;        // decoded with the Specific Character Set, else default repertoire
        static final int TRIM_LEADING = 4;   // leading spaces are insignificant too
        static final int PERSON_NAME = 8;    // '^' and '=' reset ISO 2022 code elements

        private Text() {
        }
    }

    private static final Vr[] BY_CODE = new Vr[26 * 26];

    static {
        for (Vr vr : values()) {
            String name = vr.name();
            BY_CODE[(name.charAt(0) - 'A') * 26 + (name.charAt(1) - 'A')] = vr;
        }
    }

    /** The same VR in the api's terms. */
    final org.dicom2fhir.api.dicom.Vr api = org.dicom2fhir.api.dicom.Vr.valueOf(name());
    final Kind kind;
    /** For text: {@link Text} flags; for binary numbers: the size of one value in bytes. */
    final int detail;
    /** Explicit VR layout with two reserved bytes and a 32-bit length (PS3.5 Table 7.1-1). */
    final boolean longHeader;

    Vr(Kind kind, int detail) {
        this(kind, detail, false);
    }

    Vr(Kind kind, int detail, boolean longHeader) {
        this.kind = kind;
        this.detail = detail;
        this.longHeader = longHeader;
    }

    /** The VR spelled by two bytes of an explicit VR header, or {@code null} when they spell none. */
    static Vr of(int c0, int c1) {
        int a = c0 - 'A';
        int b = c1 - 'A';
        if (a < 0 || a >= 26 || b < 0 || b >= 26) {
            return null;
        }
        return BY_CODE[a * 26 + b];
    }

    boolean multiValued() {
        return (detail & Text.MULTI) != 0;
    }

    boolean usesCharset() {
        return (detail & Text.CHARSET) != 0;
    }

    boolean trimsLeading() {
        return (detail & Text.TRIM_LEADING) != 0;
    }

    boolean personName() {
        return (detail & Text.PERSON_NAME) != 0;
    }
}
