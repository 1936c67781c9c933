package org.dicom2fhir.core.internal.source;

/**
 * What a file's first bytes say it is, before any reader sees it: a ZIP archive, a candidate for DICOM
 * JSON, or anything else (left to the DICOM reader, which tells Part 10 from what is not DICOM).
 */
public enum ContentKind {
    ZIP, JSON, OTHER;

    /** Enough of a file's start to tell the kinds apart (a Part 10 file says {@code DICM} at 128). */
    public static final int HEAD_BYTES = 1024;

    private static final int DICM_OFFSET = 128;

    /**
     * The kind of the content that starts with these bytes.
     *
     * @param head the first {@code length} bytes (fewer than {@link #HEAD_BYTES} only when the content is shorter)
     */
    public static ContentKind of(byte[] head, int length) {
        if (length >= DICM_OFFSET + 4 && head[DICM_OFFSET] == 'D' && head[DICM_OFFSET + 1] == 'I'
                && head[DICM_OFFSET + 2] == 'C' && head[DICM_OFFSET + 3] == 'M') {
            return OTHER; // a Part 10 file, whatever its preamble looks like
        }
        if (length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            return ZIP;
        }
        int i = 0;
        if (length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
            i = 3; // a UTF-8 byte order mark
        }
        while (i < length && isJsonBlank(head[i])) {
            i++;
        }
        return i < length && (head[i] == '{' || head[i] == '[') ? JSON : OTHER;
    }

    /** The kind of what the stream holds; reads up to {@link #HEAD_BYTES} bytes of it. */
    public static ContentKind of(java.io.InputStream in) throws java.io.IOException {
        byte[] head = new byte[HEAD_BYTES];
        return of(head, in.readNBytes(head, 0, HEAD_BYTES));
    }

    private static boolean isJsonBlank(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }
}
