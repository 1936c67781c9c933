package org.dicom2fhir.core.internal.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextTest {
    /** The ASCII fast path of the padding test changes nothing: every char, against the Unicode definition. */
    @Test
    void paddingIsWhiteSpaceOrASpaceCharacter_forEveryChar() {
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            boolean padding = c <= ' ' || Character.isWhitespace(c) || Character.isSpaceChar(c);
            String alone = String.valueOf((char) c);
            assertThat(Text.clean(alone)).as("U+%04X", c).isEqualTo(padding ? null : alone);
            assertThat(Text.clean(" x" + alone)).as("U+%04X last", c).isEqualTo(padding ? "x" : "x" + alone);
        }
    }

    /** Codes without white space skip the pattern: the same result as collapsing every run with it. */
    @Test
    void codesCollapseWhiteSpaceRunsAsThePatternDoes() {
        java.util.Random random = new java.util.Random(7L);
        String alphabet = "AB1 \t\n\u000b\f\r\u00a0\u2003-";
        for (int i = 0; i < 100_000; i++) {
            StringBuilder sb = new StringBuilder();
            for (int k = random.nextInt(10); k > 0; k--) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String cleaned = Text.clean(sb.toString());
            assertThat(Text.code(sb.toString())).isEqualTo(cleaned == null ? null : cleaned.replaceAll("\\s+", " "));
        }
    }
}
