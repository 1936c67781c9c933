package org.dicom2fhir.fhir.ibm;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.ibm.fhir.model.format.Format;
import com.ibm.fhir.model.generator.FHIRGenerator;
import com.ibm.fhir.model.parser.FHIRParser;
import com.ibm.fhir.model.resource.Resource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Stream;
import org.dicom2fhir.api.spi.FhirRelease;
import org.dicom2fhir.api.spi.FhirValidator;
import org.dicom2fhir.api.spi.FhirWriterProvider;
import org.dicom2fhir.api.spi.OutputFormat;
import org.dicom2fhir.api.spi.ValidationIssue;
import org.dicom2fhir.api.spi.WriteOptions;
import org.dicom2fhir.core.ConversionResult;
import org.dicom2fhir.core.Converter;
import org.dicom2fhir.core.Dicom2Fhir;
import org.dicom2fhir.fhir.hapi.HapiR4WriterProvider;
import org.dicom2fhir.fhir.hapi.HapiR5WriterProvider;
import org.dicom2fhir.testkit.StudyGenerator;
import org.dicom2fhir.testkit.contract.JsonTrees;
import org.dicom2fhir.validator.hapi.HapiValidatorProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The promise of the design: whichever FHIR model an embedder picks, the same FHIR. Generated study
 * folders go through core (part10 reader) once per writer; hapi and ibm must give equal JSON trees,
 * each library must read the other's JSON and XML back to the same tree, and every output (hapi-r5's
 * too) must validate with zero errors in its FHIR version.
 */
class SameFhirFromEveryWriterTest {
    private static final String ENDPOINT = "https://pacs.example.org/dicomweb";

    @TempDir
    static Path root;

    /**
     * HAPI's parser by default replaces the id of a Bundle entry's resource with the entry's fullUrl
     * ({@code urn:uuid:...}) and then leaves the id out when encoding again; our ids equal the UUID of
     * the fullUrl, so reading keeps them as they are.
     */
    private static final FhirContext HAPI_READER = FhirContext.forR4();

    static {
        HAPI_READER.getParserOptions().setOverrideResourceIdWithBundleEntryFullUrl(false);
    }

    private static final FhirWriterProvider hapi = new HapiR4WriterProvider();
    private static final FhirWriterProvider ibm = new IbmR4WriterProvider();
    private static final FhirWriterProvider hapiR5 = new HapiR5WriterProvider();
    private static FhirValidator validator;

    @BeforeAll
    static void start() {
        validator = new HapiValidatorProvider().create();
    }

    /** A generated folder and how to convert it. */
    record Case(String name, List<StudyGenerator.Builder> studies, boolean split, String endpoint, ZoneId zone) {
        @Override
        public String toString() {
            return name;
        }

        Path folder() throws IOException {
            Path dir = root.resolve(name);
            if (!Files.exists(dir)) {
                for (int i = 0; i < studies.size(); i++) {
                    studies.get(i).build().writeTo(dir.resolve("study" + i));
                }
            }
            return dir;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("three-modalities-with-endpoint", List.of(StudyGenerator.builder().seed(1).series(3)
                        .instancesPerSeries(3)), false, ENDPOINT, null),
                new Case("every-modality", List.of(StudyGenerator.builder().seed(2).series(12).instancesPerSeries(1)
                        .modalities("CT", "MR", "CR", "DX", "US", "MG", "PT", "NM", "XA", "OT", "SR", "KO")),
                        false, null, null),
                new Case("fraction", List.of(StudyGenerator.builder().seed(3).series(2).instancesPerSeries(2)
                        .studyDateTime("20240131", "101112.120000").timezoneOffset("+0100")), false, ENDPOINT, null),
                new Case("zero-fraction-zero-offset", List.of(StudyGenerator.builder().seed(4).series(1)
                        .instancesPerSeries(2).studyDateTime("20240131", "101112.000000").timezoneOffset("+0000")),
                        false, null, null),
                new Case("six-digit-fraction-negative-offset", List.of(StudyGenerator.builder().seed(5).series(1)
                        .instancesPerSeries(1).studyDateTime("19991231", "235959.999999").timezoneOffset("-0930")),
                        false, null, null),
                new Case("no-offset-but-a-zone", List.of(StudyGenerator.builder().seed(6).series(2)
                        .instancesPerSeries(1).studyDateTime("20240630", "0815").timezoneOffset(null)),
                        false, null, ZoneId.of("Europe/Berlin")),
                new Case("no-offset-no-zone", List.of(StudyGenerator.builder().seed(7).series(1)
                        .instancesPerSeries(1).timezoneOffset(null)), false, null, null),
                new Case("three-name-groups", List.of(StudyGenerator.builder().seed(8).series(1).instancesPerSeries(2)
                        .patient("Müller^Jürgen=山田^太郎=やまだ^たろう", "PID-ß", "O", "19700131")
                        .studyDescription("Ganzkörper-CT <&> \"quoted\"")), false, ENDPOINT, null),
                new Case("split-three-studies", List.of(
                        StudyGenerator.builder().seed(9).series(2).instancesPerSeries(2),
                        StudyGenerator.builder().seed(10).series(1).instancesPerSeries(3).modalities("SR"),
                        StudyGenerator.builder().seed(11).series(1).instancesPerSeries(1).accessionNumber("")),
                        true, ENDPOINT, null),
                new Case("split-one-study", List.of(StudyGenerator.builder().seed(12).series(1).instancesPerSeries(1)),
                        true, null, null));
    }

    private static byte[] convert(Case c, FhirWriterProvider writer, WriteOptions options) throws IOException {
        Converter converter = Converter.builder().reader("part10").writer(writer).split(c.split())
                .endpoint(c.endpoint()).timezone(c.zone()).build();
        ConversionResult result = converter.convert(c.folder());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        result.writeTo(out, options);
        return out.toByteArray();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void hapiAndIbmGiveEqualJsonTrees(Case c) throws IOException {
        JsonNode fromHapi = JsonTrees.read(convert(c, hapi, WriteOptions.json()));
        JsonNode fromIbm = JsonTrees.read(convert(c, ibm, WriteOptions.json()));
        assertThat(JsonTrees.differences(fromHapi, fromIbm, 20)).as("ibm's JSON against hapi's").isEmpty();
        assertThat(fromIbm).isEqualTo(fromHapi);
        assertThat(fromHapi.get("resourceType").asText()).isEqualTo(c.split() ? "Bundle" : "ImagingStudy");
        if (c.endpoint() != null) {
            assertThat(fromHapi.findValues("address")).extracting(JsonNode::asText).contains(c.endpoint());
        }
        assertThat(JsonTrees.read(convert(c, ibm, WriteOptions.prettyJson()))).isEqualTo(fromHapi);
    }

    @ParameterizedTest
    @MethodSource("cases")
    void eachLibraryReadsTheOthersJsonAndXmlBackToTheSameTree(Case c) throws Exception {
        FhirContext hapiContext = HAPI_READER;
        JsonNode expected = JsonTrees.read(convert(c, hapi, WriteOptions.json()));
        for (OutputFormat format : OutputFormat.values()) {
            WriteOptions options = new WriteOptions(format, true);
            // HAPI's output through IBM's parser
            Format ibmFormat = format == OutputFormat.JSON ? Format.JSON : Format.XML;
            Resource parsedByIbm = FHIRParser.parser(ibmFormat)
                    .parse(new ByteArrayInputStream(convert(c, hapi, options)));
            ByteArrayOutputStream ibmJson = new ByteArrayOutputStream();
            FHIRGenerator.generator(Format.JSON).generate(parsedByIbm, ibmJson);
            assertThat(JsonTrees.read(ibmJson.toByteArray())).as("hapi's %s read by IBM", format).isEqualTo(expected);
            // IBM's output through HAPI's parser
            String ibmText = new String(convert(c, ibm, options), StandardCharsets.UTF_8);
            var parsedByHapi = format == OutputFormat.JSON
                    ? hapiContext.newJsonParser().parseResource(ibmText)
                    : hapiContext.newXmlParser().parseResource(ibmText);
            String hapiJson = hapiContext.newJsonParser().encodeResourceToString(parsedByHapi);
            assertThat(JsonTrees.read(hapiJson.getBytes(StandardCharsets.UTF_8))).as("ibm's %s read by HAPI", format)
                    .isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void everyOutputValidatesWithZeroErrorsInItsRelease(Case c) throws IOException {
        for (OutputFormat format : OutputFormat.values()) {
            WriteOptions options = new WriteOptions(format, false);
            assertValid(convert(c, hapi, options), format, FhirRelease.R4, "hapi " + c);
            assertValid(convert(c, ibm, options), format, FhirRelease.R4, "ibm " + c);
            assertValid(convert(c, hapiR5, options), format, FhirRelease.R5, "hapi-r5 " + c);
        }
    }

    static Stream<Arguments> dates() {
        return Stream.of(
                Arguments.of("fraction", "2024-01-31T10:11:12.12+01:00"),
                Arguments.of("zero-fraction-zero-offset", "2024-01-31T10:11:12Z"),
                Arguments.of("six-digit-fraction-negative-offset", "1999-12-31T23:59:59.999999-09:30"),
                Arguments.of("no-offset-but-a-zone", "2024-06-30T08:15:00+02:00"),
                Arguments.of("no-offset-no-zone", null));
    }

    /** mapping.md's canonical rendering is what both libraries print, so the dates agree to the character. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dates")
    void datesAgreeToTheCharacter(String name, String expectedStarted) throws IOException {
        Case c = cases().filter(k -> k.name().equals(name)).findFirst().orElseThrow();
        for (FhirWriterProvider writer : List.of(hapi, ibm, hapiR5)) {
            JsonNode study = JsonTrees.read(convert(c, writer, WriteOptions.json()));
            if (expectedStarted == null) {
                // no offset and no zone: the date alone (mapping.md)
                assertThat(study.get("started").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
            } else {
                assertThat(study.get("started").asText()).as("%s by %s", name, writer.name())
                        .isEqualTo(expectedStarted);
                String xml = new String(convert(c, writer, new WriteOptions(OutputFormat.XML, false)),
                        StandardCharsets.UTF_8);
                assertThat(xml).contains("<started value=\"" + expectedStarted + "\"/>");
            }
        }
    }

    @Test
    void theTypedOneLinerSelectsEachWriterByItsNativeClass() throws IOException {
        Path folder = cases().findFirst().orElseThrow().folder().resolve("study0");
        com.ibm.fhir.model.resource.ImagingStudy byIbm =
                Dicom2Fhir.processDicom2Fhir(folder, com.ibm.fhir.model.resource.ImagingStudy.class);
        org.hl7.fhir.r4.model.ImagingStudy byHapi =
                Dicom2Fhir.processDicom2Fhir(folder, org.hl7.fhir.r4.model.ImagingStudy.class);
        org.hl7.fhir.r5.model.ImagingStudy byHapiR5 =
                Dicom2Fhir.processDicom2Fhir(folder, org.hl7.fhir.r5.model.ImagingStudy.class);
        assertThat(byIbm.getId()).isEqualTo(byHapi.getIdElement().getIdPart())
                .isEqualTo(byHapiR5.getIdElement().getIdPart());
        assertThat(Dicom2Fhir.processDicom2Fhir(folder)).as("several writers: the documented default, hapi")
                .isInstanceOf(org.hl7.fhir.r4.model.ImagingStudy.class);
        assertThat(Converter.builder().writer("ibm").build().writerProvider().nativeResourceClassName())
                .isEqualTo(com.ibm.fhir.model.resource.ImagingStudy.class.getName());
    }

    private static void assertValid(byte[] resource, OutputFormat format, FhirRelease release, String what) {
        List<ValidationIssue> issues = validator.validate(resource, format, release);
        assertThat(issues.stream().filter(ValidationIssue::isError).toList())
                .as("validation errors (synthetic data) of %s as %s %s:%n%s", what, release, format,
                        new String(resource, StandardCharsets.UTF_8))
                .isEmpty();
    }
}
