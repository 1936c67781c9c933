package org.dicom2fhir.testkit.contract;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.dicom2fhir.api.Limit;
import org.dicom2fhir.api.ReasonCode;
import org.dicom2fhir.api.Warning;
import org.dicom2fhir.api.WarningCode;
import org.dicom2fhir.api.dicom.DicomDataSet;
import org.dicom2fhir.api.dicom.DicomElement;
import org.dicom2fhir.api.dicom.DicomReadException;
import org.dicom2fhir.api.dicom.DicomReadResult;
import org.dicom2fhir.api.dicom.LimitExceededException;
import org.dicom2fhir.api.dicom.NotDicomException;
import org.dicom2fhir.api.dicom.ReadDamage;
import org.dicom2fhir.api.dicom.ReadOptions;
import org.dicom2fhir.api.dicom.Tags;
import org.dicom2fhir.api.dicom.Vr;
import org.dicom2fhir.api.spi.DicomReader;

/**
 * A naive reader for the contract's self-test: it walks well-formed files (every encoding, sequences,
 * deflate), keeps the limits, and reports damage as the api asks (typed, with tag and offset, the
 * elements before it kept), but reads all text as ISO-8859-1 whatever the Specific Character Set and
 * knows no VR in implicit VR (UN). So it passes the contract tests about the provider, explicit VRs,
 * damage, limits, streams, threads and messages, and fails those about character sets and implicit
 * VR. Each {@link Defect} breaks one more promise.
 */
final class NaiveReader implements DicomReader {
    enum Defect {
        NONE, UPPER_CASE_NAME, NOT_REGISTERED, CLOSES_STREAM, CLOSES_CHANNEL, RACE, STREAMS_DIFFER, LEAKS_VALUE,
        /** Every limit fails the file as a plain DicomReadException (with the limit's reason code). */
        LIMIT_AS_PLAIN_EXCEPTION,
        /** Damage after the elements read becomes a warning (its code), and damage() stays null. */
        DAMAGE_AS_WARNING,
        /** Damage is reported without the element and the byte offset where reading stopped. */
        DAMAGE_WITHOUT_PLACE,
        /** A file read to its end still reports damage. */
        DAMAGE_ON_EVERY_FILE,
        /** Every element's VR is reported as UN (the values are still right). */
        VR_AS_UN,
        /** Top-level elements not asked for stay in the result. */
        KEEPS_UNREQUESTED
    }

    private static final Set<String> LONG_LAYOUT = Set.of("OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV");
    private static final Set<String> BULK = Set.of("OB", "OD", "OF", "OL", "OV", "OW", "UN");
    private static final Set<String> SINGLE_TEXT = Set.of("LT", "ST", "UT", "UR");

    private final Defect defect;
    private final AtomicInteger reads = new AtomicInteger();

    NaiveReader(Defect defect) {
        this.defect = defect;
    }

    @Override
    public DicomReadResult read(Path file, ReadOptions options) throws IOException {
        return read(Files.readAllBytes(file), options);
    }

    @Override
    public DicomReadResult read(java.nio.channels.SeekableByteChannel channel, ReadOptions options) throws IOException {
        DicomReadResult r = DicomReader.super.read(channel, options);
        if (defect == Defect.CLOSES_CHANNEL) {
            channel.close();
        }
        return r;
    }

    @Override
    public DicomReadResult read(InputStream in, ReadOptions options) throws IOException {
        byte[] bytes = in.readAllBytes();
        if (defect == Defect.CLOSES_STREAM) {
            in.close();
        }
        DicomReadResult r = read(bytes, options);
        if (defect == Defect.STREAMS_DIFFER && !r.dataSet().isEmpty()) {
            List<DicomElement> fewer = new ArrayList<>(r.dataSet().elements());
            fewer.remove(fewer.size() - 1);
            return new DicomReadResult(r.transferSyntaxUid(), r.fileMeta(), DicomDataSet.of(fewer), r.warnings(), r.damage());
        }
        return r;
    }

    @Override
    public DicomReadResult read(byte[] b, ReadOptions options) throws DicomReadException {
        try {
            DicomReadResult r = parse(b, options);
            if (defect == Defect.RACE && reads.incrementAndGet() % 97 == 0) {
                return new DicomReadResult(r.transferSyntaxUid(), r.fileMeta(), DicomDataSet.empty(), r.warnings(), r.damage());
            }
            return r;
        } catch (DicomReadException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new DicomReadException(ReasonCode.MALFORMED, "The naive reader gave up.");
        }
    }

    private DicomReadResult parse(byte[] b, ReadOptions options) throws DicomReadException {
        boolean dicm = b.length >= 132 && b[128] == 'D' && b[129] == 'I' && b[130] == 'C' && b[131] == 'M';
        if (!dicm) {
            if (b.length >= 8 && b[0] == 0x08 && b[1] == 0) {
                return result("1.2.840.10008.1.2", DicomDataSet.empty(), b, 0, false, false, options);
            }
            throw new NotDicomException("No DICM marker.");
        }
        List<DicomElement> meta = new ArrayList<>();
        int pos = 132;
        String ts = "1.2.840.10008.1.2.1";
        while (pos + 8 <= b.length && u16(b, pos, false) == 2) {
            int tag = tag(b, pos, false);
            String vr = new String(b, pos + 4, 2, StandardCharsets.ISO_8859_1);
            boolean longLayout = LONG_LAYOUT.contains(vr);
            int length = (int) (longLayout ? u32(b, pos + 8, false) : u16(b, pos + 6, false));
            int value = pos + (longLayout ? 12 : 8);
            String text = new String(b, value, length, StandardCharsets.ISO_8859_1).replace("\0", "").strip();
            meta.add(DicomElement.ofStrings(tag, vr(vr), BULK.contains(vr) ? List.of() : List.of(text)));
            if (tag == Tags.TRANSFER_SYNTAX_UID) {
                ts = text;
            }
            pos = value + length;
        }
        if (ts.equals("1.2.840.10008.1.2.1.99")) {
            return result(ts, DicomDataSet.of(meta), inflate(b, pos, options.maxInflatedBytes()), 0, true, false, options);
        }
        return result(ts, DicomDataSet.of(meta), b, pos, !ts.equals("1.2.840.10008.1.2"), ts.equals("1.2.840.10008.1.2.2"),
                options);
    }

    private DicomReadResult result(String ts, DicomDataSet meta, byte[] b, int start, boolean explicit, boolean big,
            ReadOptions options) throws DicomReadException {
        ReadDamage[] damage = {null};
        List<DicomElement> top = walk(b, start, explicit, big, options, damage);
        if (defect != Defect.KEEPS_UNREQUESTED) {
            top.removeIf(e -> !options.wants(e.tag()));
        }
        ReadDamage d = damage[0];
        if (top.isEmpty() && d != null) {
            throw new DicomReadException(d.reason(), d.message(), d.tag(), d.offset());
        }
        if (defect == Defect.DAMAGE_ON_EVERY_FILE && d == null) {
            d = new ReadDamage(ReasonCode.MALFORMED, DicomReadException.NO_TAG, b.length, "Nothing is wrong here.");
        }
        if (defect == Defect.DAMAGE_WITHOUT_PLACE && d != null) {
            d = new ReadDamage(d.reason(), DicomReadException.NO_TAG, DicomReadException.NO_OFFSET, d.message());
        }
        List<Warning> warnings = new ArrayList<>();
        if (defect == Defect.DAMAGE_AS_WARNING && d != null) {
            warnings.add(new Warning(WarningCode.forDamage(d.reason()), d.message()));
            d = null;
        }
        return new DicomReadResult(ts, meta, DicomDataSet.of(top), warnings, d);
    }

    private DicomReadException limit(Limit limit, String message, int tag, long offset) {
        return defect == Defect.LIMIT_AS_PLAIN_EXCEPTION ? new DicomReadException(limit.reason(), message, tag, offset)
                : new LimitExceededException(limit, message, tag, offset);
    }

    private Vr vr(String code) {
        Vr vr = Vr.of(code);
        return vr == null || defect == Defect.VR_AS_UN ? Vr.UN : vr;
    }

    /** One open sequence or item. */
    private static final class Open {
        int tag;
        long end;
        boolean item;
        List<DicomDataSet> items = new ArrayList<>();
        List<DicomElement> elements = new ArrayList<>();
    }

    /** The top-level elements up to Pixel Data or damage; {@code damage[0]} says where reading stopped. */
    private List<DicomElement> walk(byte[] b, int start, boolean explicit, boolean big, ReadOptions options,
            ReadDamage[] damage) throws DicomReadException {
        List<DicomElement> top = new ArrayList<>();
        Deque<Open> open = new ArrayDeque<>();
        int sequences = 0;
        long pos = start;
        while (true) {
            while (!open.isEmpty() && open.peek().end >= 0 && pos >= open.peek().end) {
                sequences -= open.peek().item ? 0 : 1;
                close(open, top);
            }
            if (pos + 8 > options.maxHeaderBytes()) {
                throw limit(Limit.MAX_HEADER_BYTES, "The header runs past " + options.maxHeaderBytes() + " bytes.",
                        DicomReadException.NO_TAG, pos);
            }
            if (pos + 8 > b.length) {
                if (!open.isEmpty()) {
                    int tag = open.peek().tag;
                    damage[0] = new ReadDamage(ReasonCode.TRUNCATED, tag, pos, "The file ends inside sequence "
                            + Tags.format(tag) + " at byte " + pos + ".");
                }
                return top;
            }
            int p = (int) pos;
            int tag = tag(b, p, big);
            long length = u32(b, p + 4, big);
            if (open.isEmpty() && Integer.compareUnsigned(tag, Tags.PIXEL_DATA) >= 0) {
                return top;
            }
            if (tag == Tags.ITEM) {
                Open item = new Open();
                item.item = true;
                item.tag = open.isEmpty() ? 0 : open.peek().tag;
                item.end = length == 0xFFFFFFFFL ? -1 : pos + 8 + length;
                open.push(item);
                pos += 8;
                continue;
            }
            if (tag == Tags.ITEM_DELIMITATION_ITEM || tag == Tags.SEQUENCE_DELIMITATION_ITEM) {
                sequences -= open.isEmpty() || open.peek().item ? 0 : 1;
                close(open, top);
                pos += 8;
                continue;
            }
            String vr = "UN";
            int header = 8;
            if (explicit) {
                vr = new String(b, p + 4, 2, StandardCharsets.ISO_8859_1);
                if (LONG_LAYOUT.contains(vr)) {
                    length = u32(b, p + 8, big);
                    header = 12;
                } else {
                    length = u16(b, p + 6, big);
                }
            }
            pos += header;
            // in implicit VR a defined-length value that starts with an item is taken for a sequence
            boolean items = !explicit && length >= 8 && pos + 4 <= b.length && tag(b, (int) pos, big) == Tags.ITEM;
            if ("SQ".equals(vr) || length == 0xFFFFFFFFL || items) {
                if (++sequences > options.maxNestingDepth()) {
                    throw limit(Limit.MAX_NESTING_DEPTH, "Sequence " + Tags.format(tag) + " nests deeper than "
                            + options.maxNestingDepth() + " levels.", tag, pos - header);
                }
                Open sequence = new Open();
                sequence.tag = tag;
                sequence.end = length == 0xFFFFFFFFL ? -1 : pos + length;
                open.push(sequence);
                continue;
            }
            if (pos + length > b.length) {
                damage[0] = new ReadDamage(ReasonCode.LENGTH_EXCEEDS_FILE, tag, pos - header, "Element " + Tags.format(tag)
                        + " at byte " + (pos - header) + (defect == Defect.LEAKS_VALUE ? " after " + leak(top) : "")
                        + " runs past the end of the file.");
                return top;
            }
            List<DicomElement> into = open.isEmpty() ? top : open.peek().elements;
            into.add(DicomElement.ofStrings(tag, vr(vr), values(b, (int) pos, (int) length, vr, big)));
            pos += length;
        }
    }

    private static String leak(List<DicomElement> read) {
        for (DicomElement e : read) {
            if (e.tag() == Tags.PATIENT_NAME) {
                return e.firstValue();
            }
        }
        return "the start";
    }

    private static void close(Deque<Open> open, List<DicomElement> top) {
        Open done = open.pop();
        if (done.item) {
            if (!open.isEmpty()) {
                open.peek().items.add(DicomDataSet.of(done.elements));
            }
            return;
        }
        List<DicomElement> into = open.isEmpty() ? top : open.peek().elements;
        into.add(DicomElement.ofItems(done.tag, done.items));
    }

    private static List<String> values(byte[] b, int at, int length, String vr, boolean big) {
        if (length == 0 || BULK.contains(vr)) {
            return List.of();
        }
        switch (vr) {
            case "US", "SS", "UL", "SL", "FL", "FD", "AT", "SV", "UV":
                List<String> numbers = new ArrayList<>();
                int size = switch (vr) {
                    case "US", "SS" -> 2;
                    case "FD", "SV", "UV" -> 8;
                    default -> 4;
                };
                for (int i = at; i + size <= at + length; i += size) {
                    long v = size == 2 ? u16(b, i, big) : size == 4 ? u32(b, i, big)
                            : big ? u32(b, i, true) << 32 | u32(b, i + 4, true) : u32(b, i + 4, false) << 32 | u32(b, i, false);
                    numbers.add(switch (vr) {
                        case "SS" -> Short.toString((short) v);
                        case "SL" -> Integer.toString((int) v);
                        case "FL" -> Float.toString(Float.intBitsToFloat((int) v));
                        case "FD" -> Double.toString(Double.longBitsToDouble(v));
                        case "AT" -> String.format("%04X%04X", u16(b, i, big), u16(b, i + 2, big));
                        default -> Long.toString(v);
                    });
                }
                return numbers;
            default:
                String text = new String(b, at, length, StandardCharsets.ISO_8859_1);
                if (SINGLE_TEXT.contains(vr)) {
                    return List.of(text.replaceAll("[ \\x00]+$", ""));
                }
                List<String> values = new ArrayList<>();
                for (String v : text.split("\\\\", -1)) {
                    values.add(v.replaceAll("[ \\x00]+$", "").replaceAll("^ +", ""));
                }
                return values;
        }
    }

    private byte[] inflate(byte[] b, int from, long max) throws DicomReadException {
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(b, from, b.length - from);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] chunk = new byte[8192];
            while (!inflater.finished() && !inflater.needsInput()) {
                out.write(chunk, 0, inflater.inflate(chunk));
                if (out.size() > max) {
                    throw limit(Limit.MAX_INFLATED_BYTES, "The data set inflates past " + max + " bytes.",
                            DicomReadException.NO_TAG, from);
                }
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new DicomReadException(ReasonCode.MALFORMED, "Not deflate data.");
        } finally {
            inflater.end();
        }
    }

    private static int u16(byte[] b, int i, boolean big) {
        return big ? (b[i] & 0xFF) << 8 | (b[i + 1] & 0xFF) : (b[i + 1] & 0xFF) << 8 | (b[i] & 0xFF);
    }

    private static long u32(byte[] b, int i, boolean big) {
        return big ? (long) u16(b, i, true) << 16 | u16(b, i + 2, true) : (long) u16(b, i + 2, false) << 16 | u16(b, i, false);
    }

    private static int tag(byte[] b, int i, boolean big) {
        return u16(b, i, big) << 16 | u16(b, i + 2, big);
    }
}
