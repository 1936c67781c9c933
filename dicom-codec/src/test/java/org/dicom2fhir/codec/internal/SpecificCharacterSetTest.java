package org.dicom2fhir.codec.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shared decoder through its public surface; the readers' suites (part10's CharacterSetTest with
 * every pydicom charset file, reader-pixelmed's deviation and differential tests) cover the rest.
 */
class SpecificCharacterSetTest {
    private final List<String> warnings = new ArrayList<>();
    private final SpecificCharacterSet.WarningSink sink = (code, message) -> warnings.add(code + ": " + message);

    private String decode(List<String> declaration, byte[] bytes, SpecificCharacterSet.Delimiters delimiters) {
        return SpecificCharacterSet.of(declaration, sink).decode(bytes, 0, bytes.length, delimiters, sink, 0x00100010);
    }

    @Test
    void latin1AndUtf8AsDeclared() {
        assertThat(decode(List.of("ISO_IR 100"), "Müller^Jürgen".getBytes(StandardCharsets.ISO_8859_1),
                SpecificCharacterSet.Delimiters.PERSON_NAME)).isEqualTo("Müller^Jürgen");
        assertThat(decode(List.of("ISO_IR 192"), "Ærøskøbing".getBytes(StandardCharsets.UTF_8),
                SpecificCharacterSet.Delimiters.TEXT)).isEqualTo("Ærøskøbing");
        assertThat(warnings).isEmpty();
    }

    @Test
    void iso2022CodeExtensionsSwitchAndReturnAtPersonNameDelimiters() {
        // "Yamada^Tarou=" then ESC $ B (JIS X 0208) "山田" ESC ( B "^" ESC $ B "太郎"
        byte[] bytes = {'Y', 'a', 'm', 'a', 'd', 'a', '^', 'T', 'a', 'r', 'o', 'u', '=',
            0x1B, '$', 'B', 0x3B, 0x33, 0x45, 0x44, 0x1B, '(', 'B', '^',
            0x1B, '$', 'B', 0x42, 0x40, 0x4F, 0x3A, 0x1B, '(', 'B'};
        assertThat(decode(List.of("", "ISO 2022 IR 87"), bytes, SpecificCharacterSet.Delimiters.PERSON_NAME))
                .isEqualTo("Yamada^Tarou=山田^太郎");
        assertThat(warnings).isEmpty();
    }

    @Test
    void anUnknownTermFallsBackToLatin1WithAValueFreeWarning() {
        assertThat(decode(List.of("NOT A CHARSET"), new byte[] {'A', (byte) 0xE9},
                SpecificCharacterSet.Delimiters.TEXT)).isEqualTo("Aé");
        assertThat(warnings).singleElement().asString().startsWith(SpecificCharacterSet.WARNING_CODE + ": ")
                .contains("(0008,0005)").doesNotContain("NOT A CHARSET");
    }

    @Test
    void noDeclarationIsTheDefaultRepertoire() {
        assertThat(SpecificCharacterSet.of(List.of(), sink)).isSameAs(SpecificCharacterSet.DEFAULT);
        assertThat(decode(List.of(), "PLAIN^ASCII".getBytes(StandardCharsets.US_ASCII),
                SpecificCharacterSet.Delimiters.PERSON_NAME)).isEqualTo("PLAIN^ASCII");
    }
}
