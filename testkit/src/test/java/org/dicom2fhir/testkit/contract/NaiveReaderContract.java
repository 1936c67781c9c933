package org.dicom2fhir.testkit.contract;

import org.dicom2fhir.api.spi.DicomReaderProvider;

/**
 * The contract applied to the naive reader with the defect of {@link NaiveReaderProvider#defect}. Not
 * a test of its own (the name does not end in Test): {@link DicomReaderContractSelfTest} launches it.
 */
class NaiveReaderContract extends DicomReaderContract {
    @Override
    protected DicomReaderProvider provider() {
        return NaiveReaderProvider.defect == NaiveReader.Defect.NOT_REGISTERED
                ? new NaiveReaderProvider.Unregistered() : new NaiveReaderProvider();
    }
}
