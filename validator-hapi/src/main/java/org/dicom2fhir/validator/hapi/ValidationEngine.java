package org.dicom2fhir.validator.hapi;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.dicom2fhir.api.spi.OutputFormat;
import org.dicom2fhir.api.spi.ValidationIssue;
import org.dicom2fhir.api.spi.ValidationIssue.Severity;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;

/**
 * HAPI's validator for one release, set up exactly as architecture.md prescribes (what "zero errors"
 * means): base profiles, in-memory terminology, HAPI's common code systems; nothing remote. A finding
 * about the profile rather than the data (DICOM's value sets are unknown offline) is said once per
 * element with a count, not once per instance ({@link OncePerElementAdvisor}: n repetitions cost HAPI n²).
 * Issues carry HAPI's message id and location string, so that callers can show a finding without its
 * values. One engine serves every thread: {@link FhirInstanceValidator} runs a fresh validator per call over
 * one shared, cached worker context, which it creates lazily without locking, so the warm-up creates
 * it before any caller can see the engine.
 */
final class ValidationEngine {
    /**
     * Validated once at start-up: the first validation loads the base StructureDefinitions (seconds),
     * which is better paid in the background than by the first caller.
     */
    private static final String WARM_UP = """
            {"resourceType":"ImagingStudy","status":"available","subject":{"display":"warm-up"}}""";

    /** Our own findings' {@link ValidationIssue#messageId()}s (HAPI's are its i18n keys). */
    static final String NOT_IN_DECLARED_FORMAT = "dicom2fhir_NotInDeclaredFormat";
    static final String UNREADABLE = "dicom2fhir_Unreadable";

    private final FhirValidator validator;

    private ValidationEngine(FhirValidator validator) {
        this.validator = validator;
    }

    static ValidationEngine start(FhirContext ctx) {
        ValidationSupportChain chain = new ValidationSupportChain(
                new DefaultProfileValidationSupport(ctx),
                new InMemoryTerminologyServerValidationSupport(ctx),
                new CommonCodeSystemsTerminologyService(ctx));
        FhirInstanceValidator instanceValidator = new FhirInstanceValidator(chain);
        instanceValidator.setValidatorPolicyAdvisor(
                new OncePerElementAdvisor(instanceValidator.getValidatorPolicyAdvisor()));
        FhirValidator validator = ctx.newValidator();
        validator.registerValidatorModule(instanceValidator);
        validator.validateWithResult(WARM_UP);
        return new ValidationEngine(validator);
    }

    List<ValidationIssue> validate(byte[] resource, OutputFormat format) {
        String text = withoutByteOrderMark(new String(resource, StandardCharsets.UTF_8));
        ValidationIssue wrongFormat = checkFormat(text, format);
        if (wrongFormat != null) {
            return List.of(wrongFormat);
        }
        OncePerElementAdvisor.Repetitions leftOut = new OncePerElementAdvisor.Repetitions();
        ValidationResult result;
        try {
            result = leftOut.during(() -> validator.validateWithResult(text));
        } catch (RuntimeException e) {
            // HAPI's message may quote the resource: report the failure in our words only.
            return List.of(new ValidationIssue(Severity.FATAL, "",
                    "The HAPI validator could not read this resource (" + e.getClass().getSimpleName()
                            + "); check that it is well-formed " + format + ".", UNREADABLE));
        }
        List<ValidationIssue> issues = new ArrayList<>(result.getMessages().size());
        for (SingleValidationMessage message : result.getMessages()) {
            String location = location(message);
            issues.add(new ValidationIssue(severity(message.getSeverity()), location,
                    message.getMessage() + leftOut.note(message.getMessageId(), location), message.getMessageId()));
        }
        return List.copyOf(issues);
    }

    /**
     * HAPI guesses the encoding from the first character; the caller declared it, so a mismatch
     * (or no resource at all) is reported instead of validated as the other format.
     */
    private static ValidationIssue checkFormat(String text, OutputFormat format) {
        String trimmed = text.stripLeading();
        char expected = format == OutputFormat.JSON ? '{' : '<';
        if (trimmed.isEmpty() || trimmed.charAt(0) != expected) {
            return new ValidationIssue(Severity.FATAL, "",
                    "The content is not a FHIR resource in " + format + " (it does not start with '"
                            + expected + "').", NOT_IN_DECLARED_FORMAT);
        }
        return null;
    }

    private static String withoutByteOrderMark(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static Severity severity(ResultSeverityEnum severity) {
        if (severity == null) {
            return Severity.ERROR;
        }
        return switch (severity) {
            case FATAL -> Severity.FATAL;
            case ERROR -> Severity.ERROR;
            case WARNING -> Severity.WARNING;
            case INFORMATION -> Severity.INFORMATION;
        };
    }

    private static String location(SingleValidationMessage message) {
        if (message.getLocationString() != null) {
            return message.getLocationString();
        }
        if (message.getLocationLine() != null) {
            return "line " + message.getLocationLine() + ", column " + message.getLocationCol();
        }
        return "";
    }
}
