package org.dicom2fhir.testkit;

/**
 * The transfer syntaxes the test-file writer can produce. Encapsulated ones use an explicit VR little
 * endian header and wrap Pixel Data as one fragment (the fragment bytes are not really compressed:
 * header readers never decode them).
 */
public enum TransferSyntax {
    IMPLICIT_VR_LITTLE_ENDIAN("1.2.840.10008.1.2", false, false, false, false),
    EXPLICIT_VR_LITTLE_ENDIAN("1.2.840.10008.1.2.1", true, false, false, false),
    ENCAPSULATED_UNCOMPRESSED_EXPLICIT_VR_LITTLE_ENDIAN("1.2.840.10008.1.2.1.98", true, false, false, true),
    DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN("1.2.840.10008.1.2.1.99", true, false, true, false),
    EXPLICIT_VR_BIG_ENDIAN("1.2.840.10008.1.2.2", true, true, false, false),
    JPEG_BASELINE("1.2.840.10008.1.2.4.50", true, false, false, true),
    JPEG_EXTENDED("1.2.840.10008.1.2.4.51", true, false, false, true),
    JPEG_LOSSLESS("1.2.840.10008.1.2.4.57", true, false, false, true),
    JPEG_LOSSLESS_SV1("1.2.840.10008.1.2.4.70", true, false, false, true),
    JPEG_LS_LOSSLESS("1.2.840.10008.1.2.4.80", true, false, false, true),
    JPEG_LS_NEAR_LOSSLESS("1.2.840.10008.1.2.4.81", true, false, false, true),
    /** JPEG 2000 Image Compression (Lossless Only). */
    JPEG_2000("1.2.840.10008.1.2.4.90", true, false, false, true),
    /** JPEG 2000 Image Compression (lossy or lossless). */
    JPEG_2000_IMAGE_COMPRESSION("1.2.840.10008.1.2.4.91", true, false, false, true),
    MPEG2_MAIN_PROFILE("1.2.840.10008.1.2.4.100", true, false, false, true),
    MPEG4_AVC_H264_HIGH_PROFILE("1.2.840.10008.1.2.4.102", true, false, false, true),
    HEVC_H265_MAIN_PROFILE("1.2.840.10008.1.2.4.107", true, false, false, true),
    HTJ2K_LOSSLESS("1.2.840.10008.1.2.4.201", true, false, false, true),
    HTJ2K_LOSSLESS_RPCL("1.2.840.10008.1.2.4.202", true, false, false, true),
    HTJ2K("1.2.840.10008.1.2.4.203", true, false, false, true),
    RLE_LOSSLESS("1.2.840.10008.1.2.5", true, false, false, true);

    private final String uid;
    private final boolean explicitVr;
    private final boolean bigEndian;
    private final boolean deflated;
    private final boolean encapsulated;

    TransferSyntax(String uid, boolean explicitVr, boolean bigEndian, boolean deflated, boolean encapsulated) {
        this.uid = uid;
        this.explicitVr = explicitVr;
        this.bigEndian = bigEndian;
        this.deflated = deflated;
        this.encapsulated = encapsulated;
    }

    public String uid() {
        return uid;
    }

    /** Pixel Data is written as an undefined-length sequence of fragments. */
    public boolean encapsulated() {
        return encapsulated;
    }

    public boolean explicitVr() {
        return explicitVr;
    }

    public boolean bigEndian() {
        return bigEndian;
    }

    /** The data set (after the File Meta group) is raw-deflated. */
    public boolean deflated() {
        return deflated;
    }

    /** The constant with this UID. */
    public static TransferSyntax ofUid(String uid) {
        for (TransferSyntax ts : values()) {
            if (ts.uid.equals(uid)) {
                return ts;
            }
        }
        throw new IllegalArgumentException("unknown transfer syntax " + uid);
    }
}
