package org.dicom2fhir.reader.pixelmed;

import org.dicom2fhir.api.spi.DicomReaderProvider;
import org.dicom2fhir.testkit.contract.DicomReaderContract;

class PixelmedReaderContractTest extends DicomReaderContract {
    @Override
    protected DicomReaderProvider provider() {
        return new PixelmedReaderProvider();
    }
}
