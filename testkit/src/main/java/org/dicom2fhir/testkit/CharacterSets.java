package org.dicom2fhir.testkit;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Encodes text values with a Specific Character Set (0008,0005), covering every defined term of PS3.3
 * C.12.1.1.2: the default repertoire; ISO_IR 100/101/109/110/144/127/126/138/148/203/13/166 (single
 * value, no code extensions); their ISO 2022 variants and ISO 2022 IR 6/87/159/149/58 as code
 * extensions (with the escape sequences of PS3.5 6.1.2.5); ISO_IR 192 (UTF-8), GB18030 and GBK.
 *
 * <p>With code extensions, each run of characters is encoded with the first declared set that can
 * encode it (the active G0/G1 sets first) and its designating escape sequence is emitted; before the
 * delimiters CR, LF, TAB, FF, the backslash (multi-valued VRs), '^' and '=' (PN) and at the end of the
 * value the G0 set of value 1 is designated again, and the G1 set of value 1 is active again (PS3.5
 * 6.1.2.5.3). KS X 1001 (IR 149) is designated at the start of the line or component that needs it,
 * as Korean usage and the examples of PS3.5 Annex I do; the other sets just before the first character
 * that needs them (Annexes H and K). This reproduces those examples byte for byte.
 *
 * <p>Decisions where the standard is silent: an unknown term falls back to ISO_IR 100 (the reader's
 * documented fallback), so tests can write files with a bad (0008,0005); "ISO_IR nnn" inside a
 * multi-valued set is treated as "ISO 2022 IR nnn"; a multi-valued set naming ISO_IR 192, GB18030 or
 * GBK (which forbid code extensions) uses the first of these alone. JIS X 0212 (IR 159), which Java
 * has no encoder for, is derived from EUC-JP. Characters the declared set cannot encode make
 * {@link #encode} throw {@link IllegalArgumentException}: write deliberately invalid bytes with
 * {@link DicomObject#setBytes}.
 */
public final class CharacterSets {
    private CharacterSets() {
    }

    private static final Map<String, TextCodec> CODECS = new ConcurrentHashMap<>();

    /** Encodes one text value (multiple values already joined with '\') of VR {@code vr}, without padding. */
    public static byte[] encode(String text, String vr, String specificCharacterSet) {
        return codec(specificCharacterSet).encode(text, vr);
    }

    /** Whether text of this VR is encoded with the Specific Character Set (else the default repertoire). */
    public static boolean usesSpecificCharacterSet(String vr) {
        return switch (vr) {
            case "SH", "LO", "ST", "LT", "UC", "UT", "PN" -> true;
            default -> false;
        };
    }

    static TextCodec codec(String specificCharacterSet) {
        String key = specificCharacterSet == null ? "" : specificCharacterSet;
        return CODECS.computeIfAbsent(key, CharacterSets::create);
    }

    /** Encodes one value of some VR with one Specific Character Set. */
    interface TextCodec {
        byte[] encode(String text, String vr);
    }

    private static TextCodec create(String specificCharacterSet) {
        List<String> terms = new ArrayList<>();
        for (String t : specificCharacterSet.split("\\\\", -1)) {
            terms.add(t.trim());
        }
        while (terms.size() > 1 && terms.get(terms.size() - 1).isEmpty()) {
            terms.remove(terms.size() - 1);
        }
        boolean extensions = terms.size() > 1 || terms.get(0).startsWith("ISO 2022");
        if (!extensions) {
            return single(terms.get(0));
        }
        for (String t : terms) {
            if (t.equals("ISO_IR 192") || t.equals("GB18030") || t.equals("GBK")) {
                return single(t);
            }
        }
        List<GSet[]> declared = new ArrayList<>();
        for (String t : terms) {
            declared.add(sets(t));
        }
        return new Iso2022Codec(declared);
    }

    private static TextCodec single(String term) {
        return switch (term) {
            case "", "ISO_IR 6", "ISO 2022 IR 6" -> new CharsetCodec(StandardCharsets.US_ASCII, false);
            case "ISO_IR 100" -> new CharsetCodec(StandardCharsets.ISO_8859_1, false);
            case "ISO_IR 101" -> new CharsetCodec(Charset.forName("ISO-8859-2"), false);
            case "ISO_IR 109" -> new CharsetCodec(Charset.forName("ISO-8859-3"), false);
            case "ISO_IR 110" -> new CharsetCodec(Charset.forName("ISO-8859-4"), false);
            case "ISO_IR 144" -> new CharsetCodec(Charset.forName("ISO-8859-5"), false);
            case "ISO_IR 127" -> new CharsetCodec(Charset.forName("ISO-8859-6"), false);
            case "ISO_IR 126" -> new CharsetCodec(Charset.forName("ISO-8859-7"), false);
            case "ISO_IR 138" -> new CharsetCodec(Charset.forName("ISO-8859-8"), false);
            case "ISO_IR 148" -> new CharsetCodec(Charset.forName("ISO-8859-9"), false);
            case "ISO_IR 203" -> new CharsetCodec(Charset.forName("ISO-8859-15"), false);
            case "ISO_IR 166" -> new CharsetCodec(Charset.forName("TIS-620"), false);
            // JIS X 0201: the lower half is read as ASCII in DICOM (backslash stays the delimiter)
            case "ISO_IR 13" -> new CharsetCodec(Charset.forName("JIS_X0201"), true);
            case "ISO_IR 192" -> new CharsetCodec(StandardCharsets.UTF_8, false);
            case "GB18030" -> new CharsetCodec(Charset.forName("GB18030"), false);
            case "GBK" -> new CharsetCodec(Charset.forName("GBK"), false);
            default -> new CharsetCodec(StandardCharsets.ISO_8859_1, false); // documented fallback
        };
    }

    /** The graphic sets a code-extension term designates; an unknown term designates ISO 8859-1 (fallback). */
    private static GSet[] sets(String term) {
        String t = term.startsWith("ISO_IR ") ? "ISO 2022 IR " + term.substring(7) : term;
        return switch (t) {
            case "", "ISO 2022 IR 6" -> new GSet[] {GSet.ASCII};
            case "ISO 2022 IR 100" -> new GSet[] {GSet.ASCII, GSet.LATIN1};
            case "ISO 2022 IR 101" -> new GSet[] {GSet.ASCII, GSet.LATIN2};
            case "ISO 2022 IR 109" -> new GSet[] {GSet.ASCII, GSet.LATIN3};
            case "ISO 2022 IR 110" -> new GSet[] {GSet.ASCII, GSet.LATIN4};
            case "ISO 2022 IR 144" -> new GSet[] {GSet.ASCII, GSet.CYRILLIC};
            case "ISO 2022 IR 127" -> new GSet[] {GSet.ASCII, GSet.ARABIC};
            case "ISO 2022 IR 126" -> new GSet[] {GSet.ASCII, GSet.GREEK};
            case "ISO 2022 IR 138" -> new GSet[] {GSet.ASCII, GSet.HEBREW};
            case "ISO 2022 IR 148" -> new GSet[] {GSet.ASCII, GSet.LATIN5};
            case "ISO 2022 IR 203" -> new GSet[] {GSet.ASCII, GSet.LATIN9};
            case "ISO 2022 IR 166" -> new GSet[] {GSet.ASCII, GSet.THAI};
            case "ISO 2022 IR 13" -> new GSet[] {GSet.JIS_ROMAN, GSet.KATAKANA};
            case "ISO 2022 IR 87" -> new GSet[] {GSet.JIS_X0208};
            case "ISO 2022 IR 159" -> new GSet[] {GSet.JIS_X0212};
            case "ISO 2022 IR 149" -> new GSet[] {GSet.KS_X1001};
            case "ISO 2022 IR 58" -> new GSet[] {GSet.GB2312};
            default -> new GSet[] {GSet.ASCII, GSet.LATIN1};
        };
    }

    /** A character set without code extensions. */
    private static final class CharsetCodec implements TextCodec {
        private final Charset charset;
        private final boolean asciiLowerHalf;

        CharsetCodec(Charset charset, boolean asciiLowerHalf) {
            this.charset = charset;
            this.asciiLowerHalf = asciiLowerHalf;
        }

        @Override
        public byte[] encode(String text, String vr) {
            if (isAscii(text)) {
                return text.getBytes(StandardCharsets.US_ASCII);
            }
            CharsetEncoder encoder = charset.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            if (!asciiLowerHalf) {
                return encodeAll(encoder, text);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c < 0x80) {
                    out.write(c);
                } else {
                    out.writeBytes(encodeAll(encoder, String.valueOf(c)));
                }
            }
            return out.toByteArray();
        }
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static byte[] encodeAll(CharsetEncoder encoder, String text) {
        try {
            ByteBuffer bb = encoder.reset().encode(CharBuffer.wrap(text));
            byte[] out = new byte[bb.remaining()];
            bb.get(out);
            return out;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("text not encodable in the declared Specific Character Set");
        }
    }

    /** Bytes of one character in a charset, or {@code null} when it has none. */
    private static byte[] tryEncode(Charset charset, int codePoint) {
        CharsetEncoder encoder = charset.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            ByteBuffer bb = encoder.encode(CharBuffer.wrap(Character.toChars(codePoint)));
            byte[] out = new byte[bb.remaining()];
            bb.get(out);
            return out;
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static final byte ESC = 0x1B;

    /** The ISO 2022 graphic character sets DICOM designates, with their escape sequences (PS3.3 Tables C.12-3/4). */
    enum GSet {
        ASCII(true, new byte[] {ESC, '(', 'B'}, null),
        JIS_ROMAN(true, new byte[] {ESC, '(', 'J'}, null),
        LATIN1(false, new byte[] {ESC, '-', 'A'}, "ISO-8859-1"),
        LATIN2(false, new byte[] {ESC, '-', 'B'}, "ISO-8859-2"),
        LATIN3(false, new byte[] {ESC, '-', 'C'}, "ISO-8859-3"),
        LATIN4(false, new byte[] {ESC, '-', 'D'}, "ISO-8859-4"),
        CYRILLIC(false, new byte[] {ESC, '-', 'L'}, "ISO-8859-5"),
        ARABIC(false, new byte[] {ESC, '-', 'G'}, "ISO-8859-6"),
        GREEK(false, new byte[] {ESC, '-', 'F'}, "ISO-8859-7"),
        HEBREW(false, new byte[] {ESC, '-', 'H'}, "ISO-8859-8"),
        LATIN5(false, new byte[] {ESC, '-', 'M'}, "ISO-8859-9"),
        LATIN9(false, new byte[] {ESC, '-', 'b'}, "ISO-8859-15"),
        THAI(false, new byte[] {ESC, '-', 'T'}, "TIS-620"),
        KATAKANA(false, new byte[] {ESC, ')', 'I'}, "JIS_X0201"),
        JIS_X0208(true, new byte[] {ESC, '$', 'B'}, "x-JIS0208"),
        JIS_X0212(true, new byte[] {ESC, '$', '(', 'D'}, "EUC-JP"),
        KS_X1001(false, new byte[] {ESC, '$', ')', 'C'}, "EUC-KR"),
        GB2312(false, new byte[] {ESC, '$', ')', 'A'}, "GB2312");

        final boolean g0;
        final byte[] escape;
        private final String charsetName;
        private volatile Charset charset;

        GSet(boolean g0, byte[] escape, String charsetName) {
            this.g0 = g0;
            this.escape = escape;
            this.charsetName = charsetName;
        }

        private Charset charset() {
            Charset c = charset;
            if (c == null) {
                c = Charset.forName(charsetName);
                charset = c;
            }
            return c;
        }

        /** The bytes of the character in this set (GL for G0 sets, GR for G1 sets), or {@code null}. */
        byte[] encode(int cp) {
            switch (this) {
                case ASCII:
                    return cp < 0x80 ? new byte[] {(byte) cp} : null;
                case JIS_ROMAN:
                    if (cp < 0x80) {
                        return new byte[] {(byte) cp};
                    }
                    return cp == 0xA5 ? new byte[] {0x5C} : cp == 0x203E ? new byte[] {0x7E} : null;
                case JIS_X0208: {
                    if (cp < 0x80) {
                        return null;
                    }
                    byte[] b = tryEncode(charset(), cp);
                    return b != null && b.length == 2 ? b : null;
                }
                case JIS_X0212: {
                    if (cp < 0x80) {
                        return null;
                    }
                    // EUC-JP writes JIS X 0212 as SS3 (0x8F) and two GR bytes
                    byte[] b = tryEncode(charset(), cp);
                    return b != null && b.length == 3 && (b[0] & 0xFF) == 0x8F
                            ? new byte[] {(byte) (b[1] & 0x7F), (byte) (b[2] & 0x7F)} : null;
                }
                case KS_X1001:
                case GB2312: {
                    if (cp < 0x80) {
                        return null;
                    }
                    byte[] b = tryEncode(charset(), cp);
                    return b != null && b.length == 2 && (b[0] & 0xFF) >= 0xA1 && (b[1] & 0xFF) >= 0xA1 ? b : null;
                }
                default: {
                    // the 96-character sets: only the upper half belongs to G1
                    if (cp < 0xA0) {
                        return null;
                    }
                    byte[] b = tryEncode(charset(), cp);
                    return b != null && b.length == 1 && (b[0] & 0xFF) >= 0xA0 ? b : null;
                }
            }
        }
    }

    /** Code extensions (PS3.5 6.1.2.5). */
    private static final class Iso2022Codec implements TextCodec {
        private final List<GSet> declared = new ArrayList<>();
        private final GSet initialG0;
        private final GSet initialG1;

        Iso2022Codec(List<GSet[]> terms) {
            for (GSet[] sets : terms) {
                for (GSet s : sets) {
                    if (!declared.contains(s)) {
                        declared.add(s);
                    }
                }
            }
            GSet g0 = GSet.ASCII;
            GSet g1 = null;
            for (GSet s : terms.get(0)) {
                if (s.g0 && (s == GSet.ASCII || s == GSet.JIS_ROMAN)) {
                    g0 = s;
                } else if (!s.g0) {
                    g1 = s;
                }
            }
            if (!declared.contains(GSet.ASCII) && g0 == GSet.ASCII) {
                declared.add(0, GSet.ASCII);
            }
            initialG0 = g0;
            initialG1 = g1;
        }

        @Override
        public byte[] encode(String text, String vr) {
            boolean pn = vr.equals("PN");
            boolean multiValued = !(vr.equals("LT") || vr.equals("ST") || vr.equals("UT"));
            ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() * 2);
            // the current segment: the text between two delimiters, buffered so that a KS X 1001
            // designation can go to its start (ISO-2022-KR usage, as in the examples of PS3.5 Annex I)
            ByteArrayOutputStream segment = new ByteArrayOutputStream();
            byte[] segmentPrefix = null;
            boolean g1UsedInSegment = false;
            GSet g0 = initialG0;
            GSet g1 = initialG1;
            int i = 0;
            while (i < text.length()) {
                int cp = text.codePointAt(i);
                i += Character.charCount(cp);
                boolean delimiter = cp == '\r' || cp == '\n' || cp == '\t' || cp == '\f'
                        || (multiValued && cp == '\\') || (pn && (cp == '^' || cp == '='));
                if (delimiter) {
                    if (g0 != initialG0) {
                        segment.writeBytes(initialG0.escape);
                        g0 = initialG0;
                    }
                    g1 = initialG1;
                    flush(out, segmentPrefix, segment);
                    segmentPrefix = null;
                    g1UsedInSegment = false;
                    out.write(cp);
                    continue;
                }
                byte[] b = g0.encode(cp);
                if (b == null && g1 != null) {
                    b = g1.encode(cp);
                    g1UsedInSegment |= b != null;
                }
                if (b == null) {
                    for (GSet s : declared) {
                        b = s.encode(cp);
                        if (b != null) {
                            if (s.g0) {
                                segment.writeBytes(s.escape);
                                g0 = s;
                            } else {
                                if (s == GSet.KS_X1001 && !g1UsedInSegment && segmentPrefix == null) {
                                    segmentPrefix = s.escape;
                                } else {
                                    segment.writeBytes(s.escape);
                                }
                                g1 = s;
                                g1UsedInSegment = true;
                            }
                            break;
                        }
                    }
                }
                if (b == null) {
                    throw new IllegalArgumentException("text not encodable in the declared Specific Character Set");
                }
                segment.writeBytes(b);
            }
            if (g0 != initialG0) {
                segment.writeBytes(initialG0.escape);
            }
            flush(out, segmentPrefix, segment);
            return out.toByteArray();
        }

        private static void flush(ByteArrayOutputStream out, byte[] prefix, ByteArrayOutputStream segment) {
            if (prefix != null) {
                out.writeBytes(prefix);
            }
            out.writeBytes(segment.toByteArray());
            segment.reset();
        }
    }

    /** ISO-8859-1 bytes for the VRs of the default repertoire (AE, CS, DA, UI...). */
    static byte[] defaultRepertoire(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
