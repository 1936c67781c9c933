package org.dicom2fhir.fhir.hapi;

import java.util.List;
import org.dicom2fhir.api.FhirWriteException;
import org.dicom2fhir.api.model.CodingData;
import org.dicom2fhir.api.model.ConceptData;
import org.dicom2fhir.api.model.EndpointData;
import org.dicom2fhir.api.model.FhirTerms;
import org.dicom2fhir.api.model.IdentifierData;
import org.dicom2fhir.api.model.InstanceData;
import org.dicom2fhir.api.model.NameData;
import org.dicom2fhir.api.model.PatientData;
import org.dicom2fhir.api.model.SeriesData;
import org.dicom2fhir.api.model.StudyData;
import org.dicom2fhir.api.spi.BackgroundWarmUp;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Endpoint;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.ImagingStudy.ImagingStudySeriesComponent;
import org.hl7.fhir.r4.model.ImagingStudy.ImagingStudySeriesInstanceComponent;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UnsignedIntType;

/**
 * The neutral study as HAPI's R4 model, element by element as mapping.md prescribes. Only set
 * values are set, so HAPI never emits an empty string or object; HAPI's serialisers put the
 * elements in the order of the FHIR definition whatever the order here.
 */
final class R4Mapper {
    private R4Mapper() {
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

    static ImagingStudy imagingStudy(StudyData study, Reuse reuse) {
        ImagingStudy resource = new ImagingStudy();
        resource.setId(study.id());
        // Contained resources keep their plain ids; references to them carry the '#'.
        resource.addContained(patient(study.patient()));
        if (study.endpoint() != null) {
            resource.addContained(endpoint(study.endpoint()));
            resource.addEndpoint(new Reference(FhirTerms.ENDPOINT_REFERENCE));
        }
        for (int i = 0; i < study.identifiers().size(); i++) {
            resource.addIdentifier(identifier(study.identifiers().get(i), "ImagingStudy.identifier[" + i + "]"));
        }
        resource.setStatus(ImagingStudy.ImagingStudyStatus.AVAILABLE);
        for (CodingData modality : study.modalities()) {
            resource.addModality(coding(modality));
        }
        resource.setSubject(new Reference(FhirTerms.PATIENT_REFERENCE));
        if (study.started() != null) {
            resource.setStartedElement(dateTime(study.started(), "ImagingStudy.started"));
        }
        resource.setNumberOfSeries(study.numberOfSeries());
        resource.setNumberOfInstances(study.numberOfInstances());
        for (ConceptData procedure : study.procedureCodes()) {
            resource.addProcedureCode(concept(procedure));
        }
        for (ConceptData reason : study.reasonCodes()) {
            resource.addReasonCode(concept(reason));
        }
        if (study.description() != null) {
            resource.setDescription(study.description());
        }
        for (int i = 0; i < study.series().size(); i++) {
            resource.addSeries(series(study.series().get(i), "ImagingStudy.series[" + i + "]", reuse));
        }
        return resource;
    }

    private static Patient patient(PatientData data) {
        Patient patient = new Patient();
        patient.setId(FhirTerms.PATIENT_ID);
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

    private static Endpoint endpoint(EndpointData data) {
        Endpoint endpoint = new Endpoint();
        endpoint.setId(FhirTerms.ENDPOINT_ID);
        endpoint.setStatus(Endpoint.EndpointStatus.ACTIVE);
        endpoint.setConnectionType(new Coding()
                .setSystem(FhirTerms.ENDPOINT_CONNECTION_TYPE_SYSTEM)
                .setCode(FhirTerms.ENDPOINT_CONNECTION_TYPE_CODE));
        endpoint.addPayloadType(new CodeableConcept().setText(FhirTerms.ENDPOINT_PAYLOAD_TYPE_TEXT));
        endpoint.addPayloadMimeType(FhirTerms.ENDPOINT_PAYLOAD_MIME_TYPE);
        endpoint.setAddress(data.address());
        return endpoint;
    }

    private static ImagingStudySeriesComponent series(SeriesData data, String path, Reuse reuse) {
        ImagingStudySeriesComponent series = new ImagingStudySeriesComponent();
        series.setUid(data.uid());
        if (data.number() != null) {
            series.setNumber(data.number());
        }
        series.setModality(coding(data.modality()));
        if (data.description() != null) {
            series.setDescription(data.description());
        }
        series.setNumberOfInstances(data.numberOfInstances());
        if (data.started() != null) {
            series.setStartedElement(dateTime(data.started(), path + ".started"));
        }
        if (data.bodySite() != null) {
            series.setBodySite(coding(data.bodySite()));
        }
        if (data.laterality() != null) {
            series.setLaterality(coding(data.laterality()));
        }
        for (InstanceData instance : data.instances()) {
            series.addInstance(instance(instance, reuse));
        }
        return series;
    }

    private static ImagingStudySeriesInstanceComponent instance(InstanceData data, Reuse reuse) {
        ImagingStudySeriesInstanceComponent instance = new ImagingStudySeriesInstanceComponent();
        instance.setUid(data.uid());
        instance.setSopClass(reuse.coding(data.sopClass(), R4Mapper::coding));
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

    static Coding coding(CodingData data) {
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
            coding.setUserSelected(true); // false is the default meaning: left out, as the original does
        }
        return coding;
    }

    /** HAPI keeps the string as given (checked by the tests), so core's canonical rendering survives. */
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
        return FhirWriteException.libraryFailure("HAPI FHIR R4", "accept the value of " + path + " as " + expected, cause);
    }

    static ImagingStudy warmUpResource() {
        return imagingStudy(BackgroundWarmUp.writerSample(), Reuse.forEncoding());
    }
}
