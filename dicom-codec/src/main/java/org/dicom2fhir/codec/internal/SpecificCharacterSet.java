package org.dicom2fhir.codec.internal;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.dicom2fhir.api.WarningCode;
import org.dicom2fhir.api.dicom.Tags;
import org.dicom2fhir.api.dicom.Vr;

/**
 * Decodes text values per Specific Character Set (0008,0005): every defined term of PS3.3
 * C.12.1.1.2, single- and multi-byte, with and without ISO 2022 code extensions (PS3.5 6.1.2.5).
 *
 * <p>Never throws. An unknown term falls back to ISO_IR 100 with a warning; bytes that are not valid
 * in the declared set become U+FFFD with a warning; bytes above 0x7F where no G1 set is designated
 * (the default repertoire) are read as ISO_IR 100 with a warning. Immutable and thread-safe.
 *
 * <p>One implementation for every reader that decodes text bytes itself (reader-part10 from the file,
 * reader-pixelmed from the bytes PixelMed read one char per byte), so both read text alike and a fix
 * lands in both.
 */
public final class SpecificCharacterSet {
    /** The code of every warning this class gives (api's {@code Warning.code}). */
    public static final WarningCode WARNING_CODE = WarningCode.CHARACTER_SET;

    /** Where the warnings go: a reader's own bounded, de-duplicating collection. */
    @FunctionalInterface
    public interface WarningSink {
        /** @param message value-free: tags and counts only */
        void add(WarningCode code, String message);
    }


    /** "(0008,0005)", formatted once: warnings about it may be built for every element of a hostile file. */
    private static final String CHARSET_TAG = Tags.format(Tags.SPECIFIC_CHARACTER_SET);
    /** Longer than any defined term however spelt (a CS value has at most 16 characters, padding aside). */
    private static final int MAX_TERM_CHARS = 64;
    /** More terms than any real declaration has; the ones after are not looked at. */
    public static final int MAX_TERMS = 16;


    /** How a value's text is delimited: where ISO 2022 code elements go back to their initial state. */
    public enum Delimiters {
        /** LT, ST, UT: at the end of a line. */
        TEXT,
        /** SH, LO, UC: also at the backslash between values. */
        MULTI_TEXT,
        /** PN: also at '^' and '=' between components and groups. */
        PERSON_NAME;

        /** The delimiters of a text VR's values. */
        public static Delimiters of(Vr vr) {
            return VrTable.isPersonName(vr) ? PERSON_NAME : VrTable.isMultiValuedText(vr) ? MULTI_TEXT : TEXT;
        }
    }

    /** The code elements (graphic character sets) that can be designated to G0 or G1. */
    enum CodeElement {
        ASCII(true, 0, null),
        JIS_X0201_ROMAN(true, 0, null), // ISO-IR 14: read as ASCII, as pydicom and dcm4che do
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
        JIS_X0201_KATAKANA(false, 1, null),
        THAI(false, 1, null),
        KS_X1001(false, 2, "EUC-KR"),
        GB2312(false, 2, "GB2312");

        final boolean g0;
        final int bytesPerChar; // 0: ASCII-like G0
        private final String charsetName;

        CodeElement(boolean g0, int bytesPerChar, String charsetName) {
            this.g0 = g0;
            this.bytesPerChar = bytesPerChar;
            this.charsetName = charsetName;
        }

        /** The JDK charset that decodes this element's bytes (as EUC bytes for the two-byte sets), or null. */
        Charset charset() {
            return charsetName == null ? null : Charsets.get(charsetName);
        }
    }

    /** One defined term: what it designates initially, or the charset that decodes whole values. */
    private record Term(CodeElement g0, CodeElement g1, String wholeCharset) {
    }

    private static final Map<String, Term> SINGLE_TERMS = new HashMap<>();
    private static final Map<String, Term> ISO_2022_TERMS = new HashMap<>();
    private static final Map<String, String> COMPACT = new HashMap<>();
    private static final Map<String, SpecificCharacterSet> SINGLE_INSTANCES = new HashMap<>();

    static {
        single("", new Term(CodeElement.ASCII, null, null));
        single("ISO_IR 100", new Term(CodeElement.ASCII, CodeElement.LATIN1, "ISO-8859-1"));
        single("ISO_IR 101", new Term(CodeElement.ASCII, CodeElement.LATIN2, "ISO-8859-2"));
        single("ISO_IR 109", new Term(CodeElement.ASCII, CodeElement.LATIN3, "ISO-8859-3"));
        single("ISO_IR 110", new Term(CodeElement.ASCII, CodeElement.LATIN4, "ISO-8859-4"));
        single("ISO_IR 144", new Term(CodeElement.ASCII, CodeElement.CYRILLIC, "ISO-8859-5"));
        single("ISO_IR 127", new Term(CodeElement.ASCII, CodeElement.ARABIC, "ISO-8859-6"));
        single("ISO_IR 126", new Term(CodeElement.ASCII, CodeElement.GREEK, "ISO-8859-7"));
        single("ISO_IR 138", new Term(CodeElement.ASCII, CodeElement.HEBREW, "ISO-8859-8"));
        single("ISO_IR 148", new Term(CodeElement.ASCII, CodeElement.LATIN5, "ISO-8859-9"));
        single("ISO_IR 203", new Term(CodeElement.ASCII, CodeElement.LATIN9, "ISO-8859-15"));
        single("ISO_IR 13", new Term(CodeElement.JIS_X0201_ROMAN, CodeElement.JIS_X0201_KATAKANA, null));
        single("ISO_IR 166", new Term(CodeElement.ASCII, CodeElement.THAI, null));
        single("ISO_IR 192", new Term(null, null, "UTF-8"));
        single("GB18030", new Term(null, null, "GB18030"));
        single("GBK", new Term(null, null, "GBK"));

        iso2022("ISO 2022 IR 6", CodeElement.ASCII, null);
        iso2022("ISO 2022 IR 100", CodeElement.ASCII, CodeElement.LATIN1);
        iso2022("ISO 2022 IR 101", CodeElement.ASCII, CodeElement.LATIN2);
        iso2022("ISO 2022 IR 109", CodeElement.ASCII, CodeElement.LATIN3);
        iso2022("ISO 2022 IR 110", CodeElement.ASCII, CodeElement.LATIN4);
        iso2022("ISO 2022 IR 144", CodeElement.ASCII, CodeElement.CYRILLIC);
        iso2022("ISO 2022 IR 127", CodeElement.ASCII, CodeElement.ARABIC);
        iso2022("ISO 2022 IR 126", CodeElement.ASCII, CodeElement.GREEK);
        iso2022("ISO 2022 IR 138", CodeElement.ASCII, CodeElement.HEBREW);
        iso2022("ISO 2022 IR 148", CodeElement.ASCII, CodeElement.LATIN5);
        iso2022("ISO 2022 IR 203", CodeElement.ASCII, CodeElement.LATIN9);
        iso2022("ISO 2022 IR 13", CodeElement.JIS_X0201_ROMAN, CodeElement.JIS_X0201_KATAKANA);
        iso2022("ISO 2022 IR 166", CodeElement.ASCII, CodeElement.THAI);
        iso2022("ISO 2022 IR 87", CodeElement.JIS_X0208, null);
        iso2022("ISO 2022 IR 159", CodeElement.JIS_X0212, null);
        iso2022("ISO 2022 IR 149", null, CodeElement.KS_X1001);
        iso2022("ISO 2022 IR 58", null, CodeElement.GB2312);
    }

    private static void single(String term, Term t) {
        SINGLE_TERMS.put(term, t);
        COMPACT.put(compact(term), term);
        SINGLE_INSTANCES.put(term, new SpecificCharacterSet(t.g0, t.g1, t.wholeCharset, false));
    }

    private static void iso2022(String term, CodeElement g0, CodeElement g1) {
        ISO_2022_TERMS.put(term, new Term(g0, g1, null));
        COMPACT.put(compact(term), term);
    }

    private static String compact(String term) {
        StringBuilder sb = new StringBuilder(term.length());
        for (int i = 0; i < term.length(); i++) {
            char c = term.charAt(i);
            if (c != ' ' && c != '_' && c != '-') {
                sb.append(Character.toUpperCase(c));
            }
        }
        return sb.toString();
    }

    /** The default repertoire (no or empty Specific Character Set). */
    /** No (0008,0005): the default repertoire. */
    public static final SpecificCharacterSet DEFAULT = SINGLE_INSTANCES.get("");
    /** The documented fallback for unknown terms. */
    static final SpecificCharacterSet FALLBACK = SINGLE_INSTANCES.get("ISO_IR 100");

    private final CodeElement initialG0;
    private final CodeElement initialG1;
    private final String wholeCharset; // non-null: decode whole values with it, no code extensions
    private final boolean extensions;

    private SpecificCharacterSet(CodeElement g0, CodeElement g1, String wholeCharset, boolean extensions) {
        this.initialG0 = g0 == null ? CodeElement.ASCII : g0;
        this.initialG1 = g1;
        this.wholeCharset = wholeCharset;
        this.extensions = extensions;
    }

    /** The character set named by the values of (0008,0005) (of the data set or of an item). */
    public static SpecificCharacterSet of(List<String> values, WarningSink warnings) {
        if (values.isEmpty()) {
            return DEFAULT;
        }
        if (values.size() == 1) {
            SpecificCharacterSet known = SINGLE_INSTANCES.get(values.get(0));
            if (known != null) {
                return known;
            }
        }
        String[] terms = new String[values.size()];
        for (int i = 0; i < terms.length; i++) {
            terms[i] = normalise(values.get(i), warnings);
        }
        if (terms.length == 1) {
            String term = terms[0];
            if (term == null) {
                return unknown(warnings);
            }
            if (SINGLE_TERMS.containsKey(term)) {
                return SINGLE_INSTANCES.get(term);
            }
            Term t = ISO_2022_TERMS.get(term);
            return initialFrom(t, warnings);
        }
        // several values: code extensions (PS3.5 6.1.2.5.3)
        for (String term : terms) {
            Term t = term == null ? null : SINGLE_TERMS.get(term);
            if (t != null && t.wholeCharset != null && t.g1 == null) {
                warnings.add(WARNING_CODE, "Specific Character Set " + CHARSET_TAG
                        + " combines a multi-byte set without code extensions with others; it alone was used.");
                return SINGLE_INSTANCES.get(term);
            }
        }
        for (int i = 1; i < terms.length; i++) {
            if (terms[i] == null || terms[i].isEmpty()) {
                warnings.add(WARNING_CODE, "Specific Character Set " + CHARSET_TAG
                        + " holds an unknown or empty term after the first; it was ignored.");
            }
        }
        String first = terms[0];
        if (first == null) {
            warnings.add(WARNING_CODE, "Specific Character Set " + CHARSET_TAG
                    + " starts with an unknown term; ISO_IR 100 was used as the initial set.");
            return new SpecificCharacterSet(CodeElement.ASCII, CodeElement.LATIN1, null, true);
        }
        Term t = first.isEmpty() ? SINGLE_TERMS.get("") : ISO_2022_TERMS.get(iso2022Form(first));
        return initialFrom(t, warnings);
    }

    private static SpecificCharacterSet initialFrom(Term t, WarningSink warnings) {
        if (t == null) {
            return unknown(warnings);
        }
        CodeElement g0 = t.g0;
        if (g0 != null && g0.bytesPerChar == 2) {
            warnings.add(WARNING_CODE, "Specific Character Set " + CHARSET_TAG
                    + " names a multi-byte set as its first value; ASCII was used as the initial set.");
            g0 = CodeElement.ASCII;
        }
        // a two-byte G1 set as the initial one is tolerated: it cannot clash with ASCII, and Korean
        // files often name ISO 2022 IR 149 alone without any escape sequence
        return new SpecificCharacterSet(g0, t.g1, null, true);
    }

    private static SpecificCharacterSet unknown(WarningSink warnings) {
        warnings.add(WARNING_CODE, "Specific Character Set " + CHARSET_TAG
                + " holds an unknown term; text was decoded as ISO_IR 100.");
        return FALLBACK;
    }

    /** The defined term a value spells, tolerating case and separators (with a warning); null if none. */
    private static String normalise(String value, WarningSink warnings) {
        if (value.length() > MAX_TERM_CHARS) {
            return null; // no defined term is this long; a hostile value may be megabytes
        }
        String v = value.strip();
        if (SINGLE_TERMS.containsKey(v) || ISO_2022_TERMS.containsKey(v)) {
            return v;
        }
        String term = COMPACT.get(compact(v));
        if (term == null && ("UTF8".equals(compact(v)))) {
            term = "ISO_IR 192";
        }
        if (term != null) {
            warnings.add(WARNING_CODE, "Specific Character Set " + CHARSET_TAG
                    + " spells a defined term in a non-standard way; it was read as that term.");
        }
        return term;
    }

    /** "ISO_IR 100" used among code extensions means "ISO 2022 IR 100". */
    private static String iso2022Form(String term) {
        return term.startsWith("ISO_IR ") ? "ISO 2022 IR " + term.substring(7) : term;
    }

    /** Decodes one element's value bytes (all its values, delimiters included). */
    public String decode(byte[] b, int off, int len, Delimiters delimiters, WarningSink warnings, int tag) {
        if (isPlainAscii(b, off, len)) {
            return new String(b, off, len, StandardCharsets.ISO_8859_1);
        }
        if (wholeCharset != null) {
            Charset cs = Charsets.get(wholeCharset);
            if (cs == null) {
                warnings.add(WARNING_CODE, "The character set of " + Tags.format(tag)
                        + " is not available in this Java runtime; the text was decoded as ISO_IR 100.");
                return new String(b, off, len, StandardCharsets.ISO_8859_1);
            }
            String s = new String(b, off, len, cs);
            if (s.indexOf('\uFFFD') >= 0) {
                warnInvalid(warnings, tag);
            }
            return s;
        }
        return new Decoding(b, off, len, delimiters, warnings, tag).run();
    }

    /**
     * Whether {@link #decode} gives these bytes as they are, one character per byte (plain ASCII, no escape
     * sequence): a caller may then split and trim on the bytes before it makes strings.
     */
    public boolean isPlainAscii(byte[] b, int off, int len) {
        for (int i = off, end = off + len; i < end; i++) {
            int c = b[i];
            if (c < 0 || (c == 0x1B && extensions)) {
                return false;
            }
        }
        return true;
    }

    private static void warnInvalid(WarningSink warnings, int tag) {
        warnings.add(WARNING_CODE, "The value of " + Tags.format(tag)
                + " holds bytes that are not valid in its character set; they were replaced by U+FFFD.");
    }

    /** One ISO 2022 decoding pass: state is the current G0 and G1 designation. */
    private final class Decoding {
        private final byte[] b;
        private final int end;
        private final Delimiters delimiters;
        private final WarningSink warnings;
        private final int tag;
        private final StringBuilder out;
        private int i;
        private CodeElement g0 = initialG0;
        private CodeElement g1 = initialG1;

        Decoding(byte[] b, int off, int len, Delimiters delimiters, WarningSink warnings, int tag) {
            this.b = b;
            this.i = off;
            this.end = off + len;
            this.delimiters = delimiters;
            this.warnings = warnings;
            this.tag = tag;
            this.out = new StringBuilder(len);
        }

        String run() {
            while (i < end) {
                int c = b[i] & 0xFF;
                if (c == 0x1B && extensions) {
                    escape();
                } else if (c < 0x80) {
                    if (g0.bytesPerChar == 2 && c >= 0x21 && c <= 0x7E) {
                        twoByteG0();
                    } else {
                        out.append((char) c);
                        i++;
                        if (resetsAt(c)) {
                            g0 = initialG0;
                            g1 = initialG1;
                        }
                    }
                } else {
                    highBytes();
                }
            }
            return out.toString();
        }

        private boolean resetsAt(int c) {
            switch (c) {
                case '\r', '\n', '\f', '\t':
                    return true;
                case '\\':
                    return delimiters != Delimiters.TEXT;
                case '^', '=':
                    return delimiters == Delimiters.PERSON_NAME;
                default:
                    return false;
            }
        }

        /** ESC, intermediate bytes 0x20-0x2F, a final byte 0x30-0x7E (ISO 2022). */
        private void escape() {
            int j = i + 1;
            while (j < end && (b[j] & 0xFF) >= 0x20 && (b[j] & 0xFF) <= 0x2F) {
                j++;
            }
            if (j >= end || (b[j] & 0xFF) < 0x30 || (b[j] & 0xFF) > 0x7E) {
                // not a complete escape sequence: the ESC byte alone is invalid
                invalid();
                i++;
                return;
            }
            CodeElement designated = designation(i + 1, j);
            i = j + 1;
            if (designated == null) {
                invalid();
            } else if (designated.g0) {
                g0 = designated;
            } else {
                g1 = designated;
            }
        }

        private CodeElement designation(int from, int fin) {
            String seq = new String(b, from, fin + 1 - from, StandardCharsets.ISO_8859_1);
            switch (seq) {
                case "(B": return CodeElement.ASCII;
                case "(J": return CodeElement.JIS_X0201_ROMAN;
                case "$B", "$@": return CodeElement.JIS_X0208;
                case "$(D": return CodeElement.JIS_X0212;
                case ")I": return CodeElement.JIS_X0201_KATAKANA;
                case "-A": return CodeElement.LATIN1;
                case "-B": return CodeElement.LATIN2;
                case "-C": return CodeElement.LATIN3;
                case "-D": return CodeElement.LATIN4;
                case "-L": return CodeElement.CYRILLIC;
                case "-G": return CodeElement.ARABIC;
                case "-F": return CodeElement.GREEK;
                case "-H": return CodeElement.HEBREW;
                case "-M": return CodeElement.LATIN5;
                case "-b": return CodeElement.LATIN9;
                case "-T": return CodeElement.THAI;
                case "$)C": return CodeElement.KS_X1001;
                case "$)A": return CodeElement.GB2312;
                default: return null;
            }
        }

        /** A run of two-byte characters in G0 (JIS X 0208 / 0212), decoded as EUC-JP. */
        private void twoByteG0() {
            int start = i;
            while (i < end && (b[i] & 0xFF) >= 0x21 && (b[i] & 0xFF) <= 0x7E) {
                i++;
            }
            int pairs = (i - start) / 2;
            boolean jis0212 = g0 == CodeElement.JIS_X0212;
            byte[] euc = new byte[pairs * (jis0212 ? 3 : 2)];
            int k = 0;
            for (int p = 0; p < pairs; p++) {
                if (jis0212) {
                    euc[k++] = (byte) 0x8F;
                }
                euc[k++] = (byte) (b[start + 2 * p] | 0x80);
                euc[k++] = (byte) (b[start + 2 * p + 1] | 0x80);
            }
            appendDecoded(euc, 0, euc.length, g0.charset());
            if ((i - start) % 2 != 0) {
                invalid(); // a lone byte where a pair was due
            }
        }

        /** A run of bytes 0x80-0xFF, decoded with the G1 set. */
        private void highBytes() {
            int start = i;
            while (i < end && b[i] < 0) {
                i++;
            }
            CodeElement set = g1;
            if (set == null) {
                warnings.add(WARNING_CODE, "The value of " + Tags.format(tag)
                        + " holds bytes outside its declared character set; they were read as ISO_IR 100.");
                appendDecoded(b, start, i - start, StandardCharsets.ISO_8859_1);
                return;
            }
            switch (set) {
                case JIS_X0201_KATAKANA -> {
                    for (int k = start; k < i; k++) {
                        int c = b[k] & 0xFF;
                        if (c >= 0xA1 && c <= 0xDF) {
                            out.append((char) (0xFF61 + c - 0xA1));
                        } else {
                            invalid();
                        }
                    }
                }
                case THAI -> {
                    for (int k = start; k < i; k++) {
                        int c = b[k] & 0xFF;
                        if (c == 0xA0) {
                            out.append('\u00A0');
                        } else if (c >= 0xA1 && c <= 0xFB && (c < 0xDB || c > 0xDE)) {
                            out.append((char) (0x0E01 + c - 0xA1));
                        } else {
                            invalid();
                        }
                    }
                }
                default -> appendDecoded(b, start, i - start, set.charset());
            }
        }

        private void appendDecoded(byte[] bytes, int off, int len, Charset cs) {
            if (cs == null) {
                warnings.add(WARNING_CODE, "A character set of " + Tags.format(tag)
                        + " is not available in this Java runtime; those bytes were decoded as ISO_IR 100.");
                cs = StandardCharsets.ISO_8859_1;
            }
            String s = new String(bytes, off, len, cs);
            if (s.indexOf('\uFFFD') >= 0) {
                warnInvalid(warnings, tag);
            }
            out.append(s);
        }

        private void invalid() {
            out.append('\uFFFD');
            warnInvalid(warnings, tag);
        }
    }

    /** JDK charsets by name, looked up once; null when the runtime lacks one. */
    private static final class Charsets {
        private static final Map<String, Optional<Charset>> CACHE = new ConcurrentHashMap<>();

        static Charset get(String name) {
            return CACHE.computeIfAbsent(name, Charsets::lookup).orElse(null);
        }

        private static Optional<Charset> lookup(String name) {
            try {
                return Charset.isSupported(name) ? Optional.of(Charset.forName(name)) : Optional.empty();
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        }

        private Charsets() {
        }
    }

    @Override
    public String toString() {
        return "SpecificCharacterSet[" + (wholeCharset != null ? wholeCharset
                : initialG0 + "/" + initialG1 + (extensions ? " with ISO 2022 code extensions" : "")) + "]";
    }
}
