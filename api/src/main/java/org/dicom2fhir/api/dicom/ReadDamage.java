package org.dicom2fhir.api.dicom;

import java.util.Objects;
import org.dicom2fhir.api.ReasonCode;

/**
 * Damage a reader met after it had read some of the requested elements: reading stopped there and the
 * result holds what came before. Whether that is enough is the caller's decision (it knows which
 * attributes it needs).
 *
 * @param reason  {@code TRUNCATED}, {@code LENGTH_EXCEEDS_FILE} or {@code MALFORMED}
 * @param tag     the element where reading stopped, or {@link DicomReadException#NO_TAG}
 * @param offset  the byte offset where reading stopped, or {@link DicomReadException#NO_OFFSET}
 * @param message what and where, never a value
 */
public record ReadDamage(ReasonCode reason, int tag, long offset, String message) {
    public ReadDamage {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
    }
}
