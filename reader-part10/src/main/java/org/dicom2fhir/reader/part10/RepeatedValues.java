package org.dicom2fhir.reader.part10;

import java.util.Arrays;
import org.dicom2fhir.api.dicom.DicomElement;
import org.dicom2fhir.api.dicom.Vr;
import org.dicom2fhir.codec.internal.SpecificCharacterSet;
import org.dicom2fhir.codec.internal.VrTable;

/**
 * The top-level values of the last file read on a thread, kept with their bytes: a value of the next file with the
 * same tag, VR, bytes, and byte order or character set where the VR depends on one, is the same element, taken without
 * decoding it again. The files of a series repeat nearly every value of their headers (patient, study, series,
 * equipment) and a reading thread reads neighbouring files in turn, so most values of a file are found here
 * (benchmarks/README.md, "Batch (issue 13)"). Only values decoded without a warning and without reaching the value
 * budget are remembered, so a repeated value gives exactly what decoding it would. Used by one read at a time: it
 * belongs to the thread's {@link Window} lease.
 */
final class RepeatedValues {
    /** Longer values are decoded every time: keeping them costs more memory than decoding them costs time. */
    static final int MAX_VALUE_BYTES = 1024;
    /** Values remembered per file at most (a read that keeps every element may meet a million). */
    static final int MAX_ENTRIES = 256;

    private record Entry(int tag, Vr vr, boolean bigEndian, SpecificCharacterSet charset, byte[] bytes,
            DicomElement element) {
    }

    private Entry[] last = new Entry[64];
    private int lastCount;
    private Entry[] current = new Entry[64];
    private int currentCount;
    /** Where the search in {@link #last} goes on: top-level tags ascend in both files. */
    private int cursor;

    /** A new file: what the file before it held becomes what its values are compared with. */
    void startFile() {
        Entry[] previous = last;
        last = current;
        lastCount = currentCount;
        current = previous;
        currentCount = 0;
        cursor = 0;
    }

    /**
     * The element the last file held with exactly this value, or null (also when it has {@code maxValues} values or
     * more: decoding it now would stop at the budget); found, it is remembered for the next file.
     */
    DicomElement repeated(int tag, Vr vr, boolean bigEndian, SpecificCharacterSet charset, byte[] b, int off, int len,
            int maxValues) {
        if (len > MAX_VALUE_BYTES) {
            return null;
        }
        if (cursor > 0 && Integer.compareUnsigned(last[cursor - 1].tag(), tag) >= 0) {
            cursor = 0; // a tag out of order: search from the start
        }
        while (cursor < lastCount && Integer.compareUnsigned(last[cursor].tag(), tag) < 0) {
            cursor++;
        }
        if (cursor == lastCount) {
            return null;
        }
        Entry e = last[cursor];
        boolean same = e.tag() == tag && e.vr() == vr && e.bigEndian() == bigEndian(vr, bigEndian)
                && e.charset() == relevant(vr, charset) && e.element().values().size() < maxValues
                && Arrays.equals(e.bytes(), 0, e.bytes().length, b, off, off + len);
        if (!same) {
            return null;
        }
        cursor++;
        keep(e);
        return e.element();
    }

    /** Remembers an element decoded from these bytes without a warning and whole, for the next file. */
    void remember(DicomElement element, boolean bigEndian, SpecificCharacterSet charset, byte[] b, int off, int len) {
        if (len <= MAX_VALUE_BYTES && currentCount < MAX_ENTRIES) {
            Vr vr = element.vr();
            keep(new Entry(element.tag(), vr, bigEndian(vr, bigEndian), relevant(vr, charset),
                    Arrays.copyOfRange(b, off, off + len), element));
        }
    }

    private void keep(Entry e) {
        if (currentCount == MAX_ENTRIES) {
            return;
        }
        if (currentCount == current.length) {
            current = Arrays.copyOf(current, Math.min(MAX_ENTRIES, current.length * 2));
        }
        current[currentCount++] = e;
    }

    /** The byte order only matters to binary numbers (a series may mix transfer syntaxes; its text reads alike). */
    private static boolean bigEndian(Vr vr, boolean bigEndian) {
        return bigEndian && VrTable.isBinaryNumber(vr);
    }

    /** The character set only matters to the VRs that use one (a UID reads alike under any). */
    private static SpecificCharacterSet relevant(Vr vr, SpecificCharacterSet charset) {
        return VrTable.usesCharset(vr) ? charset : null;
    }
}
