package org.dicom2fhir.testkit.contract;

import org.dicom2fhir.api.spi.FhirRelease;
import org.dicom2fhir.api.spi.FhirWriterProvider;

/**
 * The contract applied to the fake writer with the defect of {@link FakeWriterProvider#defect}. Not a
 * test of its own (the name does not end in Test): {@link FhirWriterContractSelfTest} launches it.
 */
class FakeWriterContract extends FhirWriterContract {
    @Override
    protected FhirWriterProvider provider() {
        return FakeWriterProvider.defect == FakeWriter.Defect.NOT_REGISTERED
                ? new FakeWriterProvider.Unregistered() : new FakeWriterProvider();
    }

    @Override
    protected FhirRelease expectedRelease() {
        return FhirRelease.R4;
    }
}
