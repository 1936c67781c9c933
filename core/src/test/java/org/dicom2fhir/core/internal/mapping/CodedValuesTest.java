package org.dicom2fhir.core.internal.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.dicom2fhir.api.model.CodingData;
import org.dicom2fhir.api.model.ConceptData;
import org.dicom2fhir.core.InstanceFacts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CodedValuesTest {

    @ParameterizedTest
    @CsvSource({
        "DCM, http://dicom.nema.org/resources/ontology/DCM",
        "SCT, http://snomed.info/sct",
        "LN, http://loinc.org",
        "UCUM, http://unitsofmeasure.org",
        "RADLEX, http://www.radlex.org",
        "I10, http://hl7.org/fhir/sid/icd-10",
        "ICD10, http://hl7.org/fhir/sid/icd-10",
        "' LN ', http://loinc.org"})
    void knownDesignatorsGiveTheirSystem(String designator, String system) {
        CodingData coding = CodedValues.coding(new InstanceFacts.Code("CT", designator, "Meaning"));
        assertThat(coding).isEqualTo(new CodingData(system, "CT", "Meaning", false));
    }

    @Test
    void aDcmCodeOutsideTheDcmCodeSystemIsNotLookedUp() {
        // FHIR validators reject DCM codings whose code the DCM code system does not hold
        assertThat(CodedValues.coding(new InstanceFacts.Code("NOT-A-DCM-CODE", "DCM", "Local")))
                .isEqualTo(new CodingData(null, "NOT-A-DCM-CODE", "Local", true));
        assertThat(CodedValues.coding(new InstanceFacts.Code("121311", "DCM", "Localizer")))
                .isEqualTo(CodingData.of("http://dicom.nema.org/resources/ontology/DCM", "121311", "Localizer"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"SNM3", "99LOCAL", "99", "ACME", "urn:oid:1.2.3"})
    void privateAndUnknownDesignatorsGiveNoSystemAndUserSelected(String designator) {
        CodingData coding = CodedValues.coding(new InstanceFacts.Code("T-D3000", designator, "Chest"));
        assertThat(coding).isEqualTo(new CodingData(null, "T-D3000", "Chest", true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"SRT", "srt", " SRT "})
    void legacySnomedRtCodesBecomeTheirSnomedCtEquivalent(String designator) {
        assertThat(CodedValues.coding(new InstanceFacts.Code("T-D3000", designator, "Chest")))
                .isEqualTo(CodingData.of("http://snomed.info/sct", "51185008", "Chest"));
        assertThat(CodedValues.coding(new InstanceFacts.Code("G-A101", designator, "Left")))
                .isEqualTo(CodingData.of("http://snomed.info/sct", "7771000", "Left"));
    }

    @Test
    void aSnomedRtCodeWithoutAnEquivalentStaysUnlookedUp() {
        assertThat(CodedValues.coding(new InstanceFacts.Code("T-NOSUCH", "SRT", "Nowhere")))
                .isEqualTo(new CodingData(null, "T-NOSUCH", "Nowhere", true));
    }

    @Test
    void missingDesignatorGivesNoSystem() {
        assertThat(CodedValues.coding(new InstanceFacts.Code("X", null, null)))
                .isEqualTo(new CodingData(null, "X", null, true));
    }

    @Test
    void codeIsTrimmedAndInnerWhiteSpaceCollapsed() {
        CodingData coding = CodedValues.coding(new InstanceFacts.Code(" CT  HEAD \t ANGIO ", "99ACME", " Head "));
        assertThat(coding.code()).isEqualTo("CT HEAD ANGIO");
        assertThat(coding.display()).isEqualTo("Head");
    }

    @Test
    void conceptTextIsTheCodeMeaning() {
        assertThat(CodedValues.concept(new InstanceFacts.Code("24627-2", "LN", "Chest CT")))
                .isEqualTo(new ConceptData(List.of(CodingData.of("http://loinc.org", "24627-2", "Chest CT")),
                        "Chest CT"));
    }

    @Test
    void itemWithoutCodeGivesTextOnlyOrNothing() {
        assertThat(CodedValues.concept(new InstanceFacts.Code(null, "LN", "Only meaning")))
                .isEqualTo(new ConceptData(List.of(), "Only meaning"));
        assertThat(CodedValues.concept(new InstanceFacts.Code(" ", "LN", null))).isNull();
        assertThat(CodedValues.coding(new InstanceFacts.Code(null, "LN", "Only meaning"))).isNull();
    }

    @Test
    void itemWithoutMeaningGivesACodingWithoutText() {
        assertThat(CodedValues.concept(new InstanceFacts.Code("P5-0001", "SRT", null)))
                .isEqualTo(new ConceptData(List.of(CodingData.unlooked("P5-0001", null)), null));
    }
}
