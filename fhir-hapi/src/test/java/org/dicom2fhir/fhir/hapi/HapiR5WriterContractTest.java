package org.dicom2fhir.fhir.hapi;

import org.dicom2fhir.api.spi.FhirRelease;
import org.dicom2fhir.api.spi.FhirWriterProvider;
import org.dicom2fhir.testkit.contract.FhirWriterContract;

class HapiR5WriterContractTest extends FhirWriterContract {
    @Override
    protected FhirWriterProvider provider() {
        return new HapiR5WriterProvider();
    }

    @Override
    protected FhirRelease expectedRelease() {
        return FhirRelease.R5;
    }
}
