package org.dicom2fhir.core.internal.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import org.dicom2fhir.api.model.CodingData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class LateralityTest {

    @ParameterizedTest
    @CsvSource({"L, 7771000, Left", "R, 24028007, Right", "B, 51440002, Right and left", "' l ', 7771000, Left"})
    void pairedValuesGiveSnomed(String raw, String code, String display) {
        assertThat(Laterality.coding(raw)).isEqualTo(CodingData.of("http://snomed.info/sct", code, display));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "  "})
    void emptyIsNoSource(String raw) {
        assertThat(Laterality.coding(raw)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"U", "u", " U "})
    void unpairedIsASourceThatIsNeverOutput(String raw) {
        assertThat(Laterality.coding(raw)).isSameAs(Laterality.UNPAIRED);
        assertThat(Laterality.chosen(Laterality.coding(raw))).isNull();
    }

    @ParameterizedTest
    @CsvSource({"X, X", "LEFT, LEFT", "' L  R ', L R"})
    void otherValuesAreKeptAsUserSelected(String raw, String code) {
        assertThat(Laterality.coding(raw)).isEqualTo(new CodingData(null, code, null, true));
    }
}
