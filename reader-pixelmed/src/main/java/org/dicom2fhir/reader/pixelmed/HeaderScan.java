package org.dicom2fhir.reader.pixelmed;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dicom2fhir.api.Limit;
import org.dicom2fhir.api.ReasonCode;
import org.dicom2fhir.api.dicom.DicomElement;
import org.dicom2fhir.api.dicom.DicomReadException;
import org.dicom2fhir.api.dicom.LimitExceededException;
import org.dicom2fhir.api.dicom.ReadOptions;
import org.dicom2fhir.api.dicom.Tags;
import org.dicom2fhir.api.dicom.Vr;
import org.dicom2fhir.codec.internal.Damage;
import org.dicom2fhir.codec.internal.DataSetWalk;
import org.dicom2fhir.codec.internal.ElementHeader;
import org.dicom2fhir.codec.internal.Encoding;
import org.dicom2fhir.codec.internal.ReadWarnings;
import org.dicom2fhir.codec.internal.VrTable;

/**
 * This reader's own walk over the data set, before PixelMed parses any of it: it checks every length
 * against the bytes there are, the nesting depth against the limit and the header size against its
 * limit, stops at Pixel Data, and copies the requested top-level elements (with the Specific Character
 * Set and the Pixel Representation, which decide how they read) into the bytes PixelMed will parse. So
 * PixelMed never sees a declared length past the end of its input (it allocates by declared length),
 * never nests deeper than the limit (it recurses), and never sees Pixel Data or values nobody asked
 * for.
 *
 * <p>The walk is the shared iterative one ({@link DataSetWalk}, an explicit stack). Inside what it copies, the copy is made to say what
 * the scan read, so that PixelMed, whose recovery heuristics differ, parses the same structure: an
 * invalid VR code becomes the VR it was read as, reserved bytes become zero, a sequence or item that
 * overruns its container is cut at the container's end, a defined length ended early by a delimiter
 * becomes undefined, and an implicit VR element of undefined length gets a placeholder tag that
 * PixelMed reads as a sequence. What cannot be patched in place (an item where an element is due,
 * anything but an item in a sequence, a missing delimiter) is damage. Bulk values at the top level
 * (OB, OW, UN...) are never copied: they give no values, so the scan records them itself.
 *
 * <p>Damage keeps every top-level element completed before it (the damaged one is cut from the copy)
 * and is returned, not thrown: the reader decides. The limits of {@link ReadOptions} throw.
 */
final class HeaderScan extends DataSetWalk<HeaderScan.Frame> {
    private static final int PIXEL_REPRESENTATION = 0x00280103;
    /** Placeholder tags: group FFFD is never used, and PixelMed reads an unknown tag of undefined length as a sequence. */
    private static final int PLACEHOLDER = 0xFFFD1000;
    private static final int MAX_PLACEHOLDERS = 0x1000;

    /**
     * A top-level element handed to PixelMed: its tag, the tag it has in the copy (see
     * {@link Result#renamed}), where it is in the file, where it is in the copy.
     */
    record Passed(int tag, int copyTag, long offset, int copyStart) {
    }

    /** A requested top-level bulk element (no values), recorded by the scan, and where it is in the file. */
    record Bulk(DicomElement element, long offset) {
    }

    /**
     * What the scan found.
     *
     * @param copy          the bytes for PixelMed: an empty Specific Character Set ({@link #emptyCharset}), then
     *                      the requested top-level elements, in the data set's encoding
     * @param passed        the top-level elements in the copy, in order
     * @param bulk          requested top-level bulk elements (no values), recorded by the scan itself
     * @param charset       the values of the top-level Specific Character Set, or null when absent
     * @param itemCharsets  the values of each item's own Specific Character Set, by the item's offset in the copy
     * @param charsetValues where in the copy each Specific Character Set value lies: {offset, length}
     * @param renamed       placeholder tag in the copy -> the element's own tag: implicit VR elements of
     *                      undefined length are sequences (PS3.5 7.5), but PixelMed reads one whose tag its
     *                      dictionary gives another VR (a private creator's, say) as that VR, so the copy
     *                      gives them tags PixelMed does not know, which it reads as sequences
     * @param damage        the damage that ended the walk, or null
     * @param kept          how many requested top-level elements were completed
     */
    record Result(Copy copy, List<Passed> passed, List<Bulk> bulk, List<String> charset,
            Map<Integer, List<String>> itemCharsets, List<int[]> charsetValues, Map<Integer, Integer> renamed,
            Damage damage, int kept) {
    }

    /** A sequence, an item, or the fragments of an encapsulated value being walked, and where it is in the copy. */
    static final class Frame extends DataSetWalk.Frame {
        int copyStart; // an item's offset in the copy: the key of its character set
        int copyLengthAt; // where its length field is in the copy, or -1 when not copied
    }

    private final Input in;
    private final ReadOptions options;
    private final Copy copy = new Copy(2048);
    private final List<Passed> passed = new ArrayList<>();
    private final List<Bulk> bulk = new ArrayList<>();
    private final Map<Integer, List<String>> itemCharsets = new HashMap<>();
    private final List<int[]> charsetValues = new ArrayList<>();
    private final Map<Integer, Integer> renamed = new HashMap<>();
    /** Top-level tags already handed over or recorded: a repeated one is left out, as DicomDataSet keeps the first. */
    private final Set<Integer> seen = new HashSet<>();
    private List<String> charset;
    private int kept;
    private int depth; // open sequences

    // the top-level element being walked
    private boolean copying;
    private int topTag;
    private int topCopyTag;
    private long topStart;
    private int topCopyStart;
    private boolean topWanted;
    private Vr topBulkVr; // a top-level encapsulated value: recorded, never copied

    /** @param h the read's header, with PixelMed's dictionary (refilled for every element) */
    HeaderScan(Input in, ElementHeader h, Encoding encoding, ReadOptions options, ReadWarnings warnings) {
        super(in, h, encoding, warnings);
        this.in = in;
        this.options = options;
        byte[] empty = emptyCharset(encoding);
        copy.write(empty, 0, empty.length);
    }

    /** The tag the empty Specific Character Set gets when the file has its own (PixelMed would print "duplicate"). */
    static final int EMPTY_CHARSET_PLACEHOLDER = 0xFFFD0001;

    private static byte[] placeholderTag(int tag, boolean bigEndian) {
        return bigEndian ? new byte[] {(byte) (tag >>> 24), (byte) (tag >>> 16), (byte) (tag >>> 8), (byte) tag}
                : new byte[] {(byte) (tag >>> 16), (byte) (tag >>> 24), (byte) tag, (byte) (tag >>> 8)};
    }

    /**
     * An empty Specific Character Set element, which starts every copy: without one PixelMed decodes
     * text with the JVM's default charset (on Linux, UTF-8: Latin-1 bytes become U+FFFD); with it,
     * the default repertoire, bytes above 0x7F as ISO-8859-1. The file's own, when it has one, follows
     * and takes over.
     */
    static byte[] emptyCharset(Encoding encoding) {
        byte[] b = new byte[8];
        System.arraycopy(placeholderTag(Tags.SPECIFIC_CHARACTER_SET, encoding.bigEndian()), 0, b, 0, 4);
        if (encoding.explicitVr()) {
            b[4] = 'C';
            b[5] = 'S';
        }
        return b;
    }

    Result scan() throws IOException {
        Damage damage = null;
        try {
            walk();
        } catch (Damage d) {
            damage = d;
            if (copying) {
                // the damaged element is left out, with whatever it held
                int cut = topCopyStart;
                copy.truncate(cut);
                itemCharsets.keySet().removeIf(k -> k >= cut);
                charsetValues.removeIf(r -> r[0] >= cut);
            }
        }
        return new Result(copy, passed, bulk, charset, itemCharsets, charsetValues, renamed, damage, kept);
    }

    @Override
    protected long position() {
        return in.position();
    }

    /** PixelMed would read another structure on: damage. */
    @Override
    protected void undelimited(Frame f) throws Damage {
        throw Damage.at(ReasonCode.MALFORMED, f.tag, in.position(), f.kind == Frame.ITEM ? "An item of sequence"
                : "Sequence", " lacks its delimiter before the end of the item or sequence holding it.");
    }

    /** No whole element header is left at the top level: the end, zero padding, or a header cut short. */
    @Override
    protected void endOfDataSet(long at) throws IOException, Damage {
        int left = in.fill(12);
        if (left > 0 && !in.zeros(left)) {
            throw Damage.at(ReasonCode.TRUNCATED, DicomReadException.NO_TAG, at, "The file ends inside the header of an element",
                    ".");
        }
    }

    /** In a sequence: an item or the sequence delimiter; in fragments: a fragment or the delimiter. */
    @Override
    protected void itemHeader(Frame f) throws IOException, Damage {
        long at = in.position();
        int i = in.fetch(at, 8);
        if (i < 0) {
            throw endsInside(f);
        }
        boolean big = f.encoding.bigEndian();
        int tag = ElementHeader.tagAt(in.buffer(), i, big);
        long length = ElementHeader.uint32(in.buffer(), i + 4, big);
        if (tag == Tags.ITEM) {
            in.consume(8, sink());
            if (f.kind == Frame.FRAGMENTS) {
                if (length == ElementHeader.UNDEFINED) {
                    throw Damage.at(ReasonCode.MALFORMED, f.tag, at, "A fragment of", " has an undefined length.");
                }
                value(f, f.tag, at, length);
                return;
            }
            Frame item = open(Frame.ITEM, f.tag, at, length, f.encoding, f);
            item.copyStart = copying ? copy.size() - 8 : -1;
        } else if (tag == Tags.SEQUENCE_DELIMITATION_ITEM) {
            if (f.end != ElementHeader.UNDEFINED) {
                warnings.add(ReadWarnings.MALFORMED, "Sequence " + Tags.format(f.tag) + " has a defined length and a delimiter at "
                        + "byte " + at + "; the sequence was ended there.");
                patchLength(f, ElementHeader.UNDEFINED);
            }
            in.consume(8, sink());
            close(f);
        } else {
            throw Damage.at(ReasonCode.MALFORMED, f.tag, at, "Sequence", " holds something other than an item.");
        }
    }

    /** A tag of group FFFE where an element was due: a delimiter, else damage (PixelMed would read it its own way). */
    @Override
    protected boolean delimiter(Frame item, int tag, long at) throws IOException, Damage {
        if (item == null && (tag == Tags.ITEM_DELIMITATION_ITEM || tag == Tags.SEQUENCE_DELIMITATION_ITEM)) {
            in.skip(8); // never copied: PixelMed would end the data set there
            warnings.add(ReadWarnings.MALFORMED, "A stray delimiter at byte " + at + " was ignored.");
            return true;
        }
        if (tag == Tags.ITEM_DELIMITATION_ITEM) {
            if (item.end != ElementHeader.UNDEFINED) {
                warnings.add(ReadWarnings.MALFORMED, "An item of sequence " + Tags.format(item.tag) + " has a defined length and a "
                        + "delimiter at byte " + at + "; the item was ended there.");
                patchLength(item, ElementHeader.UNDEFINED);
            }
            in.consume(8, sink());
            close(item);
            return true;
        }
        String what = tag == Tags.ITEM ? "An item stands where an element was due"
                : tag == Tags.SEQUENCE_DELIMITATION_ITEM ? "A sequence delimiter stands inside an item"
                : "A delimitation tag stands where an element was due";
        throw Damage.at(ReasonCode.MALFORMED, item == null ? tag : item.tag, at, what + ", in", ".");
    }

    @Override
    protected void element(Frame f, Encoding enc, long at) throws IOException, Damage {
        int tag = h.tag();
        Vr vr = h.vr();
        long length = h.length();
        boolean undefined = h.undefinedLength();
        boolean top = f == null;
        boolean repeated = top && seen.contains(tag); // PixelMed would print a line to System.err for it
        boolean wanted = top ? options.wants(tag) && !repeated : copying;
        if (!top && at + h.size() > f.limit) {
            throw runsPast(tag, at);
        }
        h.check(at, warnings);
        ElementHeader.Layout layout = h.layout(wanted);
        boolean fragments = layout == ElementHeader.Layout.FRAGMENTS;
        if (layout.hasItems()) {
            if (!wanted && !undefined) {
                skip(f, tag, at, h.size() + length);
                return;
            }
            if (depth >= options.maxNestingDepth()) {
                throw new LimitExceededException(Limit.MAX_NESTING_DEPTH, "Sequence " + Tags.format(tag) + " at byte " + at
                        + " nests deeper than the limit of " + options.maxNestingDepth() + " levels.", tag, at);
            }
            if (top) {
                beginTop(tag, at, wanted && !fragments);
                topWanted = wanted;
                topBulkVr = fragments ? vr : null;
            }
            consumeHeader(vr);
            if (copying && !enc.explicitVr() && !fragments && undefined && !Dictionary.pixelmedReadsAsSequence(tag)
                    && renamed.size() < MAX_PLACEHOLDERS) {
                int placeholder = PLACEHOLDER + renamed.size();
                byte[] bytes = placeholderTag(placeholder, false); // implicit VR is little endian
                int header = copy.size() - h.size();
                for (int k = 0; k < 4; k++) {
                    copy.set(header + k, bytes[k]);
                }
                renamed.put(placeholder, tag);
                if (top) {
                    topCopyTag = placeholder;
                }
            }
            Frame s = open(fragments ? Frame.FRAGMENTS : Frame.SEQUENCE, tag, at, length, layout.itemEncoding(enc), f);
            s.copyStart = -1;
            depth++;
            return;
        }

        boolean charsetElement = tag == Tags.SPECIFIC_CHARACTER_SET;
        // what PixelMed needs to read the requested elements right: their character set, and the
        // Pixel Representation that decides "US or SS"
        boolean context = (charsetElement || tag == PIXEL_REPRESENTATION) && !repeated;
        if (top) {
            if (!wanted && !context) {
                skip(null, tag, at, h.size() + length);
                return;
            }
            Vr valueVr = valueVr(tag, vr, enc);
            if (!context && (VrTable.isBulk(valueVr) || valueVr == Vr.SQ)) {
                // bulk data gives no values: never loaded, never handed to PixelMed
                skip(null, tag, at, h.size() + length);
                bulk.add(new Bulk(DicomElement.ofStrings(tag, valueVr == Vr.SQ ? Vr.UN : valueVr, List.of()), at));
                seen.add(tag);
                kept++;
                return;
            }
            beginTop(tag, at, true);
            consumeHeader(vr);
            int valueAt = copy.size();
            if (!in.copy(length, copy)) {
                throw lengthExceedsFile("Element", tag, at, length);
            }
            if (charsetElement) {
                charset = charsetValues(valueAt, (int) length);
                // the file's own takes over: the empty one that starts the copy gets a tag nothing has
                byte[] none = placeholderTag(EMPTY_CHARSET_PLACEHOLDER, topEncoding.bigEndian());
                for (int k = 0; k < 4; k++) {
                    copy.set(k, none[k]);
                }
            }
            endTop();
            return;
        }
        if (!copying) {
            skip(f, tag, at, h.size() + length);
            return;
        }
        consumeHeader(vr);
        int valueAt = copy.size();
        value(f, tag, at, length);
        if (charsetElement && f.kind == Frame.ITEM) {
            itemCharsets.put(f.copyStart, charsetValues(valueAt, (int) length));
        }
    }

    /** The VR a top-level value will have in PixelMed: explicit as read (UN: the dictionary's), implicit the dictionary's. */
    private static Vr valueVr(int tag, Vr vr, Encoding enc) {
        if (enc.explicitVr() && vr != Vr.UN) {
            return vr;
        }
        Vr known = Dictionary.vrOf(tag);
        return known != null ? known : Vr.UN;
    }

    private void beginTop(int tag, long at, boolean copied) {
        topTag = tag;
        topCopyTag = tag;
        topStart = at;
        topCopyStart = copy.size();
        topWanted = copied;
        topBulkVr = null;
        copying = copied;
    }

    private void endTop() {
        seen.add(topTag);
        if (topBulkVr != null && topWanted) {
            bulk.add(new Bulk(DicomElement.ofStrings(topTag, topBulkVr, List.of()), topStart));
            kept++;
        } else if (copying) {
            passed.add(new Passed(topTag, topCopyTag, topStart, topCopyStart));
            if (options.wants(topTag)) {
                kept++;
            }
        }
        copying = false;
    }

    /**
     * Moves past the element header, copying it when copying; the copy gets the VR the scan read
     * (an invalid code replaced) and zero reserved bytes, so PixelMed reads the same layout.
     */
    private void consumeHeader(Vr vr) {
        int size = h.size();
        in.consume(size, sink());
        if (!copying || vr == null) {
            return;
        }
        int at = copy.size() - size;
        if (h.vrInvalid()) {
            copy.set(at + 4, (byte) vr.name().charAt(0));
            copy.set(at + 5, (byte) vr.name().charAt(1));
        }
        if (size == 12) {
            copy.set(at + 6, (byte) 0);
            copy.set(at + 7, (byte) 0);
        }
    }

    /** A value inside a container: copied when copying, else skipped; it must fit both. */
    private void value(Frame f, int tag, long at, long length) throws IOException, Damage {
        if (in.position() + length > f.limit) {
            throw runsPast(tag, at);
        }
        if (!(copying ? in.copy(length, copy) : in.skip(length))) {
            throw lengthExceedsFile("Element", tag, at, length);
        }
    }

    /** Skips {@code bytes} from the element's start (header already read, not consumed). */
    private void skip(Frame f, int tag, long at, long bytes) throws IOException, Damage {
        if (f != null && at + bytes > f.limit) {
            throw runsPast(tag, at);
        }
        if (!in.skip(bytes)) {
            throw lengthExceedsFile("Element", tag, at, bytes - h.size());
        }
    }

    private Copy sink() {
        return copying ? copy : null;
    }

    private Frame open(byte kind, int tag, long start, long length, Encoding encoding, Frame parent) {
        Frame frame = new Frame();
        frame.copyLengthAt = copying ? copy.size() - 4 : -1; // the length ends every item and sequence header
        return push(frame, kind, tag, start, length, encoding, parent);
    }

    /** The copy of a sequence or item cut at the end of its container says the length it was cut to. */
    @Override
    protected void cut(Frame frame, long length) {
        patchLength(frame, length);
    }

    /** Rewrites a copied sequence's or item's length, so that PixelMed reads it as the scan did. */
    private void patchLength(Frame frame, long length) {
        int at = frame.copyLengthAt;
        if (at < 0) {
            return;
        }
        for (int k = 0; k < 4; k++) {
            int shift = frame.encoding.bigEndian() ? 24 - 8 * k : 8 * k;
            copy.set(at + k, (byte) (length >>> shift));
        }
    }

    @Override
    protected void close(Frame f) {
        stack.remove(stack.size() - 1);
        if (f.kind != Frame.ITEM) {
            depth--;
            if (stack.isEmpty()) {
                endTop();
            }
        }
    }

    /** The values of a Specific Character Set in the copy (CS: ASCII, split on the backslash, trimmed). */
    private List<String> charsetValues(int at, int length) {
        charsetValues.add(new int[] {at, length});
        String text = new String(copy.array(), at, length, StandardCharsets.ISO_8859_1);
        List<String> values = new ArrayList<>(2);
        for (String v : text.split("\\\\", -1)) {
            values.add(v.replace('\0', ' ').strip());
        }
        while (values.size() == 1 && values.get(0).isEmpty()) {
            values.clear(); // present but empty: the default repertoire
        }
        return values;
    }
}
