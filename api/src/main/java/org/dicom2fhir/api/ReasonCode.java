package org.dicom2fhir.api;

/** Why a file was skipped or failed. The names are the reason codes of reports and messages. */
public enum ReasonCode {
    NOT_DICOM(Disposition.SKIPPED),
    DICOMDIR(Disposition.SKIPPED),
    /** A DICOM data set that identifies no instance at all: none of the Study, Series and SOP Instance UIDs. */
    NOT_AN_INSTANCE(Disposition.SKIPPED),
    DUPLICATE_INSTANCE(Disposition.SKIPPED),
    SYMLINK(Disposition.SKIPPED),
    SPECIAL_FILE(Disposition.SKIPPED),
    TOO_DEEP(Disposition.SKIPPED),
    /** A ZIP archive inside a ZIP archive: never opened. */
    NESTED_ARCHIVE(Disposition.SKIPPED),

    TRUNCATED(Disposition.FAILED),
    LENGTH_EXCEEDS_FILE(Disposition.FAILED),
    NESTING_TOO_DEEP(Disposition.FAILED),
    INFLATED_TOO_LARGE(Disposition.FAILED),
    HEADER_TOO_LARGE(Disposition.FAILED),
    MISSING_UIDS(Disposition.FAILED),
    MISSING_SOP_CLASS(Disposition.FAILED),
    INVALID_UID(Disposition.FAILED),
    UNSUPPORTED_TRANSFER_SYNTAX(Disposition.FAILED),
    MALFORMED(Disposition.FAILED),
    UNREADABLE(Disposition.FAILED),
    /** A ZIP archive with more entries than the limit: none of them is read. */
    TOO_MANY_ENTRIES(Disposition.FAILED),
    /** The entries of a ZIP archive inflated past the limit: this entry and the ones after it are not read. */
    ARCHIVE_READ_TOO_LARGE(Disposition.FAILED),
    /** An encrypted ZIP entry (never decrypted). */
    ENCRYPTED(Disposition.FAILED),
    /** A ZIP entry compressed with a method that cannot be read. */
    UNSUPPORTED_COMPRESSION(Disposition.FAILED);

    private final Disposition disposition;

    ReasonCode(Disposition disposition) {
        this.disposition = disposition;
    }

    /** {@link Disposition#SKIPPED} or {@link Disposition#FAILED}. */
    public Disposition disposition() {
        return disposition;
    }
}
