package org.dicom2fhir.fhir.ibm;

import org.dicom2fhir.api.spi.FhirRelease;
import org.dicom2fhir.api.spi.FhirWriterProvider;
import org.dicom2fhir.testkit.contract.FhirWriterContract;

class IbmR4WriterContractTest extends FhirWriterContract {
    @Override
    protected FhirWriterProvider provider() {
        return new IbmR4WriterProvider();
    }

    @Override
    protected FhirRelease expectedRelease() {
        return FhirRelease.R4;
    }
}
