package org.dicom2fhir.testkit.contract;

import org.dicom2fhir.api.spi.FhirRelease;
import org.dicom2fhir.api.spi.FhirWriter;
import org.dicom2fhir.api.spi.FhirWriterProvider;

/** Registered in testkit's test META-INF/services; its writer's defect is chosen per contract run. */
public class FakeWriterProvider implements FhirWriterProvider {
    /** The defect of the writers created next; one contract run at a time sets it. */
    static volatile FakeWriter.Defect defect = FakeWriter.Defect.NONE;

    @Override
    public String name() {
        return defect == FakeWriter.Defect.UPPER_CASE_NAME ? "Fake" : "fake";
    }

    @Override
    public String description() {
        return "a fake writer that replays the R4 goldens";
    }

    @Override
    public FhirRelease release() {
        return FhirRelease.R4;
    }

    @Override
    public String nativeResourceClassName() {
        return FakeWriter.ImagingStudy.class.getName();
    }

    @Override
    public FhirWriter create() {
        return new FakeWriter(defect);
    }

    /** The same provider under a class that no META-INF/services file lists. */
    static final class Unregistered extends FakeWriterProvider {
        @Override
        public String name() {
            return "fake-unregistered";
        }
    }
}
