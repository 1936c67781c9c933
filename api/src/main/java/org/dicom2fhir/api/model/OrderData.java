package org.dicom2fhir.api.model;

/**
 * One {@code basedOn} entry: {@code {reference: "#<serviceRequestId>", type: ServiceRequest, identifier:
 * <accession>}}, the parts present.
 *
 * @param serviceRequestId the contained ServiceRequest's id, or null when only the accession is known
 * @param accession        the accession identifier (type ACSN), or null
 */
public record OrderData(String serviceRequestId, IdentifierData accession) {
    public OrderData {
        serviceRequestId = Strings.orNull(serviceRequestId);
        if (serviceRequestId == null && accession == null) {
            throw new IllegalArgumentException("an order needs a service request or an accession");
        }
    }
}
