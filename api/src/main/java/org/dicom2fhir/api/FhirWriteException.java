package org.dicom2fhir.api;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A FHIR model library rejected or failed to serialise the study. The message is ours and free of
 * values; the library's own exception is the cause (its message may quote values: do not show it
 * unredacted).
 */
public class FhirWriteException extends Dicom2FhirException {
    private static final long serialVersionUID = 1L;

    public FhirWriteException(String message, Throwable cause) {
        super(message, cause);
    }

    public FhirWriteException(String message) {
        super(message);
    }

    /**
     * A failure of a FHIR library in our words: {@code "<library> could not <failedTo> (<exception
     * type>); the cause is the library's message, which may quote values."}, with {@code cause} kept as
     * the cause.
     *
     * @param library  e.g. {@code HAPI FHIR R4}
     * @param failedTo e.g. {@code build the ImagingStudy} or {@code accept the value of Patient.birthDate};
     *                 an element's path, never its value
     */
    public static FhirWriteException libraryFailure(String library, String failedTo, Throwable cause) {
        Objects.requireNonNull(cause, "cause");
        String type = cause.getClass().getSimpleName().isEmpty() ? cause.getClass().getName()
                : cause.getClass().getSimpleName();
        return new FhirWriteException(library + " could not " + failedTo + " (" + type
                + "); the cause is the library's message, which may quote values.", cause);
    }

    /**
     * Runs a call into a FHIR library: a {@code FhirWriteException} it throws passes unchanged (the
     * innermost, most precise one wins); any other {@link RuntimeException} becomes
     * {@link #libraryFailure libraryFailure(library, failedTo, e)}.
     */
    public static <T> T wrapping(String library, String failedTo, Supplier<T> call) {
        try {
            return call.get();
        } catch (FhirWriteException e) {
            throw e;
        } catch (RuntimeException e) {
            throw libraryFailure(library, failedTo, e);
        }
    }
}
