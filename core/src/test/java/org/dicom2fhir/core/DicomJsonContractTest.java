package org.dicom2fhir.core;

import org.dicom2fhir.api.spi.DicomReader;
import org.dicom2fhir.core.internal.source.DicomJsonReader;
import org.dicom2fhir.testkit.contract.DicomJsonContract;

/** Core's DICOM JSON source against the JSON variant of the reader contract. */
class DicomJsonContractTest extends DicomJsonContract {
    @Override
    protected DicomReader jsonReader() {
        return new DicomJsonReader();
    }
}
