package org.dicom2fhir.core.internal.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dicom2fhir.api.model.CodingData;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class BodyPartsTest {

    private static List<String> resourceLines() throws IOException {
        try (InputStream in = BodyParts.class.getResourceAsStream(BodyParts.RESOURCE)) {
            assertThat(in).as("bundled table").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    @Test
    void everyRowOfTheBundledTableIsLoaded() throws IOException {
        List<String> rows = resourceLines().stream().filter(l -> !l.isBlank() && !l.startsWith("#")).skip(1)
                .toList();
        assertThat(rows).hasSizeGreaterThan(300);
        assertThat(BodyParts.terms()).hasSize(rows.size());
        for (String row : rows) {
            String[] columns = row.split("\t", -1);
            assertThat(BodyParts.terms().get(columns[0]))
                    .isEqualTo(new BodyParts.Term(columns[1].isEmpty() ? null : columns[1], columns[2]));
        }
    }

    @Test
    void bundledTableKeepsItsSourceHeader() throws IOException {
        assertThat(resourceLines().get(0)).startsWith("# DICOM PS3.16 Table L-1");
        assertThat(resourceLines()).anyMatch(l -> l.startsWith("# Source: DICOM PS3.16 Annex L"));
    }

    @Test
    void bundledTableIsAVerbatimCopyOfTheSharedData() throws IOException {
        // shared/ (the spec and its reference data) sits beside the repository; tests run in core/
        Path shared = Path.of("..", "..", "shared", "data", "body-part-snomed.tsv");
        Assumptions.assumeTrue(Files.isReadable(shared), "shared data folder not present");
        try (InputStream in = BodyParts.class.getResourceAsStream(BodyParts.RESOURCE)) {
            assertThat(in.readAllBytes()).isEqualTo(Files.readAllBytes(shared));
        }
    }

    @ParameterizedTest
    @CsvSource({
        "CHEST, 816094009, Chest",
        "ABDOMEN, 818981001, Abdomen",
        "HEAD, 69536005, Head",
        "BREAST, 76752008, Breast",
        "KNEE, 72696002, Knee",
        "' chest ', 816094009, Chest",
        "Brain, 12738006, Brain",
        "WHOLEBODY, 38266002, Entire body",
        "3RDVENTRICLE, 49841001, Third ventricle",
        "ZYGOMA, 13881006, Zygoma"})
    void listedTermsGiveSnomed(String raw, String code, String meaning) {
        assertThat(BodyParts.bodySite(raw)).isEqualTo(CodingData.of("http://snomed.info/sct", code, meaning));
    }

    @ParameterizedTest
    @CsvSource({"NECKHEAD, NECKHEAD", "' Left  wrist ', Left wrist", "SKULL_BASE, SKULL_BASE", "chest2, chest2"})
    void unlistedTermsAreKeptAsFoundWithUserSelected(String raw, String code) {
        assertThat(BodyParts.bodySite(raw)).isEqualTo(new CodingData(null, code, null, true));
    }

    @Test
    void listedTermWithoutSnomedCodeKeepsTheValueAndTheTablesMeaning() {
        assertThat(BodyParts.bodySite("FETALARM")).isEqualTo(new CodingData(null, "FETALARM", "Fetal arm", true));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   "})
    void emptyIsOmitted(String raw) {
        assertThat(BodyParts.bodySite(raw)).isNull();
    }
}
