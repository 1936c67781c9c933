package org.dicom2fhir.testkit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import org.dicom2fhir.testkit.CharacterSets.TextCodec;
import org.dicom2fhir.testkit.DicomObject.Attribute;
import org.dicom2fhir.testkit.DicomObject.Empty;
import org.dicom2fhir.testkit.DicomObject.Floats;
import org.dicom2fhir.testkit.DicomObject.Ints;
import org.dicom2fhir.testkit.DicomObject.Items;
import org.dicom2fhir.testkit.DicomObject.Raw;
import org.dicom2fhir.testkit.DicomObject.Text;

/**
 * Encodes a data set in one transfer syntax. Iterative (an explicit stack of open sequences and
 * items), so nesting depth is bounded by the heap, not the thread stack. Defined lengths are written
 * as placeholders and patched once the content is known.
 */
final class DataSetEncoder {
    static final int PIXEL_DATA = 0x7FE00010;
    static final int SPECIFIC_CHARACTER_SET = 0x00080005;
    private static final int ITEM = 0xFFFEE000;
    private static final int ITEM_DELIMITATION = 0xFFFEE00D;
    private static final int SEQUENCE_DELIMITATION = 0xFFFEE0DD;
    private static final long UNDEFINED = 0xFFFFFFFFL;

    /**
     * The encoded data set: {@code head}, then {@code holeBytes} zero bytes left sparse, then
     * {@code tail} (a hole exists only with a sparse Pixel Data).
     */
    record Encoded(byte[] head, long holeBytes, byte[] tail) {
    }

    /** How Pixel Data is supplied: by the data set itself, as bytes, or as a sparse hole. */
    record Pixels(byte[] bytes, long sparseBytes) {
        static final Pixels FROM_DATA_SET = new Pixels(null, 0);

        boolean overrides() {
            return bytes != null || sparseBytes > 0;
        }
    }

    private final TransferSyntax ts;
    private final boolean explicit;
    private final boolean undefinedSequences;
    private final boolean undefinedItems;
    private ByteSink out;
    private ByteSink head;
    private long holeBytes;

    private DataSetEncoder(TransferSyntax ts, boolean undefinedSequences, boolean undefinedItems) {
        this.ts = ts;
        this.explicit = ts.explicitVr();
        this.undefinedSequences = undefinedSequences;
        this.undefinedItems = undefinedItems;
    }

    /** Encodes the data set (without group 0002 when {@code skipGroup2}). Deflation is the caller's job. */
    static Encoded encode(DicomObject dataSet, TransferSyntax ts, boolean undefinedSequences, boolean undefinedItems,
            Pixels pixels, boolean skipGroup2) {
        DataSetEncoder e = new DataSetEncoder(ts, undefinedSequences, undefinedItems);
        return e.run(dataSet, pixels, skipGroup2);
    }

    /** Encodes elements in explicit VR little endian with defined lengths (the File Meta group). */
    static byte[] encodeExplicitLittleEndian(DicomObject elements) {
        return encode(elements, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, false, false, Pixels.FROM_DATA_SET, false)
                .head();
    }

    private static final class ItemFrame {
        final Iterator<Attribute> attributes;
        final int lengthPos; // -1: the root data set
        final TextCodec codec;

        ItemFrame(Iterator<Attribute> attributes, int lengthPos, TextCodec codec) {
            this.attributes = attributes;
            this.lengthPos = lengthPos;
            this.codec = codec;
        }
    }

    private static final class SequenceFrame {
        final Iterator<DicomObject> items;
        final int lengthPos;
        final TextCodec codec;

        SequenceFrame(Iterator<DicomObject> items, int lengthPos, TextCodec codec) {
            this.items = items;
            this.lengthPos = lengthPos;
            this.codec = codec;
        }
    }

    private Encoded run(DicomObject dataSet, Pixels pixels, boolean skipGroup2) {
        out = new ByteSink(8192, ts.bigEndian());
        head = out;
        List<Attribute> top = new ArrayList<>(dataSet.size() + 1);
        boolean pixelsPlaced = false;
        for (Attribute a : dataSet.attributes()) {
            if (skipGroup2 && (a.tag() >>> 16) == 0x0002) {
                continue;
            }
            if (pixels.overrides() && !pixelsPlaced && Integer.compareUnsigned(a.tag(), PIXEL_DATA) >= 0) {
                top.add(null); // marks where the supplied Pixel Data goes
                pixelsPlaced = true;
                if (a.tag() == PIXEL_DATA) {
                    continue;
                }
            }
            top.add(a);
        }
        if (pixels.overrides() && !pixelsPlaced) {
            top.add(null);
        }

        Deque<Object> stack = new ArrayDeque<>();
        stack.push(new ItemFrame(top.iterator(), -1, CharacterSets.codec(specificCharacterSet(dataSet))));
        while (!stack.isEmpty()) {
            Object frame = stack.peek();
            if (frame instanceof ItemFrame item) {
                if (!item.attributes.hasNext()) {
                    stack.pop();
                    if (item.lengthPos >= 0) {
                        close(item.lengthPos, undefinedItems, ITEM_DELIMITATION);
                    }
                    continue;
                }
                Attribute a = item.attributes.next();
                if (a == null) {
                    writeSuppliedPixels(pixels);
                } else if (a.value() instanceof Items items) {
                    int lengthPos = header(a.tag(), "SQ", undefinedSequences ? UNDEFINED : 0);
                    stack.push(new SequenceFrame(items.items().iterator(), lengthPos, item.codec));
                } else {
                    element(a, item.codec);
                }
            } else {
                SequenceFrame seq = (SequenceFrame) frame;
                if (!seq.items.hasNext()) {
                    stack.pop();
                    close(seq.lengthPos, undefinedSequences, SEQUENCE_DELIMITATION);
                    continue;
                }
                DicomObject child = seq.items.next();
                out.tag(ITEM);
                int lengthPos = out.size();
                out.u32(undefinedItems ? UNDEFINED : 0);
                String childCharset = child.contains(SPECIFIC_CHARACTER_SET) ? specificCharacterSet(child) : null;
                TextCodec codec = childCharset == null ? seq.codec : CharacterSets.codec(childCharset);
                stack.push(new ItemFrame(child.attributes().iterator(), lengthPos, codec));
            }
        }
        if (out == head) {
            return new Encoded(head.toByteArray(), 0, new byte[0]);
        }
        return new Encoded(head.toByteArray(), holeBytes, out.toByteArray());
    }

    /** Ends a sequence or item: a delimitation item, or the patched defined length. */
    private void close(int lengthPos, boolean undefined, int delimiter) {
        if (undefined) {
            out.tag(delimiter);
            out.u32(0);
        } else {
            out.patch32(lengthPos, out.size() - lengthPos - 4L);
        }
    }

    /** Writes an element header and returns the position of its length field. */
    private int header(int tag, String vr, long length) {
        out.tag(tag);
        if (!explicit) {
            int pos = out.size();
            out.u32(length);
            return pos;
        }
        out.u8(vr.charAt(0));
        out.u8(vr.charAt(1));
        if (longLength(vr)) {
            out.u16(0);
            int pos = out.size();
            out.u32(length);
            return pos;
        }
        if (length > 0xFFFF) {
            throw new IllegalArgumentException("value of " + DicomObject.tagText(tag) + " longer than VR " + vr
                    + " allows in explicit VR (65535 bytes)");
        }
        int pos = out.size();
        out.u16((int) length);
        return pos;
    }

    /** VRs with the 2-byte length layout in explicit VR; every other code (known or not) uses the 4-byte one. */
    static boolean longLength(String vr) {
        return switch (vr) {
            case "AE", "AS", "AT", "CS", "DA", "DS", "DT", "FL", "FD", "IS", "LO", "LT", "PN", "SH", "SL", "SS",
                    "ST", "TM", "UI", "UL", "US" -> false;
            default -> true;
        };
    }

    private static boolean spacePadded(String vr) {
        return switch (vr) {
            case "AE", "AS", "CS", "DA", "DS", "DT", "IS", "LO", "LT", "PN", "SH", "ST", "TM", "UC", "UR", "UT" -> true;
            default -> false;
        };
    }

    private void element(Attribute a, TextCodec codec) {
        int tag = a.tag();
        String vr = a.vr();
        DicomObject.Value v = a.value();
        if (tag == PIXEL_DATA && ts.encapsulated() && v instanceof Raw raw) {
            encapsulated(raw.bytes(), 0);
            return;
        }
        if (v instanceof Empty) {
            header(tag, vr, 0);
        } else if (v instanceof Text t) {
            byte[] bytes;
            try {
                bytes = CharacterSets.usesSpecificCharacterSet(vr) ? codec.encode(t.text(), vr)
                        : CharacterSets.defaultRepertoire(t.text());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("value of " + DicomObject.tagText(tag)
                        + " cannot be encoded in the declared Specific Character Set", e);
            }
            padded(tag, vr, bytes, true);
        } else if (v instanceof Raw raw) {
            padded(tag, vr, raw.bytes(), raw.padToEven());
        } else if (v instanceof Ints ints) {
            int[] values = ints.values();
            boolean wide = vr.equals("UL") || vr.equals("SL") || vr.equals("AT");
            header(tag, vr, (long) values.length * (wide ? 4 : 2));
            for (int x : values) {
                if (vr.equals("AT")) {
                    out.tag(x);
                } else if (wide) {
                    out.u32(x);
                } else {
                    out.u16(x);
                }
            }
        } else if (v instanceof Floats floats) {
            double[] values = floats.values();
            boolean single = vr.equals("FL");
            header(tag, vr, (long) values.length * (single ? 4 : 8));
            for (double d : values) {
                if (single) {
                    out.u32(Float.floatToIntBits((float) d));
                } else {
                    out.u64(Double.doubleToLongBits(d));
                }
            }
        } else {
            throw new IllegalStateException("unexpected value kind for " + DicomObject.tagText(tag));
        }
    }

    private void padded(int tag, String vr, byte[] bytes, boolean padToEven) {
        boolean pad = padToEven && (bytes.length & 1) == 1;
        header(tag, vr, bytes.length + (pad ? 1 : 0));
        out.bytes(bytes);
        if (pad) {
            out.u8(spacePadded(vr) ? ' ' : 0);
        }
    }

    /** Pixel Data given by the file spec: 16-bit little-endian words, or a sparse hole. */
    private void writeSuppliedPixels(Pixels pixels) {
        if (ts.encapsulated()) {
            encapsulated(pixels.bytes(), pixels.sparseBytes());
            return;
        }
        if (pixels.sparseBytes() > 0) {
            long n = (pixels.sparseBytes() + 1) & ~1L;
            header(PIXEL_DATA, "OW", n);
            startHole(n);
            return;
        }
        byte[] bytes = pixels.bytes();
        boolean pad = (bytes.length & 1) == 1;
        header(PIXEL_DATA, "OW", bytes.length + (pad ? 1 : 0));
        if (ts.bigEndian()) {
            out.swappedWords(bytes);
        } else {
            out.bytes(bytes);
        }
        if (pad) {
            out.u8(0);
        }
    }

    /**
     * Undefined-length OB: an empty Basic Offset Table item, one fragment item, a Sequence Delimitation
     * Item. With {@code sparseBytes} > 0 the fragment is a hole of that many bytes.
     */
    private void encapsulated(byte[] fragment, long sparseBytes) {
        header(PIXEL_DATA, "OB", UNDEFINED);
        out.tag(ITEM);
        out.u32(0);
        out.tag(ITEM);
        if (sparseBytes > 0) {
            long n = (sparseBytes + 1) & ~1L;
            out.u32(n);
            startHole(n);
        } else {
            boolean pad = (fragment.length & 1) == 1;
            out.u32(fragment.length + (pad ? 1 : 0));
            out.bytes(fragment);
            if (pad) {
                out.u8(0);
            }
        }
        out.tag(SEQUENCE_DELIMITATION);
        out.u32(0);
    }

    private void startHole(long n) {
        if (out != head) {
            throw new IllegalStateException("only one sparse hole per file");
        }
        holeBytes = n;
        out = new ByteSink(64, ts.bigEndian());
    }

    /** The (0008,0005) value as text, whether it was set as text or as raw bytes; "" when absent. */
    static String specificCharacterSet(DicomObject ds) {
        Attribute a = ds.attribute(SPECIFIC_CHARACTER_SET);
        if (a == null) {
            return "";
        }
        if (a.value() instanceof Raw raw) {
            return new String(raw.bytes(), StandardCharsets.ISO_8859_1).trim();
        }
        String s = ds.getString(SPECIFIC_CHARACTER_SET);
        return s == null ? "" : s;
    }
}
