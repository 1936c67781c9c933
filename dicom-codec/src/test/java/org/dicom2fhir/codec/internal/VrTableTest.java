package org.dicom2fhir.codec.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.dicom2fhir.api.dicom.Tags;
import org.dicom2fhir.api.dicom.Vr;
import org.junit.jupiter.api.Test;

/** The table against PS3.5 6.2 and Table 7.1-1, VR by VR, and the shared value renderings. */
class VrTableTest {
    private static Set<Vr> where(Predicate<Vr> p) {
        return Arrays.stream(Vr.values()).filter(p).collect(Collectors.toCollection(() -> EnumSet.noneOf(Vr.class)));
    }

    @Test
    void everyVrHasItsPs35Properties() {
        assertThat(where(VrTable::longHeader)).containsExactlyInAnyOrder(Vr.OB, Vr.OD, Vr.OF, Vr.OL, Vr.OV, Vr.OW, Vr.SQ,
                Vr.SV, Vr.UC, Vr.UN, Vr.UR, Vr.UT, Vr.UV);
        assertThat(where(VrTable::isBulk)).containsExactlyInAnyOrder(Vr.OB, Vr.OD, Vr.OF, Vr.OL, Vr.OV, Vr.OW, Vr.UN);
        assertThat(where(VrTable::isText)).containsExactlyInAnyOrder(Vr.AE, Vr.AS, Vr.CS, Vr.DA, Vr.DS, Vr.DT, Vr.IS, Vr.LO,
                Vr.LT, Vr.PN, Vr.SH, Vr.ST, Vr.TM, Vr.UC, Vr.UI, Vr.UR, Vr.UT);
        assertThat(where(VrTable::isMultiValuedText)).containsExactlyInAnyOrder(Vr.AE, Vr.AS, Vr.CS, Vr.DA, Vr.DS, Vr.DT,
                Vr.IS, Vr.LO, Vr.PN, Vr.SH, Vr.TM, Vr.UC, Vr.UI);
        assertThat(where(VrTable::trimsLeading)).containsExactlyInAnyOrder(Vr.AE, Vr.AS, Vr.CS, Vr.DA, Vr.DS, Vr.DT, Vr.IS,
                Vr.TM, Vr.UI);
        assertThat(where(VrTable::usesCharset)).containsExactlyInAnyOrder(Vr.LO, Vr.LT, Vr.PN, Vr.SH, Vr.ST, Vr.UC, Vr.UT);
        assertThat(where(VrTable::isPersonName)).containsExactly(Vr.PN);
        assertThat(where(VrTable::isBinaryNumber)).containsExactlyInAnyOrder(Vr.AT, Vr.FD, Vr.FL, Vr.SL, Vr.SS, Vr.SV, Vr.UL,
                Vr.US, Vr.UV);
        assertThat(List.of(Vr.US, Vr.SS, Vr.UL, Vr.SL, Vr.FL, Vr.AT, Vr.FD, Vr.SV, Vr.UV)).extracting(VrTable::valueSize)
                .containsExactly(2, 2, 4, 4, 4, 4, 8, 8, 8);
        assertThat(where(v -> !VrTable.isText(v) && !VrTable.isBinaryNumber(v) && !VrTable.isBulk(v))).containsExactly(Vr.SQ);
    }

    @Test
    void binaryNumbersBecomeDecimalStringsAndTagsHexDigits() {
        ReadWarnings warnings = new ReadWarnings();
        byte[] le = {(byte) 0xFE, (byte) 0xFF, 0x10, 0x00, 0x00};
        assertThat(Values.numbers(Vr.US, Tags.PATIENT_ID, le, 0, 4, false, warnings, 10)).containsExactly("65534", "16");
        assertThat(Values.numbers(Vr.SS, Tags.PATIENT_ID, le, 0, 2, false, warnings, 10)).containsExactly("-2");
        assertThat(Values.numbers(Vr.AT, Tags.PATIENT_ID, new byte[] {0x28, 0, 0x10, 0}, 0, 4, false, warnings, 10))
                .containsExactly("00280010");
        assertThat(Values.numbers(Vr.AT, Tags.PATIENT_ID, new byte[] {0, 0x28, 0, 0x10}, 0, 4, true, warnings, 10))
                .containsExactly("00280010");
        assertThat(Values.numbers(Vr.US, Tags.PATIENT_ID, le, 0, 4, false, warnings, 1)).containsExactly("65534");
        assertThat(warnings.toList()).isEmpty();
        assertThat(Values.numbers(Vr.UL, Tags.PATIENT_ID, le, 0, 5, false, warnings, 10)).containsExactly("1114110");
        assertThat(warnings.toList()).singleElement().satisfies(w -> assertThat(w.message()).contains("(0010,0020)"));
    }

    @Test
    void paddingIsTrimmedAsEachVrPadsIt() {
        assertThat(Values.trimmed("  1.2.3 \0", 0, 9, Vr.UI)).isEqualTo("1.2.3");
        assertThat(Values.trimmed("  Doe^John=  ", 0, 13, Vr.PN)).isEqualTo("  Doe^John");
        assertThat(Values.trimmed("  Text  ", 0, 8, Vr.LO)).isEqualTo("  Text");
        assertThat(Values.trimmed("x  A \\B", 1, 5, Vr.CS)).isEqualTo("A");
    }
}
