package org.dicom2fhir.reader.pixelmed;

import java.util.Arrays;

/** The bytes handed to PixelMed: a growable array that can be cut back and patched in place. */
final class Copy {
    private byte[] bytes;
    private int size;

    Copy(int capacity) {
        bytes = new byte[Math.max(64, capacity)];
    }

    void write(byte[] b, int off, int len) {
        if (size + len > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(size + len, bytes.length * 2));
        }
        System.arraycopy(b, off, bytes, size, len);
        size += len;
    }

    int size() {
        return size;
    }

    byte get(int i) {
        return bytes[i];
    }

    void set(int i, byte b) {
        bytes[i] = b;
    }

    /** Forgets everything from {@code newSize} on. */
    void truncate(int newSize) {
        size = newSize;
    }

    /** The backing array: valid up to {@link #size()}. */
    byte[] array() {
        return bytes;
    }
}
