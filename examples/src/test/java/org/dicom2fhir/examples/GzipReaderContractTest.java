package org.dicom2fhir.examples;

// example:reader-contract-test
import org.dicom2fhir.api.spi.DicomReaderProvider;
import org.dicom2fhir.testkit.contract.DicomReaderContract;

class GzipReaderContractTest extends DicomReaderContract {
    @Override
    protected DicomReaderProvider provider() {
        return new GzipReaderProvider();
    }
}
// end-example
