package org.dicom2fhir.reader.pixelmed;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.dicom2fhir.api.dicom.Tags;

/**
 * This reader's own decoding of text per Specific Character Set (0008,0005), for the character sets
 * PixelMed decodes wrongly (see {@link Charsets#pixelmedDecodes}): every defined term of PS3.3
 * C.12.1.1.2, with and without ISO 2022 code extensions (PS3.5 6.1.2.5). Never throws: an unknown
 * term is read as ISO_IR 100, bytes invalid in the declared set become U+FFFD, bytes above 0x7F
 * where no G1 set is designated are read as ISO_IR 100; each with a warning. Immutable.
 */
final class TextDecoder {
    /** Where ISO 2022 code elements return to their initial state besides line ends (PS3.5 6.1.2.5.3). */
    enum Delimiters {
        /** LT, ST, UT: line ends only. */
        TEXT,
        /** SH, LO, UC: also the backslash between values. */
        MULTI,
        /** PN: also the backslash, '^' and '='. */
        PERSON_NAME
    }

    /** A graphic character set that escape sequences designate to G0 or G1. */
    private enum Set {
        ASCII(true, 0, null),
        JIS_ROMAN(true, 0, null), // ISO-IR 14: read as ASCII, as pydicom and dcm4che do
        JIS_X0208(true, 2, "EUC-JP"),
        JIS_X0212(true, 2, "EUC-JP"),
        LATIN1(false, 1, "ISO-8859-1"),
        LATIN2(false, 1, "ISO-8859-2"),
        LATIN3(false, 1, "ISO-8859-3"),
        LATIN4(false, 1, "ISO-8859-4"),
        CYRILLIC(false, 1, "ISO-8859-5"),
        ARABIC(false, 1, "ISO-8859-6"),
        GREEK(false, 1, "ISO-8859-7"),
        HEBREW(false, 1, "ISO-8859-8"),
        LATIN5(false, 1, "ISO-8859-9"),
        LATIN9(false, 1, "ISO-8859-15"),
        THAI(false, 1, "TIS-620"),
        KATAKANA(false, 1, null),
        KS_X1001(false, 2, "EUC-KR"),
        GB2312(false, 2, "GB2312");

        final boolean g0;
        final int bytesPerChar;
        final String charsetName;

        Set(boolean g0, int bytesPerChar, String charsetName) {
            this.g0 = g0;
            this.bytesPerChar = bytesPerChar;
            this.charsetName = charsetName;
        }
    }

    /** A defined term: its initial G0 and G1 sets, or a charset that decodes whole values. */
    private record Term(Set g0, Set g1, String whole) {
    }

    private static final Map<String, Term> SINGLE = new HashMap<>();
    private static final Map<String, Term> EXTENSIONS = new HashMap<>();
    private static final Map<String, String> LOOSE = new HashMap<>(); // loose spelling -> defined term

    static {
        single("", Set.ASCII, null, null);
        single("ISO_IR 100", Set.ASCII, Set.LATIN1, null);
        single("ISO_IR 101", Set.ASCII, Set.LATIN2, null);
        single("ISO_IR 109", Set.ASCII, Set.LATIN3, null);
        single("ISO_IR 110", Set.ASCII, Set.LATIN4, null);
        single("ISO_IR 144", Set.ASCII, Set.CYRILLIC, null);
        single("ISO_IR 127", Set.ASCII, Set.ARABIC, null);
        single("ISO_IR 126", Set.ASCII, Set.GREEK, null);
        single("ISO_IR 138", Set.ASCII, Set.HEBREW, null);
        single("ISO_IR 148", Set.ASCII, Set.LATIN5, null);
        single("ISO_IR 203", Set.ASCII, Set.LATIN9, null);
        single("ISO_IR 13", Set.JIS_ROMAN, Set.KATAKANA, null);
        single("ISO_IR 166", Set.ASCII, Set.THAI, null);
        single("ISO_IR 192", null, null, "UTF-8");
        single("GB18030", null, null, "GB18030");
        single("GBK", null, null, "GBK");
        extension("ISO 2022 IR 6", Set.ASCII, null);
        extension("ISO 2022 IR 100", Set.ASCII, Set.LATIN1);
        extension("ISO 2022 IR 101", Set.ASCII, Set.LATIN2);
        extension("ISO 2022 IR 109", Set.ASCII, Set.LATIN3);
        extension("ISO 2022 IR 110", Set.ASCII, Set.LATIN4);
        extension("ISO 2022 IR 144", Set.ASCII, Set.CYRILLIC);
        extension("ISO 2022 IR 127", Set.ASCII, Set.ARABIC);
        extension("ISO 2022 IR 126", Set.ASCII, Set.GREEK);
        extension("ISO 2022 IR 138", Set.ASCII, Set.HEBREW);
        extension("ISO 2022 IR 148", Set.ASCII, Set.LATIN5);
        extension("ISO 2022 IR 203", Set.ASCII, Set.LATIN9);
        extension("ISO 2022 IR 13", Set.JIS_ROMAN, Set.KATAKANA);
        extension("ISO 2022 IR 166", Set.ASCII, Set.THAI);
        extension("ISO 2022 IR 87", Set.JIS_X0208, null);
        extension("ISO 2022 IR 159", Set.JIS_X0212, null);
        extension("ISO 2022 IR 149", null, Set.KS_X1001);
        extension("ISO 2022 IR 58", null, Set.GB2312);
        LOOSE.put("UTF8", "ISO_IR 192");
    }

    private static void single(String term, Set g0, Set g1, String whole) {
        SINGLE.put(term, new Term(g0, g1, whole));
        LOOSE.put(loose(term), term);
    }

    private static void extension(String term, Set g0, Set g1) {
        EXTENSIONS.put(term, new Term(g0, g1, null));
        LOOSE.put(loose(term), term);
    }

    private static String loose(String term) {
        return term.replaceAll("[ _\\-]", "").toUpperCase(Locale.ROOT);
    }

    private final Set initialG0;
    private final Set initialG1;
    private final String whole;
    private final boolean extensions;

    private TextDecoder(Set g0, Set g1, String whole, boolean extensions) {
        this.initialG0 = g0 == null ? Set.ASCII : g0;
        this.initialG1 = g1;
        this.whole = whole;
        this.extensions = extensions;
    }

    /** The decoder for the values of a Specific Character Set (empty: the default repertoire). */
    static TextDecoder of(List<String> values, Warnings warnings) {
        if (values.isEmpty()) {
            return new TextDecoder(Set.ASCII, null, null, false);
        }
        String[] terms = new String[values.size()];
        for (int i = 0; i < terms.length; i++) {
            terms[i] = defined(values.get(i), warnings);
        }
        if (terms.length == 1) {
            Term t = terms[0] == null ? null : SINGLE.containsKey(terms[0]) ? SINGLE.get(terms[0]) : EXTENSIONS.get(terms[0]);
            if (t == null) {
                return unknown(warnings);
            }
            return new TextDecoder(firstG0(t, warnings), t.g1, t.whole, EXTENSIONS.containsKey(terms[0]));
        }
        for (String term : terms) {
            Term t = term == null ? null : SINGLE.get(term);
            if (t != null && t.whole != null) {
                warnings.add(Warnings.CHARACTER_SET, "Specific Character Set " + Tags.format(Tags.SPECIFIC_CHARACTER_SET)
                        + " combines a multi-byte set without code extensions with others; it alone was used.");
                return new TextDecoder(null, null, t.whole, false);
            }
        }
        for (int i = 1; i < terms.length; i++) {
            if (terms[i] == null || terms[i].isEmpty()) {
                warnings.add(Warnings.CHARACTER_SET, "Specific Character Set " + Tags.format(Tags.SPECIFIC_CHARACTER_SET)
                        + " holds an unknown or empty term after the first; it was ignored.");
            }
        }
        if (terms[0] == null) {
            warnings.add(Warnings.CHARACTER_SET, "Specific Character Set " + Tags.format(Tags.SPECIFIC_CHARACTER_SET)
                    + " starts with an unknown term; ISO_IR 100 was used as the initial set.");
            return new TextDecoder(Set.ASCII, Set.LATIN1, null, true);
        }
        String first = terms[0].startsWith("ISO_IR ") ? "ISO 2022 IR " + terms[0].substring(7) : terms[0];
        Term t = first.isEmpty() ? SINGLE.get("") : EXTENSIONS.get(first);
        if (t == null) {
            return unknown(warnings);
        }
        return new TextDecoder(firstG0(t, warnings), t.g1, null, true);
    }

    /** A two-byte G0 set cannot be the initial one: ASCII is (a two-byte G1 set is fine). */
    private static Set firstG0(Term t, Warnings warnings) {
        if (t.g0 != null && t.g0.bytesPerChar == 2) {
            warnings.add(Warnings.CHARACTER_SET, "Specific Character Set " + Tags.format(Tags.SPECIFIC_CHARACTER_SET)
                    + " names a multi-byte set as its first value; ASCII was used as the initial set.");
            return Set.ASCII;
        }
        return t.g0;
    }

    private static TextDecoder unknown(Warnings warnings) {
        warnings.add(Warnings.CHARACTER_SET, "Specific Character Set " + Tags.format(Tags.SPECIFIC_CHARACTER_SET)
                + " holds an unknown term; text was decoded as ISO_IR 100.");
        return new TextDecoder(Set.ASCII, Set.LATIN1, null, false);
    }

    /** The defined term a value spells (tolerating case and separators, with a warning), or null. */
    private static String defined(String value, Warnings warnings) {
        String v = value.strip();
        if (SINGLE.containsKey(v) || EXTENSIONS.containsKey(v)) {
            return v;
        }
        String term = LOOSE.get(loose(v));
        if (term != null) {
            warnings.add(Warnings.CHARACTER_SET, "Specific Character Set " + Tags.format(Tags.SPECIFIC_CHARACTER_SET)
                    + " spells a defined term in a non-standard way; it was read as that term.");
        }
        return term;
    }

    /** Whether {@code value} names a defined term exactly as the standard spells it. */
    static boolean isDefinedTerm(String value) {
        return SINGLE.containsKey(value) || EXTENSIONS.containsKey(value);
    }

    /** Decodes one element's value bytes, every value and delimiter included. */
    String decode(byte[] b, Delimiters delimiters, Warnings warnings, int tag) {
        boolean ascii = true;
        for (byte x : b) {
            if (x < 0 || x == 0x1B && extensions) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return new String(b, StandardCharsets.ISO_8859_1);
        }
        if (whole != null) {
            return checked(new String(b, charset(whole, warnings, tag)), warnings, tag);
        }
        return new Run(b, delimiters, warnings, tag).decode();
    }

    private static String checked(String s, Warnings warnings, int tag) {
        if (s.indexOf('\uFFFD') >= 0) {
            invalid(warnings, tag);
        }
        return s;
    }

    private static void invalid(Warnings warnings, int tag) {
        warnings.add(Warnings.CHARACTER_SET, "The value of " + Tags.format(tag)
                + " holds bytes that are not valid in its character set; they were replaced by U+FFFD.");
    }

    /** One pass of ISO 2022 decoding: the state is the current G0 and G1 sets. */
    private final class Run {
        private final byte[] b;
        private final Delimiters delimiters;
        private final Warnings warnings;
        private final int tag;
        private final StringBuilder out;
        private int i;
        private Set g0 = initialG0;
        private Set g1 = initialG1;

        Run(byte[] b, Delimiters delimiters, Warnings warnings, int tag) {
            this.b = b;
            this.delimiters = delimiters;
            this.warnings = warnings;
            this.tag = tag;
            this.out = new StringBuilder(b.length);
        }

        String decode() {
            while (i < b.length) {
                int c = b[i] & 0xFF;
                if (c == 0x1B && extensions) {
                    escape();
                } else if (c >= 0x80) {
                    highBytes();
                } else if (g0.bytesPerChar == 2 && c >= 0x21 && c <= 0x7E) {
                    twoByteG0();
                } else {
                    out.append((char) c);
                    i++;
                    if (resetsAt(c)) {
                        g0 = initialG0;
                        g1 = initialG1;
                    }
                }
            }
            return out.toString();
        }

        private boolean resetsAt(int c) {
            return switch (c) {
                case '\r', '\n', '\f', '\t' -> true;
                case '\\' -> delimiters != Delimiters.TEXT;
                case '^', '=' -> delimiters == Delimiters.PERSON_NAME;
                default -> false;
            };
        }

        /** ESC, intermediate bytes 0x20-0x2F, a final byte 0x30-0x7E. */
        private void escape() {
            int j = i + 1;
            while (j < b.length && (b[j] & 0xFF) >= 0x20 && (b[j] & 0xFF) <= 0x2F) {
                j++;
            }
            if (j >= b.length || (b[j] & 0xFF) < 0x30 || (b[j] & 0xFF) > 0x7E) {
                bad();
                i++;
                return;
            }
            Set designated = designation(new String(b, i + 1, j - i, StandardCharsets.ISO_8859_1));
            i = j + 1;
            if (designated == null) {
                bad();
            } else if (designated.g0) {
                g0 = designated;
            } else {
                g1 = designated;
            }
        }

        private Set designation(String sequence) {
            return switch (sequence) {
                case "(B" -> Set.ASCII;
                case "(J" -> Set.JIS_ROMAN;
                case "$B", "$@" -> Set.JIS_X0208;
                case "$(D" -> Set.JIS_X0212;
                case ")I" -> Set.KATAKANA;
                case "-A" -> Set.LATIN1;
                case "-B" -> Set.LATIN2;
                case "-C" -> Set.LATIN3;
                case "-D" -> Set.LATIN4;
                case "-L" -> Set.CYRILLIC;
                case "-G" -> Set.ARABIC;
                case "-F" -> Set.GREEK;
                case "-H" -> Set.HEBREW;
                case "-M" -> Set.LATIN5;
                case "-b" -> Set.LATIN9;
                case "-T" -> Set.THAI;
                case "$)C" -> Set.KS_X1001;
                case "$)A" -> Set.GB2312;
                default -> null;
            };
        }

        /** A run of JIS X 0208 or 0212 characters in G0: the same bytes with the high bit set are EUC-JP. */
        private void twoByteG0() {
            int start = i;
            while (i < b.length && (b[i] & 0xFF) >= 0x21 && (b[i] & 0xFF) <= 0x7E) {
                i++;
            }
            int pairs = (i - start) / 2;
            boolean x0212 = g0 == Set.JIS_X0212;
            byte[] euc = new byte[pairs * (x0212 ? 3 : 2)];
            int k = 0;
            for (int p = 0; p < pairs; p++) {
                if (x0212) {
                    euc[k++] = (byte) 0x8F;
                }
                euc[k++] = (byte) (b[start + 2 * p] | 0x80);
                euc[k++] = (byte) (b[start + 2 * p + 1] | 0x80);
            }
            append(euc, 0, euc.length, g0.charsetName);
            if ((i - start) % 2 != 0) {
                bad(); // a lone byte where a pair was due
            }
        }

        /** A run of bytes 0x80-0xFF in the G1 set. */
        private void highBytes() {
            int start = i;
            while (i < b.length && b[i] < 0) {
                i++;
            }
            if (g1 == null) {
                warnings.add(Warnings.CHARACTER_SET, "The value of " + Tags.format(tag)
                        + " holds bytes outside its declared character set; they were read as ISO_IR 100.");
                out.append(new String(b, start, i - start, StandardCharsets.ISO_8859_1));
            } else if (g1 == Set.KATAKANA) {
                for (int k = start; k < i; k++) {
                    int c = b[k] & 0xFF;
                    if (c >= 0xA1 && c <= 0xDF) {
                        out.append((char) (0xFF61 + c - 0xA1));
                    } else {
                        bad();
                    }
                }
            } else {
                append(b, start, i - start, g1.charsetName);
            }
        }

        private void append(byte[] bytes, int off, int len, String charsetName) {
            out.append(checked(new String(bytes, off, len, charset(charsetName, warnings, tag)), warnings, tag));
        }

        private void bad() {
            out.append('\uFFFD');
            invalid(warnings, tag);
        }
    }

    /** A JDK charset by name, looked up once; ISO-8859-1 with a warning when the runtime lacks it. */
    private static Charset charset(String name, Warnings warnings, int tag) {
        Optional<Charset> cs = CHARSETS.computeIfAbsent(name, TextDecoder::lookup);
        if (cs.isEmpty()) {
            warnings.add(Warnings.CHARACTER_SET, "A character set of " + Tags.format(tag)
                    + " is not available in this Java runtime; those bytes were decoded as ISO_IR 100.");
            return StandardCharsets.ISO_8859_1;
        }
        return cs.get();
    }

    private static final Map<String, Optional<Charset>> CHARSETS = new ConcurrentHashMap<>();

    private static Optional<Charset> lookup(String name) {
        try {
            return Charset.isSupported(name) ? Optional.of(Charset.forName(name)) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
