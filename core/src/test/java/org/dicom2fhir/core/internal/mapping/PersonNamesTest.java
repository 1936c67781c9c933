package org.dicom2fhir.core.internal.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.dicom2fhir.api.model.NameData;
import org.dicom2fhir.api.model.NameRepresentation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class PersonNamesTest {

    private static NameData name(String family, List<String> given, List<String> prefix, List<String> suffix,
            NameRepresentation r) {
        return new NameData(family, given, prefix, suffix, r);
    }

    @Test
    void allFiveComponentsOfTheAlphabeticGroup() {
        assertThat(PersonNames.names("Adams^John Robert^Quincy^Rev.^B.A. M.Div.")).containsExactly(
                name("Adams", List.of("John Robert", "Quincy"), List.of("Rev."), List.of("B.A. M.Div."),
                        NameRepresentation.ALPHABETIC));
    }

    @Test
    void familyOnly() {
        assertThat(PersonNames.names("Doe")).containsExactly(
                name("Doe", List.of(), List.of(), List.of(), NameRepresentation.ALPHABETIC));
    }

    @Test
    void emptyComponentsAreOmittedAndComponentsTrimmed() {
        assertThat(PersonNames.names("^ Jane ^^^Jr")).containsExactly(
                name(null, List.of("Jane"), List.of(), List.of("Jr"), NameRepresentation.ALPHABETIC));
        assertThat(PersonNames.names("Doe^^Maria")).containsExactly(
                name("Doe", List.of("Maria"), List.of(), List.of(), NameRepresentation.ALPHABETIC));
    }

    @Test
    void allThreeGroupsGiveThreeNamesWithTheirRepresentation() {
        // PS3.5 H.3.1 (Japanese): alphabetic, ideographic, phonetic
        assertThat(PersonNames.names("Yamada^Tarou=山田^太郎=やまだ^たろう")).containsExactly(
                name("Yamada", List.of("Tarou"), List.of(), List.of(), NameRepresentation.ALPHABETIC),
                name("山田", List.of("太郎"), List.of(), List.of(), NameRepresentation.IDEOGRAPHIC),
                name("やまだ", List.of("たろう"), List.of(), List.of(), NameRepresentation.PHONETIC));
        assertThat(NameRepresentation.IDEOGRAPHIC.extensionCode()).isEqualTo("IDE");
        assertThat(NameRepresentation.PHONETIC.extensionCode()).isEqualTo("SYL");
    }

    @Test
    void emptyGroupsGiveNoName() {
        assertThat(PersonNames.names("=김^희중")).containsExactly(
                name("김", List.of("희중"), List.of(), List.of(), NameRepresentation.IDEOGRAPHIC));
        assertThat(PersonNames.names("Hong^Gildong==")).containsExactly(
                name("Hong", List.of("Gildong"), List.of(), List.of(), NameRepresentation.ALPHABETIC));
        assertThat(PersonNames.names("==ホン^ギルドン")).containsExactly(
                name("ホン", List.of("ギルドン"), List.of(), List.of(), NameRepresentation.PHONETIC));
    }

    @Test
    void componentsBeyondTheFifthAndGroupsBeyondTheThirdAreIgnored() {
        assertThat(PersonNames.names("A^B^C^D^E^F=G=H=I")).containsExactly(
                name("A", List.of("B", "C"), List.of("D"), List.of("E"), NameRepresentation.ALPHABETIC),
                name("G", List.of(), List.of(), List.of(), NameRepresentation.IDEOGRAPHIC),
                name("H", List.of(), List.of(), List.of(), NameRepresentation.PHONETIC));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " ", "^^^^", "==", "^=^^=", " ^ = ^ "})
    void entirelyEmptyNameGivesNoName(String pn) {
        assertThat(PersonNames.names(pn)).isEmpty();
    }
}
