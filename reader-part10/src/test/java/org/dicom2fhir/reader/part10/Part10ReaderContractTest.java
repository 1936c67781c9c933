package org.dicom2fhir.reader.part10;

import org.dicom2fhir.api.spi.DicomReaderProvider;
import org.dicom2fhir.testkit.contract.DicomReaderContract;

class Part10ReaderContractTest extends DicomReaderContract {
    @Override
    protected DicomReaderProvider provider() {
        return new Part10ReaderProvider();
    }
}
