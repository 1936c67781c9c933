package org.dicom2fhir.core.internal.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class SopClassesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1.2.840.10008.5.1.4.1.1.2|CT Image Storage",
        "1.2.840.10008.5.1.4.1.1.4|MR Image Storage",
        "1.2.840.10008.5.1.4.1.1.1|Computed Radiography Image Storage",
        "1.2.840.10008.5.1.4.1.1.88.11|Basic Text SR Storage",
        "1.2.840.10008.5.1.4.1.1.77.1.6|VL Whole Slide Microscopy Image Storage",
        "1.2.840.10008.1.1|Verification SOP Class"})
    void registeredClassesHaveTheirRegistryName(String uid, String name) {
        assertThat(SopClasses.name(uid)).isEqualTo(name);
        assertThat(SopClasses.entry(uid).retired()).isFalse();
    }

    @Test
    void retiredClassesAreListedAndMarked() {
        assertThat(SopClasses.entry("1.2.840.10008.5.1.4.1.1.5"))
                .isEqualTo(new SopClasses.Entry("Nuclear Medicine Image Storage", true));
    }

    @Test
    void paddingOfAUiValueIsIgnored() {
        assertThat(SopClasses.name("1.2.840.10008.5.1.4.1.1.2\0")).isEqualTo("CT Image Storage");
        assertThat(SopClasses.name(" 1.2.840.10008.5.1.4.1.1.2 ")).isEqualTo("CT Image Storage");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "  ", "1.2.840.10008.1.2", "1.2.840.10008.5.1.4.1.1.12.77", "1.2.3.4",
        "1.2.840.10008.5.1.4.1.1.2.", "CT Image Storage"})
    void unknownNamelessOrOtherUidTypesGiveNull(String uid) {
        // 1.2.840.10008.1.2 is a transfer syntax; ...1.1.12.77 a retired class the registry gives no name
        assertThat(SopClasses.name(uid)).isNull();
        assertThat(SopClasses.entry(uid)).isNull();
    }

    @Test
    void everyRowIsLoadedAndTheCountsAreSane() {
        List<String[]> rows = ReferenceTables.rows(SopClasses.RESOURCE, 3);
        assertThat(SopClasses.entries()).hasSize(rows.size()).hasSizeBetween(250, 1000);
        long retired = SopClasses.entries().values().stream().filter(SopClasses.Entry::retired).count();
        assertThat(retired).isBetween(30L, 150L);
        assertThat(SopClasses.entries().keySet()).allMatch(uid -> uid.matches("1\\.2\\.840\\.10008(\\.[0-9]+)+"));
        assertThat(SopClasses.entries().values()).allMatch(e -> !e.name().isBlank() && e.name().equals(e.name().strip()));
    }

    @Test
    void tableKeepsItsSourceHeader() {
        assertThat(ReferenceTables.class.getResourceAsStream(SopClasses.RESOURCE)).isNotNull();
        assertThat(DicomTablesTest.header(SopClasses.RESOURCE))
                .anyMatch(l -> l.startsWith("# Source: pydicom "))
                .contains("# regenerate with: /usr/bin/python3 scripts/dicom-tables.py");
    }
}
