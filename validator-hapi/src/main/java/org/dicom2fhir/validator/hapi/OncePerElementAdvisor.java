package org.dicom2fhir.validator.hapi;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.hl7.fhir.r5.elementmodel.Element;
import org.hl7.fhir.r5.model.ElementDefinition;
import org.hl7.fhir.r5.model.StructureDefinition;
import org.hl7.fhir.r5.model.ValueSet;
import org.hl7.fhir.r5.utils.validation.IMessagingServices;
import org.hl7.fhir.r5.utils.validation.IResourceValidator;
import org.hl7.fhir.r5.utils.validation.IValidationPolicyAdvisor;
import org.hl7.fhir.r5.utils.validation.constants.BindingKind;
import org.hl7.fhir.r5.utils.validation.constants.ContainedReferenceValidationPolicy;
import org.hl7.fhir.r5.utils.validation.constants.ReferenceValidationPolicy;
import org.hl7.fhir.utilities.i18n.I18nConstants;
import org.hl7.fhir.utilities.validation.ValidationMessage;

/**
 * HAPI's policy advisor, except that a finding about the profile rather than the data is said once per
 * element of the profile, not once per repetition of the element: "ValueSet 'DICOM table B.5-1' not
 * found" (offline, DICOM's value sets are unknown) came once per instance's {@code sopClass}.
 *
 * <p>Why it matters: HAPI's validator looks for an equal message in its list before adding one and
 * merges the lists the same way, so n messages cost n² comparisons. A 20,000-instance study gave
 * 20,000 such warnings and spent almost 90 % of {@code --validate} (tens of seconds, gigabytes of garbage) in
 * those comparisons. Every check still runs; only the repetitions of a message the first repetition
 * already says are not added. {@link Repetitions#during} counts them, for a note on the kept message.
 *
 * <p>Which repetitions: a message of {@link #SAID_ONCE} at a path that equals, but for the indices, a
 * path where it was said before ({@code ImagingStudy.series[0].instance[7].sopClass} repeats
 * {@code ImagingStudy.series[0].instance[0].sopClass}). Every message at that first path is kept.
 */
final class OncePerElementAdvisor implements IValidationPolicyAdvisor {
    /** Findings about a binding of the profile, the same whatever the element's value. */
    static final Set<String> SAID_ONCE = Set.of(I18nConstants.TERMINOLOGY_TX_VALUESET_NOTFOUND);

    private static final Pattern INDEX = Pattern.compile("\\[\\d+]");

    /** The repetitions of the validation running on this thread; null outside {@link Repetitions#during}. */
    private static final ThreadLocal<Repetitions> CURRENT = new ThreadLocal<>();

    private IValidationPolicyAdvisor delegate;

    OncePerElementAdvisor(IValidationPolicyAdvisor delegate) {
        this.delegate = delegate;
    }

    /** What one validation left out: per message id and element (indices as {@code [*]}). */
    static final class Repetitions {
        private final Map<String, String> firstPath = new HashMap<>();
        private final Map<String, Set<String>> otherPaths = new HashMap<>();

        /** True when the message is a repetition to leave out. */
        boolean repeats(String messageId, String path) {
            String key = messageId + ' ' + element(path);
            String first = firstPath.putIfAbsent(key, path);
            if (first == null || first.equals(path)) {
                return false;
            }
            otherPaths.computeIfAbsent(key, k -> new HashSet<>()).add(path);
            return true;
        }

        /** What to append to the kept message: how many other elements like {@code path} had it left out. */
        String note(String messageId, String path) {
            Set<String> others = messageId == null ? null : otherPaths.get(messageId + ' ' + element(path));
            return others == null ? "" : " (the same for " + others.size() + " more elements at " + element(path) + ")";
        }

        /** Runs a validation on this thread, leaving out repetitions and counting them here. */
        <T> T during(Supplier<T> validation) {
            CURRENT.set(this);
            try {
                return validation.get();
            } finally {
                CURRENT.remove();
            }
        }
    }

    /** The element a path names, every index as {@code [*]}: {@code ImagingStudy.series[*].instance[*].sopClass}. */
    static String element(String path) {
        return INDEX.matcher(path).replaceAll("[*]");
    }

    @Override
    public boolean isSuppressMessageId(String path, String messageId) {
        if (delegate.isSuppressMessageId(path, messageId)) {
            return true;
        }
        Repetitions repetitions = CURRENT.get();
        return repetitions != null && path != null && messageId != null && SAID_ONCE.contains(messageId)
                && repetitions.repeats(messageId, path);
    }

    // ---------------------------------------------------------------- the rest is HAPI's default's

    @Override
    public IValidationPolicyAdvisor getPolicyAdvisor() {
        return delegate;
    }

    @Override
    public IValidationPolicyAdvisor setPolicyAdvisor(IValidationPolicyAdvisor advisor) {
        this.delegate = advisor;
        return this;
    }

    @Override
    public ReferenceValidationPolicy getReferencePolicy() {
        return delegate.getReferencePolicy();
    }

    @Override
    public Set<String> getCheckReferencesTo() {
        return delegate.getCheckReferencesTo();
    }

    @Override
    public ReferenceValidationPolicy policyForReference(IResourceValidator validator, Object appContext, String path,
            String url, ReferenceDestinationType destinationType) {
        return delegate.policyForReference(validator, appContext, path, url, destinationType);
    }

    @Override
    public ContainedReferenceValidationPolicy policyForContained(IResourceValidator validator, Object appContext,
            StructureDefinition structure, ElementDefinition element, String containerType, String containerId,
            Element.SpecialElement containingResourceType, String path, String url) {
        return delegate.policyForContained(validator, appContext, structure, element, containerType, containerId,
                containingResourceType, path, url);
    }

    @Override
    public EnumSet<ResourceValidationAction> policyForResource(IResourceValidator validator, Object appContext,
            StructureDefinition type, String path) {
        return delegate.policyForResource(validator, appContext, type, path);
    }

    @Override
    public EnumSet<ElementValidationAction> policyForElement(IResourceValidator validator, Object appContext,
            StructureDefinition structure, ElementDefinition element, String path) {
        return delegate.policyForElement(validator, appContext, structure, element, path);
    }

    @Override
    public EnumSet<CodedContentValidationAction> policyForCodedContent(IResourceValidator validator, Object appContext,
            String stackPath, ElementDefinition definition, StructureDefinition structure, BindingKind kind,
            AdditionalBindingPurpose purpose, ValueSet valueSet, List<String> systems) {
        return delegate.policyForCodedContent(validator, appContext, stackPath, definition, structure, kind, purpose,
                valueSet, systems);
    }

    @Override
    public SpecialValidationAction policyForSpecialValidation(IResourceValidator validator, Object appContext,
            SpecialValidationRule rule, String stackPath, Element resource, Element element) {
        return delegate.policyForSpecialValidation(validator, appContext, rule, stackPath, resource, element);
    }

    @Override
    public List<StructureDefinition> getImpliedProfilesForResource(IResourceValidator validator, Object appContext,
            String stackPath, ElementDefinition definition, StructureDefinition structure, Element resource,
            boolean valid, IMessagingServices msgServices, List<ValidationMessage> messages) {
        return delegate.getImpliedProfilesForResource(validator, appContext, stackPath, definition, structure, resource,
                valid, msgServices, messages);
    }
}
