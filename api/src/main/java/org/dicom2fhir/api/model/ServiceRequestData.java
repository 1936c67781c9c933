package org.dicom2fhir.api.model;

import java.util.List;
import java.util.Objects;

/**
 * A contained ServiceRequest: one requested procedure ({@code status} unknown, {@code intent} order,
 * {@code subject} the study's subject).
 *
 * @param identifiers ACSN, PLAC, FILL and the Requested Procedure ID, those present
 * @param code        (0032,1064) Requested Procedure Code Sequence, or null
 */
public record ServiceRequestData(String id, List<IdentifierData> identifiers, ConceptData code) {
    public ServiceRequestData {
        id = Objects.requireNonNull(Strings.orNull(id), "id");
        identifiers = Strings.copy(identifiers);
        if (identifiers.isEmpty() && code == null) {
            throw new IllegalArgumentException("a service request needs an identifier or a code");
        }
    }
}
