package org.dicom2fhir.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StudyShapeTest {
    @Test
    void parsesCountsWithSuffixes() {
        assertThat(StudyShape.parse("100")).isEqualTo(new StudyShape("100", 100, false));
        assertThat(StudyShape.parse("10k")).isEqualTo(new StudyShape("10k", 10_000, false));
        assertThat(StudyShape.parse("100K-sparse")).isEqualTo(new StudyShape("100k-sparse", 100_000, true));
        assertThat(StudyShape.parse("1m").instances()).isEqualTo(1_000_000);
    }

    @Test
    void rejectsWhatIsNotACount() {
        assertThatThrownBy(() -> StudyShape.parse("ten")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StudyShape.parse("0")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void generatedStudyHasExactlyTheInstanceCount() {
        for (String key : new String[] {"100", "1k", "10k", "100k"}) {
            StudyShape shape = StudyShape.parse(key);
            assertThat(shape.generate().instanceCount()).as(key).isEqualTo(shape.instances());
        }
    }

    @Test
    void seriesHoldAtMostFiveHundredUntilTwentySeries() {
        assertThat(StudyShape.parse("1k").seriesCount()).isEqualTo(2);
        assertThat(StudyShape.parse("10k").seriesCount()).isEqualTo(20);
        assertThat(StudyShape.parse("100k").seriesCount()).isEqualTo(20);
    }
}
