package org.dicom2fhir.codec.internal;

/** Transfer syntax UIDs (PS3.5 Section 10, PS3.6 Table A-1) and the encoding of their data sets. */
public final class TransferSyntaxes {
    public static final String IMPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2";
    public static final String EXPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2.1";
    public static final String EXPLICIT_VR_BIG_ENDIAN = "1.2.840.10008.1.2.2";
    public static final String DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2.1.99";
    public static final String ENCAPSULATED_UNCOMPRESSED_EXPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2.1.98";

    private TransferSyntaxes() {
    }

    public static boolean isDeflated(String uid) {
        return DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN.equals(uid);
    }

    /**
     * The encoding of the data set of a standard transfer syntax, or {@code null} when the UID is not
     * one (private, unknown, or deflated, which {@link #isDeflated} tells). Every encapsulated
     * transfer syntax (JPEG family, JPEG-LS, JPEG 2000, HTJ2K, RLE, MPEG/HEVC, JPIP, SMPTE ST 2110,
     * ...) encodes its header as explicit VR little endian.
     */
    public static Encoding encodingOf(String uid) {
        switch (uid) {
            case IMPLICIT_VR_LITTLE_ENDIAN:
                return Encoding.IMPLICIT_VR_LITTLE_ENDIAN;
            case EXPLICIT_VR_LITTLE_ENDIAN, ENCAPSULATED_UNCOMPRESSED_EXPLICIT_VR_LITTLE_ENDIAN:
                return Encoding.EXPLICIT_VR_LITTLE_ENDIAN;
            case EXPLICIT_VR_BIG_ENDIAN:
                return Encoding.EXPLICIT_VR_BIG_ENDIAN;
            default:
                break;
        }
        if (uid.startsWith("1.2.840.10008.1.2.4.") // JPEG, JPEG-LS, JPEG 2000, HTJ2K, JPIP, MPEG, HEVC
                || uid.equals("1.2.840.10008.1.2.5") // RLE Lossless
                || uid.startsWith("1.2.840.10008.1.2.6.") // RFC 2557 MIME, XML
                || uid.startsWith("1.2.840.10008.1.2.7.") // SMPTE ST 2110 (21, 30)
                || uid.startsWith("1.2.840.10008.1.2.8.")) { // deflated image frames
            return isTransferSyntaxNumber(uid) ? Encoding.EXPLICIT_VR_LITTLE_ENDIAN : null;
        }
        return null;
    }

    /** Digits and dots only, ending in a digit: a UID, not a prefix with garbage after it. */
    private static boolean isTransferSyntaxNumber(String uid) {
        for (int i = 0; i < uid.length(); i++) {
            char c = uid.charAt(i);
            if ((c < '0' || c > '9') && c != '.') {
                return false;
            }
        }
        return !uid.endsWith(".");
    }
}
