package org.dicom2fhir.fhir.hapi;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.dicom2fhir.api.model.StudyData;
import org.dicom2fhir.api.spi.BackendOptions;
import org.dicom2fhir.api.spi.FhirRelease;
import org.dicom2fhir.api.spi.FhirValidator;
import org.dicom2fhir.api.spi.FhirWriter;
import org.dicom2fhir.api.spi.OutputFormat;
import org.dicom2fhir.api.spi.ValidationIssue;
import org.dicom2fhir.api.spi.WriteOptions;
import org.dicom2fhir.validator.hapi.HapiValidatorProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The output shape of mapping.md, checked on JSON trees, and validated by validator-hapi. */
class HapiR4WriterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final WriteOptions XML = new WriteOptions(OutputFormat.XML, false);
    private static final WriteOptions PRETTY_XML = new WriteOptions(OutputFormat.XML, true);

    /** Starts in seconds: one per class. */
    private static FhirValidator validator;
    private static FhirWriter writer;

    @BeforeAll
    static void start() {
        validator = new HapiValidatorProvider().create(BackendOptions.empty());
        writer = new HapiR4WriterProvider().create(BackendOptions.empty());
    }

    static byte[] write(StudyData study, WriteOptions options) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.write(study, out, options);
        return out.toByteArray();
    }

    static byte[] writeBundle(List<StudyData> studies, WriteOptions options) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.writeBundle(studies, out, options);
        return out.toByteArray();
    }

    static JsonNode tree(byte[] json) throws IOException {
        return JSON.readTree(json);
    }

    static JsonNode resource(String name) throws IOException {
        try (InputStream in = HapiR4WriterTest.class.getResourceAsStream("/expected/" + name)) {
            return JSON.readTree(in);
        }
    }

    static void assertValid(byte[] resource, OutputFormat format) {
        List<ValidationIssue> issues = validator.validate(resource, format, FhirRelease.R4);
        List<ValidationIssue> errors = issues.stream().filter(ValidationIssue::isError).toList();
        assertThat(errors)
                .as("validation issues (synthetic data):%n%s%nof:%n%s", issues,
                        new String(resource, StandardCharsets.UTF_8))
                .isEmpty();
    }

    /** No "" anywhere, no {} and no [] anywhere: FHIR forbids them, mapping.md omits instead. */
    static void assertNoEmptyValues(JsonNode node, String path) {
        if (node.isTextual()) {
            assertThat(node.asText()).as(path).isNotEmpty();
        } else if (node.isContainerNode()) {
            assertThat(node.size()).as(path + " is empty").isPositive();
            if (node.isObject()) {
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    assertNoEmptyValues(field.getValue(), path + "." + field.getKey());
                }
            } else {
                for (int i = 0; i < node.size(); i++) {
                    assertNoEmptyValues(node.get(i), path + "[" + i + "]");
                }
            }
        }
    }

    static Stream<Arguments> studiesAndOptions() {
        List<Arguments> all = new ArrayList<>();
        for (StudyData study : Studies.all()) {
            for (WriteOptions options : List.of(WriteOptions.json(), WriteOptions.prettyJson(), XML, PRETTY_XML)) {
                all.add(Arguments.of(study, options));
            }
        }
        return all.stream();
    }

    @Test
    void fullStudyHasExactlyTheShapeOfMappingMd() throws IOException {
        JsonNode actual = tree(write(Studies.full(), WriteOptions.json()));
        assertThat(actual).isEqualTo(resource("full-r4.json"));
    }

    @Test
    void minimalStudyLeavesEveryOptionalElementOut() throws IOException {
        JsonNode actual = tree(write(Studies.minimal(), WriteOptions.json()));
        assertThat(actual).isEqualTo(resource("minimal-r4.json"));
    }

    @Test
    void containedPatientAndEndpointKeepTheirIdsAndAreReferenced() throws IOException {
        JsonNode study = tree(write(Studies.full(), WriteOptions.prettyJson()));
        assertThat(study.at("/contained/0/resourceType").asText()).isEqualTo("Patient");
        assertThat(study.at("/contained/0/id").asText()).isEqualTo("patient.contained.inline");
        assertThat(study.at("/subject/reference").asText()).isEqualTo("#patient.contained.inline");
        assertThat(study.at("/contained/1/id").asText()).isEqualTo("endpoint");
        assertThat(study.at("/endpoint/0/reference").asText()).isEqualTo("#endpoint");
        assertThat(study.has("meta")).isFalse();
        assertThat(study.at("/contained/0").has("meta")).isFalse();
    }

    @Test
    void accessionWithoutIssuerHasNoSystem() throws IOException {
        JsonNode study = tree(write(Studies.accessionWithoutIssuer(), WriteOptions.json()));
        JsonNode accession = study.at("/identifier/0");
        assertThat(accession.at("/type/coding/0/code").asText()).isEqualTo("ACSN");
        assertThat(accession.at("/value").asText()).isEqualTo("ACC-0002");
        assertThat(accession.has("system")).isFalse();
        assertThat(study.at("/identifier/1/system").asText()).isEqualTo("urn:dicom:uid");
        assertThat(study.at("/contained/0/identifier/0").has("assigner")).isFalse();
        assertThat(study.has("endpoint")).isFalse();
        assertThat(study.at("/contained")).hasSize(1);
        assertThat(study.at("/started").asText()).isEqualTo("2021-03-04");
        assertThat(study.at("/series/0/instance/0/number").asInt(-1)).isZero();
    }

    @ParameterizedTest
    @CsvSource({
        "2021-03-04T05:06:07Z, 2021-03-04T05:06:07.5Z",
        "2021-03-04T05:06:07.12+09:00, 2021-03-04T23:59:59.999999-11:30",
        "2021-03-04T05:06:07.000001+14:00, 2021-03-04T00:00:00-00:30",
        "2021-03-04, 1999-12-31T12:34:56.1+01:00",
    })
    void datesAreEmittedExactlyAsGiven(String studyStarted, String seriesStarted) throws IOException {
        StudyData study = Studies.withStarted(studyStarted, seriesStarted);
        JsonNode json = tree(write(study, WriteOptions.json()));
        assertThat(json.at("/started").asText()).isEqualTo(studyStarted);
        assertThat(json.at("/series/0/started").asText()).isEqualTo(seriesStarted);
        assertThat(json.at("/contained/0/birthDate").asText()).isEqualTo("1970-01-31");

        Document xml = xml(write(study, XML));
        Element root = xml.getDocumentElement();
        assertThat(childValue(root, "started")).isEqualTo(studyStarted);
        Element firstSeries = (Element) root.getElementsByTagName("series").item(0);
        assertThat(childValue(firstSeries, "started")).isEqualTo(seriesStarted);

        assertValid(write(study, WriteOptions.json()), OutputFormat.JSON);
    }

    @ParameterizedTest
    @MethodSource("studiesAndOptions")
    void everyOutputIsValidR4WithoutEmptyValues(StudyData study, WriteOptions options) throws IOException {
        byte[] out = write(study, options);
        assertValid(out, options.format());
        if (options.format() == OutputFormat.JSON) {
            assertNoEmptyValues(tree(out), "ImagingStudy");
        }
    }

    @Test
    void prettyAndCompactJsonHaveTheSameTree() throws IOException {
        byte[] compact = write(Studies.full(), WriteOptions.json());
        byte[] pretty = write(Studies.full(), WriteOptions.prettyJson());
        assertThat(new String(compact, StandardCharsets.UTF_8)).doesNotContain("\n");
        assertThat(new String(pretty, StandardCharsets.UTF_8)).contains("\n");
        assertThat(tree(pretty)).isEqualTo(tree(compact));
    }

    @Test
    void xmlCarriesTheSameContentAsJson() throws IOException {
        FhirContext ctx = FhirContext.forR4Cached();
        for (StudyData study : Studies.all()) {
            String xml = new String(write(study, PRETTY_XML), StandardCharsets.UTF_8);
            String reencoded = ctx.newJsonParser().encodeResourceToString(ctx.newXmlParser().parseResource(xml));
            assertThat(JSON.readTree(reencoded)).isEqualTo(tree(write(study, WriteOptions.json())));
        }
    }

    @Test
    void xmlHasTheContainedPatientAndItsReference() throws IOException {
        Element root = xml(write(Studies.full(), XML)).getDocumentElement();
        assertThat(root.getNamespaceURI()).isEqualTo("http://hl7.org/fhir");
        assertThat(root.getLocalName()).isEqualTo("ImagingStudy");
        Element patient = (Element) root.getElementsByTagName("Patient").item(0);
        assertThat(childValue(patient, "id")).isEqualTo("patient.contained.inline");
        Element subject = (Element) root.getElementsByTagName("subject").item(0);
        assertThat(childValue(subject, "reference")).isEqualTo("#patient.contained.inline");
    }

    @Test
    void japaneseNamesSurviveInJsonAndXml() throws IOException {
        byte[] json = write(Studies.full(), WriteOptions.json());
        JsonNode names = tree(json).at("/contained/0/name");
        assertThat(names.at("/1/family").asText()).isEqualTo("山田");
        assertThat(names.at("/1/given/0").asText()).isEqualTo("太郎");
        assertThat(names.at("/2/family").asText()).isEqualTo("やまだ");
        assertThat(new String(json, StandardCharsets.UTF_8)).contains("\"山田\"").doesNotContain("\\u");

        Element patient = (Element) xml(write(Studies.full(), XML)).getElementsByTagName("Patient").item(0);
        List<String> families = new ArrayList<>();
        var familyElements = patient.getElementsByTagName("family");
        for (int i = 0; i < familyElements.getLength(); i++) {
            families.add(((Element) familyElements.item(i)).getAttribute("value"));
        }
        assertThat(families).containsExactly("Yamada", "山田", "やまだ");
    }

    @Test
    void bundleIsACollectionWithOneCompleteEntryPerStudyInOrder() throws IOException {
        List<StudyData> studies = List.of(Studies.minimal(), Studies.full(), Studies.accessionWithoutIssuer());
        byte[] json = writeBundle(studies, WriteOptions.json());
        JsonNode bundle = tree(json);
        assertThat(bundle.at("/resourceType").asText()).isEqualTo("Bundle");
        assertThat(bundle.at("/type").asText()).isEqualTo("collection");
        assertThat(bundle.at("/entry")).hasSize(3);
        for (int i = 0; i < studies.size(); i++) {
            JsonNode entry = bundle.at("/entry/" + i);
            assertThat(entry.at("/fullUrl").asText()).isEqualTo("urn:uuid:" + studies.get(i).id());
            assertThat(entry.at("/resource")).isEqualTo(tree(write(studies.get(i), WriteOptions.json())));
        }
        assertNoEmptyValues(bundle, "Bundle");
        assertValid(json, OutputFormat.JSON);
        assertValid(writeBundle(studies, PRETTY_XML), OutputFormat.XML);
    }

    @Test
    void outputIsUtf8WithoutByteOrderMark() throws IOException {
        byte[] json = write(Studies.minimal(), WriteOptions.json());
        byte[] xml = write(Studies.minimal(), XML);
        assertThat(json[0]).isEqualTo((byte) '{');
        assertThat(xml[0]).isEqualTo((byte) '<');
    }

    private static Document xml(byte[] bytes) throws IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(bytes));
        } catch (javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
            throw new IOException(e);
        }
    }

    /** The {@code value} attribute of the direct child element with that name. */
    private static String childValue(Element parent, String name) {
        for (var n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getLocalName())) {
                return e.getAttribute("value");
            }
        }
        return null;
    }
}
