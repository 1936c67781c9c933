package org.dicom2fhir.codec.internal;

import java.io.IOException;
import java.util.ArrayList;
import org.dicom2fhir.api.ReasonCode;
import org.dicom2fhir.api.dicom.Tags;

/**
 * The walk over a data set up to Pixel Data that every reader of this project makes, iteratively:
 * sequences, encapsulated fragments and items live on an explicit stack (whose depth the reader caps),
 * so no input can overflow the Java stack. Here is what is the same for every reader: when a container
 * ends, what comes next (an item header in a sequence, an element header in an item), where the
 * header ends (Pixel Data, zero padding), how a container's end follows from its declared length and
 * the container around it, and what the damage is when the file ends inside a container. What a
 * reader does with an element, an item, a delimiter and a closed container, and how lenient it is, is
 * the reader's. Every step consumes at least 8 bytes or closes a container, so the walk always ends.
 *
 * @param <F> the reader's frame: what it keeps per container
 */
public abstract class DataSetWalk<F extends DataSetWalk.Frame> {
    /** Top-level tags from here on end the header: (7FE0,0008) Float Pixel Data, (7FE0,0009), (7FE0,0010)... */
    public static final int FIRST_PIXEL_DATA_TAG = 0x7FE00008;

    /** A sequence, the fragments of an encapsulated value, or an item being walked. */
    public static class Frame {
        public static final byte SEQUENCE = 0;
        public static final byte FRAGMENTS = 1;
        public static final byte ITEM = 2;

        public byte kind;
        /** The sequence's tag (an item: its sequence's). */
        public int tag;
        /** Where its header starts. */
        public long start;
        /** Where it ends, or {@link ElementHeader#UNDEFINED} when a delimiter ends it. */
        public long end;
        /** The nearest defined end of this container or one around it. */
        public long limit;
        /** Its length as the header declared it. */
        public long declaredLength;
        /** How its content is encoded. */
        public Encoding encoding;
    }

    protected final ByteWindow window;
    protected final ElementHeader h;
    protected final Encoding topEncoding;
    protected final ReadWarnings warnings;
    /** The open containers, outermost first. */
    protected final ArrayList<F> stack = new ArrayList<>();

    /**
     * @param h the read's header, with the reader's dictionary (refilled for every element)
     */
    protected DataSetWalk(ByteWindow window, ElementHeader h, Encoding topEncoding, ReadWarnings warnings) {
        this.window = window;
        this.h = h;
        this.topEncoding = topEncoding;
        this.warnings = warnings;
    }

    /** Where the walk is. */
    protected abstract long position();

    /** An undefined-length container reached the end of a defined-length one around it (no delimiter came). */
    protected abstract void undelimited(F f) throws Damage;

    /** Pops {@code f}, the innermost container, and does what its end means to the reader. */
    protected abstract void close(F f);

    /** In a sequence or fragments: the next item, fragment or sequence delimiter. */
    protected abstract void itemHeader(F f) throws IOException, Damage;

    /** At the top level no whole element header is left at {@code at}: the end, zero padding, or a cut header. */
    protected abstract void endOfDataSet(long at) throws IOException, Damage;

    /**
     * A tag of group FFFE where an element was due ({@code item} null at the top level); false when the
     * reader reads it as an (odd) element.
     */
    protected abstract boolean delimiter(F item, int tag, long at) throws IOException, Damage;

    /** The element {@link #h} describes, at {@code at}, in {@code item} (null at the top level). */
    protected abstract void element(F item, Encoding enc, long at) throws IOException, Damage;

    /** Walks from {@link #position()} to the end of the header. */
    protected final void walk() throws IOException, Damage {
        while (true) {
            F f = innermost();
            long at = position();
            if (f != null && at >= f.limit) {
                if (f.end == ElementHeader.UNDEFINED) {
                    undelimited(f);
                }
                close(f);
                continue;
            }
            if (f != null && f.kind != Frame.ITEM) {
                itemHeader(f);
                continue;
            }
            Encoding enc = f == null ? topEncoding : f.encoding;
            if (!h.read(window, at, enc)) {
                if (f == null) {
                    endOfDataSet(at);
                    return;
                }
                throw endsInside(f);
            }
            int tag = h.tag();
            if ((tag >>> 16) == 0xFFFE && delimiter(f, tag, at)) { // before the Pixel Data check, which FFFE passes
                continue;
            }
            if (f == null && (tag == 0 || Integer.compareUnsigned(tag, FIRST_PIXEL_DATA_TAG) >= 0)) {
                return; // trailing zero padding, or Pixel Data: the header ends here
            }
            element(f, enc, at);
        }
    }

    /** The innermost open container, or null at the top level. */
    protected final F innermost() {
        return stack.isEmpty() ? null : stack.get(stack.size() - 1);
    }

    /** The nearest defined end around a position inside {@code f} (null: the top level, none). */
    protected static long limit(Frame f) {
        return f == null ? Long.MAX_VALUE : f.limit;
    }

    /**
     * Opens {@code frame} at {@link #position()} (where its content starts) inside {@code parent}: its
     * end follows from its declared length, cut at the end of the container around it when it runs past.
     */
    protected final F push(F frame, byte kind, int tag, long start, long length, Encoding encoding, F parent) {
        frame.kind = kind;
        frame.tag = tag;
        frame.start = start;
        frame.encoding = encoding;
        frame.declaredLength = length;
        long parentLimit = limit(parent);
        if (length == ElementHeader.UNDEFINED) {
            frame.end = ElementHeader.UNDEFINED;
            frame.limit = parentLimit;
        } else {
            long end = position() + length;
            if (end > parentLimit) {
                end = cutAtEnclosingEnd(tag, start, parentLimit);
                cut(frame, parentLimit - position());
            }
            // an end past the end of the file shows when the file ends inside: see endsInside
            frame.end = end;
            frame.limit = end;
        }
        stack.add(frame);
        return frame;
    }

    /** {@code frame} was cut to {@code length} bytes from its content's start (see {@link #cutAtEnclosingEnd}). */
    protected void cut(F frame, long length) {
    }

    /**
     * A sequence or item whose defined length overruns the container holding it is cut at that
     * container's end (what dcmtk and pydicom do too): writers that drop elements from a record often
     * forget to update its length, while the elements themselves are intact.
     */
    protected final long cutAtEnclosingEnd(int tag, long start, long enclosingEnd) {
        warnings.add(ReadWarnings.MALFORMED, "Sequence or item " + Tags.format(tag) + " at byte " + start
                + " runs past the end of the item or sequence holding it; it was cut there.");
        return enclosingEnd;
    }

    /**
     * The file ended inside {@code f}: when a sequence or item around that point declared a length
     * reaching past the end, that declaration is the damage (reported on the outermost one);
     * otherwise the file was cut short.
     */
    protected final Damage endsInside(F f) {
        long at = position();
        for (F frame : stack) {
            if (frame.end != ElementHeader.UNDEFINED && frame.end > at) {
                return lengthExceedsFile(frame.kind == Frame.ITEM ? "An item of sequence" : "Sequence", frame.tag, frame.start,
                        frame.declaredLength);
            }
        }
        return Damage.at(ReasonCode.TRUNCATED, f.tag, at, f.kind == Frame.ITEM ? "The file ends inside an item of sequence"
                : "The file ends inside sequence", ".");
    }

    /** An element (or its header) runs past the end of the container holding it. */
    protected static Damage runsPast(int tag, long at) {
        return Damage.at(ReasonCode.MALFORMED, tag, at, "Element", " runs past the end of the item or sequence holding it.");
    }

    /** {@code what} declares a length past the end of the input. */
    protected final Damage lengthExceedsFile(String what, int tag, long at, long length) {
        long end = window.length();
        String left = end == ByteWindow.UNKNOWN ? "" : " but only " + Math.max(0, end - at) + " bytes are left";
        return Damage.at(ReasonCode.LENGTH_EXCEEDS_FILE, tag, at, what, " declares a length of " + length + " bytes" + left + ".");
    }
}
