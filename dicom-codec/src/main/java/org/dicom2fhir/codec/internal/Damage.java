package org.dicom2fhir.codec.internal;

import org.dicom2fhir.api.ReasonCode;
import org.dicom2fhir.api.dicom.DicomReadException;
import org.dicom2fhir.api.dicom.ReadDamage;
import org.dicom2fhir.api.dicom.Tags;

/**
 * Structural damage found while parsing: the reader decides whether it becomes a failure (nothing
 * usable read, {@link #toException()}) or the damage of a partial result ({@link #toReadDamage()}).
 * Carries no stack trace: it is control flow.
 */
public final class Damage extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient ReadDamage damage;

    public Damage(ReasonCode reason, int tag, long offset, String message) {
        super(message, null, false, false);
        this.damage = new ReadDamage(reason, tag, offset, message);
    }

    /** A message naming the element (when there is one) and the offset: "{what} (gggg,eeee) at byte N{tail}". */
    public static Damage at(ReasonCode reason, int tag, long offset, String what, String tail) {
        String where = tag == DicomReadException.NO_TAG ? "" : " " + Tags.format(tag);
        return new Damage(reason, tag, offset, what + where + " at byte " + offset + tail);
    }

    public DicomReadException toException() {
        return new DicomReadException(damage.reason(), damage.message(), damage.tag(), damage.offset());
    }

    /** The damage as a reader reports it on a partial result. */
    public ReadDamage toReadDamage() {
        return damage;
    }
}
