package org.dicom2fhir.core.internal.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class LegacySnomedTest {

    @ParameterizedTest
    @CsvSource({
        "T-D3000, 51185008, Chest",
        "T-04000, 76752008, Breast",
        "T-A0100, 12738006, Brain",
        "T-D0010, 38266002, Entire body",
        "G-A100, 24028007, Right",
        "' T-D3000 ', 51185008, Chest"})
    void srtCodesGiveSnomedCt(String srt, String code, String meaning) {
        assertThat(LegacySnomed.snomedCt(srt)).isEqualTo(new LegacySnomed.SnomedCt(code, meaning));
    }

    @Test
    void whereSeveralMeaningsExistTheOneMostContextGroupsUseIsKept() {
        // pydicom has 'Cranial Cavity' (1 CID), 'Intracranial' (several) and a fully specified name (none)
        assertThat(LegacySnomed.snomedCt("T-D1400")).isEqualTo(new LegacySnomed.SnomedCt("1101003", "Intracranial"));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "  ", "T-XXXXX", "51185008", "t-d3000", "CHEST"})
    void unknownOrEmptyCodesGiveNull(String srt) {
        // 51185008 is already SNOMED CT; SRT codes are case-sensitive
        assertThat(LegacySnomed.snomedCt(srt)).isNull();
    }

    @Test
    void everyRowIsLoadedAndTheCountsAreSane() {
        List<String[]> rows = ReferenceTables.rows(LegacySnomed.RESOURCE, 3);
        assertThat(LegacySnomed.codes()).hasSize(rows.size()).hasSizeBetween(5_000, 50_000);
        assertThat(LegacySnomed.codes().values()).allMatch(c -> c.code().matches("[1-9][0-9]{5,17}"));
        long withMeaning = LegacySnomed.codes().values().stream().filter(c -> c.meaning() != null).count();
        assertThat(withMeaning).isGreaterThan(rows.size() * 9L / 10);
    }

    @Test
    void tableKeepsItsSourceHeader() {
        assertThat(DicomTablesTest.header(LegacySnomed.RESOURCE))
                .anyMatch(l -> l.startsWith("# DICOM PS3.16 Table O-1"))
                .contains("# regenerate with: /usr/bin/python3 scripts/dicom-tables.py");
    }
}
