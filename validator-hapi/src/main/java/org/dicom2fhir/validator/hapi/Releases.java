package org.dicom2fhir.validator.hapi;

import ca.uhn.fhir.context.FhirContext;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.dicom2fhir.api.Dicom2FhirException;
import org.dicom2fhir.api.spi.FhirRelease;

/**
 * The FHIR releases this module validates, each with the context that knows its structures. Adding a
 * release is one entry here plus its {@code hapi-fhir-structures-*} and
 * {@code hapi-fhir-validation-resources-*} dependencies.
 */
final class Releases {
    private static final Map<FhirRelease, Supplier<FhirContext>> CONTEXTS;

    static {
        Map<FhirRelease, Supplier<FhirContext>> contexts = new EnumMap<>(FhirRelease.class);
        contexts.put(FhirRelease.R4, FhirContext::forR4);
        contexts.put(FhirRelease.R5, FhirContext::forR5);
        CONTEXTS = Collections.unmodifiableMap(contexts);
    }

    private Releases() {
    }

    static Set<FhirRelease> supported() {
        return CONTEXTS.keySet();
    }

    static void requireSupported(FhirRelease release) {
        if (!CONTEXTS.containsKey(release)) {
            throw new Dicom2FhirException("The HAPI validator cannot validate FHIR " + release
                    + "; it supports " + supported() + " (use a release from that list).");
        }
    }

    /** A new context for the release; the caller owns it. */
    static FhirContext newContext(FhirRelease release) {
        requireSupported(release);
        return CONTEXTS.get(release).get();
    }
}
