package org.dicom2fhir.testkit;

import java.util.Objects;

/**
 * How to lay one file out. Immutable; the with-ers return copies.
 *
 * @param transferSyntax           encoding of the data set (the File Meta group is always explicit VR LE)
 * @param preamble                 128 zero bytes and "DICM" first
 * @param fileMeta                 write the File Meta group 0002
 * @param undefinedLengthSequences sequences with undefined length and a Sequence Delimitation Item
 * @param undefinedLengthItems     items with undefined length and an Item Delimitation Item
 * @param pixelData                Pixel Data (7FE0,0010) value, 16-bit samples in little-endian order
 *                                 (swapped for big endian); {@code null}: none (or the data set's own)
 * @param sparsePixelDataBytes     more than 0: declare Pixel Data of this many bytes (rounded up to
 *                                 even) and leave a hole, written with a seek so no disk blocks are used
 */
public record DicomFileSpec(TransferSyntax transferSyntax, boolean preamble, boolean fileMeta,
        boolean undefinedLengthSequences, boolean undefinedLengthItems, byte[] pixelData,
        long sparsePixelDataBytes) {

    public DicomFileSpec {
        Objects.requireNonNull(transferSyntax, "transferSyntax");
        if (pixelData != null && sparsePixelDataBytes > 0) {
            throw new IllegalArgumentException("pixel data is either real bytes or a sparse hole, not both");
        }
        if (sparsePixelDataBytes < 0 || sparsePixelDataBytes > 0xFFFFFFFEL) {
            throw new IllegalArgumentException("sparse pixel data length must be 0..0xFFFFFFFE");
        }
        if (sparsePixelDataBytes > 0 && transferSyntax.deflated()) {
            throw new IllegalArgumentException("a deflated data set cannot hold a sparse hole");
        }
        pixelData = pixelData == null ? null : pixelData.clone();
    }

    /** Preamble and File Meta, defined lengths, no pixel data. */
    public static DicomFileSpec of(TransferSyntax ts) {
        return new DicomFileSpec(ts, true, true, false, false, null, 0);
    }

    @Override
    public byte[] pixelData() {
        return pixelData == null ? null : pixelData.clone();
    }

    /** The pixel bytes without a defensive copy (package use only). */
    byte[] pixelDataShared() {
        return pixelData;
    }

    public DicomFileSpec withTransferSyntax(TransferSyntax ts) {
        return new DicomFileSpec(ts, preamble, fileMeta, undefinedLengthSequences, undefinedLengthItems, pixelData,
                sparsePixelDataBytes);
    }

    public DicomFileSpec withPreamble(boolean b) {
        return new DicomFileSpec(transferSyntax, b, fileMeta, undefinedLengthSequences, undefinedLengthItems,
                pixelData, sparsePixelDataBytes);
    }

    public DicomFileSpec withFileMeta(boolean b) {
        return new DicomFileSpec(transferSyntax, preamble, b, undefinedLengthSequences, undefinedLengthItems,
                pixelData, sparsePixelDataBytes);
    }

    /** Undefined lengths for both sequences and items (or defined for both). */
    public DicomFileSpec withUndefinedLengths(boolean b) {
        return new DicomFileSpec(transferSyntax, preamble, fileMeta, b, b, pixelData, sparsePixelDataBytes);
    }

    public DicomFileSpec withUndefinedLengthSequences(boolean b) {
        return new DicomFileSpec(transferSyntax, preamble, fileMeta, b, undefinedLengthItems, pixelData,
                sparsePixelDataBytes);
    }

    public DicomFileSpec withUndefinedLengthItems(boolean b) {
        return new DicomFileSpec(transferSyntax, preamble, fileMeta, undefinedLengthSequences, b, pixelData,
                sparsePixelDataBytes);
    }

    /** Real Pixel Data bytes; {@code null} removes them. */
    public DicomFileSpec withPixelData(byte[] bytes) {
        return new DicomFileSpec(transferSyntax, preamble, fileMeta, undefinedLengthSequences, undefinedLengthItems,
                bytes, 0);
    }

    /** A declared Pixel Data length left as a sparse hole; 0 removes it. */
    public DicomFileSpec withSparsePixelData(long bytes) {
        return new DicomFileSpec(transferSyntax, preamble, fileMeta, undefinedLengthSequences, undefinedLengthItems,
                null, bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DicomFileSpec s && transferSyntax == s.transferSyntax && preamble == s.preamble
                && fileMeta == s.fileMeta && undefinedLengthSequences == s.undefinedLengthSequences
                && undefinedLengthItems == s.undefinedLengthItems && java.util.Arrays.equals(pixelData, s.pixelData)
                && sparsePixelDataBytes == s.sparsePixelDataBytes;
    }

    @Override
    public int hashCode() {
        return Objects.hash(transferSyntax, preamble, fileMeta, undefinedLengthSequences, undefinedLengthItems,
                java.util.Arrays.hashCode(pixelData), sparsePixelDataBytes);
    }

    @Override
    public String toString() {
        return "DicomFileSpec[" + transferSyntax + ", preamble=" + preamble + ", fileMeta=" + fileMeta
                + ", undefinedLengthSequences=" + undefinedLengthSequences + ", undefinedLengthItems="
                + undefinedLengthItems + ", pixelDataBytes=" + (pixelData == null ? 0 : pixelData.length)
                + ", sparsePixelDataBytes=" + sparsePixelDataBytes + "]";
    }
}
