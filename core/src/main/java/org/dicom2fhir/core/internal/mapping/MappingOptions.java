package org.dicom2fhir.core.internal.mapping;

import java.time.ZoneId;
import java.util.Objects;
import org.dicom2fhir.core.IdStrategy;

/**
 * The caller's choices that affect the mapping.
 *
 * @param timezone        the zone for times without (0008,0201); null: no zone (times are dropped, one warning)
 * @param idStrategy      how the ImagingStudy id is made
 * @param endpointBaseUrl the DICOMweb base URL of the contained Endpoint, or null for none
 */
public record MappingOptions(ZoneId timezone, IdStrategy idStrategy, String endpointBaseUrl) {
    public MappingOptions {
        Objects.requireNonNull(idStrategy, "idStrategy");
        if (endpointBaseUrl != null) {
            EndpointUrls.validate(endpointBaseUrl);
        }
    }

    /** No zone, deterministic ids, no endpoint. */
    public static MappingOptions defaults() {
        return new MappingOptions(null, IdStrategy.UID, null);
    }
}
