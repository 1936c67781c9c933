package org.dicom2fhir.api.model;

import java.util.Objects;

/**
 * One {@code series.performer}: a contained Practitioner or Device as the actor.
 *
 * @param function a series-performer-function coding (v3-ParticipationType), or null (a device)
 * @param actorId  the id of the contained actor
 */
public record PerformerData(CodingData function, String actorId) {
    public PerformerData {
        actorId = Objects.requireNonNull(Strings.orNull(actorId), "actorId");
    }
}
