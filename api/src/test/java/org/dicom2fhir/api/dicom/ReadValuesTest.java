package org.dicom2fhir.api.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.dicom2fhir.api.Limit;
import org.dicom2fhir.api.Limits;
import org.dicom2fhir.api.ReasonCode;
import org.junit.jupiter.api.Test;

/** The values readers hand to core: data sets, elements, options, results and their damage. */
class ReadValuesTest {
    @Test
    void aDataSetIsSortedByUnsignedTagAndKeepsTheFirstOfDuplicates() {
        DicomElement first = DicomElement.ofStrings(0x00100010, Vr.PN, List.of("A"));
        DicomElement second = DicomElement.ofStrings(0x00100010, Vr.PN, List.of("B"));
        DicomElement high = DicomElement.ofStrings(0xFFFE0000, Vr.UN, List.of());
        DicomDataSet ds = DicomDataSet.of(high, first, second);
        assertThat(ds.elements()).containsExactly(first, high);
        assertThat(ds.string(0x00100010)).isEqualTo("A");
        assertThat(ds.get(0x00100020)).isNull();
        assertThat(ds.strings(0x00100020)).isEmpty();
        assertThat(ds.items(0x00100010)).isEmpty();
        // in order already (a file's usual case) and with adjacent duplicates: the same data set
        assertThat(DicomDataSet.of(first, high).elements()).containsExactly(first, high);
        assertThat(DicomDataSet.of(first, second, high).elements()).containsExactly(first, high);
        assertThat(DicomDataSet.of(first, high, second).elements()).containsExactly(first, high);
    }

    @Test
    void presentButEmptyDiffersFromAbsent() {
        DicomDataSet ds = DicomDataSet.of(DicomElement.ofStrings(0x00080050, Vr.SH, List.of()));
        assertThat(ds.contains(0x00080050)).isTrue();
        assertThat(ds.string(0x00080050)).isNull();
        assertThat(ds.contains(0x00080051)).isFalse();
    }

    @Test
    void elementsNeverPrintTheirValues() {
        DicomElement e = DicomElement.ofStrings(0x00100010, Vr.PN, List.of("Doe^Jane"));
        assertThat(e.toString()).doesNotContain("Doe").contains("(0010,0010)", "PN");
        assertThat(DicomElement.ofItems(0x00081032, List.of(DicomDataSet.empty())).isSequence()).isTrue();
    }

    @Test
    void readOptionsCarryTheLimitsAndTheWantedTags() {
        ReadOptions options = ReadOptions.defaults().withTags(0x00100010).withMaxNestingDepth(3);
        assertThat(options.wants(0x00100010)).isTrue();
        assertThat(options.wants(0x00100020)).isFalse();
        assertThat(options.maxNestingDepth()).isEqualTo(3);
        assertThat(options.limits()).isEqualTo(Limits.defaults().withMaxNestingDepth(3));
        assertThat(ReadOptions.defaults().wants(0x12345678)).as("no tags: every element").isTrue();
        assertThat(new ReadOptions(Set.of(), Limits.defaults()).maxHeaderBytes()).isEqualTo(64L << 20);
    }

    @Test
    void aLimitFailureIsRecognisableByTypeAndCarriesTheLimitsReason() {
        LimitExceededException e = new LimitExceededException(Limit.MAX_HEADER_BYTES, "too large", 0x7FE00010, 99);
        assertThat(e).isInstanceOf(DicomReadException.class);
        assertThat(e.reason()).isEqualTo(ReasonCode.HEADER_TOO_LARGE);
        assertThat(e.limit()).isEqualTo(Limit.MAX_HEADER_BYTES);
        assertThat(e.tag()).isEqualTo(0x7FE00010);
        assertThat(e.offset()).isEqualTo(99);
    }

    @Test
    void aResultWithoutDamageSaysSo() {
        DicomReadResult whole = new DicomReadResult("1.2.840.10008.1.2.1", DicomDataSet.empty(), DicomDataSet.empty(), List.of());
        assertThat(whole.damage()).isNull();
        ReadDamage damage = new ReadDamage(ReasonCode.TRUNCATED, 0x00280010, 2000, "the file ends inside (0028,0010)");
        DicomReadResult cut = new DicomReadResult("1.2.840.10008.1.2.1", DicomDataSet.empty(), DicomDataSet.empty(),
                List.of(), damage);
        assertThat(cut.damage()).isEqualTo(damage);
        assertThatThrownBy(() -> new ReadDamage(null, 0, 0, "m")).isInstanceOf(NullPointerException.class);
    }
}
