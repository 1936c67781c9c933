package org.dicom2fhir.core.internal.mapping;

import java.time.ZoneId;
import java.util.Objects;
import org.dicom2fhir.core.IdStrategy;
import org.dicom2fhir.core.PatientIdSystems;

/**
 * The caller's choices that affect the mapping.
 *
 * @param timezone        the zone for times without (0008,0201); null: no zone (times are dropped, one warning)
 * @param idStrategy      how the ImagingStudy id is made
 * @param endpointBaseUrl the DICOMweb base URL of the contained Endpoint, or null for none
 * @param patientIdSystems where a Patient ID's system comes from beyond the data set
 */
public record MappingOptions(ZoneId timezone, IdStrategy idStrategy, String endpointBaseUrl,
        PatientIdSystems patientIdSystems) {
    public MappingOptions {
        Objects.requireNonNull(idStrategy, "idStrategy");
        Objects.requireNonNull(patientIdSystems, "patientIdSystems");
        if (endpointBaseUrl != null) {
            EndpointUrls.validate(endpointBaseUrl);
        }
    }

    public MappingOptions(ZoneId timezone, IdStrategy idStrategy, String endpointBaseUrl) {
        this(timezone, idStrategy, endpointBaseUrl, PatientIdSystems.none());
    }

    /** No zone, deterministic ids, no endpoint, the data set's issuers only. */
    public static MappingOptions defaults() {
        return new MappingOptions(null, IdStrategy.UID, null);
    }

    public MappingOptions withPatientIdSystems(PatientIdSystems systems) {
        return new MappingOptions(timezone, idStrategy, endpointBaseUrl, systems);
    }
}
