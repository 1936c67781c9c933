package org.dicom2fhir.fhir.hapi;

import java.util.List;
import org.dicom2fhir.api.FhirWriteException;
import org.dicom2fhir.api.model.CodingData;
import org.dicom2fhir.api.model.ConceptData;
import org.dicom2fhir.api.model.ContainedData;
import org.dicom2fhir.api.model.DeviceData;
import org.dicom2fhir.api.model.EndpointData;
import org.dicom2fhir.api.model.FhirTerms;
import org.dicom2fhir.api.model.IdentifierData;
import org.dicom2fhir.api.model.InstanceData;
import org.dicom2fhir.api.model.LocationData;
import org.dicom2fhir.api.model.NameData;
import org.dicom2fhir.api.model.OrderData;
import org.dicom2fhir.api.model.OrganizationData;
import org.dicom2fhir.api.model.PatientData;
import org.dicom2fhir.api.model.PerformerData;
import org.dicom2fhir.api.model.PractitionerData;
import org.dicom2fhir.api.model.SeriesData;
import org.dicom2fhir.api.model.ServiceRequestData;
import org.dicom2fhir.api.model.SpecimenData;
import org.dicom2fhir.api.model.StudyData;
import org.dicom2fhir.api.model.TransactionData;
import org.dicom2fhir.api.spi.BackgroundWarmUp;
import org.hl7.fhir.r5.model.Address;
import org.hl7.fhir.r5.model.Bundle;
import org.hl7.fhir.r5.model.CodeType;
import org.hl7.fhir.r5.model.CodeableConcept;
import org.hl7.fhir.r5.model.CodeableReference;
import org.hl7.fhir.r5.model.Coding;
import org.hl7.fhir.r5.model.DateTimeType;
import org.hl7.fhir.r5.model.DateType;
import org.hl7.fhir.r5.model.Device;
import org.hl7.fhir.r5.model.Endpoint;
import org.hl7.fhir.r5.model.Enumerations;
import org.hl7.fhir.r5.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r5.model.HumanName;
import org.hl7.fhir.r5.model.Identifier;
import org.hl7.fhir.r5.model.ImagingStudy.ImagingStudySeriesComponent;
import org.hl7.fhir.r5.model.ImagingStudy.ImagingStudySeriesInstanceComponent;
import org.hl7.fhir.r5.model.ImagingStudy;
import org.hl7.fhir.r5.model.Location;
import org.hl7.fhir.r5.model.Organization;
import org.hl7.fhir.r5.model.Patient;
import org.hl7.fhir.r5.model.Practitioner;
import org.hl7.fhir.r5.model.Reference;
import org.hl7.fhir.r5.model.ServiceRequest;
import org.hl7.fhir.r5.model.Specimen;
import org.hl7.fhir.r5.model.StringType;
import org.hl7.fhir.r5.model.UnsignedIntType;

/**
 * The neutral study as HAPI's R5 model: mapping.md's rules in R5's types (its "FHIR R5" section).
 * Where R5 only changed a type, the value is the same as in R4: a Coding becomes a CodeableConcept with
 * that one coding, a CodeableConcept becomes a CodeableReference's {@code concept}. The accession
 * number leaves {@code identifier} for {@code basedOn}, as R5's ImagingStudy prescribes.
 */
final class R5Mapper {
    /** The v2-0203 code of an identifier that is a UDI R5's udiCarrier cannot hold (not GS1). */
    static final String UDI_IDENTIFIER_TYPE = "UDI";

    private R5Mapper() {
    }

    static Bundle bundle(List<StudyData> studies, Reuse reuse) {
        Bundle bundle = new Bundle();
        bundle.setType(Bundle.BundleType.COLLECTION);
        for (StudyData study : studies) {
            bundle.addEntry()
                    .setFullUrl(FhirTerms.URN_UUID_PREFIX + study.id())
                    .setResource(imagingStudy(study, reuse));
        }
        return bundle;
    }

    /** TransactionData's shape: the Patient's create (when asked for), then the ImagingStudy's update. */
    static Bundle transaction(TransactionData tx, Reuse reuse) {
        Bundle bundle = new Bundle();
        bundle.setType(Bundle.BundleType.TRANSACTION);
        if (tx.patient() != null) {
            // no id: the server assigns it; the study's subject is the entry's fullUrl
            Bundle.BundleEntryRequestComponent request = bundle.addEntry()
                    .setFullUrl(tx.patient().fullUrl())
                    .setResource(patient(tx.study().patient()))
                    .getRequest()
                    .setMethod(Bundle.HTTPVerb.POST)
                    .setUrl(FhirTerms.PATIENT_REQUEST_URL);
            if (tx.patient().ifNoneExist() != null) {
                request.setIfNoneExist(tx.patient().ifNoneExist());
            }
        }
        ImagingStudy study = imagingStudy(tx.study(), reuse);
        if (!tx.studyIdInBody()) {
            study.setIdElement(null);
        }
        bundle.addEntry()
                .setFullUrl(tx.studyFullUrl())
                .setResource(study)
                .getRequest()
                .setMethod(Bundle.HTTPVerb.PUT)
                .setUrl(tx.studyRequestUrl());
        return bundle;
    }

    /** The Patient {@link #imagingStudy} contains, under an id of its own (bulk data references it). */
    static Patient standalonePatient(PatientData data, String id) {
        Patient patient = patient(data);
        patient.setId(id);
        return patient;
    }

    static ImagingStudy imagingStudy(StudyData study, Reuse reuse) {
        ImagingStudy resource = new ImagingStudy();
        resource.setId(study.id());
        if (study.containsPatient()) {
            Patient patient = patient(study.patient());
            patient.setId(FhirTerms.PATIENT_ID);
            resource.addContained(patient);
        }
        if (study.endpoint() != null) {
            resource.addContained(endpoint(study.endpoint()));
            resource.addEndpoint(new Reference(FhirTerms.ENDPOINT_REFERENCE));
        }
        contained(study, resource);
        IdentifierData accession = study.accession();
        int index = 0;
        for (IdentifierData identifier : study.identifiers()) {
            if (identifier != accession) {
                resource.addIdentifier(identifier(identifier, "ImagingStudy.identifier[" + index++ + "]"));
            }
        }
        for (int i = 0; i < study.orders().size(); i++) {
            resource.addBasedOn(order(study.orders().get(i), "ImagingStudy.basedOn[" + i + "]"));
        }
        resource.setStatus(ImagingStudy.ImagingStudyStatus.AVAILABLE);
        // R5's modality is every modality of the study, SR and KO too
        for (CodingData modality : study.modalities()) {
            resource.addModality(concept(modality));
        }
        resource.setSubject(new Reference(study.patientReference()));
        if (study.encounter() != null) {
            resource.setEncounter(new Reference()
                    .setType(R4Mapper.ENCOUNTER)
                    .setIdentifier(identifier(study.encounter(), "ImagingStudy.encounter.identifier")));
        }
        if (study.started() != null) {
            resource.setStartedElement(dateTime(study.started(), "ImagingStudy.started"));
        }
        if (study.referrerId() != null) {
            resource.setReferrer(local(study.referrerId()));
        }
        resource.setNumberOfSeries(study.numberOfSeries());
        resource.setNumberOfInstances(study.numberOfInstances());
        if (study.locationId() != null) {
            resource.setLocation(local(study.locationId()));
        }
        for (ConceptData procedure : study.procedureCodes()) {
            resource.addProcedure(new CodeableReference().setConcept(concept(procedure)));
        }
        for (ConceptData reason : study.reasonCodes()) {
            resource.addReason(new CodeableReference().setConcept(concept(reason)));
        }
        if (study.description() != null) {
            resource.setDescription(study.description());
        }
        for (int i = 0; i < study.series().size(); i++) {
            resource.addSeries(series(study.series().get(i), "ImagingStudy.series[" + i + "]", reuse));
        }
        return resource;
    }

    /** Without an id: the contained one gets {@link FhirTerms#PATIENT_ID}, a transaction's none. */
    private static Patient patient(PatientData data) {
        Patient patient = new Patient();
        patient.setActive(true);
        for (int i = 0; i < data.identifiers().size(); i++) {
            patient.addIdentifier(identifier(data.identifiers().get(i), "Patient.identifier[" + i + "]"));
        }
        for (NameData name : data.names()) {
            patient.addName(name(name));
        }
        try {
            patient.setGender(AdministrativeGender.fromCode(data.gender()));
        } catch (RuntimeException e) {
            throw rejected("Patient.gender", "an administrative-gender code", e);
        }
        if (data.birthDate() != null) {
            patient.setBirthDateElement(date(data.birthDate(), "Patient.birthDate"));
        }
        return patient;
    }

    /**
     * In ContainedData's order, after the Patient and the Endpoint. R5 has no {@code interpreter}: a
     * practitioner referenced only from there would be an unreferenced contained resource (dom-3).
     */
    private static void contained(StudyData study, ImagingStudy resource) {
        ContainedData data = study.contained();
        String patientReference = study.patientReference();
        List<PractitionerData> practitioners = study.practitionersBesidesInterpreters();
        for (int i = 0; i < practitioners.size(); i++) {
            resource.addContained(practitioner(practitioners.get(i), "Practitioner[" + i + "]"));
        }
        for (OrganizationData organization : data.organizations()) {
            resource.addContained(organization(organization));
        }
        for (LocationData location : data.locations()) {
            resource.addContained(location(location));
        }
        for (DeviceData device : data.devices()) {
            resource.addContained(device(device));
        }
        for (int i = 0; i < data.specimens().size(); i++) {
            resource.addContained(specimen(data.specimens().get(i), "Specimen[" + i + "]", patientReference));
        }
        for (int i = 0; i < data.serviceRequests().size(); i++) {
            resource.addContained(serviceRequest(data.serviceRequests().get(i), "ServiceRequest[" + i + "]",
                    patientReference));
        }
    }

    private static Practitioner practitioner(PractitionerData data, String path) {
        Practitioner practitioner = new Practitioner();
        practitioner.setId(data.id());
        for (int i = 0; i < data.identifiers().size(); i++) {
            practitioner.addIdentifier(identifier(data.identifiers().get(i), path + ".identifier[" + i + "]"));
        }
        for (NameData name : data.names()) {
            practitioner.addName(name(name));
        }
        return practitioner;
    }

    /** R5's Organization has no address of its own: it is the address of its contact. */
    private static Organization organization(OrganizationData data) {
        Organization organization = new Organization();
        organization.setId(data.id());
        organization.setName(data.name());
        if (data.address() != null) {
            organization.addContact().setAddress(new Address().setText(data.address()));
        }
        return organization;
    }

    private static Location location(LocationData data) {
        Location location = new Location();
        location.setId(data.id());
        if (data.name() != null) {
            location.setName(data.name());
        }
        if (data.managingOrganizationId() != null) {
            location.setManagingOrganization(local(data.managingOrganizationId()));
        }
        return location;
    }

    /**
     * R5's udiCarrier requires the device identifier and its issuer, which only a GS1 UDI yields; any
     * other UDI is kept as an identifier of type UDI. The model name is R5's {@code modelNumber}.
     */
    private static Device device(DeviceData data) {
        Device device = new Device();
        device.setId(data.id());
        if (data.deviceUid() != null) {
            device.addIdentifier().setSystem(FhirTerms.DICOM_UID_SYSTEM).setValue("urn:oid:" + data.deviceUid());
        }
        String gtin = data.gs1DeviceIdentifier();
        if (gtin != null) {
            device.addUdiCarrier().setDeviceIdentifier(gtin).setIssuer(FhirTerms.GS1_DI_ISSUER)
                    .setCarrierHRF(data.udi());
        } else if (data.udi() != null) {
            device.addIdentifier()
                    .setType(new CodeableConcept().addCoding(new Coding()
                            .setSystem(FhirTerms.V2_0203_SYSTEM)
                            .setCode(UDI_IDENTIFIER_TYPE)))
                    .setValue(data.udi());
        }
        if (data.manufacturer() != null) {
            device.setManufacturer(data.manufacturer());
        }
        if (data.serialNumber() != null) {
            device.setSerialNumber(data.serialNumber());
        }
        if (data.stationName() != null) {
            device.addName().setValue(data.stationName()).setType(Enumerations.DeviceNameType.USERFRIENDLYNAME);
        }
        if (data.modelName() != null) {
            device.setModelNumber(data.modelName());
        }
        for (String version : data.softwareVersions()) {
            device.addVersion().setValue(version);
        }
        if (data.ownerId() != null) {
            device.setOwner(local(data.ownerId()));
        }
        return device;
    }

    private static Specimen specimen(SpecimenData data, String path, String patientReference) {
        Specimen specimen = new Specimen();
        specimen.setId(data.id());
        specimen.setAccessionIdentifier(identifier(data.accessionIdentifier(), path + ".accessionIdentifier"));
        specimen.setSubject(new Reference(patientReference));
        return specimen;
    }

    private static ServiceRequest serviceRequest(ServiceRequestData data, String path, String patientReference) {
        ServiceRequest request = new ServiceRequest();
        request.setId(data.id());
        for (int i = 0; i < data.identifiers().size(); i++) {
            request.addIdentifier(identifier(data.identifiers().get(i), path + ".identifier[" + i + "]"));
        }
        request.setStatus(Enumerations.RequestStatus.UNKNOWN);
        request.setIntent(Enumerations.RequestIntent.ORDER);
        if (data.code() != null) {
            request.setCode(new CodeableReference().setConcept(concept(data.code())));
        }
        request.setSubject(new Reference(patientReference));
        return request;
    }

    private static Reference order(OrderData data, String path) {
        Reference reference = new Reference().setType(FhirTerms.SERVICE_REQUEST_TYPE);
        if (data.serviceRequestId() != null) {
            reference.setReference("#" + data.serviceRequestId());
        }
        if (data.accession() != null) {
            reference.setIdentifier(identifier(data.accession(), path + ".identifier"));
        }
        return reference;
    }

    /** A reference to a contained resource. */
    private static Reference local(String id) {
        return new Reference("#" + id);
    }

    /** R5's shape: connectionType is a list of CodeableConcepts, payload type and MIME type share an element. */
    private static Endpoint endpoint(EndpointData data) {
        Endpoint endpoint = new Endpoint();
        endpoint.setId(FhirTerms.ENDPOINT_ID);
        endpoint.setStatus(Endpoint.EndpointStatus.ACTIVE);
        endpoint.addConnectionType(new CodeableConcept().addCoding(new Coding()
                .setSystem(FhirTerms.ENDPOINT_CONNECTION_TYPE_SYSTEM)
                .setCode(FhirTerms.ENDPOINT_CONNECTION_TYPE_CODE)));
        endpoint.addPayload()
                .addType(new CodeableConcept().setText(FhirTerms.ENDPOINT_PAYLOAD_TYPE_TEXT))
                .addMimeType(FhirTerms.ENDPOINT_PAYLOAD_MIME_TYPE);
        endpoint.setAddress(data.address());
        return endpoint;
    }

    private static ImagingStudySeriesComponent series(SeriesData data, String path, Reuse reuse) {
        ImagingStudySeriesComponent series = new ImagingStudySeriesComponent();
        series.setUid(data.uid());
        if (data.number() != null) {
            series.setNumber(data.number());
        }
        series.setModality(concept(data.modality()));
        if (data.description() != null) {
            series.setDescription(data.description());
        }
        series.setNumberOfInstances(data.numberOfInstances());
        if (data.started() != null) {
            series.setStartedElement(dateTime(data.started(), path + ".started"));
        }
        if (data.bodySite() != null) {
            series.setBodySite(new CodeableReference().setConcept(concept(data.bodySite())));
        }
        if (data.laterality() != null) {
            series.setLaterality(concept(data.laterality()));
        }
        for (PerformerData performer : data.performers()) {
            ImagingStudy.ImagingStudySeriesPerformerComponent component = series.addPerformer();
            if (performer.function() != null) {
                component.setFunction(concept(performer.function()));
            }
            component.setActor(local(performer.actorId()));
        }
        for (String specimen : data.specimenIds()) {
            series.addSpecimen(local(specimen));
        }
        for (InstanceData instance : data.instances()) {
            series.addInstance(instance(instance, reuse));
        }
        return series;
    }

    private static ImagingStudySeriesInstanceComponent instance(InstanceData data, Reuse reuse) {
        ImagingStudySeriesInstanceComponent instance = new ImagingStudySeriesInstanceComponent();
        instance.setUid(data.uid());
        instance.setSopClass(reuse.coding(data.sopClass(), R5Mapper::coding));
        if (data.number() != null) {
            instance.setNumberElement(reuse.number(data.number(), UnsignedIntType::new));
        }
        if (data.title() != null) {
            instance.setTitleElement(reuse.text(data.title(), StringType::new));
        }
        return instance;
    }

    private static Identifier identifier(IdentifierData data, String path) {
        Identifier identifier = new Identifier();
        if (data.use() != null) {
            try {
                identifier.setUse(Identifier.IdentifierUse.fromCode(data.use()));
            } catch (RuntimeException e) {
                throw rejected(path + ".use", "an identifier-use code", e);
            }
        }
        if (data.type() != null) {
            identifier.setType(concept(data.type()));
        }
        if (data.system() != null) {
            identifier.setSystem(data.system());
        }
        identifier.setValue(data.value());
        if (data.assignerDisplay() != null) {
            identifier.setAssigner(new Reference().setDisplay(data.assignerDisplay()));
        }
        return identifier;
    }

    private static HumanName name(NameData data) {
        HumanName name = new HumanName();
        String representation = data.representation().extensionCode();
        if (representation != null) {
            name.addExtension(FhirTerms.EN_REPRESENTATION_EXTENSION, new CodeType(representation));
        }
        if (data.family() != null) {
            name.setFamily(data.family());
        }
        data.given().forEach(name::addGiven);
        data.prefix().forEach(name::addPrefix);
        data.suffix().forEach(name::addSuffix);
        return name;
    }

    private static CodeableConcept concept(CodingData data) {
        return new CodeableConcept().addCoding(coding(data));
    }

    private static CodeableConcept concept(ConceptData data) {
        CodeableConcept concept = new CodeableConcept();
        for (CodingData coding : data.codings()) {
            concept.addCoding(coding(coding));
        }
        if (data.text() != null) {
            concept.setText(data.text());
        }
        return concept;
    }

    private static Coding coding(CodingData data) {
        Coding coding = new Coding();
        if (data.system() != null) {
            coding.setSystem(data.system());
        }
        if (data.code() != null) {
            coding.setCode(data.code());
        }
        if (data.display() != null) {
            coding.setDisplay(data.display());
        }
        if (data.userSelected()) {
            coding.setUserSelected(true);
        }
        return coding;
    }

    /** HAPI keeps the string as given, so core's canonical rendering survives (the goldens check it). */
    private static DateTimeType dateTime(String value, String path) {
        try {
            DateTimeType dateTime = new DateTimeType();
            dateTime.setValueAsString(value);
            return dateTime;
        } catch (RuntimeException e) {
            throw rejected(path, "a FHIR dateTime", e);
        }
    }

    private static DateType date(String value, String path) {
        try {
            DateType date = new DateType();
            date.setValueAsString(value);
            return date;
        } catch (RuntimeException e) {
            throw rejected(path, "a FHIR date", e);
        }
    }

    /** Names the element, never the value; HAPI's own message (it quotes the value) stays in the cause. */
    private static FhirWriteException rejected(String path, String expected, RuntimeException cause) {
        return FhirWriteException.libraryFailure("HAPI FHIR R5", "accept the value of " + path + " as " + expected, cause);
    }

    /** The same warm-up study as R4's, in R5's model. */
    static ImagingStudy warmUpResource() {
        return imagingStudy(BackgroundWarmUp.writerSample(), Reuse.forEncoding());
    }
}
