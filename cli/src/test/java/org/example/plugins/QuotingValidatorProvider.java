package org.example.plugins;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.dicom2fhir.api.spi.FhirRelease;
import org.dicom2fhir.api.spi.FhirValidator;
import org.dicom2fhir.api.spi.FhirValidatorProvider;
import org.dicom2fhir.api.spi.ValidationIssue;
import org.dicom2fhir.api.spi.ValidationIssue.Severity;

/**
 * A validator as careless as they come: every message quotes the whole resource (patient name,
 * identifier, birth date), with apostrophes and digits around it, and one location and one message id
 * carry values too. Chosen with the system property {@code dicom2fhir.validator=test-quoting}; the CLI
 * must show the structure of its findings and nothing of the resource.
 */
public final class QuotingValidatorProvider implements FhirValidatorProvider {
    public static final String NAME = "test-quoting";
    public static final String MESSAGE_ID = "Test_Quoted_Resource";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "test validator quoting the resource in its messages";
    }

    @Override
    public Set<FhirRelease> releases() {
        return Set.of(FhirRelease.R4, FhirRelease.R5);
    }

    @Override
    public FhirValidator create() {
        return (resource, format, release) -> {
            String text = new String(resource, StandardCharsets.UTF_8);
            return List.of(
                    new ValidationIssue(Severity.ERROR, "ImagingStudy.contained[0]/*Patient/" + text + "*/.name[0]",
                            "The patient's name can't be '" + text + "' (checked 3 times on 1965-04-12)", MESSAGE_ID),
                    new ValidationIssue(Severity.ERROR, "ImagingStudy.series[0].instance[3]",
                            "Value \"" + text + "\" isn't valid", null),
                    new ValidationIssue(Severity.WARNING, "ImagingStudy.extension('" + text + "')",
                            "Don't use ‘" + text + "’", "Quoted '" + text + "'"),
                    new ValidationIssue(Severity.INFORMATION, "", text, "Test_Info"));
        };
    }
}
