package org.dicom2fhir.testkit.contract;

import org.dicom2fhir.api.spi.DicomReader;
import org.dicom2fhir.api.spi.DicomReaderProvider;

/** Registered in testkit's test META-INF/services; its reader's defect is chosen per contract run. */
public class NaiveReaderProvider implements DicomReaderProvider {
    /** The defect of the readers created next; one contract run at a time sets it. */
    static volatile NaiveReader.Defect defect = NaiveReader.Defect.NONE;

    @Override
    public String name() {
        return defect == NaiveReader.Defect.UPPER_CASE_NAME ? "Naive" : "naive";
    }

    @Override
    public String description() {
        return "a naive reader for the contract's self-test";
    }

    @Override
    public DicomReader create() {
        return new NaiveReader(defect);
    }

    /** The same provider under a class that no META-INF/services file lists. */
    static final class Unregistered extends NaiveReaderProvider {
        @Override
        public String name() {
            return "naive-unregistered";
        }
    }
}
