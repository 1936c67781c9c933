package org.dicom2fhir.fhir.ibm;

import com.ibm.fhir.model.resource.Bundle;
import com.ibm.fhir.model.resource.Device;
import com.ibm.fhir.model.resource.Endpoint;
import com.ibm.fhir.model.resource.ImagingStudy;
import com.ibm.fhir.model.resource.Location;
import com.ibm.fhir.model.resource.Organization;
import com.ibm.fhir.model.resource.Patient;
import com.ibm.fhir.model.resource.Practitioner;
import com.ibm.fhir.model.resource.ServiceRequest;
import com.ibm.fhir.model.resource.Specimen;
import com.ibm.fhir.model.type.Address;
import com.ibm.fhir.model.type.Code;
import com.ibm.fhir.model.type.CodeableConcept;
import com.ibm.fhir.model.type.Coding;
import com.ibm.fhir.model.type.Date;
import com.ibm.fhir.model.type.DateTime;
import com.ibm.fhir.model.type.Extension;
import com.ibm.fhir.model.type.HumanName;
import com.ibm.fhir.model.type.Id;
import com.ibm.fhir.model.type.Identifier;
import com.ibm.fhir.model.type.Reference;
import com.ibm.fhir.model.type.UnsignedInt;
import com.ibm.fhir.model.type.Uri;
import com.ibm.fhir.model.type.Url;
import com.ibm.fhir.model.type.code.AdministrativeGender;
import com.ibm.fhir.model.type.code.BundleType;
import com.ibm.fhir.model.type.code.DeviceNameType;
import com.ibm.fhir.model.type.code.EndpointStatus;
import com.ibm.fhir.model.type.code.HTTPVerb;
import com.ibm.fhir.model.type.code.IdentifierUse;
import com.ibm.fhir.model.type.code.ImagingStudyStatus;
import com.ibm.fhir.model.type.code.ServiceRequestIntent;
import com.ibm.fhir.model.type.code.ServiceRequestStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
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

/**
 * The neutral study as the IBM FHIR model's R4 ImagingStudy, element by element as the HAPI R4 writer
 * builds it (mapping.md). IBM's model checks every value when it is built and throws with a message
 * that may quote the value; each step here runs inside {@link #at}, which replaces that message by one
 * naming the element path (the IBM exception stays the cause). IBM's {@code String}, {@code Boolean}
 * and {@code Integer} are not imported: the builders' {@code java.lang} overloads wrap the values.
 */
final class IbmR4Mapper {
    /** The type of the identifier-only {@code encounter} reference. */
    private static final String ENCOUNTER = "Encounter";

    private IbmR4Mapper() {
    }

    static Bundle bundle(List<StudyData> studies) {
        List<Bundle.Entry> entries = new ArrayList<>(studies.size());
        for (int i = 0; i < studies.size(); i++) {
            StudyData study = studies.get(i);
            String path = "Bundle.entry[" + i + "]";
            ImagingStudy resource = imagingStudy(study);
            entries.add(at(path, () -> Bundle.Entry.builder()
                    .fullUrl(Uri.of(FhirTerms.URN_UUID_PREFIX + study.id()))
                    .resource(resource)
                    .build()));
        }
        return at("Bundle", () -> Bundle.builder().type(BundleType.COLLECTION).entry(entries).build());
    }

    /** TransactionData's shape, as the HAPI writers build it. */
    static Bundle transaction(TransactionData tx) {
        List<Bundle.Entry> entries = new ArrayList<>(2);
        if (tx.patient() != null) {
            // no id: the server assigns it; the study's subject is the entry's fullUrl
            Patient patient = at("Patient", patient(tx.study().patient())::build);
            Bundle.Entry.Request.Builder request = Bundle.Entry.Request.builder()
                    .method(HTTPVerb.POST)
                    .url(Uri.of(FhirTerms.PATIENT_REQUEST_URL));
            if (tx.patient().ifNoneExist() != null) {
                at("Bundle.entry[0].request.ifNoneExist", () -> request.ifNoneExist(tx.patient().ifNoneExist()));
            }
            entries.add(at("Bundle.entry[0]", () -> Bundle.Entry.builder()
                    .fullUrl(Uri.of(tx.patient().fullUrl()))
                    .resource(patient)
                    .request(request.build())
                    .build()));
        }
        String path = "Bundle.entry[" + entries.size() + "]";
        ImagingStudy study = imagingStudy(tx.study(), tx.studyIdInBody());
        entries.add(at(path, () -> Bundle.Entry.builder()
                .fullUrl(Uri.of(tx.studyFullUrl()))
                .resource(study)
                .request(Bundle.Entry.Request.builder()
                        .method(HTTPVerb.PUT)
                        .url(Uri.of(tx.studyRequestUrl()))
                        .build())
                .build()));
        return at("Bundle", () -> Bundle.builder().type(BundleType.TRANSACTION).entry(entries).build());
    }

    static ImagingStudy imagingStudy(StudyData study) {
        return imagingStudy(study, true);
    }

    private static ImagingStudy imagingStudy(StudyData study, boolean withId) {
        ImagingStudy.Builder resource = ImagingStudy.builder();
        if (withId) {
            at("ImagingStudy.id", () -> resource.id(study.id()));
        }
        // Contained resources keep their plain ids; references to them carry the '#'.
        if (study.containsPatient()) {
            resource.contained(at("Patient", patient(study.patient()).id(FhirTerms.PATIENT_ID)::build));
        }
        if (study.endpoint() != null) {
            resource.contained(endpoint(study.endpoint()));
            resource.endpoint(reference(FhirTerms.ENDPOINT_REFERENCE));
        }
        contained(study.contained(), study.patientReference(), resource);
        for (int i = 0; i < study.identifiers().size(); i++) {
            resource.identifier(identifier(study.identifiers().get(i), "ImagingStudy.identifier[" + i + "]"));
        }
        for (int i = 0; i < study.orders().size(); i++) {
            resource.basedOn(order(study.orders().get(i), "ImagingStudy.basedOn[" + i + "]"));
        }
        resource.status(ImagingStudyStatus.AVAILABLE);
        // R4's modality is "acquisition modality" (DICOM CID 29): an SR or KO series adds none
        for (int i = 0; i < study.acquisitionModalities().size(); i++) {
            resource.modality(coding(study.acquisitionModalities().get(i), "ImagingStudy.modality[" + i + "]"));
        }
        resource.subject(at("ImagingStudy.subject", () -> reference(study.patientReference())));
        if (study.encounter() != null) {
            Identifier encounter = identifier(study.encounter(), "ImagingStudy.encounter.identifier");
            resource.encounter(at("ImagingStudy.encounter",
                    () -> Reference.builder().type(Uri.of(ENCOUNTER)).identifier(encounter).build()));
        }
        if (study.started() != null) {
            resource.started(dateTime(study.started(), "ImagingStudy.started"));
        }
        if (study.referrerId() != null) {
            resource.referrer(local(study.referrerId(), "ImagingStudy.referrer"));
        }
        for (int i = 0; i < study.interpreterIds().size(); i++) {
            resource.interpreter(local(study.interpreterIds().get(i), "ImagingStudy.interpreter[" + i + "]"));
        }
        resource.numberOfSeries(unsignedInt(study.numberOfSeries(), "ImagingStudy.numberOfSeries"));
        resource.numberOfInstances(unsignedInt(study.numberOfInstances(), "ImagingStudy.numberOfInstances"));
        if (study.locationId() != null) {
            resource.location(local(study.locationId(), "ImagingStudy.location"));
        }
        for (int i = 0; i < study.procedureCodes().size(); i++) {
            resource.procedureCode(concept(study.procedureCodes().get(i), "ImagingStudy.procedureCode[" + i + "]"));
        }
        for (int i = 0; i < study.reasonCodes().size(); i++) {
            resource.reasonCode(concept(study.reasonCodes().get(i), "ImagingStudy.reasonCode[" + i + "]"));
        }
        if (study.description() != null) {
            at("ImagingStudy.description", () -> resource.description(study.description()));
        }
        for (int i = 0; i < study.series().size(); i++) {
            resource.series(series(study.series().get(i), "ImagingStudy.series[" + i + "]"));
        }
        return at("ImagingStudy", resource::build);
    }

    /** Not yet built and without an id: the contained one gets {@link FhirTerms#PATIENT_ID}, a transaction's none. */
    /** The Patient {@link #imagingStudy} contains, under an id of its own (bulk data references it). */
    static Patient standalonePatient(PatientData data, String id) {
        return patient(data).id(id).build();
    }

    private static Patient.Builder patient(PatientData data) {
        Patient.Builder patient = Patient.builder().active(true);
        for (int i = 0; i < data.identifiers().size(); i++) {
            patient.identifier(identifier(data.identifiers().get(i), "Patient.identifier[" + i + "]"));
        }
        for (int i = 0; i < data.names().size(); i++) {
            patient.name(name(data.names().get(i), "Patient.name[" + i + "]"));
        }
        at("Patient.gender", () -> patient.gender(AdministrativeGender.of(data.gender())));
        if (data.birthDate() != null) {
            at("Patient.birthDate", () -> patient.birthDate(Date.of(data.birthDate())));
        }
        return patient;
    }

    /** In ContainedData's order, after the Patient and the Endpoint. */
    private static void contained(ContainedData data, String patientReference, ImagingStudy.Builder resource) {
        for (int i = 0; i < data.practitioners().size(); i++) {
            resource.contained(practitioner(data.practitioners().get(i), "Practitioner[" + i + "]"));
        }
        for (int i = 0; i < data.organizations().size(); i++) {
            resource.contained(organization(data.organizations().get(i), "Organization[" + i + "]"));
        }
        for (int i = 0; i < data.locations().size(); i++) {
            resource.contained(location(data.locations().get(i), "Location[" + i + "]"));
        }
        for (int i = 0; i < data.devices().size(); i++) {
            resource.contained(device(data.devices().get(i), "Device[" + i + "]"));
        }
        for (int i = 0; i < data.specimens().size(); i++) {
            resource.contained(specimen(data.specimens().get(i), "Specimen[" + i + "]", patientReference));
        }
        for (int i = 0; i < data.serviceRequests().size(); i++) {
            resource.contained(serviceRequest(data.serviceRequests().get(i), "ServiceRequest[" + i + "]",
                    patientReference));
        }
    }

    private static Practitioner practitioner(PractitionerData data, String path) {
        Practitioner.Builder practitioner = Practitioner.builder();
        at(path + ".id", () -> practitioner.id(data.id()));
        for (int i = 0; i < data.identifiers().size(); i++) {
            practitioner.identifier(identifier(data.identifiers().get(i), path + ".identifier[" + i + "]"));
        }
        for (int i = 0; i < data.names().size(); i++) {
            practitioner.name(name(data.names().get(i), path + ".name[" + i + "]"));
        }
        return at(path, practitioner::build);
    }

    private static Organization organization(OrganizationData data, String path) {
        Organization.Builder organization = Organization.builder();
        at(path + ".id", () -> organization.id(data.id()));
        at(path + ".name", () -> organization.name(data.name()));
        if (data.address() != null) {
            organization.address(at(path + ".address[0].text", () -> Address.builder().text(data.address()).build()));
        }
        return at(path, organization::build);
    }

    private static Location location(LocationData data, String path) {
        Location.Builder location = Location.builder();
        at(path + ".id", () -> location.id(data.id()));
        if (data.name() != null) {
            at(path + ".name", () -> location.name(data.name()));
        }
        if (data.managingOrganizationId() != null) {
            location.managingOrganization(local(data.managingOrganizationId(), path + ".managingOrganization"));
        }
        return at(path, location::build);
    }

    /** R4 has no model number: the model name is a deviceName of type model-name. */
    private static Device device(DeviceData data, String path) {
        Device.Builder device = Device.builder();
        at(path + ".id", () -> device.id(data.id()));
        if (data.deviceUid() != null) {
            device.identifier(at(path + ".identifier[0]", () -> Identifier.builder()
                    .system(Uri.of(FhirTerms.DICOM_UID_SYSTEM))
                    .value("urn:oid:" + data.deviceUid())
                    .build()));
        }
        if (data.udi() != null) {
            device.udiCarrier(at(path + ".udiCarrier[0].carrierHRF",
                    () -> Device.UdiCarrier.builder().carrierHRF(data.udi()).build()));
        }
        if (data.manufacturer() != null) {
            at(path + ".manufacturer", () -> device.manufacturer(data.manufacturer()));
        }
        if (data.serialNumber() != null) {
            at(path + ".serialNumber", () -> device.serialNumber(data.serialNumber()));
        }
        int names = 0;
        if (data.modelName() != null) {
            device.deviceName(deviceName(data.modelName(), DeviceNameType.MODEL_NAME,
                    path + ".deviceName[" + names++ + "]"));
        }
        if (data.stationName() != null) {
            device.deviceName(deviceName(data.stationName(), DeviceNameType.USER_FRIENDLY_NAME,
                    path + ".deviceName[" + names + "]"));
        }
        for (int i = 0; i < data.softwareVersions().size(); i++) {
            String version = data.softwareVersions().get(i);
            device.version(at(path + ".version[" + i + "].value",
                    () -> Device.Version.builder().value(version).build()));
        }
        if (data.ownerId() != null) {
            device.owner(local(data.ownerId(), path + ".owner"));
        }
        return at(path, device::build);
    }

    private static Device.DeviceName deviceName(String name, DeviceNameType type, String path) {
        return at(path + ".name", () -> Device.DeviceName.builder().name(name).type(type).build());
    }

    private static Specimen specimen(SpecimenData data, String path, String patientReference) {
        Specimen.Builder specimen = Specimen.builder();
        at(path + ".id", () -> specimen.id(data.id()));
        specimen.accessionIdentifier(identifier(data.accessionIdentifier(), path + ".accessionIdentifier"));
        specimen.subject(at(path + ".subject", () -> reference(patientReference)));
        return at(path, specimen::build);
    }

    private static ServiceRequest serviceRequest(ServiceRequestData data, String path, String patientReference) {
        ServiceRequest.Builder request = ServiceRequest.builder();
        at(path + ".id", () -> request.id(data.id()));
        for (int i = 0; i < data.identifiers().size(); i++) {
            request.identifier(identifier(data.identifiers().get(i), path + ".identifier[" + i + "]"));
        }
        request.status(ServiceRequestStatus.UNKNOWN);
        request.intent(ServiceRequestIntent.ORDER);
        if (data.code() != null) {
            request.code(concept(data.code(), path + ".code"));
        }
        request.subject(at(path + ".subject", () -> reference(patientReference)));
        return at(path, request::build);
    }

    private static Reference order(OrderData data, String path) {
        Reference.Builder reference = Reference.builder().type(Uri.of(FhirTerms.SERVICE_REQUEST_TYPE));
        if (data.serviceRequestId() != null) {
            at(path + ".reference", () -> reference.reference("#" + data.serviceRequestId()));
        }
        if (data.accession() != null) {
            reference.identifier(identifier(data.accession(), path + ".identifier"));
        }
        return at(path, reference::build);
    }

    private static Endpoint endpoint(EndpointData data) {
        return at("Endpoint", () -> Endpoint.builder()
                .id(FhirTerms.ENDPOINT_ID)
                .status(EndpointStatus.ACTIVE)
                .connectionType(Coding.builder()
                        .system(Uri.of(FhirTerms.ENDPOINT_CONNECTION_TYPE_SYSTEM))
                        .code(Code.of(FhirTerms.ENDPOINT_CONNECTION_TYPE_CODE))
                        .build())
                .payloadType(CodeableConcept.builder().text(FhirTerms.ENDPOINT_PAYLOAD_TYPE_TEXT).build())
                .payloadMimeType(Code.of(FhirTerms.ENDPOINT_PAYLOAD_MIME_TYPE))
                .address(at("Endpoint.address", () -> Url.of(data.address())))
                .build());
    }

    private static ImagingStudy.Series series(SeriesData data, String path) {
        ImagingStudy.Series.Builder series = ImagingStudy.Series.builder();
        series.uid(at(path + ".uid", () -> Id.of(data.uid())));
        if (data.number() != null) {
            series.number(unsignedInt(data.number(), path + ".number"));
        }
        series.modality(coding(data.modality(), path + ".modality"));
        if (data.description() != null) {
            at(path + ".description", () -> series.description(data.description()));
        }
        series.numberOfInstances(unsignedInt(data.numberOfInstances(), path + ".numberOfInstances"));
        if (data.started() != null) {
            series.started(dateTime(data.started(), path + ".started"));
        }
        if (data.bodySite() != null) {
            series.bodySite(coding(data.bodySite(), path + ".bodySite"));
        }
        if (data.laterality() != null) {
            series.laterality(coding(data.laterality(), path + ".laterality"));
        }
        for (int i = 0; i < data.performers().size(); i++) {
            series.performer(performer(data.performers().get(i), path + ".performer[" + i + "]"));
        }
        for (int i = 0; i < data.specimenIds().size(); i++) {
            series.specimen(local(data.specimenIds().get(i), path + ".specimen[" + i + "]"));
        }
        for (int i = 0; i < data.instances().size(); i++) {
            series.instance(instance(data.instances().get(i), path + ".instance[" + i + "]"));
        }
        return at(path, series::build);
    }

    private static ImagingStudy.Series.Performer performer(PerformerData data, String path) {
        ImagingStudy.Series.Performer.Builder performer = ImagingStudy.Series.Performer.builder();
        if (data.function() != null) {
            Coding function = coding(data.function(), path + ".function.coding[0]");
            performer.function(at(path + ".function", () -> CodeableConcept.builder().coding(function).build()));
        }
        performer.actor(local(data.actorId(), path + ".actor"));
        return at(path, performer::build);
    }

    private static ImagingStudy.Series.Instance instance(InstanceData data, String path) {
        ImagingStudy.Series.Instance.Builder instance = ImagingStudy.Series.Instance.builder();
        instance.uid(at(path + ".uid", () -> Id.of(data.uid())));
        instance.sopClass(coding(data.sopClass(), path + ".sopClass"));
        if (data.number() != null) {
            instance.number(unsignedInt(data.number(), path + ".number"));
        }
        if (data.title() != null) {
            at(path + ".title", () -> instance.title(data.title()));
        }
        return at(path, instance::build);
    }

    private static Identifier identifier(IdentifierData data, String path) {
        Identifier.Builder identifier = Identifier.builder();
        if (data.use() != null) {
            at(path + ".use", () -> identifier.use(IdentifierUse.of(data.use())));
        }
        if (data.type() != null) {
            identifier.type(concept(data.type(), path + ".type"));
        }
        if (data.system() != null) {
            at(path + ".system", () -> identifier.system(Uri.of(data.system())));
        }
        at(path + ".value", () -> identifier.value(data.value()));
        if (data.assignerDisplay() != null) {
            at(path + ".assigner.display",
                    () -> identifier.assigner(Reference.builder().display(data.assignerDisplay()).build()));
        }
        return at(path, identifier::build);
    }

    private static HumanName name(NameData data, String path) {
        HumanName.Builder name = HumanName.builder();
        String representation = data.representation().extensionCode();
        if (representation != null) {
            name.extension(Extension.builder()
                    .url(FhirTerms.EN_REPRESENTATION_EXTENSION)
                    .value(Code.of(representation))
                    .build());
        }
        if (data.family() != null) {
            at(path + ".family", () -> name.family(data.family()));
        }
        strings(path + ".given", data.given(), name::given);
        strings(path + ".prefix", data.prefix(), name::prefix);
        strings(path + ".suffix", data.suffix(), name::suffix);
        return at(path, name::build);
    }

    /** Adds each value on its own, so that a rejection names its index. */
    private static void strings(String path, List<String> values, Consumer<String[]> adder) {
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            at(path + "[" + i + "]", () -> {
                adder.accept(new String[] {value});
                return null;
            });
        }
    }

    private static CodeableConcept concept(ConceptData data, String path) {
        CodeableConcept.Builder concept = CodeableConcept.builder();
        for (int i = 0; i < data.codings().size(); i++) {
            concept.coding(coding(data.codings().get(i), path + ".coding[" + i + "]"));
        }
        if (data.text() != null) {
            at(path + ".text", () -> concept.text(data.text()));
        }
        return at(path, concept::build);
    }

    private static Coding coding(CodingData data, String path) {
        Coding.Builder coding = Coding.builder();
        if (data.system() != null) {
            at(path + ".system", () -> coding.system(Uri.of(data.system())));
        }
        if (data.code() != null) {
            at(path + ".code", () -> coding.code(Code.of(data.code())));
        }
        if (data.display() != null) {
            at(path + ".display", () -> coding.display(data.display()));
        }
        if (data.userSelected()) {
            coding.userSelected(true); // false is the default meaning: left out, as the HAPI writer does
        }
        return at(path, coding::build);
    }

    private static Reference reference(String reference) {
        return Reference.builder().reference(reference).build();
    }

    /** A reference to a contained resource. */
    private static Reference local(String id, String path) {
        return at(path, () -> reference("#" + id));
    }

    private static UnsignedInt unsignedInt(int value, String path) {
        return at(path, () -> UnsignedInt.of(value));
    }

    /**
     * IBM parses the text and prints it again in its own rendering, which is mapping.md's canonical
     * one; core renders dates that way, so the text comes out unchanged.
     */
    private static DateTime dateTime(String value, String path) {
        return at(path, () -> DateTime.of(value));
    }

    /**
     * One step of the mapping. Our own rejections pass through unchanged (the innermost path wins);
     * anything IBM throws (IllegalStateException, IllegalArgumentException, DateTimeParseException, ...)
     * becomes a FhirWriteException naming the element but never its value.
     */
    static <T> T at(String path, Supplier<T> step) {
        return FhirWriteException.wrapping(IbmR4Writer.LIBRARY, "accept the value of " + path, step);
    }
}
