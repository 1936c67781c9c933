package org.dicom2fhir.core.internal.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class AcquisitionModalitiesTest {

    @ParameterizedTest
    @ValueSource(strings = {"CT", "MR", "US", "PT", "NM", "CR", "DX", "MG", "XA", "RF", "SM", "OP", "ECG", "RTIMAGE",
        " CT "})
    void acquisitionModalitiesAreInCid29(String code) {
        assertThat(AcquisitionModalities.contains(code)).isTrue();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "  ", "SR", "PR", "SEG", "KO", "RTSTRUCT", "OT", "DOC", "ct", "C T", "111137",
        "112702"})
    void derivedUnknownOrEmptyCodesAreNot(String code) {
        // SR, PR, SEG... are derived, not acquisition, modalities; codes are case-sensitive; 111137 and 112702 share
        // a keyword with US and SM in pydicom but are not in CID 29
        assertThat(AcquisitionModalities.contains(code)).isFalse();
    }

    @Test
    void everyLineIsLoadedAndTheCountIsSane() {
        assertThat(AcquisitionModalities.codes()).hasSize(ReferenceTables.lines(AcquisitionModalities.RESOURCE).size())
                .hasSizeBetween(30, 100)
                .allMatch(code -> code.matches("[A-Z0-9]+"));
    }

    @Test
    void tableKeepsItsSourceHeader() {
        assertThat(DicomTablesTest.header(AcquisitionModalities.RESOURCE))
                .anyMatch(l -> l.startsWith("# DICOM PS3.16 CID 29 "))
                .contains("# regenerate with: /usr/bin/python3 scripts/dicom-tables.py");
    }
}
