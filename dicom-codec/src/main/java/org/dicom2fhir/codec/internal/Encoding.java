package org.dicom2fhir.codec.internal;

/** How a data set's elements are laid out: the three uncompressed encodings of PS3.5 A.1-A.3. */
public enum Encoding {
    IMPLICIT_VR_LITTLE_ENDIAN(TransferSyntaxes.IMPLICIT_VR_LITTLE_ENDIAN, false, false),
    EXPLICIT_VR_LITTLE_ENDIAN(TransferSyntaxes.EXPLICIT_VR_LITTLE_ENDIAN, true, false),
    EXPLICIT_VR_BIG_ENDIAN(TransferSyntaxes.EXPLICIT_VR_BIG_ENDIAN, true, true);

    private final String uid;
    private final boolean explicitVr;
    private final boolean bigEndian;

    Encoding(String uid, boolean explicitVr, boolean bigEndian) {
        this.uid = uid;
        this.explicitVr = explicitVr;
        this.bigEndian = bigEndian;
    }

    /** The transfer syntax that stands for this encoding when a file names none (or an unknown one). */
    public String uid() {
        return uid;
    }

    /** Whether element headers spell their VR (PS3.5 7.1.2), else the data dictionary gives it (7.1.3). */
    public boolean explicitVr() {
        return explicitVr;
    }

    public boolean bigEndian() {
        return bigEndian;
    }
}
