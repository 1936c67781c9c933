package org.dicom2fhir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dicom2fhir.api.spi.FhirRelease;
import org.dicom2fhir.api.spi.ValidationIssue;
import org.dicom2fhir.api.spi.ValidationIssue.Severity;
import org.example.plugins.QuotingValidatorProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --validate}'s findings on standard error: severity, message id and location, never the
 * validator's text, whatever quotes, apostrophes and digits it holds.
 */
class ValidationFindingsTest {
    /** What a careless validator quotes: everything of the test patient, with apostrophes and digits around it. */
    private static final String QUOTING = "The patient's name can't be 'Zebulonova^Quirina' (PATID4711X, born "
            + "1965-04-12, accession \"ACCX98765\"); don't use ‘Quirina’ or «19650412».";

    @TempDir
    Path tmp;

    private static void assertNoPatientData(String text) {
        for (String value : Studies.PATIENT_DATA) {
            assertThat(text).doesNotContain(value);
        }
    }

    // --- the lines, from crafted findings -------------------------------------------------------------

    @Test
    void aFindingIsItsSeverityLocationAndMessageIdNeverItsText() {
        ValidationFindings findings = new ValidationFindings(List.of(
                new ValidationIssue(Severity.ERROR, "ImagingStudy.status", QUOTING, "Terminology_TX_NoValid_2_CC"),
                new ValidationIssue(Severity.WARNING, "ImagingStudy.series[0].instance[3]", QUOTING, "dom-6"),
                new ValidationIssue(Severity.FATAL, "line 3, column 17", QUOTING, "Json.Parse_Error")), FhirRelease.R4);

        assertThat(findings.lines()).containsExactly(
                "validation error at ImagingStudy.status: Terminology_TX_NoValid_2_CC",
                "validation warning at ImagingStudy.series[0].instance[3]: dom-6",
                "validation fatal at line 3, column 17: Json.Parse_Error",
                ValidationFindings.TEXTS_NOT_SHOWN);
        assertThat(findings.errors()).isEqualTo(2);
    }

    @Test
    void withoutAMessageIdAGenericSentenceStandsForTheText() {
        ValidationFindings findings = new ValidationFindings(List.of(
                new ValidationIssue(Severity.ERROR, "ImagingStudy.started", QUOTING),
                new ValidationIssue(Severity.ERROR, "ImagingStudy.started", QUOTING, " ")), FhirRelease.R4);

        assertThat(findings.lines()).containsExactly(
                "validation error at ImagingStudy.started: " + ValidationFindings.NO_MESSAGE_ID,
                "validation error at ImagingStudy.started: " + ValidationFindings.NO_MESSAGE_ID,
                ValidationFindings.TEXTS_NOT_SHOWN);
        assertNoPatientData(String.join("\n", findings.lines()));
    }

    @Test
    void aMessageIdThatIsNoIdentifierIsWithheld() {
        assertThat(ValidationFindings.messageId("Type_Specific_Checks_DT_DateTime_Valid"))
                .isEqualTo("Type_Specific_Checks_DT_DateTime_Valid");
        assertThat(ValidationFindings.messageId("Zebulonova's name")).isEqualTo(ValidationFindings.MESSAGE_ID_WITHHELD);
        assertThat(ValidationFindings.messageId("'Zebulonova'")).isEqualTo(ValidationFindings.MESSAGE_ID_WITHHELD);
        assertThat(ValidationFindings.messageId("1965-04-12")).isEqualTo(ValidationFindings.MESSAGE_ID_WITHHELD);
        assertThat(ValidationFindings.messageId("Zébulonova")).isEqualTo(ValidationFindings.MESSAGE_ID_WITHHELD);
        assertThat(ValidationFindings.messageId("A".repeat(101))).isEqualTo(ValidationFindings.MESSAGE_ID_WITHHELD);
        assertThat(ValidationFindings.messageId(null)).isEqualTo(ValidationFindings.NO_MESSAGE_ID);
    }

    @Test
    void locationsKeepElementNamesTypesAndIndexesOnly() {
        assertThat(ValidationFindings.location("ImagingStudy.series[0].instance[3]")).isEqualTo("ImagingStudy.series[0].instance[3]");
        assertThat(ValidationFindings.location("Bundle.entry[1].resource.ofType(ImagingStudy).series[12]"))
                .isEqualTo("Bundle.entry[1].resource.ofType(ImagingStudy).series[12]");
        assertThat(ValidationFindings.location("line 3, column 17")).isEqualTo("line 3, column 17");
        assertThat(ValidationFindings.location("")).isEqualTo(ValidationFindings.NO_LOCATION);
        assertThat(ValidationFindings.location(null)).isEqualTo(ValidationFindings.NO_LOCATION);
        // HAPI names the resource in a comment: its id may be a patient's identifier
        assertThat(ValidationFindings.location("Bundle.entry[0].resource/*Patient/PATID4711X*/.name[0].family"))
                .isEqualTo("Bundle.entry[0].resource.name[0].family");
        assertThat(ValidationFindings.location("ImagingStudy.contained[0]/*Patient/PATID4711X"))
                .isEqualTo("ImagingStudy.contained[0]" + ValidationFindings.REST_WITHHELD);
        // from the first part of another shape on, nothing is shown
        assertThat(ValidationFindings.location("Patient.extension('http://example.org/Zebulonova').value"))
                .isEqualTo("Patient.extension" + ValidationFindings.REST_WITHHELD);
        assertThat(ValidationFindings.location("Patient.name.where(family = 'Zebulonova')"))
                .isEqualTo("Patient.name.where" + ValidationFindings.REST_WITHHELD);
        assertThat(ValidationFindings.location("Patient.identifier[PATID4711X]"))
                .isEqualTo("Patient.identifier" + ValidationFindings.REST_WITHHELD);
        assertThat(ValidationFindings.location("Patient's name")).isEqualTo("Patient" + ValidationFindings.REST_WITHHELD);
        assertThat(ValidationFindings.location("'Zebulonova'")).isEqualTo("(location withheld)");
        assertThat(ValidationFindings.location("1965-04-12")).isEqualTo("(location withheld)");
    }

    @Test
    void theErrorSummaryListsTenLocationsWithoutVerboseAndAllWithIt() {
        List<ValidationIssue> issues = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            issues.add(new ValidationIssue(Severity.ERROR, "ImagingStudy.series[" + i + "]", QUOTING, "X"));
        }
        issues.add(new ValidationIssue(Severity.ERROR, "ImagingStudy.series[0]", QUOTING, "Y"));
        issues.add(new ValidationIssue(Severity.WARNING, "ImagingStudy.note[0]", QUOTING, "Z"));
        ValidationFindings findings = new ValidationFindings(issues, FhirRelease.R5);

        assertThat(findings.errorSummary(false)).isEqualTo("dicom2fhir: the result has 13 validation errors against "
                + "the FHIR 5.0.0 base profiles, at ImagingStudy.series[0], ImagingStudy.series[1], ImagingStudy.series[2], "
                + "ImagingStudy.series[3], ImagingStudy.series[4], ImagingStudy.series[5], ImagingStudy.series[6], "
                + "ImagingStudy.series[7], ImagingStudy.series[8], ImagingStudy.series[9] and 2 more; the output was "
                + "written anyway (--verbose lists each error's message id).");
        assertThat(findings.errorSummary(true)).contains("ImagingStudy.series[11]; the output was written anyway.");
        assertThat(new ValidationFindings(List.of(issues.get(13)), FhirRelease.R4).noErrors())
                .isEqualTo("validated: no errors against the FHIR 4.0.1 base profiles (1 other issue).");
        assertThat(new ValidationFindings(List.of(), FhirRelease.R4).noErrors())
                .isEqualTo("validated: no errors against the FHIR 4.0.1 base profiles.");
    }

    // --- through the command, with a validator that quotes the whole resource -------------------------

    private CliRun withQuotingValidator(String... args) {
        String property = "dicom2fhir.validator";
        String previous = System.getProperty(property);
        System.setProperty(property, QuotingValidatorProvider.NAME);
        try {
            return CliRun.of(args);
        } finally {
            if (previous == null) {
                System.clearProperty(property);
            } else {
                System.setProperty(property, previous);
            }
        }
    }

    @Test
    void verboseShowsTheStructureOfEveryFindingAndNoValueOfTheStudy() throws Exception {
        Path study = tmp.resolve("study");
        Studies.writeStudyA(study);
        Path plugins = PluginJar.writeInto(tmp.resolve("plugins"));
        Path output = tmp.resolve("out.json");

        CliRun run = withQuotingValidator("--plugins", plugins.toString(), "--validate", "-v", "-o", output.toString(),
                study.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.INVALID_RESULT);
        assertThat(Files.readString(output)).as("the values were there to be quoted")
                .contains(Studies.FAMILY).contains(Studies.PATIENT_ID).contains("1965-04-12");
        assertThat(run.stdoutBytes()).isEmpty();
        assertThat(run.stderr()).contains(
                "validation error at ImagingStudy.contained[0].name[0]: " + QuotingValidatorProvider.MESSAGE_ID + "\n",
                "validation error at ImagingStudy.series[0].instance[3]: " + ValidationFindings.NO_MESSAGE_ID + "\n",
                "validation warning at ImagingStudy.extension" + ValidationFindings.REST_WITHHELD + ": "
                        + ValidationFindings.MESSAGE_ID_WITHHELD + "\n",
                "validation information at (no location): Test_Info\n",
                ValidationFindings.TEXTS_NOT_SHOWN + "\n",
                "dicom2fhir: the result has 2 validation errors against the FHIR 4.0.1 base profiles, at "
                        + "ImagingStudy.contained[0].name[0], ImagingStudy.series[0].instance[3]; the output was written anyway.\n");
        assertThat(run.stderr()).doesNotContain("can't").doesNotContain("isn't").doesNotContain("resourceType");
        assertNoPatientData(run.stderr());
    }

    @Test
    void withoutVerboseOnlyTheSummaryWithItsLocations() throws Exception {
        Path study = tmp.resolve("study");
        Studies.writeStudyA(study);
        Path plugins = PluginJar.writeInto(tmp.resolve("plugins"));

        CliRun run = withQuotingValidator("--plugins", plugins.toString(), "--validate", "-o",
                tmp.resolve("out.json").toString(), study.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.INVALID_RESULT);
        assertThat(run.stderr()).doesNotContain("validation error at").contains("at ImagingStudy.contained[0].name[0], "
                + "ImagingStudy.series[0].instance[3]; the output was written anyway (--verbose lists each error's message id).");
        assertNoPatientData(run.stderr());
        assertThat(run.stdoutBytes()).isEmpty();
    }
}
