package org.dicom2fhir.core.internal.mapping;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dicom2fhir.api.model.CodingData;
import org.dicom2fhir.api.model.ConceptData;
import org.dicom2fhir.api.model.FhirTerms;
import org.dicom2fhir.core.InstanceFacts;

/** DICOM code sequence items -> FHIR Codings and CodeableConcepts. */
final class CodedValues {
    /** Coding Scheme Designator -> system URI; anything else (SRT, 99..., unknown) has no system. */
    private static final Map<String, String> SYSTEMS = Map.of(
            "DCM", FhirTerms.DCM_SYSTEM,
            "SCT", FhirTerms.SNOMED_SYSTEM,
            "LN", "http://loinc.org",
            "UCUM", "http://unitsofmeasure.org",
            "RADLEX", "http://www.radlex.org",
            "I10", "http://hl7.org/fhir/sid/icd-10",
            "ICD10", "http://hl7.org/fhir/sid/icd-10");

    /** The designator of SNOMED-RT codes, which DICOM replaced by SNOMED CT (SCT). */
    private static final String LEGACY_SNOMED = "SRT";

    private CodedValues() {
    }

    /** The system URI for a designator, or null (never the raw designator: {@code system} must be a URI). */
    static String system(String designator) {
        String key = Text.clean(designator);
        return key == null ? null : SYSTEMS.get(key.toUpperCase(Locale.ROOT));
    }

    /**
     * The coding of an item: {@code {system, code, display}} for a known designator, else
     * {@code {code, display, userSelected: true}}; null when the item has no code value.
     */
    static CodingData coding(InstanceFacts.Code code) {
        String value = Text.code(code.value());
        if (value == null) {
            return null;
        }
        String display = Text.clean(code.meaning());
        if (LEGACY_SNOMED.equalsIgnoreCase(Text.clean(code.scheme()))) {
            LegacySnomed.SnomedCt translation = LegacySnomed.snomedCt(value);
            if (translation != null) {
                // SNOMED-RT is retired: the SNOMED CT equivalent PS3.16 lists is the code a server can look up
                return CodingData.of(FhirTerms.SNOMED_SYSTEM, translation.code(),
                        translation.meaning() != null ? translation.meaning() : display);
            }
        }
        String system = system(code.scheme());
        if (FhirTerms.DCM_SYSTEM.equals(system) && !DcmCodes.known(value)) {
            system = null; // a validator rejects DCM codes it does not know: treat it as not looked up
        }
        return system != null ? CodingData.of(system, value, display) : CodingData.unlooked(value, display);
    }

    /**
     * The concept of an item: its coding and {@code text} = Code Meaning; the text alone when there is no
     * code; null when the item is empty.
     */
    static ConceptData concept(InstanceFacts.Code code) {
        CodingData coding = coding(code);
        String text = Text.clean(code.meaning());
        if (coding == null) {
            return text == null ? null : new ConceptData(List.of(), text);
        }
        return new ConceptData(List.of(coding), text);
    }
}
