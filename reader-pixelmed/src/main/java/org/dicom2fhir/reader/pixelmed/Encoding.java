package org.dicom2fhir.reader.pixelmed;

/** The three ways a data set's elements are laid out, with the transfer syntax that names each. */
enum Encoding {
    IMPLICIT_VR_LITTLE_ENDIAN("1.2.840.10008.1.2", false, false),
    EXPLICIT_VR_LITTLE_ENDIAN("1.2.840.10008.1.2.1", true, false),
    EXPLICIT_VR_BIG_ENDIAN("1.2.840.10008.1.2.2", true, true);

    final String uid;
    final boolean explicitVr;
    final boolean bigEndian;

    Encoding(String uid, boolean explicitVr, boolean bigEndian) {
        this.uid = uid;
        this.explicitVr = explicitVr;
        this.bigEndian = bigEndian;
    }
}
