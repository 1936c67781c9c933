package org.dicom2fhir.api.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class VrTest {
    @ParameterizedTest
    @EnumSource(Vr.class)
    void everyVrIsFoundByItsTwoCharacters(Vr vr) {
        assertThat(Vr.of(vr.name())).isSameAs(vr);
        assertThat(Vr.of(vr.name().charAt(0), vr.name().charAt(1))).isSameAs(vr);
    }

    @Test
    void ps35ListsThirtyFourVrs() {
        assertThat(Vr.values()).hasSize(34);
    }

    @ParameterizedTest
    @ValueSource(strings = {"XX", "ob", "O", "OBX", "", "\u0000\u0000", "Z["})
    void anythingElseIsNoVr(String code) {
        assertThat(Vr.of(code)).isNull();
    }

    @Test
    void nullIsNoVr() {
        assertThat(Vr.of(null)).isNull();
        assertThat(Vr.of(-1, 'A')).isNull();
        assertThat(Vr.of(0x4F, 0x10000)).isNull();
    }
}
