package org.dicom2fhir.fhir.ibm;

import com.ibm.fhir.model.resource.Bundle;
import com.ibm.fhir.model.resource.Endpoint;
import com.ibm.fhir.model.resource.ImagingStudy;
import com.ibm.fhir.model.resource.Patient;
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
import com.ibm.fhir.model.type.code.EndpointStatus;
import com.ibm.fhir.model.type.code.IdentifierUse;
import com.ibm.fhir.model.type.code.ImagingStudyStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
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

/**
 * The neutral study as the IBM FHIR model's R4 ImagingStudy, element by element as the HAPI R4 writer
 * builds it (mapping.md). IBM's model checks every value when it is built and throws with a message
 * that may quote the value; each step here runs inside {@link #at}, which replaces that message by one
 * naming the element path (the IBM exception stays the cause). IBM's {@code String}, {@code Boolean}
 * and {@code Integer} are not imported: the builders' {@code java.lang} overloads wrap the values.
 */
final class IbmR4Mapper {
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

    static ImagingStudy imagingStudy(StudyData study) {
        ImagingStudy.Builder resource = ImagingStudy.builder();
        at("ImagingStudy.id", () -> resource.id(study.id()));
        // Contained resources keep their plain ids; references to them carry the '#'.
        resource.contained(patient(study.patient()));
        if (study.endpoint() != null) {
            resource.contained(endpoint(study.endpoint()));
            resource.endpoint(reference(FhirTerms.ENDPOINT_REFERENCE));
        }
        for (int i = 0; i < study.identifiers().size(); i++) {
            resource.identifier(identifier(study.identifiers().get(i), "ImagingStudy.identifier[" + i + "]"));
        }
        resource.status(ImagingStudyStatus.AVAILABLE);
        for (int i = 0; i < study.modalities().size(); i++) {
            resource.modality(coding(study.modalities().get(i), "ImagingStudy.modality[" + i + "]"));
        }
        resource.subject(reference(FhirTerms.PATIENT_REFERENCE));
        if (study.started() != null) {
            resource.started(dateTime(study.started(), "ImagingStudy.started"));
        }
        resource.numberOfSeries(unsignedInt(study.numberOfSeries(), "ImagingStudy.numberOfSeries"));
        resource.numberOfInstances(unsignedInt(study.numberOfInstances(), "ImagingStudy.numberOfInstances"));
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

    private static Patient patient(PatientData data) {
        Patient.Builder patient = Patient.builder().id(FhirTerms.PATIENT_ID).active(true);
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
        return at("Patient", patient::build);
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
        for (int i = 0; i < data.instances().size(); i++) {
            series.instance(instance(data.instances().get(i), path + ".instance[" + i + "]"));
        }
        return at(path, series::build);
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
