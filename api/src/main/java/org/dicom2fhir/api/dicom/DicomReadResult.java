package org.dicom2fhir.api.dicom;

import java.util.List;
import java.util.Objects;
import org.dicom2fhir.api.Warning;

/**
 * A file read successfully, perhaps with warnings (damage after the attributes that were read, an
 * unknown character set, an invalid VR...).
 *
 * @param transferSyntaxUid the transfer syntax the data set was read with (from the File Meta, or the
 *                          one detected when there was none)
 * @param fileMeta          group 0002; empty when the file has no File Meta Information
 * @param dataSet           the requested elements of the data set, up to (not including) Pixel Data
 * @param warnings          value-free warnings
 * @param damage            damage after which reading stopped, the elements before it kept; null when
 *                          the header was read to its end
 */
public record DicomReadResult(String transferSyntaxUid, DicomDataSet fileMeta, DicomDataSet dataSet,
        List<Warning> warnings, ReadDamage damage) {
    public DicomReadResult {
        Objects.requireNonNull(transferSyntaxUid, "transferSyntaxUid");
        Objects.requireNonNull(fileMeta, "fileMeta");
        Objects.requireNonNull(dataSet, "dataSet");
        warnings = List.copyOf(warnings);
    }

    /** A result read to its end, without damage. */
    public DicomReadResult(String transferSyntaxUid, DicomDataSet fileMeta, DicomDataSet dataSet, List<Warning> warnings) {
        this(transferSyntaxUid, fileMeta, dataSet, warnings, null);
    }
}
