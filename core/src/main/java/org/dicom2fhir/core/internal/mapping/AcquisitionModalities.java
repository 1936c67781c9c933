package org.dicom2fhir.core.internal.mapping;

import java.util.Set;

/**
 * The DCM codes of DICOM PS3.16 CID 29 Acquisition Modality (acquisition-modalities.txt, generated from pydicom by
 * scripts/dicom-tables.py, loaded once): the modalities that acquire data, as opposed to derived ones (SR, PR, SEG...).
 */
final class AcquisitionModalities {
    static final String RESOURCE = "acquisition-modalities.txt";

    private AcquisitionModalities() {
    }

    private static final class Table {
        static final Set<String> CODES = Set.copyOf(ReferenceTables.lines(RESOURCE).stream().map(String::strip)
                .toList());
    }

    /** Whether the code (trimmed; codes are case-sensitive) is in CID 29; false for null or empty. */
    static boolean contains(String dcmCode) {
        String code = Text.clean(dcmCode);
        return code != null && Table.CODES.contains(code);
    }

    /** The codes, for tests. */
    static Set<String> codes() {
        return Table.CODES;
    }
}
