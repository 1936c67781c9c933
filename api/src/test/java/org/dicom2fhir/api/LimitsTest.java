package org.dicom2fhir.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LimitsTest {
    @Test
    void theDefaultsAreTheDocumentedOnes() {
        Limits d = Limits.defaults();
        assertThat(d.maxDirectoryDepth()).isEqualTo(32);
        assertThat(d.maxNestingDepth()).isEqualTo(64);
        assertThat(d.maxInflatedBytes()).isEqualTo(64L << 20);
        assertThat(d.maxHeaderBytes()).isEqualTo(64L << 20);
    }

    @ParameterizedTest
    @EnumSource(Limit.class)
    void everyLimitCanBeChangedAloneAndIsCheckedByItsOwnReasonCode(Limit limit) {
        Limits changed = Limits.defaults().with(limit, 7);
        for (Limit other : Limit.values()) {
            assertThat(changed.get(other)).as(other.name()).isEqualTo(other == limit ? 7 : other.defaultValue());
        }
        assertThat(Limits.defaults().get(limit)).as("the defaults are untouched").isEqualTo(limit.defaultValue());
        assertThat(limit.reason().disposition()).isNotNull();
        assertThat(Limit.byReason(limit.reason())).isSameAs(limit);
        assertThat(limit.optionName()).matches("max-[a-z-]+");
        assertThat(limit.description()).isNotBlank();
    }

    @Test
    void reasonCodesAndOptionNamesAreUniqueAcrossLimits() {
        assertThat(Arrays.stream(Limit.values()).map(Limit::reason)).doesNotHaveDuplicates();
        assertThat(Arrays.stream(Limit.values()).map(Limit::optionName)).doesNotHaveDuplicates();
        assertThat(Limit.byReason(ReasonCode.MALFORMED)).isNull();
    }

    @ParameterizedTest
    @EnumSource(Limit.class)
    void zeroAndNegativeValuesAreRefusedNamingTheOption(Limit limit) {
        assertThatThrownBy(() -> Limits.defaults().with(limit, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the limit " + limit.optionName() + " must be at least 1, not 0");
        assertThatThrownBy(() -> Limits.defaults().with(limit, -5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void levelCountsMustFitAnInt() {
        assertThatThrownBy(() -> Limits.defaults().with(Limit.MAX_NESTING_DEPTH, Integer.MAX_VALUE + 1L))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Limits.defaults().with(Limit.MAX_HEADER_BYTES, Integer.MAX_VALUE + 1L).maxHeaderBytes())
                .isEqualTo(Integer.MAX_VALUE + 1L);
    }

    @Test
    void unitsConvertWhatUsersWrite() {
        assertThat(Limit.MAX_INFLATED_BYTES.unit().fromUser(3)).isEqualTo(3L << 20);
        assertThat(Limit.MAX_INFLATED_BYTES.unit().toUser(64L << 20)).isEqualTo(64);
        assertThat(Limit.MAX_NESTING_DEPTH.unit().fromUser(9)).isEqualTo(9);
        assertThatThrownBy(() -> Limit.MAX_HEADER_BYTES.unit().fromUser(Long.MAX_VALUE / 2))
                .isInstanceOf(ArithmeticException.class);
    }

    @Test
    void equalValuesAreEqualLimits() {
        Limits a = Limits.defaults().withMaxNestingDepth(3).withMaxHeaderBytes(100);
        Limits b = Limits.defaults().withMaxHeaderBytes(100).withMaxNestingDepth(3);
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(Limits.defaults());
        assertThat(a.toString()).contains("max-nesting=3", "max-header-mib=100");
    }
}
