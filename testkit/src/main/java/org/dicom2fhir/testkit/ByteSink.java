package org.dicom2fhir.testkit;

import java.util.Arrays;

/** A growable byte buffer that writes numbers in one byte order and can patch 32-bit lengths later. */
final class ByteSink {
    private byte[] buf;
    private int size;
    private final boolean bigEndian;

    ByteSink(int capacity, boolean bigEndian) {
        this.buf = new byte[Math.max(16, capacity)];
        this.bigEndian = bigEndian;
    }

    int size() {
        return size;
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            long wanted = Math.max((long) buf.length * 2, (long) size + more);
            if (wanted > Integer.MAX_VALUE - 16) {
                throw new IllegalStateException("encoded data set larger than 2 GiB");
            }
            buf = Arrays.copyOf(buf, (int) wanted);
        }
    }

    void u8(int v) {
        ensure(1);
        buf[size++] = (byte) v;
    }

    void u16(int v) {
        ensure(2);
        if (bigEndian) {
            buf[size++] = (byte) (v >>> 8);
            buf[size++] = (byte) v;
        } else {
            buf[size++] = (byte) v;
            buf[size++] = (byte) (v >>> 8);
        }
    }

    void u32(long v) {
        ensure(4);
        put32(size, (int) v);
        size += 4;
    }

    void u64(long v) {
        if (bigEndian) {
            u32(v >>> 32);
            u32(v);
        } else {
            u32(v);
            u32(v >>> 32);
        }
    }

    /** A tag: group then element, each in the sink's byte order. */
    void tag(int tag) {
        u16(tag >>> 16);
        u16(tag & 0xFFFF);
    }

    void bytes(byte[] b) {
        bytes(b, 0, b.length);
    }

    void bytes(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
    }

    /** Bytes with every 16-bit pair swapped (little-endian words written big endian). */
    void swappedWords(byte[] b) {
        ensure(b.length);
        int i = 0;
        for (; i + 1 < b.length; i += 2) {
            buf[size++] = b[i + 1];
            buf[size++] = b[i];
        }
        if (i < b.length) {
            buf[size++] = b[i];
        }
    }

    void zeros(int n) {
        ensure(n);
        size += n; // the array is zero-filled where never written
    }

    /** Overwrites a 32-bit value written earlier at {@code pos}. */
    void patch32(int pos, long v) {
        put32(pos, (int) v);
    }

    private void put32(int pos, int v) {
        if (bigEndian) {
            buf[pos] = (byte) (v >>> 24);
            buf[pos + 1] = (byte) (v >>> 16);
            buf[pos + 2] = (byte) (v >>> 8);
            buf[pos + 3] = (byte) v;
        } else {
            buf[pos] = (byte) v;
            buf[pos + 1] = (byte) (v >>> 8);
            buf[pos + 2] = (byte) (v >>> 16);
            buf[pos + 3] = (byte) (v >>> 24);
        }
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }
}
