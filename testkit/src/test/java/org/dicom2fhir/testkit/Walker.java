package org.dicom2fhir.testkit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * A minimal, iterative element walker for checking the writer's layout in tests (independent of the
 * writer's code). Sequences are recognised by VR SQ (explicit VR), by an undefined length, or by the
 * given tag set (implicit VR with defined lengths).
 */
final class Walker {
    record Element(int depth, int tag, String vr, long length, int valueOffset) {
    }

    private final byte[] b;
    private final boolean explicit;
    private final boolean bigEndian;
    private final Set<Integer> sequenceTags;

    Walker(byte[] bytes, boolean explicit, boolean bigEndian, Set<Integer> sequenceTags) {
        this.b = bytes;
        this.explicit = explicit;
        this.bigEndian = bigEndian;
        this.sequenceTags = sequenceTags;
    }

    int u16(int pos) {
        return bigEndian ? ((b[pos] & 0xFF) << 8) | (b[pos + 1] & 0xFF) : (b[pos] & 0xFF) | ((b[pos + 1] & 0xFF) << 8);
    }

    long u32(int pos) {
        long v = bigEndian
                ? ((long) (b[pos] & 0xFF) << 24) | ((b[pos + 1] & 0xFF) << 16) | ((b[pos + 2] & 0xFF) << 8) | (b[pos + 3] & 0xFF)
                : (b[pos] & 0xFF) | ((b[pos + 1] & 0xFF) << 8) | ((b[pos + 2] & 0xFF) << 16) | ((long) (b[pos + 3] & 0xFF) << 24);
        return v & 0xFFFFFFFFL;
    }

    int tag(int pos) {
        return (u16(pos) << 16) | u16(pos + 2);
    }

    /** Every element, item and delimiter from {@code start} to {@code end}, in file order. */
    List<Element> walk(int start, int end) {
        List<Element> out = new ArrayList<>();
        // end offsets of open defined-length containers; -1 for undefined ones
        Deque<long[]> open = new ArrayDeque<>();
        int pos = start;
        while (pos < end) {
            while (!open.isEmpty() && open.peek()[0] >= 0 && pos >= open.peek()[0]) {
                if (pos != open.peek()[0]) {
                    throw new AssertionError("container overrun at " + pos);
                }
                open.pop();
            }
            if (pos >= end) {
                break;
            }
            int depth = open.size();
            int tag = tag(pos);
            if ((tag >>> 16) == 0xFFFE) {
                long len = u32(pos + 4);
                out.add(new Element(depth, tag, "", len, pos + 8));
                pos += 8;
                if (tag == 0xFFFEE000) {
                    if (open.isEmpty()) {
                        throw new AssertionError("item outside a sequence at " + (pos - 8));
                    }
                    if (open.peek()[1] == 2) {
                        pos += (int) len; // a fragment of encapsulated Pixel Data: bytes, not elements
                    } else {
                        open.push(new long[] {len == 0xFFFFFFFFL ? -1 : pos + len, 1});
                    }
                } else {
                    if (open.isEmpty() || open.peek()[0] >= 0) {
                        throw new AssertionError("delimiter without undefined-length container at " + (pos - 8));
                    }
                    open.pop();
                }
                continue;
            }
            String vr;
            long len;
            int valueOffset;
            if (explicit) {
                vr = new String(new char[] {(char) (b[pos + 4] & 0xFF), (char) (b[pos + 5] & 0xFF)});
                if (DataSetEncoder.longLength(vr)) {
                    len = u32(pos + 8);
                    valueOffset = pos + 12;
                } else {
                    len = u16(pos + 6);
                    valueOffset = pos + 8;
                }
            } else {
                vr = "";
                len = u32(pos + 4);
                valueOffset = pos + 8;
            }
            out.add(new Element(depth, tag, vr, len, valueOffset));
            boolean sequence = vr.equals("SQ") || sequenceTags.contains(tag)
                    || (len == 0xFFFFFFFFL && tag != 0x7FE00010);
            if (sequence) {
                open.push(new long[] {len == 0xFFFFFFFFL ? -1 : valueOffset + len, 0});
                pos = valueOffset;
            } else if (len == 0xFFFFFFFFL) {
                // encapsulated pixel data: its items follow like a sequence
                open.push(new long[] {-1, 2});
                pos = valueOffset;
            } else {
                pos = (int) (valueOffset + len);
            }
        }
        while (!open.isEmpty() && open.peek()[0] >= 0 && pos == open.peek()[0]) {
            open.pop();
        }
        if (!open.isEmpty()) {
            throw new AssertionError(open.size() + " containers still open at the end");
        }
        return out;
    }
}
