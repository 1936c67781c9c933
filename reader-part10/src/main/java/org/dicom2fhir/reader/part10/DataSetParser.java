package org.dicom2fhir.reader.part10;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.dicom2fhir.api.Limit;
import org.dicom2fhir.api.ReasonCode;
import org.dicom2fhir.api.dicom.DicomDataSet;
import org.dicom2fhir.api.dicom.DicomElement;
import org.dicom2fhir.api.dicom.DicomReadException;
import org.dicom2fhir.api.dicom.LimitExceededException;
import org.dicom2fhir.api.dicom.Tags;
import org.dicom2fhir.api.dicom.Vr;
import org.dicom2fhir.codec.internal.Damage;
import org.dicom2fhir.codec.internal.DataSetWalk;
import org.dicom2fhir.codec.internal.ElementHeader;
import org.dicom2fhir.codec.internal.Encoding;
import org.dicom2fhir.codec.internal.ReadWarnings;
import org.dicom2fhir.codec.internal.SpecificCharacterSet;
import org.dicom2fhir.codec.internal.VrTable;

/**
 * This reader's walk over a data set up to Pixel Data ({@link DataSetWalk}: iterative, on an explicit
 * stack whose depth is capped here): top-level elements that were not asked for are skipped by their
 * length without being decoded or even looked up; a requested sequence is materialised with all its
 * items; misplaced or missing delimiters are read leniently, with warnings.
 *
 * <p>Damage ({@link Damage}) leaves every top-level element completed before it in
 * {@link #elements()}: the caller decides whether that is enough to return.
 */
final class DataSetParser extends DataSetWalk<DataSetParser.Frame> {
    private static final int PIXEL_REPRESENTATION = 0x00280103;

    private final Window w;
    private final int[] wanted; // sorted as unsigned; null: every element
    private int wantedCursor;
    private final int maxDepth;
    /**
     * The thread's last file's values when this parse has the thread's window (an inflated data set has a window of
     * its own), else null: top-level values whose bytes repeat are not decoded again.
     */
    private final RepeatedValues repeatedValues;
    private final List<DicomElement> top = new ArrayList<>(64); // a typical header: no regrowth
    private SpecificCharacterSet topCharset = SpecificCharacterSet.DEFAULT;
    private boolean topSignedPixels;
    /** Most values materialised per file: bounds the strings a hostile header can make. */
    static final int MAX_VALUES = 1 << 20;
    private int valueBudget = MAX_VALUES;
    private boolean budgetWarned;
    private int depth; // open sequences
    private long pos;
    /** Specific Character Set values seen and what they gave (a few): repeats are not parsed again. */
    private final java.util.Map<List<String>, SpecificCharacterSet> charsets = new java.util.HashMap<>();

    /** A sequence (or encapsulated fragments) or an item being read, and what this reader keeps of it. */
    static final class Frame extends DataSetWalk.Frame {
        Vr vr; // fragments: the element's VR
        boolean keep;
        SpecificCharacterSet charset; // items
        boolean signedPixels; // items: the Pixel Representation in force is 1
        List<DicomDataSet> items; // kept sequences
        List<DicomElement> elements; // kept items
    }

    /** @param h the read's header, with this reader's dictionary (refilled for every element) */
    DataSetParser(Window w, ElementHeader h, long start, Encoding encoding, int[] wanted, int maxDepth, ReadWarnings warnings) {
        super(w, h, encoding, warnings);
        this.w = w;
        this.pos = start;
        this.wanted = wanted;
        this.maxDepth = maxDepth;
        this.repeatedValues = w.repeatedValues();
        if (repeatedValues != null) {
            repeatedValues.startFile();
        }
    }

    /** The top-level elements completed so far. */
    List<DicomElement> elements() {
        return top;
    }

    void parse() throws IOException, Damage {
        walk();
    }

    @Override
    protected long position() {
        return pos;
    }

    /** A delimited sequence or item reached the end of a defined-length container around it: read on. */
    @Override
    protected void undelimited(Frame f) {
        warnings.add(ReadWarnings.MALFORMED, (f.kind == Frame.ITEM ? "An item of sequence " : "Sequence ")
                + Tags.format(f.tag) + " lacks its delimiter before byte " + pos + ".");
    }

    /** At top level, no whole element header is left: the end, zero padding, or a cut header. */
    @Override
    protected void endOfDataSet(long at) throws IOException, Damage {
        int i = w.fetch(pos, 1);
        if (i < 0) {
            return;
        }
        byte[] b = w.buffer();
        for (int k = i, end = i + w.availableAt(i); k < end; k++) {
            if (b[k] != 0) {
                throw Damage.at(ReasonCode.TRUNCATED, DicomReadException.NO_TAG, pos,
                        "The file ends inside the header of an element", ".");
            }
        }
    }

    /** In a sequence: an item, the sequence delimiter, or (fragments) a fragment. */
    @Override
    protected void itemHeader(Frame f) throws IOException, Damage {
        int i = w.fetch(pos, 8);
        if (i < 0) {
            throw endsInside(f);
        }
        byte[] b = w.buffer();
        boolean big = f.encoding.bigEndian();
        int tag = ElementHeader.tagAt(b, i, big);
        long length = ElementHeader.uint32(b, i + 4, big);
        if (tag == Tags.ITEM) {
            long start = pos;
            pos += 8;
            if (f.kind == Frame.FRAGMENTS) {
                if (length == ElementHeader.UNDEFINED) {
                    throw Damage.at(ReasonCode.MALFORMED, f.tag, start, "A fragment of", " has an undefined length.");
                }
                skip(f, f.tag, start, pos, length);
                return;
            }
            Frame item = open(Frame.ITEM, f.tag, start, length, f.encoding, f.keep, f);
            item.charset = f.charset;
            item.signedPixels = f.signedPixels;
            if (f.keep) {
                item.elements = new ArrayList<>();
            }
        } else if (tag == Tags.SEQUENCE_DELIMITATION_ITEM) {
            pos += 8;
            if (f.end != ElementHeader.UNDEFINED) {
                warnings.add(ReadWarnings.MALFORMED, "Sequence " + Tags.format(f.tag) + " has a defined length and a delimiter at byte "
                        + (pos - 8) + "; the sequence was ended there.");
            }
            close(f);
        } else if (tag == Tags.ITEM_DELIMITATION_ITEM) {
            pos += 8;
            warnings.add(ReadWarnings.MALFORMED, "Sequence " + Tags.format(f.tag) + " holds a stray item delimiter at byte "
                    + (pos - 8) + "; it was ignored.");
        } else {
            throw Damage.at(ReasonCode.MALFORMED, f.tag, pos, "Sequence", " holds something other than an item.");
        }
    }

    /** A tag of group FFFE where an element was due; true when it was dealt with. */
    @Override
    protected boolean delimiter(Frame item, int tag, long start) throws Damage {
        if (tag == Tags.ITEM_DELIMITATION_ITEM) {
            pos += 8;
            if (item == null) {
                warnings.add(ReadWarnings.MALFORMED, "A stray item delimiter at byte " + start + " was ignored.");
            } else {
                if (item.end != ElementHeader.UNDEFINED) {
                    warnings.add(ReadWarnings.MALFORMED, "An item of sequence " + Tags.format(item.tag)
                            + " has a defined length and a delimiter at byte " + start + "; the item was ended there.");
                }
                close(item);
            }
            return true;
        }
        if (tag == Tags.SEQUENCE_DELIMITATION_ITEM) {
            if (item == null) {
                pos += 8;
                warnings.add(ReadWarnings.MALFORMED, "A stray sequence delimiter at byte " + start + " was ignored.");
                return true;
            }
            if (item.end == ElementHeader.UNDEFINED) {
                // the item lacks its delimiter: end it here and let its sequence see this delimiter
                warnings.add(ReadWarnings.MALFORMED, "An item of sequence " + Tags.format(item.tag)
                        + " lacks its delimiter before byte " + start + ".");
                close(item);
                return true;
            }
            throw Damage.at(ReasonCode.MALFORMED, item.tag, start, "A sequence delimiter inside a defined-length item of", ".");
        }
        if (tag == Tags.ITEM) {
            throw Damage.at(ReasonCode.MALFORMED, item == null ? DicomReadException.NO_TAG : item.tag, start,
                    "An item stands where an element was due", ".");
        }
        return false; // another FFFE tag: an ordinary (if odd) element
    }

    @Override
    protected void element(Frame f, Encoding enc, long start) throws IOException, Damage {
        int tag = h.tag();
        boolean keep = f == null ? wants(tag) : f.keep;
        if (h.valuePos() > limit(f)) {
            throw runsPast(tag, start); // the header itself crosses the end of its item
        }
        // an odd (FFFE,xxxx) tag in explicit VR was read with the item layout: an opaque value
        Vr vr = enc.explicitVr() && h.vr() == null ? Vr.UN : h.vr();
        long length = h.length();
        boolean undefined = length == ElementHeader.UNDEFINED;
        h.check(start, warnings);
        ElementHeader.Layout layout = h.layout(keep);
        boolean fragments = layout == ElementHeader.Layout.FRAGMENTS;
        if (layout.hasItems()) {
            if (!keep && !undefined) {
                long end = h.valuePos() + length;
                skip(f, tag, start, h.valuePos(), end > limit(f) ? cutAtEnclosingEnd(tag, start, limit(f)) - h.valuePos() : length);
                return;
            }
            if (depth >= maxDepth) {
                throw new LimitExceededException(Limit.MAX_NESTING_DEPTH, "Sequence " + Tags.format(tag) + " at byte " + start
                        + " nests deeper than the limit of " + maxDepth + " levels.", tag, start);
            }
            pos = h.valuePos();
            Frame s = open(fragments ? Frame.FRAGMENTS : Frame.SEQUENCE, tag, start, length, layout.itemEncoding(enc), keep, f);
            s.charset = f == null ? topCharset : f.charset;
            s.signedPixels = f == null ? topSignedPixels : f.signedPixels;
            s.vr = fragments ? vr == null ? Vr.OB : vr : Vr.SQ;
            if (keep && !fragments) {
                s.items = new ArrayList<>();
            }
            depth++;
            return;
        }

        boolean charsetElement = tag == Tags.SPECIFIC_CHARACTER_SET && (f == null || keep);
        // read even when not requested: it decides the VR of the "US or SS" elements after it
        boolean pixelRepresentation = tag == PIXEL_REPRESENTATION && (f == null || keep);
        if (!keep && !charsetElement && !pixelRepresentation) {
            skip(f, tag, start, h.valuePos(), length);
            return;
        }
        Vr valueVr = charsetElement ? Vr.CS : valueVr(tag, vr, f == null ? topSignedPixels : f.signedPixels);
        if (VrTable.isBulk(valueVr)) {
            // kept, but bulk data gives no values: never load it
            skip(f, tag, start, h.valuePos(), length);
            if (keep) {
                add(f, DicomElement.ofStrings(tag, valueVr, List.of()));
            }
            return;
        }
        long end = h.valuePos() + length;
        if (end > limit(f)) {
            throw runsPast(tag, start);
        }
        int i = w.fetch(h.valuePos(), length);
        if (i < 0) {
            throw lengthExceedsFile(tag, start, length);
        }
        SpecificCharacterSet charset = f == null ? topCharset : f.charset;
        int maxValues = charsetElement ? Math.min(valueBudget, SpecificCharacterSet.MAX_TERMS) : valueBudget;
        boolean remembers = f == null && keep && repeatedValues != null;
        DicomElement element = remembers ? repeatedValues.repeated(tag, valueVr, enc.bigEndian(), charset, w.buffer(), i,
                (int) length, maxValues) : null;
        List<String> values;
        if (element != null) {
            values = element.values();
        } else {
            int warned = warnings.added();
            values = ValueDecoder.decode(valueVr, tag, w.buffer(), i, (int) length, enc.bigEndian(), charset, warnings,
                    maxValues);
            if (keep) {
                element = new DicomElement(tag, valueVr, values, List.of());
            }
            // what gave a warning or reached the budget must be decoded again next time, to give the same
            if (remembers && warnings.added() == warned && values.size() < maxValues) {
                repeatedValues.remember(element, enc.bigEndian(), charset, w.buffer(), i, (int) length);
            }
        }
        valueBudget -= values.size();
        if (valueBudget <= 0 && !budgetWarned) {
            budgetWarned = true;
            warnings.add(ReadWarnings.MALFORMED, "The header holds more than " + MAX_VALUES + " values; from " + Tags.format(tag)
                    + " at byte " + start + " on, values beyond that were dropped.");
        }
        pos = end;
        if (pixelRepresentation) {
            boolean signed = !values.isEmpty() && !"0".equals(values.get(0));
            if (f == null) {
                topSignedPixels = signed;
            } else {
                f.signedPixels = signed;
            }
        }
        if (charsetElement) {
            // A declaration seen before (a hostile file may repeat one a million times) gives the
            // same result, and its warnings were given the first time.
            SpecificCharacterSet declared = charsets.get(values);
            if (declared == null) {
                declared = SpecificCharacterSet.of(values, warnings);
                if (charsets.size() < 64) {
                    charsets.put(values, declared);
                }
            }
            if (f == null) {
                topCharset = declared;
            } else {
                f.charset = declared;
            }
        }
        if (keep) {
            add(f, element);
        }
    }

    /**
     * The VR to decode a kept value with: explicit VR as read (UN: the dictionary's, when it knows the
     * tag); a "US or SS" element is SS where the Pixel Representation in force is 1 (as pydicom, dcmtk
     * and PixelMed read it).
     */
    private static Vr valueVr(int tag, Vr vr, boolean signedPixels) {
        if (vr != null && vr != Vr.UN) {
            return vr;
        }
        Vr known = VrDictionary.lookup(tag);
        if (known == Vr.US && signedPixels && VrDictionary.isUsOrSs(tag)) {
            return Vr.SS;
        }
        return known == null || known == Vr.SQ ? Vr.UN : known;
    }

    /**
     * Whether a top-level tag was requested. Top-level tags ascend, so a cursor walks the requested
     * list once per file; a tag out of order sends it back to the start.
     */
    private boolean wants(int tag) {
        if (wanted == null) {
            return true;
        }
        if (wantedCursor > 0 && Integer.compareUnsigned(wanted[wantedCursor - 1], tag) >= 0) {
            wantedCursor = 0;
        }
        while (wantedCursor < wanted.length && Integer.compareUnsigned(wanted[wantedCursor], tag) < 0) {
            wantedCursor++;
        }
        return wantedCursor < wanted.length && wanted[wantedCursor] == tag;
    }

    private Frame open(byte kind, int tag, long start, long length, Encoding encoding, boolean keep, Frame parent) {
        Frame frame = new Frame();
        frame.keep = keep;
        return push(frame, kind, tag, start, length, encoding, parent);
    }

    @Override
    protected void close(Frame f) {
        stack.remove(stack.size() - 1);
        Frame parent = stack.isEmpty() ? null : stack.get(stack.size() - 1);
        if (f.kind == Frame.ITEM) {
            if (f.keep) {
                parent.items.add(DicomDataSet.of(f.elements));
            }
            return;
        }
        depth--;
        if (f.keep) {
            add(parent, f.kind == Frame.SEQUENCE ? DicomElement.ofItems(f.tag, f.items)
                    : DicomElement.ofStrings(f.tag, f.vr, List.of()));
        }
    }

    private void add(Frame item, DicomElement e) {
        if (item == null) {
            top.add(e);
        } else {
            item.elements.add(e);
        }
    }

    /** Skips a value by its length, without reading it. */
    private void skip(Frame f, int tag, long start, long valueStart, long length) throws IOException, Damage {
        long end = valueStart + length;
        if (end > limit(f)) {
            throw runsPast(tag, start);
        }
        if (!w.reaches(end)) {
            throw lengthExceedsFile(tag, start, length);
        }
        pos = end;
    }

    private Damage lengthExceedsFile(int tag, long start, long length) {
        return lengthExceedsFile("Element", tag, start, length);
    }
}
