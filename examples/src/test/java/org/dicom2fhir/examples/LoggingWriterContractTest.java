package org.dicom2fhir.examples;

// example:writer-contract-test
import org.dicom2fhir.api.spi.FhirRelease;
import org.dicom2fhir.api.spi.FhirWriterProvider;
import org.dicom2fhir.testkit.contract.FhirWriterContract;

class LoggingWriterContractTest extends FhirWriterContract {
    @Override
    protected FhirWriterProvider provider() {
        return new LoggingWriterProvider();
    }

    @Override
    protected FhirRelease expectedRelease() {
        return FhirRelease.R4;
    }
}
// end-example
