package org.dicom2fhir.codec;

/** How a data set's elements are laid out: the three uncompressed encodings of PS3.5 A.1-A.3. */
public enum Encoding {
    IMPLICIT_VR_LITTLE_ENDIAN(TransferSyntaxes.IMPLICIT_VR_LITTLE_ENDIAN, false, false),
    EXPLICIT_VR_LITTLE_ENDIAN(TransferSyntaxes.EXPLICIT_VR_LITTLE_ENDIAN, true, false),
    EXPLICIT_VR_BIG_ENDIAN(TransferSyntaxes.EXPLICIT_VR_BIG_ENDIAN, true, true);

    /** The transfer syntax that stands for this encoding when a file names none (or an unknown one). */
    public final String uid;
    public final boolean explicitVr;
    public final boolean bigEndian;

    Encoding(String uid, boolean explicitVr, boolean bigEndian) {
        this.uid = uid;
        this.explicitVr = explicitVr;
        this.bigEndian = bigEndian;
    }
}
