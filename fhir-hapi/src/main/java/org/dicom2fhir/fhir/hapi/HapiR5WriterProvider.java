package org.dicom2fhir.fhir.hapi;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.util.VersionUtil;
import org.dicom2fhir.api.spi.FhirRelease;
import org.dicom2fhir.api.spi.FhirWriter;
import org.dicom2fhir.api.spi.FhirWriterProvider;

/** FHIR R5 on HAPI FHIR's structures, per mapping.md's "FHIR R5" section. */
public final class HapiR5WriterProvider implements FhirWriterProvider {
    public static final String NAME = "hapi-r5";

    /** A name, not a class literal: selecting by type must not load HAPI. */
    static final String NATIVE_RESOURCE_CLASS_NAME = "org.hl7.fhir.r5.model.ImagingStudy";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "HAPI FHIR " + VersionUtil.getVersion() + " structures, FHIR R5 (" + FhirRelease.R5.version() + ")";
    }

    @Override
    public FhirRelease release() {
        return FhirRelease.R5;
    }

    @Override
    public String nativeResourceClassName() {
        return NATIVE_RESOURCE_CLASS_NAME;
    }

    /** As {@link HapiR4WriterProvider#create}: one R5 context per JVM, started by the first writer. */
    @Override
    public FhirWriter create() {
        return new HapiWriter<>(SharedContext.R5, FhirRelease.R5, R5Mapper::imagingStudy, R5Mapper::bundle,
                R5Mapper::transaction, R5Mapper::standalonePatient);
    }

    /** Lazy holder: started when the first writer is created, not when the provider is discovered. */
    private static final class SharedContext {
        static final AsyncFhirContext R5 = AsyncFhirContext.start(FhirContext::forR5, R5Mapper::warmUpResource);
    }
}
