package org.dicom2fhir.fhir.hapi;

import ca.uhn.fhir.parser.json.BaseJsonLikeWriter;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.dicom2fhir.api.model.CodingData;
import org.dicom2fhir.api.model.ConceptData;
import org.dicom2fhir.api.model.ContainedData;
import org.dicom2fhir.api.model.DeviceData;
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
 * R4 JSON written from the neutral model through HAPI's own JSON writer, without building HAPI's model: the
 * resources of {@link R4Mapper}, byte for byte as HAPI's parser encodes them (element order of the R4 definitions,
 * HAPI's generator, escaping and pretty printer). Building HAPI's model and walking it cost two thirds of the CPU of a
 * batch of single-instance studies (benchmarks/README.md).
 *
 * <p>HAPI changes some values on the way (it drops blank strings, rewrites references with a version or a base,
 * parses ids, dates and codes and rejects bad ones): {@link #plain} admits only data where it changes nothing (and
 * well-formed UTF-16, see {@link #unplain}), and the writer sends everything else through HAPI's model as before. {@code R4JsonTest} compares both on every
 * neutral study of the contract, on generated studies and on studies made of awkward strings.
 */
final class R4Json {
    private static final Set<String> GENDERS = Set.of("male", "female", "other", "unknown");
    private static final Set<String> IDENTIFIER_USES = Set.of("usual", "official", "temp", "secondary", "old");

    private R4Json() {
    }

    // --- what HAPI passes through unchanged

    /** Whether HAPI would write this study exactly as given (see the class comment). */
    static boolean plain(StudyData study) {
        if (!id(study.id()) || !reference(study.patientReference()) || !patient(study.patient())) {
            return false;
        }
        if (!all(R4Json::identifier, study.identifiers())) {
            return false;
        }
        if (study.endpoint() != null && unplain(study.endpoint().address())) {
            return false;
        }
        if (!contained(study.contained())) {
            return false;
        }
        for (OrderData order : study.orders()) {
            if (order.serviceRequestId() != null && !id(order.serviceRequestId())
                    || order.accession() != null && !identifier(order.accession())) {
                return false;
            }
        }
        if (!all(R4Json::coding, study.acquisitionModalities())
                || study.encounter() != null && !identifier(study.encounter())
                || study.started() != null && !dateTime(study.started())
                || study.referrerId() != null && !id(study.referrerId())
                || !all(R4Json::id, study.interpreterIds())
                || study.locationId() != null && !id(study.locationId())
                || !all(R4Json::concept, study.procedureCodes()) || !all(R4Json::concept, study.reasonCodes())
                || study.description() != null && unplain(study.description())) {
            return false;
        }
        for (SeriesData series : study.series()) {
            if (!series(series)) {
                return false;
            }
        }
        return true;
    }

    /** Whether HAPI would write this transaction exactly as given. */
    static boolean plain(TransactionData tx) {
        return plain(tx.study()) && !unplain(tx.studyFullUrl()) && !unplain(tx.studyRequestUrl())
                && (tx.patient() == null || !unplain(tx.patient().fullUrl())
                        && (tx.patient().ifNoneExist() == null || !unplain(tx.patient().ifNoneExist())));
    }

    /** Whether HAPI would write this Patient exactly as given. */
    static boolean plain(PatientData patient, String id) {
        return id(id) && patient(patient);
    }

    private static boolean patient(PatientData patient) {
        return all(R4Json::identifier, patient.identifiers()) && names(patient.names())
                && GENDERS.contains(patient.gender())
                && (patient.birthDate() == null || date(patient.birthDate()));
    }

    private static boolean contained(ContainedData contained) {
        for (PractitionerData practitioner : contained.practitioners()) {
            if (!id(practitioner.id()) || !all(R4Json::identifier, practitioner.identifiers())
                    || !names(practitioner.names())) {
                return false;
            }
        }
        for (OrganizationData organization : contained.organizations()) {
            if (!id(organization.id()) || unplain(organization.name())
                    || organization.address() != null && unplain(organization.address())) {
                return false;
            }
        }
        for (LocationData location : contained.locations()) {
            if (!id(location.id()) || location.name() != null && unplain(location.name())
                    || location.managingOrganizationId() != null && !id(location.managingOrganizationId())) {
                return false;
            }
        }
        for (DeviceData device : contained.devices()) {
            if (!id(device.id()) || device.ownerId() != null && !id(device.ownerId())
                    || !nonBlank(device.deviceUid(), device.udi(), device.manufacturer(), device.serialNumber(),
                            device.modelName(), device.stationName())
                    || !strings(device.softwareVersions())) {
                return false;
            }
        }
        for (SpecimenData specimen : contained.specimens()) {
            if (!id(specimen.id()) || !identifier(specimen.accessionIdentifier())) {
                return false;
            }
        }
        for (ServiceRequestData request : contained.serviceRequests()) {
            if (!id(request.id()) || !all(R4Json::identifier, request.identifiers())
                    || request.code() != null && !concept(request.code())) {
                return false;
            }
        }
        return true;
    }

    private static boolean series(SeriesData series) {
        if (unplain(series.uid()) || !coding(series.modality())
                || series.description() != null && unplain(series.description())
                || series.started() != null && !dateTime(series.started())
                || series.bodySite() != null && !coding(series.bodySite())
                || series.laterality() != null && !coding(series.laterality())
                || !all(R4Json::id, series.specimenIds())) {
            return false;
        }
        for (PerformerData performer : series.performers()) {
            if (!id(performer.actorId()) || performer.function() != null && !coding(performer.function())) {
                return false;
            }
        }
        CodingData lastSopClass = null;
        for (InstanceData instance : series.instances()) {
            if (unplain(instance.uid()) || instance.title() != null && unplain(instance.title())) {
                return false;
            }
            // a series' instances mostly share one SOP Class (often the same record)
            if (instance.sopClass() != lastSopClass) {
                if (!coding(instance.sopClass())) {
                    return false;
                }
                lastSopClass = instance.sopClass();
            }
        }
        return true;
    }

    private static boolean identifier(IdentifierData identifier) {
        return (identifier.use() == null || IDENTIFIER_USES.contains(identifier.use()))
                && (identifier.type() == null || concept(identifier.type()))
                && nonBlank(identifier.system(), identifier.value(), identifier.assignerDisplay());
    }

    private static boolean names(List<NameData> names) {
        for (NameData name : names) {
            if (!nonBlank(name.family()) || !strings(name.given()) || !strings(name.prefix())
                    || !strings(name.suffix())) {
                return false;
            }
        }
        return true;
    }

    private static boolean concept(ConceptData concept) {
        return all(R4Json::coding, concept.codings()) && nonBlank(concept.text());
    }

    private static boolean coding(CodingData coding) {
        return nonBlank(coding.system(), coding.code(), coding.display());
    }

    /** FHIR's id type ({@code [A-Za-z0-9\-.]{1,64}}); HAPI parses anything else (a '/' starts a resource type). */
    private static boolean id(String id) {
        return id.length() <= 64 && idChars(id, 0);
    }

    private static boolean idChars(String s, int from) {
        if (from >= s.length()) {
            return false;
        }
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.')) {
                return false;
            }
        }
        return true;
    }

    /** A literal reference HAPI writes unchanged: local, a urn:uuid, or {@code Type/id} (no version, no base). */
    private static boolean reference(String reference) {
        if (reference.startsWith("#")) {
            return reference.length() <= 65 && idChars(reference, 1);
        }
        if (reference.startsWith("urn:uuid:")) {
            return reference.length() <= 9 + 64 && hex(reference, 9);
        }
        int slash = reference.indexOf('/');
        if (slash < 2 || slash > 64 || reference.length() - slash - 1 > 64 || !idChars(reference, slash + 1)) {
            return false;
        }
        if (reference.charAt(0) < 'A' || reference.charAt(0) > 'Z') {
            return false;
        }
        for (int i = 1; i < slash; i++) {
            char c = reference.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z')) {
                return false;
            }
        }
        return true;
    }

    private static boolean hex(String s, int from) {
        if (from >= s.length()) {
            return false;
        }
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    private static boolean date(String value) {
        return value.length() <= 10 && dateTime(value);
    }

    /**
     * FHIR date and dateTime values HAPI keeps as given: {@code YYYY[-MM[-DD[Thh:mm:ss[.f{1,9}](Z|+hh:mm|-hh:mm)]]]},
     * a year from 1000, no leap second, offsets to 14:00, a day the month has.
     */
    private static boolean dateTime(String v) {
        int n = v.length();
        if (n < 4 || v.charAt(0) < '1' || v.charAt(0) > '9' || number(v, 0, 4) < 0) {
            return false;
        }
        if (n == 4) {
            return true;
        }
        int month = n >= 7 && v.charAt(4) == '-' ? number(v, 5, 2) : -1;
        if (month < 1 || month > 12) {
            return false;
        }
        if (n == 7) {
            return true;
        }
        int day = n >= 10 && v.charAt(7) == '-' ? number(v, 8, 2) : -1;
        if (day < 1 || day > 31) {
            return false;
        }
        try {
            LocalDate.of(number(v, 0, 4), month, day);
        } catch (DateTimeException e) {
            return false; // 2021-02-30: HAPI's verdict, through its model
        }
        if (n == 10) {
            return true;
        }
        if (n < 20 || v.charAt(10) != 'T' || v.charAt(13) != ':' || v.charAt(16) != ':') {
            return false;
        }
        int hour = number(v, 11, 2);
        int minute = number(v, 14, 2);
        int second = number(v, 17, 2);
        if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return false;
        }
        int i = 19;
        if (v.charAt(i) == '.') {
            int digits = 0;
            while (i + 1 < n && v.charAt(i + 1) >= '0' && v.charAt(i + 1) <= '9') {
                i++;
                digits++;
            }
            if (digits < 1 || digits > 9) {
                return false;
            }
            i++;
        }
        if (i == n - 1) {
            return v.charAt(i) == 'Z';
        }
        if (i != n - 6 || v.charAt(i) != '+' && v.charAt(i) != '-' || v.charAt(i + 3) != ':') {
            return false;
        }
        int offsetHours = number(v, i + 1, 2);
        int offsetMinutes = number(v, i + 4, 2);
        return offsetHours >= 0 && offsetMinutes >= 0 && offsetMinutes <= 59
                && (offsetHours <= 13 || offsetHours == 14 && offsetMinutes == 0);
    }

    /** The decimal number of {@code length} digits at {@code from}, or -1. */
    private static int number(String s, int from, int length) {
        int value = 0;
        for (int i = from; i < from + length; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static <T> boolean all(Predicate<T> check, List<T> values) {
        for (T value : values) {
            if (!check.test(value)) {
                return false;
            }
        }
        return true;
    }

    private static boolean strings(List<String> values) {
        for (String value : values) {
            if (unplain(value)) {
                return false;
            }
        }
        return true;
    }

    /** Null (absent) or not blank. */
    private static boolean nonBlank(String... values) {
        for (String value : values) {
            if (value != null && unplain(value)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether HAPI would leave the value out (commons-lang's isBlank), or it holds a lone surrogate (malformed UTF-16,
     * which the compact output's UTF-8 generator and HAPI's writer encode differently; the readers' decoders never
     * make one).
     */
    private static boolean unplain(String value) {
        boolean blank = true;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isSurrogate(c)) {
                if (!Character.isHighSurrogate(c) || i + 1 == value.length()
                        || !Character.isLowSurrogate(value.charAt(i + 1))) {
                    return true;
                }
                i++;
                blank = false;
            } else {
                blank &= Character.isWhitespace(c);
            }
        }
        return blank;
    }

    // --- writing, in the element order of the R4 definitions

    /** The ImagingStudy of {@link R4Mapper#imagingStudy}; the caller checked {@link #plain(StudyData)}. */
    static void imagingStudy(StudyData study, BaseJsonLikeWriter json) throws IOException {
        json.beginObject();
        imagingStudyBody(study, true, json);
        json.endObject();
    }

    /** The Patient of {@link R4Mapper#standalonePatient}. */
    static void patient(PatientData patient, String id, BaseJsonLikeWriter json) throws IOException {
        json.beginObject();
        patientBody(patient, id, json);
        json.endObject();
    }

    /** The collection Bundle of {@link R4Mapper#bundle}. */
    static void bundle(List<StudyData> studies, BaseJsonLikeWriter json) throws IOException {
        json.beginObject();
        json.write("resourceType", "Bundle");
        json.write("type", FhirTerms.BUNDLE_TYPE_COLLECTION);
        array("entry", studies, (study, j) -> {
            j.beginObject();
            j.write("fullUrl", FhirTerms.URN_UUID_PREFIX + study.id());
            j.beginObject("resource");
            imagingStudyBody(study, true, j);
            j.endObject();
            j.endObject();
        }, json);
        json.endObject();
    }

    /** The transaction Bundle of {@link R4Mapper#transaction}. */
    static void transaction(TransactionData tx, BaseJsonLikeWriter json) throws IOException {
        json.beginObject();
        json.write("resourceType", "Bundle");
        json.write("type", FhirTerms.BUNDLE_TYPE_TRANSACTION);
        json.beginArray("entry");
        if (tx.patient() != null) {
            json.beginObject();
            json.write("fullUrl", tx.patient().fullUrl());
            json.beginObject("resource");
            patientBody(tx.study().patient(), null, json);
            json.endObject();
            json.beginObject("request");
            json.write("method", FhirTerms.REQUEST_METHOD_POST);
            json.write("url", FhirTerms.PATIENT_REQUEST_URL);
            if (tx.patient().ifNoneExist() != null) {
                json.write("ifNoneExist", tx.patient().ifNoneExist());
            }
            json.endObject();
            json.endObject();
        }
        json.beginObject();
        json.write("fullUrl", tx.studyFullUrl());
        json.beginObject("resource");
        imagingStudyBody(tx.study(), tx.studyIdInBody(), json);
        json.endObject();
        json.beginObject("request");
        json.write("method", FhirTerms.REQUEST_METHOD_PUT);
        json.write("url", tx.studyRequestUrl());
        json.endObject();
        json.endObject();
        json.endArray();
        json.endObject();
    }

    private static void imagingStudyBody(StudyData study, boolean withId, BaseJsonLikeWriter json) throws IOException {
        json.write("resourceType", "ImagingStudy");
        if (withId) {
            json.write("id", study.id());
        }
        ContainedData contained = study.contained();
        boolean anyContained = study.containsPatient() || study.endpoint() != null
                || !contained.practitioners().isEmpty() || !contained.organizations().isEmpty()
                || !contained.locations().isEmpty() || !contained.devices().isEmpty()
                || !contained.specimens().isEmpty() || !contained.serviceRequests().isEmpty();
        if (anyContained) {
            json.beginArray("contained");
            if (study.containsPatient()) {
                json.beginObject();
                patientBody(study.patient(), FhirTerms.PATIENT_ID, json);
                json.endObject();
            }
            if (study.endpoint() != null) {
                endpoint(study.endpoint().address(), json);
            }
            contained(contained, study.patientReference(), json);
            json.endArray();
        }
        array("identifier", study.identifiers(), R4Json::identifier, json);
        json.write("status", FhirTerms.STATUS_AVAILABLE);
        array("modality", study.acquisitionModalities(), R4Json::coding, json);
        reference("subject", study.patientReference(), json);
        if (study.encounter() != null) {
            json.beginObject("encounter");
            json.write("type", R4Mapper.ENCOUNTER);
            identifier("identifier", study.encounter(), json);
            json.endObject();
        }
        if (study.started() != null) {
            json.write("started", study.started());
        }
        array("basedOn", study.orders(), R4Json::order, json);
        if (study.referrerId() != null) {
            local("referrer", study.referrerId(), json);
        }
        array("interpreter", study.interpreterIds(), R4Json::local, json);
        if (study.endpoint() != null) {
            json.beginArray("endpoint");
            reference(null, FhirTerms.ENDPOINT_REFERENCE, json);
            json.endArray();
        }
        json.write("numberOfSeries", (long) study.numberOfSeries());
        json.write("numberOfInstances", (long) study.numberOfInstances());
        array("procedureCode", study.procedureCodes(), R4Json::concept, json);
        if (study.locationId() != null) {
            local("location", study.locationId(), json);
        }
        array("reasonCode", study.reasonCodes(), R4Json::concept, json);
        if (study.description() != null) {
            json.write("description", study.description());
        }
        array("series", study.series(), R4Json::series, json);
    }

    private static void order(OrderData order, BaseJsonLikeWriter json) throws IOException {
        json.beginObject();
        if (order.serviceRequestId() != null) {
            json.write("reference", "#" + order.serviceRequestId());
        }
        json.write("type", FhirTerms.SERVICE_REQUEST_TYPE);
        if (order.accession() != null) {
            identifier("identifier", order.accession(), json);
        }
        json.endObject();
    }

    /** Without an id: a transaction's Patient. */
    private static void patientBody(PatientData patient, String id, BaseJsonLikeWriter json) throws IOException {
        json.write("resourceType", "Patient");
        if (id != null) {
            json.write("id", id);
        }
        array("identifier", patient.identifiers(), R4Json::identifier, json);
        json.write("active", true);
        array("name", patient.names(), R4Json::name, json);
        json.write("gender", patient.gender());
        if (patient.birthDate() != null) {
            json.write("birthDate", patient.birthDate());
        }
    }

    private static void endpoint(String address, BaseJsonLikeWriter json) throws IOException {
        json.beginObject();
        json.write("resourceType", "Endpoint");
        json.write("id", FhirTerms.ENDPOINT_ID);
        json.write("status", FhirTerms.ENDPOINT_STATUS);
        json.beginObject("connectionType");
        json.write("system", FhirTerms.ENDPOINT_CONNECTION_TYPE_SYSTEM);
        json.write("code", FhirTerms.ENDPOINT_CONNECTION_TYPE_CODE);
        json.endObject();
        json.beginArray("payloadType");
        json.beginObject();
        json.write("text", FhirTerms.ENDPOINT_PAYLOAD_TYPE_TEXT);
        json.endObject();
        json.endArray();
        json.beginArray("payloadMimeType");
        json.write(FhirTerms.ENDPOINT_PAYLOAD_MIME_TYPE);
        json.endArray();
        json.write("address", address);
        json.endObject();
    }

    private static void contained(ContainedData data, String patientReference, BaseJsonLikeWriter json)
            throws IOException {
        for (PractitionerData practitioner : data.practitioners()) {
            json.beginObject();
            json.write("resourceType", "Practitioner");
            json.write("id", practitioner.id());
            array("identifier", practitioner.identifiers(), R4Json::identifier, json);
            array("name", practitioner.names(), R4Json::name, json);
            json.endObject();
        }
        for (OrganizationData organization : data.organizations()) {
            json.beginObject();
            json.write("resourceType", "Organization");
            json.write("id", organization.id());
            json.write("name", organization.name());
            if (organization.address() != null) {
                json.beginArray("address");
                json.beginObject();
                json.write("text", organization.address());
                json.endObject();
                json.endArray();
            }
            json.endObject();
        }
        for (LocationData location : data.locations()) {
            json.beginObject();
            json.write("resourceType", "Location");
            json.write("id", location.id());
            if (location.name() != null) {
                json.write("name", location.name());
            }
            if (location.managingOrganizationId() != null) {
                local("managingOrganization", location.managingOrganizationId(), json);
            }
            json.endObject();
        }
        for (DeviceData device : data.devices()) {
            device(device, json);
        }
        for (SpecimenData specimen : data.specimens()) {
            json.beginObject();
            json.write("resourceType", "Specimen");
            json.write("id", specimen.id());
            identifier("accessionIdentifier", specimen.accessionIdentifier(), json);
            reference("subject", patientReference, json);
            json.endObject();
        }
        for (ServiceRequestData request : data.serviceRequests()) {
            json.beginObject();
            json.write("resourceType", "ServiceRequest");
            json.write("id", request.id());
            array("identifier", request.identifiers(), R4Json::identifier, json);
            json.write("status", FhirTerms.SERVICE_REQUEST_STATUS);
            json.write("intent", FhirTerms.SERVICE_REQUEST_INTENT);
            if (request.code() != null) {
                concept("code", request.code(), json);
            }
            reference("subject", patientReference, json);
            json.endObject();
        }
    }

    private static void device(DeviceData device, BaseJsonLikeWriter json) throws IOException {
        json.beginObject();
        json.write("resourceType", "Device");
        json.write("id", device.id());
        if (device.deviceUid() != null) {
            json.beginArray("identifier");
            json.beginObject();
            json.write("system", FhirTerms.DICOM_UID_SYSTEM);
            json.write("value", "urn:oid:" + device.deviceUid());
            json.endObject();
            json.endArray();
        }
        if (device.udi() != null) {
            json.beginArray("udiCarrier");
            json.beginObject();
            json.write("carrierHRF", device.udi());
            json.endObject();
            json.endArray();
        }
        if (device.manufacturer() != null) {
            json.write("manufacturer", device.manufacturer());
        }
        if (device.serialNumber() != null) {
            json.write("serialNumber", device.serialNumber());
        }
        if (device.modelName() != null || device.stationName() != null) {
            json.beginArray("deviceName");
            if (device.modelName() != null) {
                deviceName(device.modelName(), FhirTerms.DEVICE_NAME_TYPE_MODEL_NAME, json);
            }
            if (device.stationName() != null) {
                deviceName(device.stationName(), FhirTerms.DEVICE_NAME_TYPE_USER_FRIENDLY_NAME, json);
            }
            json.endArray();
        }
        array("version", device.softwareVersions(), (version, j) -> {
            j.beginObject();
            j.write("value", version);
            j.endObject();
        }, json);
        if (device.ownerId() != null) {
            local("owner", device.ownerId(), json);
        }
        json.endObject();
    }

    private static void deviceName(String name, String type, BaseJsonLikeWriter json) throws IOException {
        json.beginObject();
        json.write("name", name);
        json.write("type", type);
        json.endObject();
    }

    private static void series(SeriesData series, BaseJsonLikeWriter json) throws IOException {
        json.beginObject();
        json.write("uid", series.uid());
        if (series.number() != null) {
            json.write("number", (long) series.number());
        }
        coding("modality", series.modality(), json);
        if (series.description() != null) {
            json.write("description", series.description());
        }
        json.write("numberOfInstances", (long) series.numberOfInstances());
        if (series.bodySite() != null) {
            coding("bodySite", series.bodySite(), json);
        }
        if (series.laterality() != null) {
            coding("laterality", series.laterality(), json);
        }
        array("specimen", series.specimenIds(), R4Json::local, json);
        if (series.started() != null) {
            json.write("started", series.started());
        }
        array("performer", series.performers(), R4Json::performer, json);
        array("instance", series.instances(), R4Json::instance, json);
        json.endObject();
    }

    private static void performer(PerformerData performer, BaseJsonLikeWriter json) throws IOException {
        json.beginObject();
        if (performer.function() != null) {
            json.beginObject("function");
            array("coding", List.of(performer.function()), R4Json::coding, json);
            json.endObject();
        }
        local("actor", performer.actorId(), json);
        json.endObject();
    }

    private static void instance(InstanceData instance, BaseJsonLikeWriter json) throws IOException {
        json.beginObject();
        json.write("uid", instance.uid());
        coding("sopClass", instance.sopClass(), json);
        if (instance.number() != null) {
            json.write("number", (long) instance.number());
        }
        if (instance.title() != null) {
            json.write("title", instance.title());
        }
        json.endObject();
    }

    private static void identifier(IdentifierData identifier, BaseJsonLikeWriter json) throws IOException {
        identifier(null, identifier, json);
    }

    private static void identifier(String name, IdentifierData identifier, BaseJsonLikeWriter json) throws IOException {
        begin(name, json);
        if (identifier.use() != null) {
            json.write("use", identifier.use());
        }
        if (identifier.type() != null) {
            concept("type", identifier.type(), json);
        }
        if (identifier.system() != null) {
            json.write("system", identifier.system());
        }
        json.write("value", identifier.value());
        if (identifier.assignerDisplay() != null) {
            json.beginObject("assigner");
            json.write("display", identifier.assignerDisplay());
            json.endObject();
        }
        json.endObject();
    }

    private static void name(NameData name, BaseJsonLikeWriter json) throws IOException {
        json.beginObject();
        String representation = name.representation().extensionCode();
        if (representation != null) {
            json.beginArray("extension");
            json.beginObject();
            json.write("url", FhirTerms.EN_REPRESENTATION_EXTENSION);
            json.write("valueCode", representation);
            json.endObject();
            json.endArray();
        }
        if (name.family() != null) {
            json.write("family", name.family());
        }
        array("given", name.given(), R4Json::string, json);
        array("prefix", name.prefix(), R4Json::string, json);
        array("suffix", name.suffix(), R4Json::string, json);
        json.endObject();
    }

    private static void string(String value, BaseJsonLikeWriter json) throws IOException {
        json.write(value);
    }

    private static void concept(ConceptData concept, BaseJsonLikeWriter json) throws IOException {
        concept(null, concept, json);
    }

    private static void concept(String name, ConceptData concept, BaseJsonLikeWriter json) throws IOException {
        begin(name, json);
        array("coding", concept.codings(), R4Json::coding, json);
        if (concept.text() != null) {
            json.write("text", concept.text());
        }
        json.endObject();
    }

    private static void coding(String name, CodingData coding, BaseJsonLikeWriter json) throws IOException {
        begin(name, json);
        if (coding.system() != null) {
            json.write("system", coding.system());
        }
        if (coding.code() != null) {
            json.write("code", coding.code());
        }
        if (coding.display() != null) {
            json.write("display", coding.display());
        }
        if (coding.userSelected()) {
            json.write("userSelected", true);
        }
        json.endObject();
    }

    /** A reference to a contained resource. */
    private static void local(String name, String id, BaseJsonLikeWriter json) throws IOException {
        reference(name, "#" + id, json);
    }

    private static void reference(String name, String reference, BaseJsonLikeWriter json) throws IOException {
        begin(name, json);
        json.write("reference", reference);
        json.endObject();
    }

    private static void coding(CodingData coding, BaseJsonLikeWriter json) throws IOException {
        coding(null, coding, json);
    }

    /** A reference to a contained resource, as an array item. */
    private static void local(String id, BaseJsonLikeWriter json) throws IOException {
        local(null, id, json);
    }

    /** Writes one item of an array. */
    private interface Item<T> {
        void write(T value, BaseJsonLikeWriter json) throws IOException;
    }

    /** A named array of the items; none at all when there are none (HAPI writes no empty array). */
    private static <T> void array(String name, List<T> items, Item<T> item, BaseJsonLikeWriter json)
            throws IOException {
        if (items.isEmpty()) {
            return;
        }
        json.beginArray(name);
        for (T value : items) {
            item.write(value, json);
        }
        json.endArray();
    }

    /** An object as a named element, or (null name) as an array item. */
    private static void begin(String name, BaseJsonLikeWriter json) throws IOException {
        if (name == null) {
            json.beginObject();
        } else {
            json.beginObject(name);
        }
    }
}
