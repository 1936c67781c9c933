package org.dicom2fhir.reader.pixelmed;

/** Transfer syntax UIDs (PS3.5 section 10, PS3.6 table A-1) and how their data sets are encoded. */
final class TransferSyntaxes {
    static final String DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2.1.99";

    private TransferSyntaxes() {
    }

    static boolean isDeflated(String uid) {
        return DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN.equals(uid);
    }

    /**
     * The encoding of a standard, non-deflated transfer syntax's data set, or {@code null} for a UID
     * that names none (private, unknown, malformed). The header of every encapsulated transfer syntax
     * (JPEG family, JPEG-LS, JPEG 2000, HTJ2K, RLE, MPEG, HEVC, JPIP, SMPTE ST 2110, deflated image
     * frames) is explicit VR little endian.
     */
    static Encoding encodingOf(String uid) {
        switch (uid) {
            case "1.2.840.10008.1.2":
                return Encoding.IMPLICIT_VR_LITTLE_ENDIAN;
            case "1.2.840.10008.1.2.1", "1.2.840.10008.1.2.1.98":
                return Encoding.EXPLICIT_VR_LITTLE_ENDIAN;
            case "1.2.840.10008.1.2.2":
                return Encoding.EXPLICIT_VR_BIG_ENDIAN;
            case "1.2.840.10008.1.2.5":
                return Encoding.EXPLICIT_VR_LITTLE_ENDIAN; // RLE Lossless
            default:
                break;
        }
        for (String family : new String[] {"1.2.840.10008.1.2.4.", "1.2.840.10008.1.2.6.", "1.2.840.10008.1.2.7.",
            "1.2.840.10008.1.2.8."}) {
            if (uid.startsWith(family) && uid.length() > family.length() && digitsAndDots(uid, family.length())) {
                return Encoding.EXPLICIT_VR_LITTLE_ENDIAN;
            }
        }
        return null;
    }

    private static boolean digitsAndDots(String uid, int from) {
        for (int i = from; i < uid.length(); i++) {
            char c = uid.charAt(i);
            if ((c < '0' || c > '9') && c != '.') {
                return false;
            }
        }
        return !uid.endsWith(".");
    }
}
