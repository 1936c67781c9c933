package org.dicom2fhir.testkit.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.dicom2fhir.api.FhirWriteException;
import org.dicom2fhir.api.model.FhirTerms;
import org.dicom2fhir.api.model.IdentifierData;
import org.dicom2fhir.api.model.PractitionerData;
import org.dicom2fhir.api.model.SeriesData;
import org.dicom2fhir.api.model.PatientData;
import org.dicom2fhir.api.model.StudyData;
import org.dicom2fhir.api.model.TransactionData;
import org.dicom2fhir.api.spi.FhirRelease;
import org.dicom2fhir.api.spi.FhirWriter;
import org.dicom2fhir.api.spi.OutputFormat;
import org.dicom2fhir.api.spi.WriteOptions;

/**
 * A writer without a FHIR library, for testing the contract itself: it "maps" the neutral studies by
 * replaying their R4 goldens, writes XML from the JSON tree, and checks dates and codes as a FHIR
 * library would. Without a defect it passes the whole contract; each {@link Defect} breaks one promise.
 */
final class FakeWriter implements FhirWriter {
    /** One broken promise each; NONE is a correct writer. */
    enum Defect {
        NONE, UPPER_CASE_NAME, WRONG_NATIVE_CLASS, NOT_REGISTERED, DROPS_DESCRIPTION, WRONG_FULL_URL,
        XML_DROPS_DISPLAYS, LATIN1, CLOSES_STREAM, NEVER_FLUSHES, LEAKS_VALUE, RAW_EXCEPTION,
        WRITES_BEFORE_REJECTING, RACE, SWALLOWS_STREAM_FAILURE, WRAPS_STREAM_FAILURE, ACCEPTS_NULL, INVALID_OUTPUT,
        IGNORES_SUBJECT_REFERENCE, KEEPS_STUDY_ID_IN_TRANSACTION, PATIENT_ENTRY_KEEPS_ID, PATIENT_KEEPS_CONTAINED_ID
    }

    /** The fake's native ImagingStudy: its JSON tree. */
    record ImagingStudy(ObjectNode json) {
    }

    /** The fake's native Bundle. */
    record Bundle(ObjectNode json) {
    }

    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern DATE_TIME = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,6})?(Z|[+-]\\d{2}:\\d{2}))?");
    private static final Set<String> GENDERS = Set.of("male", "female", "other", "unknown");
    private static final Set<String> IDENTIFIER_USES = Set.of("usual", "official", "temp", "secondary", "old");

    private final Defect defect;
    private final AtomicInteger activeCalls = new AtomicInteger();

    FakeWriter(Defect defect) {
        this.defect = defect;
    }

    @Override
    public ImagingStudy toNative(StudyData study) {
        if (study == null && defect == Defect.ACCEPTS_NULL) {
            return null;
        }
        Objects.requireNonNull(study, "study");
        check(study);
        // the golden of the study with its Patient contained; a subject reference is mapped below
        StudyData contained = study.withSubjectReference(null);
        String name = NeutralStudies.all().stream().filter(n -> n.study().equals(contained)).findFirst()
                .map(NeutralStudies.Named::name)
                .orElseThrow(() -> new IllegalArgumentException("the fake writer knows only the neutral studies"));
        ObjectNode json = (ObjectNode) JsonTrees.golden(FhirRelease.R4, name).deepCopy();
        if (!study.containsPatient() && defect != Defect.IGNORES_SUBJECT_REFERENCE) {
            referTo(json, study.subjectReference());
        }
        if (defect == Defect.DROPS_DESCRIPTION) {
            json.remove("description");
        }
        if (defect == Defect.INVALID_OUTPUT) {
            json.remove("status");
        }
        return new ImagingStudy(json);
    }

    @Override
    public Bundle toNativeBundle(List<StudyData> studies) {
        if (studies == null && defect == Defect.ACCEPTS_NULL) {
            return null;
        }
        List<StudyData> copy = List.copyOf(studies);
        ObjectNode bundle = JsonTrees.mapper().createObjectNode();
        bundle.put("resourceType", "Bundle");
        bundle.put("type", FhirTerms.BUNDLE_TYPE_COLLECTION);
        if (!copy.isEmpty()) {
            ArrayNode entries = bundle.putArray("entry");
            for (StudyData study : copy) {
                ObjectNode entry = entries.addObject();
                entry.put("fullUrl", (defect == Defect.WRONG_FULL_URL ? "urn:oid:" : FhirTerms.URN_UUID_PREFIX)
                        + study.id());
                entry.set("resource", toNative(study).json());
            }
        }
        return new Bundle(bundle);
    }

    @Override
    public void write(StudyData study, OutputStream out, WriteOptions options) throws IOException {
        if (defect == Defect.ACCEPTS_NULL && (study == null || out == null || options == null)) {
            return;
        }
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(options, "options");
        boolean started = startEarly(out, options);
        emit(toNative(study).json(), out, options, started);
    }

    @Override
    public void writeBundle(List<StudyData> studies, OutputStream out, WriteOptions options) throws IOException {
        if (defect == Defect.ACCEPTS_NULL && (studies == null || out == null || options == null)) {
            return;
        }
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(options, "options");
        boolean started = startEarly(out, options);
        emit(toNativeBundle(studies).json(), out, options, started);
    }

    /** The contained Patient of the golden of a neutral study with this patient, under the id given. */
    @Override
    public void writePatient(PatientData patient, String id, OutputStream out, WriteOptions options) throws IOException {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(patient, "patient");
        Objects.requireNonNull(id, "id");
        StudyData study = NeutralStudies.all().stream().map(NeutralStudies.Named::study)
                .filter(s -> s.patient().equals(patient)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the fake writer knows only the neutral patients"));
        ObjectNode patientJson = null;
        for (com.fasterxml.jackson.databind.JsonNode resource : toNative(study.withSubjectReference(null)).json()
                .get("contained")) {
            if ("Patient".equals(resource.path("resourceType").asText())) {
                patientJson = ((ObjectNode) resource).deepCopy();
            }
        }
        if (defect != Defect.PATIENT_KEEPS_CONTAINED_ID) {
            patientJson.put("id", id);
        }
        emit(patientJson, out, options, false);
    }

    @Override
    public void writeTransaction(TransactionData tx, OutputStream out, WriteOptions options) throws IOException {
        if (defect == Defect.ACCEPTS_NULL && (tx == null || out == null || options == null)) {
            return;
        }
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(tx, "tx");
        boolean started = startEarly(out, options);
        emit(transaction(tx), out, options, started);
    }

    /** Replays the R4 golden of the neutral transaction. */
    private ObjectNode transaction(TransactionData tx) {
        check(tx.study());
        String name = NeutralTransactions.all().stream().filter(n -> n.transaction().equals(tx)).findFirst()
                .map(NeutralTransactions.Named::golden)
                .orElseThrow(() -> new IllegalArgumentException("the fake writer knows only the neutral transactions"));
        ObjectNode json = (ObjectNode) JsonTrees.golden(FhirRelease.R4, name).deepCopy();
        ArrayNode entries = (ArrayNode) json.get("entry");
        ObjectNode study = (ObjectNode) entries.get(entries.size() - 1).get("resource");
        if (defect == Defect.DROPS_DESCRIPTION) {
            study.remove("description");
        }
        if (defect == Defect.INVALID_OUTPUT) {
            study.remove("status");
        }
        if (defect == Defect.KEEPS_STUDY_ID_IN_TRANSACTION && !tx.studyIdInBody()) {
            study.put("id", tx.study().id());
        }
        if (defect == Defect.PATIENT_ENTRY_KEEPS_ID && tx.patient() != null) {
            ((ObjectNode) entries.get(0).get("resource")).put("id", FhirTerms.PATIENT_ID);
        }
        return json;
    }

    /** Drops the contained Patient and points its references at {@code reference}. */
    private static void referTo(ObjectNode study, String reference) {
        ArrayNode contained = (ArrayNode) study.get("contained");
        for (int i = contained.size() - 1; i >= 0; i--) {
            if ("Patient".equals(contained.get(i).path("resourceType").asText())) {
                contained.remove(i);
            }
        }
        if (contained.isEmpty()) {
            study.remove("contained");
        }
        replaceReferences(study, reference);
    }

    private static void replaceReferences(JsonNode node, String reference) {
        if (node instanceof ObjectNode object && FhirTerms.PATIENT_REFERENCE.equals(object.path("reference").asText())) {
            object.put("reference", reference);
        }
        node.forEach(child -> replaceReferences(child, reference));
    }

    /** The defect of a streaming writer that checks values only as it meets them: the first byte goes out at once. */
    private boolean startEarly(OutputStream out, WriteOptions options) throws IOException {
        if (defect != Defect.WRITES_BEFORE_REJECTING) {
            return false;
        }
        out.write(options.format() == OutputFormat.JSON ? '{' : '<');
        return true;
    }

    /** What a FHIR library would refuse. */
    private void check(StudyData study) {
        checkDateTime(study.started(), "ImagingStudy.started");
        for (int i = 0; i < study.series().size(); i++) {
            SeriesData series = study.series().get(i);
            checkDateTime(series.started(), "ImagingStudy.series[" + i + "].started");
        }
        String birthDate = study.patient().birthDate();
        if (birthDate != null && !DATE.matcher(birthDate).matches()) {
            reject("Patient.birthDate", birthDate);
        }
        if (!GENDERS.contains(study.patient().gender())) {
            reject("Patient.gender", study.patient().gender());
        }
        List<PractitionerData> practitioners = study.contained().practitioners();
        for (int i = 0; i < practitioners.size(); i++) {
            List<IdentifierData> identifiers = practitioners.get(i).identifiers();
            for (int j = 0; j < identifiers.size(); j++) {
                String use = identifiers.get(j).use();
                if (use != null && !IDENTIFIER_USES.contains(use)) {
                    reject("Practitioner[" + i + "].identifier[" + j + "].use", use);
                }
            }
        }
    }

    private void checkDateTime(String value, String path) {
        if (value != null && !DATE_TIME.matcher(value).matches()) {
            reject(path, value);
        }
    }

    private void reject(String path, String value) {
        switch (defect) {
            case LEAKS_VALUE -> throw new FhirWriteException("the fake rejected " + path + ": " + value);
            case RAW_EXCEPTION -> throw new IllegalStateException("invalid value for " + path);
            default -> throw new FhirWriteException("the fake rejected the value of " + path);
        }
    }

    private void emit(ObjectNode json, OutputStream out, WriteOptions options, boolean firstByteWritten)
            throws IOException {
        boolean overlapped = false;
        if (defect == Defect.RACE) {
            // a writer with shared mutable state: output is corrupted whenever calls overlap
            overlapped = activeCalls.incrementAndGet() > 1;
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            overlapped |= activeCalls.getAndDecrement() > 1;
        }
        byte[] bytes = options.format() == OutputFormat.JSON ? json(json, options.pretty()) : xml(json, options.pretty());
        if (overlapped) {
            bytes = java.util.Arrays.copyOf(bytes, bytes.length - 1);
        }
        if (defect == Defect.LATIN1) {
            bytes = new String(bytes, StandardCharsets.UTF_8).getBytes(StandardCharsets.ISO_8859_1);
        }
        if (firstByteWritten) {
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        try {
            out.write(bytes);
            if (defect != Defect.NEVER_FLUSHES) {
                out.flush();
            }
        } catch (IOException e) {
            if (defect == Defect.WRAPS_STREAM_FAILURE) {
                throw new FhirWriteException("the fake could not write");
            }
            if (defect != Defect.SWALLOWS_STREAM_FAILURE) {
                throw e;
            }
        }
        if (defect == Defect.CLOSES_STREAM) {
            out.close();
        }
    }

    private static byte[] json(ObjectNode json, boolean pretty) throws IOException {
        return pretty ? JsonTrees.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(json)
                : JsonTrees.mapper().writeValueAsBytes(json);
    }

    /** FHIR XML from FHIR JSON, for the shapes of our resources (an extension's url is its only attribute). */
    private byte[] xml(ObjectNode json, boolean pretty) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            String type = json.get("resourceType").asText();
            xml.writeStartElement("", type, FhirXml.NAMESPACE);
            xml.writeDefaultNamespace(FhirXml.NAMESPACE);
            fields(xml, json);
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IOException(e);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        return (pretty ? text.replace("><", ">\n<") : text).getBytes(StandardCharsets.UTF_8);
    }

    private void fields(XMLStreamWriter xml, ObjectNode object) throws XMLStreamException {
        if (object.has("url")) {
            xml.writeAttribute("url", object.get("url").asText());
        }
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            String name = field.getKey();
            if (!name.equals("resourceType") && !name.equals("url")) {
                element(xml, name, field.getValue());
            }
        }
    }

    private void element(XMLStreamWriter xml, String name, JsonNode value) throws XMLStreamException {
        if (value.isArray()) {
            for (JsonNode item : value) {
                element(xml, name, item);
            }
        } else if (value.isObject()) {
            xml.writeStartElement(name);
            if (value.has("resourceType")) {
                xml.writeStartElement(value.get("resourceType").asText());
                fields(xml, (ObjectNode) value);
                xml.writeEndElement();
            } else {
                fields(xml, (ObjectNode) value);
            }
            xml.writeEndElement();
        } else if (!(defect == Defect.XML_DROPS_DISPLAYS && name.equals("display"))) {
            xml.writeEmptyElement(name);
            xml.writeAttribute("value", value.asText());
        }
    }
}
