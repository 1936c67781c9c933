package org.dicom2fhir.fhir.hapi;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.PerformanceOptionsEnum;
import java.util.function.Supplier;
import org.dicom2fhir.api.FhirWriteException;
import org.dicom2fhir.api.spi.BackgroundWarmUp;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * A {@link FhirContext} built on a background thread ({@link BackgroundWarmUp}). Building it and the
 * first encode (model scanning, JSON and XML factories) cost a noticeable fraction of a second, which
 * this overlaps with whatever the caller does next (reading the DICOM files).
 */
final class AsyncFhirContext {
    private final BackgroundWarmUp<FhirContext> context;

    private AsyncFhirContext(BackgroundWarmUp<FhirContext> context) {
        this.context = context;
    }

    /**
     * @param factory  e.g. {@code FhirContext::forR4}
     * @param warmUpResource a tiny resource encoded once in JSON and XML, so that the first real
     *                       encode finds HAPI's model definitions and parsers ready
     */
    static AsyncFhirContext start(Supplier<FhirContext> factory, Supplier<IBaseResource> warmUpResource) {
        return new AsyncFhirContext(BackgroundWarmUp.start("dicom2fhir-hapi-context", () -> {
            FhirContext ctx = factory.get();
            // HAPI otherwise scans the children of every model type up front; deferred, it scans a
            // type when first encoded (thread-safe: sealing is synchronised), which cuts the start-up
            // by about a third and changes no output (the writer contract's goldens pin that).
            ctx.setPerformanceOptions(PerformanceOptionsEnum.DEFERRED_MODEL_SCANNING);
            // the mappers add contained resources themselves and refer to them as "#id": HAPI's search for
            // reference targets to contain would walk every element of every resource for nothing
            ctx.getParserOptions().setAutoContainReferenceTargetsWithNoId(false);
            IBaseResource resource = warmUpResource.get();
            ctx.newJsonParser().encodeResourceToString(resource);
            ctx.newXmlParser().encodeResourceToString(resource);
            return ctx;
        }));
    }

    /** Waits for the set-up; thread-safe, every caller gets the same context. */
    FhirContext get() {
        return context.get(cause -> new FhirWriteException("HAPI FHIR failed to start its FHIR context; check that"
                + " hapi-fhir-base and hapi-fhir-structures are complete on the class path.", cause));
    }
}
