package org.dicom2fhir.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

class WarningTest {
    @Test
    void aWarningNeedsACodeAndAMessage() {
        assertThatThrownBy(() -> new Warning(null, "m")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Warning(WarningCode.MALFORMED, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void warningsTravelBetweenMachinesAsTheyAre() throws IOException, ClassNotFoundException {
        Warning w = new Warning(WarningCode.CHARACTER_SET, "unknown (0008,0005)");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(w);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(in.readObject()).isEqualTo(w);
        }
    }

    @Test
    void damageOfEachReasonHasItsWarningCode() {
        assertThat(WarningCode.forDamage(ReasonCode.TRUNCATED)).isEqualTo(WarningCode.TRUNCATED);
        assertThat(WarningCode.forDamage(ReasonCode.LENGTH_EXCEEDS_FILE)).isEqualTo(WarningCode.LENGTH_EXCEEDS_FILE);
        assertThat(WarningCode.forDamage(ReasonCode.MALFORMED)).isEqualTo(WarningCode.MALFORMED);
        assertThat(WarningCode.forDamage(ReasonCode.INVALID_UID)).isEqualTo(WarningCode.MALFORMED);
        for (WarningCode code : WarningCode.values()) {
            assertThat(code.source()).as(code.name()).isNotNull();
        }
    }
}
