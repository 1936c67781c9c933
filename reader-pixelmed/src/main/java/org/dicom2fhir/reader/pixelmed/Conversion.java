package org.dicom2fhir.reader.pixelmed;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.AttributeTagAttribute;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.SequenceItem;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.function.IntUnaryOperator;
import org.dicom2fhir.api.dicom.DicomDataSet;
import org.dicom2fhir.api.dicom.DicomElement;
import org.dicom2fhir.api.dicom.Tags;
import org.dicom2fhir.api.dicom.Vr;
import org.dicom2fhir.codec.internal.Encoding;
import org.dicom2fhir.codec.internal.ReadWarnings;
import org.dicom2fhir.codec.internal.SpecificCharacterSet;
import org.dicom2fhir.codec.internal.Values;
import org.dicom2fhir.codec.internal.VrTable;

/**
 * PixelMed's attributes as the neutral model: text values as PixelMed split and decoded them, padding
 * trimmed as the api prescribes per VR; binary numbers in decimal (AT: 8 hex digits); bulk data
 * without values; sequences with their items. Three corrections for what PixelMed leaves undone
 * (each pinned by PixelmedDeviationsTest):
 * <ul>
 *   <li>text under a character set PixelMed decodes wrongly ({@code ownDecoding}): PixelMed was given
 *       the bytes with every Specific Character Set blanked, so it read text one char per byte (ASCII,
 *       ISO-8859-1 above 0x7F); the bytes are recovered and decoded by {@link SpecificCharacterSet} under the
 *       character set in effect (an item's own, else its parent's), and the Specific Character Sets
 *       are reported as the file spelled them;</li>
 *   <li>a sequence whose VR became UN (PS3.5 6.2.2) keeps UN in PixelMed when its length is defined:
 *       its bytes (implicit VR little endian items) are parsed again as a sequence;</li>
 *   <li>a binary number whose VR became UN keeps UN in PixelMed in big endian: its bytes are decoded
 *       here with the dictionary's VR.</li>
 * </ul>
 */
final class Conversion {
    /**
     * How the text of a list is to be read.
     *
     * @param charset    the Specific Character Set values in effect
     * @param own        whether PixelMed read the text one char per byte, for {@link SpecificCharacterSet} to decode
     * @param copyOffset whether item offsets are offsets in the scan's copy (not in bytes parsed again)
     * @param bigEndian  the byte order of values PixelMed left as UN
     * @param explicitVr whether the VRs were in the file (else PixelMed took them from its dictionary)
     */
    private record Context(List<String> charset, boolean own, boolean copyOffset, boolean bigEndian, boolean explicitVr) {
        Context withCharset(List<String> values, boolean ownDecoding) {
            return new Context(values, ownDecoding, copyOffset, bigEndian, explicitVr);
        }
    }

    private final boolean ownDecoding;
    private final Map<Integer, List<String>> itemCharsets;
    private final Map<Integer, Integer> renamed;
    private final IntUnaryOperator copyOffset;
    private final ReadWarnings warnings;

    /**
     * @param itemCharsets each item's own character set, by the item's offset in the scan's copy
     * @param renamed      placeholder tags of the copy -> the elements' own
     * @param copyOffset   an offset in what PixelMed parsed -> the offset in the scan's copy
     */
    Conversion(boolean ownDecoding, Map<Integer, List<String>> itemCharsets, Map<Integer, Integer> renamed,
            IntUnaryOperator copyOffset, ReadWarnings warnings) {
        this.ownDecoding = ownDecoding;
        this.itemCharsets = itemCharsets;
        this.renamed = renamed;
        this.copyOffset = copyOffset;
        this.warnings = warnings;
    }

    /** The tag an attribute stands for (a placeholder of the scan's copy turned back into the element's own). */
    int tagOf(Attribute a) {
        int tag = a.getGroup() << 16 | a.getElement();
        Integer own = renamed.get(tag);
        return own == null ? tag : own;
    }

    /** The top-level attributes the caller wants, under the file's character set. */
    List<DicomElement> topLevel(AttributeList list, List<String> charset, IntPredicate wanted, Encoding encoding)
            throws DicomException {
        List<String> declared = charset == null ? List.of() : charset;
        Context context = new Context(declared, ownDecoding, true, encoding.bigEndian(), encoding.explicitVr());
        List<DicomElement> out = new ArrayList<>(list.size());
        for (Attribute a : list.values()) {
            int tag = tagOf(a);
            if (tag == HeaderScan.EMPTY_CHARSET_PLACEHOLDER || tag == Tags.SPECIFIC_CHARACTER_SET && charset == null) {
                continue; // the scan's empty character set (see HeaderScan.emptyCharset)
            }
            if (wanted.test(tag)) {
                out.add(ownDecoding && tag == Tags.SPECIFIC_CHARACTER_SET ? DicomElement.ofStrings(tag, Vr.CS, declared)
                        : element(a, context));
            }
        }
        return out;
    }

    /** Every attribute of the File Meta group (ASCII: no character set applies). */
    DicomDataSet fileMeta(AttributeList list) throws DicomException {
        Context context = new Context(List.of(), false, false, false, true);
        List<DicomElement> out = new ArrayList<>(list.size());
        for (Attribute a : list.values()) {
            out.add(element(a, context));
        }
        return DicomDataSet.of(out);
    }

    private DicomElement element(Attribute a, Context context) throws DicomException {
        int tag = tagOf(a);
        Vr vr = Vr.of(a.getVRAsString());
        if (a instanceof SequenceAttribute sequence) {
            return DicomElement.ofItems(tag, items(sequence, context));
        }
        if (vr == null || !context.explicitVr() && (Tags.group(tag) & 1) == 1 && Dictionary.vrOf(tag) == null) {
            // in implicit VR an odd-group tag no dictionary knows is opaque (PixelMed reads (0001,0001) as a creator's LO)
            return DicomElement.ofStrings(tag, Vr.UN, List.of());
        }
        if (a.getVL() == 0) {
            return DicomElement.ofStrings(tag, vr, List.of());
        }
        if (vr == Vr.UN) {
            return unknown(a, tag, context);
        }
        if (VrTable.isBulk(vr)) {
            return DicomElement.ofStrings(tag, vr, List.of());
        }
        SpecificCharacterSet decoder = context.own() && VrTable.usesCharset(vr)
                ? SpecificCharacterSet.of(context.charset(), warnings) : null;
        if (VrTable.isMultiValuedText(vr)) {
            String[] raw = a.getOriginalStringValues();
            if (raw == null || raw.length == 0) {
                return DicomElement.ofStrings(tag, vr, List.of());
            }
            if (decoder != null) {
                byte[] bytes = String.join("\\", raw).getBytes(StandardCharsets.ISO_8859_1);
                String text = decoder.decode(bytes, 0, bytes.length, SpecificCharacterSet.Delimiters.of(vr), warnings, tag);
                raw = text.split("\\\\", -1);
            }
            List<String> values = new ArrayList<>(raw.length);
            for (String v : raw) {
                values.add(Values.trimmed(v, 0, v.length(), vr));
            }
            if (decoder == null && VrTable.usesCharset(vr)) {
                checkRepertoire(values, context, tag);
            }
            return DicomElement.ofStrings(tag, vr, values);
        }
        if (VrTable.isText(vr)) { // LT ST UT UR: one value, never split
            String[] raw = a.getStringValues();
            if (raw == null || raw.length == 0) {
                return DicomElement.ofStrings(tag, vr, List.of());
            }
            String text = String.join("\\", raw);
            if (decoder != null) {
                byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
                text = decoder.decode(bytes, 0, bytes.length, SpecificCharacterSet.Delimiters.TEXT, warnings, tag);
            } else if (VrTable.usesCharset(vr)) {
                checkRepertoire(List.of(text), context, tag);
            }
            return DicomElement.ofStrings(tag, vr, List.of(Values.trimmed(text, 0, text.length(), vr)));
        }
        return DicomElement.ofStrings(tag, vr, numbers(a, vr));
    }

    /**
     * Under the default repertoire (no G1 set designated) PixelMed reads bytes above 0x7F as ISO-8859-1,
     * which is the documented fallback; part10 says so with a warning, and so does this reader.
     */
    private void checkRepertoire(List<String> values, Context context, int tag) {
        for (String term : context.charset()) {
            if (!term.isEmpty() && !term.equals("ISO 2022 IR 6") && !term.equals("ISO_IR 6")) {
                return;
            }
        }
        for (String v : values) {
            for (int i = 0; i < v.length(); i++) {
                if (v.charAt(i) > 0x7F) {
                    warnings.add(ReadWarnings.CHARACTER_SET, "The value of " + Tags.format(tag)
                            + " holds bytes outside its declared character set; they were read as ISO_IR 100.");
                    return;
                }
            }
        }
    }

    /** An attribute PixelMed left as UN: the dictionary's sequence or binary number, else bulk data. */
    private DicomElement unknown(Attribute a, int tag, Context context) throws DicomException {
        Vr known = Dictionary.vrOf(tag);
        byte[] bytes = a.getByteValues();
        if (bytes == null || known == null) {
            return DicomElement.ofStrings(tag, Vr.UN, List.of());
        }
        if (known == Vr.SQ) {
            return DicomElement.ofItems(tag, unknownSequence(tag, bytes, context));
        }
        if (VrTable.isBinaryNumber(known)) {
            return DicomElement.ofStrings(tag, known, Values.numbers(known, tag, bytes, 0, bytes.length, context.bigEndian(),
                    warnings, Integer.MAX_VALUE));
        }
        return DicomElement.ofStrings(tag, Vr.UN, List.of());
    }

    /**
     * The items of a sequence encoded as UN with a defined length: its bytes, wrapped as a UN element of
     * undefined length (which PixelMed reads as implicit VR little endian items), parsed again. No
     * character set is in force there, so PixelMed reads text one char per byte.
     */
    private List<DicomDataSet> unknownSequence(int tag, byte[] bytes, Context context) throws DicomException {
        byte[] charset = HeaderScan.emptyCharset(Encoding.EXPLICIT_VR_LITTLE_ENDIAN);
        int at = charset.length;
        byte[] wrapped = new byte[at + 12 + bytes.length + 8];
        System.arraycopy(charset, 0, wrapped, 0, at);
        wrapped[at] = (byte) (tag >>> 16);
        wrapped[at + 1] = (byte) (tag >>> 24);
        wrapped[at + 2] = (byte) tag;
        wrapped[at + 3] = (byte) (tag >>> 8);
        wrapped[at + 4] = 'U';
        wrapped[at + 5] = 'N';
        Arrays.fill(wrapped, at + 8, at + 12, (byte) 0xFF);
        System.arraycopy(bytes, 0, wrapped, at + 12, bytes.length);
        int end = at + 12 + bytes.length;
        wrapped[end] = (byte) 0xFE;
        wrapped[end + 1] = (byte) 0xFF;
        wrapped[end + 2] = (byte) 0xDD;
        wrapped[end + 3] = (byte) 0xE0;
        Library.Parsed parsed = Library.parse(wrapped, wrapped.length, Encoding.EXPLICIT_VR_LITTLE_ENDIAN);
        Attribute again = parsed.list().get(new AttributeTag(tag >>> 16, tag & 0xFFFF));
        if (parsed.failure() != null || !(again instanceof SequenceAttribute sequence)) {
            warnings.add(ReadWarnings.MALFORMED, "Sequence " + Tags.format(tag) + " is encoded as UN and its items could not be "
                    + "read; it was read without them.");
            return List.of();
        }
        return items(sequence, new Context(context.charset(), true, false, false, false));
    }

    private List<DicomDataSet> items(SequenceAttribute sequence, Context parent) throws DicomException {
        List<DicomDataSet> items = new ArrayList<>(sequence.getNumberOfItems());
        Iterator<SequenceItem> it = sequence.iterator();
        while (it.hasNext()) {
            SequenceItem item = it.next();
            AttributeList list = item.getAttributeList();
            Context context = parent;
            List<String> own = null;
            Attribute charset = list.get(new AttributeTag(Tags.SPECIFIC_CHARACTER_SET >>> 16, Tags.SPECIFIC_CHARACTER_SET & 0xFFFF));
            if (ownDecoding && parent.copyOffset()) {
                own = itemCharsets.get(copyOffset.applyAsInt((int) item.getByteOffset()));
                if (own != null) {
                    context = parent.withCharset(own, true);
                }
            } else if (charset != null && charset.getVL() > 0 && !ownDecoding) {
                // PixelMed decoded this item with its own character set
                context = parent.withCharset(values(charset), false);
            }
            List<DicomElement> elements = new ArrayList<>(list.size());
            for (Attribute a : list.values()) {
                int tag = tagOf(a);
                elements.add(own != null && tag == Tags.SPECIFIC_CHARACTER_SET ? DicomElement.ofStrings(tag, Vr.CS, own)
                        : element(a, context));
            }
            items.add(DicomDataSet.of(elements));
        }
        return items;
    }

    private static List<String> values(Attribute charset) throws DicomException {
        String[] raw = charset.getOriginalStringValues();
        List<String> values = new ArrayList<>();
        for (String v : raw == null ? new String[0] : raw) {
            values.add(v.strip());
        }
        return values;
    }

    private static List<String> numbers(Attribute a, Vr vr) throws DicomException {
        List<String> values = new ArrayList<>(Math.max(1, a.getVM()));
        switch (vr) {
            case US, SL -> {
                for (int v : nonNull(a.getIntegerValues())) {
                    values.add(Integer.toString(v));
                }
            }
            case SS -> {
                for (short v : nonNull(a.getShortValues())) {
                    values.add(Short.toString(v));
                }
            }
            case UL, SV -> {
                for (long v : nonNull(a.getLongValues())) {
                    values.add(Long.toString(v));
                }
            }
            case UV -> {
                for (long v : nonNull(a.getLongValues())) {
                    values.add(Long.toUnsignedString(v));
                }
            }
            case FL -> {
                for (float v : nonNull(a.getFloatValues())) {
                    values.add(Float.toString(v));
                }
            }
            case FD -> {
                for (double v : nonNull(a.getDoubleValues())) {
                    values.add(Double.toString(v));
                }
            }
            case AT -> {
                AttributeTag[] tags = ((AttributeTagAttribute) a).getAttributeTagValues();
                for (AttributeTag t : tags == null ? new AttributeTag[0] : tags) {
                    values.add(Values.hex8(t.getGroup() << 16 | t.getElement()));
                }
            }
            default -> {
                // a VR this reader has no rendering for: no values
            }
        }
        return values;
    }

    private static int[] nonNull(int[] v) {
        return v == null ? new int[0] : v;
    }

    private static short[] nonNull(short[] v) {
        return v == null ? new short[0] : v;
    }

    private static long[] nonNull(long[] v) {
        return v == null ? new long[0] : v;
    }

    private static float[] nonNull(float[] v) {
        return v == null ? new float[0] : v;
    }

    private static double[] nonNull(double[] v) {
        return v == null ? new double[0] : v;
    }
}
