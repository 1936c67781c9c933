package org.dicom2fhir.fhir.hapi;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.util.VersionUtil;
import org.dicom2fhir.api.spi.FhirRelease;
import org.dicom2fhir.api.spi.FhirWriter;
import org.dicom2fhir.api.spi.FhirWriterProvider;

/** The default writer: FHIR R4 on HAPI FHIR's structures. */
public final class HapiR4WriterProvider implements FhirWriterProvider {
    public static final String NAME = "hapi";

    /** A name, not a class literal: selecting by type must not load HAPI. */
    static final String NATIVE_RESOURCE_CLASS_NAME = "org.hl7.fhir.r4.model.ImagingStudy";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "HAPI FHIR " + VersionUtil.getVersion() + " structures, FHIR R4 (" + FhirRelease.R4.version() + ")";
    }

    @Override
    public FhirRelease release() {
        return FhirRelease.R4;
    }

    @Override
    public String nativeResourceClassName() {
        return NATIVE_RESOURCE_CLASS_NAME;
    }

    /**
     * Returns at once; the FHIR context starts on a background thread (see {@link AsyncFhirContext}) the
     * first time a writer is created, and every later writer of this JVM shares it: HAPI's context is
     * thread-safe and takes seconds to build, so repeated one-liner calls must not pay for it again.
     */
    @Override
    public FhirWriter create() {
        return new HapiWriter<>(SharedContext.R4, FhirRelease.R4, R4Mapper::imagingStudy, R4Mapper::bundle,
                R4Mapper::transaction, R4Mapper::standalonePatient);
    }

    /** Lazy holder: started when the first writer is created, not when the provider is discovered. */
    private static final class SharedContext {
        static final AsyncFhirContext R4 = AsyncFhirContext.start(FhirContext::forR4, R4Mapper::warmUpResource);
    }
}
