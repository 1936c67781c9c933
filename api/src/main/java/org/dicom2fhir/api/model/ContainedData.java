package org.dicom2fhir.api.model;

import java.util.List;

/**
 * The contained resources besides the Patient and the Endpoint, each referenced from the ImagingStudy
 * (or from another contained resource) by {@code #id}. Ids are unique across all lists.
 */
public record ContainedData(List<PractitionerData> practitioners, List<OrganizationData> organizations,
        List<LocationData> locations, List<DeviceData> devices, List<SpecimenData> specimens,
        List<ServiceRequestData> serviceRequests) {
    private static final ContainedData NONE = new ContainedData(null, null, null, null, null, null);

    public ContainedData {
        practitioners = Strings.copy(practitioners);
        organizations = Strings.copy(organizations);
        locations = Strings.copy(locations);
        devices = Strings.copy(devices);
        specimens = Strings.copy(specimens);
        serviceRequests = Strings.copy(serviceRequests);
    }

    public static ContainedData none() {
        return NONE;
    }
}
