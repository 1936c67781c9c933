package org.dicom2fhir.core.internal.mapping;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dicom2fhir.api.model.CodingData;
import org.dicom2fhir.api.model.ConceptData;
import org.dicom2fhir.api.model.ContainedData;
import org.dicom2fhir.api.model.DeviceData;
import org.dicom2fhir.api.model.IdentifierData;
import org.dicom2fhir.api.model.LocationData;
import org.dicom2fhir.api.model.NameData;
import org.dicom2fhir.api.model.OrganizationData;
import org.dicom2fhir.api.model.PractitionerData;
import org.dicom2fhir.api.model.ServiceRequestData;
import org.dicom2fhir.api.model.SpecimenData;
import org.dicom2fhir.core.InstanceFacts;

/**
 * The contained resources of one study as they are met, one per content-derived id (the same person as
 * referrer and performer, or the same equipment in two series, is one resource), in order of first use.
 */
final class Contained {
    private final Map<String, PractitionerData> practitioners = new LinkedHashMap<>();
    private final Map<String, OrganizationData> organizations = new LinkedHashMap<>();
    private final Map<String, LocationData> locations = new LinkedHashMap<>();
    private final Map<String, DeviceData> devices = new LinkedHashMap<>();
    private final Map<String, SpecimenData> specimens = new LinkedHashMap<>();
    private final Map<String, ServiceRequestData> serviceRequests = new LinkedHashMap<>();

    /** The practitioner's id, or null when the person has neither a name nor an identifier. */
    String practitioner(InstanceFacts.Person person) {
        if (person == null) {
            return null;
        }
        List<NameData> names = PersonNames.names(person.name());
        List<IdentifierData> identifiers = new ArrayList<>(person.ids().size());
        for (InstanceFacts.Code code : person.ids()) {
            String value = Text.clean(code.value());
            if (value != null) {
                // a Person Identification Code: the code is the identifier, its scheme the namespace
                IdentifierData identifier = new IdentifierData(null, null, CodedValues.system(code.scheme()), value,
                        null);
                if (!identifiers.contains(identifier)) {
                    identifiers.add(identifier);
                }
            }
        }
        if (names.isEmpty() && identifiers.isEmpty()) {
            return null;
        }
        List<Object> parts = new ArrayList<>();
        parts.add(Text.clean(person.name()));
        for (IdentifierData identifier : identifiers) {
            parts.add(identifier.system());
            parts.add(identifier.value());
        }
        String id = ContentIds.of("practitioner", parts.toArray());
        practitioners.putIfAbsent(id, new PractitionerData(id, names, identifiers));
        return id;
    }

    /** The organization's id, or null without a name (FHIR's org-1 wants a name or an identifier). */
    String organization(String name, String address) {
        String cleanName = Text.clean(name);
        if (cleanName == null) {
            return null;
        }
        String cleanAddress = Text.clean(address);
        String id = ContentIds.of("organization", cleanName, cleanAddress);
        organizations.putIfAbsent(id, new OrganizationData(id, cleanName, cleanAddress));
        return id;
    }

    /** The location's id, or null when there is neither a name nor a managing organization. */
    String location(String name, String organizationId) {
        String cleanName = Text.clean(name);
        if (cleanName == null && organizationId == null) {
            return null;
        }
        String id = ContentIds.of("location", cleanName, organizationId);
        locations.putIfAbsent(id, new LocationData(id, cleanName, organizationId));
        return id;
    }

    /**
     * The device's id, or null without equipment. Identity: the Device UID when present, else manufacturer,
     * model, serial number and station; the first series met gives the other values.
     */
    String device(InstanceFacts.Equipment e, String ownerId) {
        if (e == null) {
            return null;
        }
        String uid = Text.code(e.deviceUid());
        String id = uid != null ? ContentIds.of("device", uid)
                : ContentIds.of("device", null, Text.clean(e.manufacturer()), Text.clean(e.model()),
                        Text.clean(e.serialNumber()), Text.clean(e.station()));
        devices.putIfAbsent(id, new DeviceData(id, Text.clean(e.manufacturer()), Text.clean(e.model()),
                Text.clean(e.serialNumber()), uid, e.softwareVersions(), Text.clean(e.station()),
                Text.clean(e.udi()), ownerId));
        return id;
    }

    /** The specimen's id, or null without an identifier. */
    String specimen(InstanceFacts.Specimen specimen) {
        String value = Text.clean(specimen.id());
        if (value == null) {
            return null;
        }
        IdentifierData identifier = new IdentifierData(null, null, Issuers.system(specimen.issuer()), value,
                specimen.issuer() == null ? null : Text.clean(specimen.issuer().localNamespace()));
        String id = ContentIds.of("specimen", identifier.system(), identifier.assignerDisplay(), value);
        specimens.putIfAbsent(id, new SpecimenData(id, identifier));
        return id;
    }

    /** The service request's id. */
    String serviceRequest(List<IdentifierData> identifiers, ConceptData code) {
        List<Object> parts = new ArrayList<>();
        for (IdentifierData identifier : identifiers) {
            parts.add(typeKey(identifier.type()));
            parts.add(identifier.system());
            parts.add(identifier.value());
        }
        if (code != null) {
            for (CodingData coding : code.codings()) {
                parts.add(coding.system());
                parts.add(coding.code());
            }
            parts.add(code.text());
        }
        String id = ContentIds.of("servicerequest", parts.toArray());
        serviceRequests.putIfAbsent(id, new ServiceRequestData(id, identifiers, code));
        return id;
    }

    /** The identifying part of an identifier's type: its codes and text (PLAC and FILL of one value differ). */
    private static String typeKey(ConceptData type) {
        if (type == null) {
            return null;
        }
        StringBuilder key = new StringBuilder();
        for (CodingData coding : type.codings()) {
            key.append(coding.system()).append('|').append(coding.code()).append(';');
        }
        return key.append(type.text()).toString();
    }

    ContainedData data() {
        return new ContainedData(List.copyOf(practitioners.values()), List.copyOf(organizations.values()),
                List.copyOf(locations.values()), List.copyOf(devices.values()), List.copyOf(specimens.values()),
                List.copyOf(serviceRequests.values()));
    }
}
