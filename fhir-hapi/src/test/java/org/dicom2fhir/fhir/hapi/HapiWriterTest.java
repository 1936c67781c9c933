package org.dicom2fhir.fhir.hapi;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.dicom2fhir.api.model.CodingData;
import org.dicom2fhir.api.model.InstanceData;
import org.dicom2fhir.api.model.SeriesData;
import org.dicom2fhir.api.model.StudyData;
import org.dicom2fhir.api.spi.FhirRelease;
import org.dicom2fhir.api.spi.FhirValidator;
import org.dicom2fhir.api.spi.FhirWriter;
import org.dicom2fhir.api.spi.OutputFormat;
import org.dicom2fhir.api.spi.ValidationIssue;
import org.dicom2fhir.api.spi.WriteOptions;
import org.dicom2fhir.testkit.contract.JsonTrees;
import org.dicom2fhir.testkit.contract.NeutralStudies;
import org.dicom2fhir.validator.hapi.HapiValidatorProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What only HAPI can check about the HAPI writers (FhirWriterContract checks the rest): HAPI's own
 * parser reads the XML back to the same JSON, dates keep their exact text, large resources are
 * streamed while HAPI encodes, and the native objects.
 */
class HapiWriterTest {
    private static final WriteOptions XML = new WriteOptions(OutputFormat.XML, false);

    private static FhirWriter r4;
    private static FhirWriter r5;
    private static FhirValidator validator;

    @BeforeAll
    static void start() {
        r4 = new HapiR4WriterProvider().create();
        r5 = new HapiR5WriterProvider().create();
        validator = new HapiValidatorProvider().create();
    }

    static FhirWriter writer(FhirRelease release) {
        return release == FhirRelease.R4 ? r4 : r5;
    }

    static FhirContext context(FhirRelease release) {
        return release == FhirRelease.R4 ? FhirContext.forR4Cached() : FhirContext.forR5Cached();
    }

    static byte[] write(FhirWriter writer, StudyData study, WriteOptions options) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.write(study, out, options);
        return out.toByteArray();
    }

    @ParameterizedTest
    @EnumSource(FhirRelease.class)
    void hapisOwnParserReadsTheXmlBackToTheSameJson(FhirRelease release) throws IOException {
        FhirContext ctx = context(release);
        for (NeutralStudies.Named study : NeutralStudies.all()) {
            String xml = new String(write(writer(release), study.study(), new WriteOptions(OutputFormat.XML, true)),
                    StandardCharsets.UTF_8);
            String reencoded = ctx.newJsonParser().encodeResourceToString(ctx.newXmlParser().parseResource(xml));
            assertThat(JsonTrees.read(reencoded.getBytes(StandardCharsets.UTF_8))).as("%s in %s", study, release)
                    .isEqualTo(JsonTrees.read(write(writer(release), study.study(), WriteOptions.json())));
        }
    }

    static Stream<Arguments> dates() {
        List<Arguments> all = new ArrayList<>();
        for (FhirRelease release : FhirRelease.values()) {
            all.add(Arguments.of(release, "2021-03-04T05:06:07Z", "2021-03-04T05:06:07.5Z"));
            all.add(Arguments.of(release, "2021-03-04T05:06:07.12+09:00", "2021-03-04T23:59:59.999999-11:30"));
            all.add(Arguments.of(release, "2021-03-04T05:06:07.000001+14:00", "2021-03-04T00:00:00-00:30"));
            all.add(Arguments.of(release, "2021-03-04", "1999-12-31T12:34:56.1+01:00"));
        }
        return all.stream();
    }

    /** HAPI keeps a dateTime's text as given: the canonical rendering of core reaches the output unchanged. */
    @ParameterizedTest
    @MethodSource("dates")
    void datesAreEmittedExactlyAsGiven(FhirRelease release, String studyStarted, String seriesStarted)
            throws IOException {
        StudyData study = NeutralStudies.withStarted(NeutralStudies.full(), studyStarted, seriesStarted);
        byte[] json = write(writer(release), study, WriteOptions.json());
        JsonNode tree = JsonTrees.read(json);
        assertThat(tree.at("/started").asText()).isEqualTo(studyStarted);
        assertThat(tree.at("/series/0/started").asText()).isEqualTo(seriesStarted);
        String xml = new String(write(writer(release), study, XML), StandardCharsets.UTF_8);
        assertThat(xml).contains("<started value=\"" + studyStarted + "\"/>")
                .contains("<started value=\"" + seriesStarted + "\"/>");
        List<ValidationIssue> issues = validator.validate(json, OutputFormat.JSON, release);
        assertThat(issues.stream().filter(ValidationIssue::isError).toList()).as("%s", issues).isEmpty();
    }

    /** No "" anywhere, no {} and no [] anywhere: FHIR forbids them, mapping.md omits instead. */
    @ParameterizedTest
    @EnumSource(FhirRelease.class)
    void noOutputHasEmptyValues(FhirRelease release) throws IOException {
        for (NeutralStudies.Named study : NeutralStudies.all()) {
            assertNoEmptyValues(JsonTrees.read(write(writer(release), study.study(), WriteOptions.json())),
                    study + " " + release);
        }
    }

    @ParameterizedTest
    @EnumSource(OutputFormat.class)
    void largeStudiesAreStreamedWhileHapiEncodesNotBuiltAsOneString(OutputFormat format) throws IOException {
        for (FhirRelease release : FhirRelease.values()) {
            EncodingWatcher out = new EncodingWatcher();
            writer(release).write(NeutralStudies.withInstances(5_000), out, new WriteOptions(format, false));
            assertThat(out.size()).isGreaterThan(500_000);
            assertThat(out.bytesArrivedDuringEncoding).as("bytes arrive while HAPI or R4Json encodes (%s)", release)
                    .isTrue();
            assertThat(out.largestWrite).isLessThanOrEqualTo(64 * 1024);
            // few large writes and one flush: each write or flush can be a system call on the caller's stream
            assertThat(out.flushes).as("flushes (%s, %s)", release, format).isEqualTo(1);
            assertThat(out.writes).as("writes (%s, %s)", release, format).isLessThan(out.size() / 4096);
        }
    }

    /** Two series whose instances repeat SOP Classes, titles and numbers: what write() shares (Reuse). */
    static StudyData repeatedValues() {
        List<SeriesData> series = new ArrayList<>();
        for (int s = 1; s <= 2; s++) {
            List<InstanceData> instances = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                CodingData sopClass = NeutralStudies.sopClass(i % 3 == 0 ? "urn:oid:1.2.840.10008.5.1.4.1.1.2"
                        : "urn:oid:1.2.840.10008.5.1.4.1.1.4");
                String title = i % 4 == 0 ? null : (i % 2 == 0 ? "ORIGINAL\\PRIMARY\\AXIAL" : "DERIVED\\SECONDARY");
                instances.add(new InstanceData("1.2.3." + s + "." + i, sopClass, i % 7 == 0 ? null : i % 10, title));
            }
            series.add(new SeriesData("1.2.3." + s, s, NeutralStudies.dcm("CT"), null, null, null, null, instances));
        }
        StudyData m = NeutralStudies.minimal();
        return new StudyData(m.id(), m.identifiers(), m.patient(), List.of(NeutralStudies.dcm("CT")), m.started(),
                m.description(), m.endpoint(), m.procedureCodes(), m.reasonCodes(), series);
    }

    /** write() builds its model with shared repeated values; the text must be what the native model encodes to. */
    @ParameterizedTest
    @EnumSource(FhirRelease.class)
    void writtenJsonIsExactlyTheEncodedNativeModel(FhirRelease release) throws IOException {
        FhirContext ctx = context(release);
        List<StudyData> studies = new ArrayList<>();
        NeutralStudies.all().forEach(named -> studies.add(named.study()));
        studies.add(repeatedValues());
        for (StudyData study : studies) {
            String expected = ctx.newJsonParser().encodeResourceToString(
                    (org.hl7.fhir.instance.model.api.IBaseResource) writer(release).toNative(study));
            assertThat(new String(write(writer(release), study, WriteOptions.json()), StandardCharsets.UTF_8))
                    .as("%s", release).isEqualTo(expected);
        }
        String bundle = ctx.newJsonParser().encodeResourceToString(
                (org.hl7.fhir.instance.model.api.IBaseResource) writer(release).toNativeBundle(studies));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer(release).writeBundle(studies, out, WriteOptions.json());
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(bundle);
    }

    /** A caller may change one instance of the native model: no element is shared with another instance. */
    @Test
    void nativeInstancesShareNoElements() {
        var study = (org.hl7.fhir.r4.model.ImagingStudy) r4.toNative(repeatedValues());
        var instances = study.getSeries().get(0).getInstance();
        var a = instances.get(1);
        var b = instances.get(5);
        assertThat(a.getSopClass().getCode()).isEqualTo(b.getSopClass().getCode());
        assertThat(a.getTitle()).isEqualTo(b.getTitle());
        assertThat(a.getSopClass()).isNotSameAs(b.getSopClass());
        assertThat(a.getTitleElement()).isNotSameAs(b.getTitleElement());
        a.getSopClass().setCode("changed");
        a.setTitle("changed");
        assertThat(b.getSopClass().getCode()).isNotEqualTo("changed");
        assertThat(b.getTitle()).isNotEqualTo("changed");
        var r5Study = (org.hl7.fhir.r5.model.ImagingStudy) r5.toNative(repeatedValues());
        var r5Instances = r5Study.getSeries().get(1).getInstance();
        assertThat(r5Instances.get(1).getSopClass()).isNotSameAs(r5Instances.get(5).getSopClass());
    }

    @Test
    void r4NativeObjectsHaveTheContainedPatientAndItsReference() {
        var study = (org.hl7.fhir.r4.model.ImagingStudy) r4.toNative(NeutralStudies.full());
        assertThat(study.getIdElement().getIdPart()).isEqualTo(NeutralStudies.full().id());
        assertThat(study.getContained()).hasSize(2);
        var patient = (org.hl7.fhir.r4.model.Patient) study.getContained().get(0);
        assertThat(patient.getIdElement().getIdPart()).isEqualTo("patient.contained.inline");
        assertThat(study.getSubject().getReference()).isEqualTo("#patient.contained.inline");
        assertThat(study.getStatus()).isEqualTo(org.hl7.fhir.r4.model.ImagingStudy.ImagingStudyStatus.AVAILABLE);
        assertThat(study.getNumberOfSeries()).isEqualTo(2);
        assertThat(study.getNumberOfInstances()).isEqualTo(3);
        var bundle = (org.hl7.fhir.r4.model.Bundle) r4.toNativeBundle(
                List.of(NeutralStudies.full(), NeutralStudies.minimal()));
        assertThat(bundle.getType()).isEqualTo(org.hl7.fhir.r4.model.Bundle.BundleType.COLLECTION);
        assertThat(bundle.getEntry()).extracting(org.hl7.fhir.r4.model.Bundle.BundleEntryComponent::getFullUrl)
                .containsExactly("urn:uuid:" + NeutralStudies.full().id(), "urn:uuid:" + NeutralStudies.minimal().id());
    }

    @Test
    void r5NativeObjectsCarryTheAccessionAsBasedOnAndCodesAsConcepts() {
        var study = (org.hl7.fhir.r5.model.ImagingStudy) r5.toNative(NeutralStudies.full());
        assertThat(study.getIdentifier()).singleElement()
                .satisfies(i -> assertThat(i.getSystem()).isEqualTo("urn:dicom:uid"));
        assertThat(study.getBasedOn()).singleElement().satisfies(ref -> {
            assertThat(ref.getType()).isEqualTo("ServiceRequest");
            assertThat(ref.getIdentifier().getValue()).isEqualTo("ACC-0001");
            assertThat(ref.getIdentifier().getType().getCodingFirstRep().getCode()).isEqualTo("ACSN");
            assertThat(ref.hasReference()).isFalse();
        });
        assertThat(study.getModality()).extracting(c -> c.getCodingFirstRep().getCode()).containsExactly("CT", "SR");
        assertThat(study.getProcedureFirstRep().getConcept().getText()).isEqualTo("CT Chest");
        assertThat(study.getReason()).hasSize(3);
        var series = study.getSeriesFirstRep();
        assertThat(series.getBodySite().getConcept().getCodingFirstRep().getCode()).isEqualTo("51185008");
        assertThat(series.getLaterality().getCodingFirstRep().getCode()).isEqualTo("7771000");
        var endpoint = (org.hl7.fhir.r5.model.Endpoint) study.getContained().get(1);
        assertThat(endpoint.getConnectionTypeFirstRep().getCodingFirstRep().getCode()).isEqualTo("dicom-wado-rs");
        assertThat(endpoint.getPayloadFirstRep().getMimeType()).extracting(t -> t.getValue())
                .containsExactly("application/dicom");
        var minimal = (org.hl7.fhir.r5.model.ImagingStudy) r5.toNative(NeutralStudies.minimal());
        assertThat(minimal.hasBasedOn()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(FhirRelease.class)
    void anEmptyBundleIsExactlyAnEmptyCollection(FhirRelease release) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer(release).writeBundle(List.of(), out, WriteOptions.json());
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("{\"resourceType\":\"Bundle\",\"type\":\"collection\"}");
    }

    /** The names are constants, so that selecting by type loads no HAPI class: they must name HAPI's classes. */
    @Test
    void theProvidersNativeClassNamesAreHapisImagingStudiesOfTheirRelease() {
        assertThat(new HapiR4WriterProvider().nativeResourceClassName())
                .isEqualTo(org.hl7.fhir.r4.model.ImagingStudy.class.getName());
        assertThat(new HapiR5WriterProvider().nativeResourceClassName())
                .isEqualTo(org.hl7.fhir.r5.model.ImagingStudy.class.getName());
        assertThat(r4.toNative(NeutralStudies.minimal())).isExactlyInstanceOf(org.hl7.fhir.r4.model.ImagingStudy.class);
        assertThat(r5.toNative(NeutralStudies.minimal())).isExactlyInstanceOf(org.hl7.fhir.r5.model.ImagingStudy.class);
    }

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

    /** Notices whether bytes arrive while HAPI's parser is on the stack, and how large the writes are. */
    static final class EncodingWatcher extends ByteArrayOutputStream {
        boolean bytesArrivedDuringEncoding;
        int largestWrite;
        int writes;
        int flushes;

        @Override
        public void flush() {
            flushes++;
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            bytesArrivedDuringEncoding |= StackWalker.getInstance().walk(frames -> frames
                    .anyMatch(f -> f.getClassName().startsWith("ca.uhn.fhir.parser.")
                            || f.getClassName().equals(R4Json.class.getName())));
            largestWrite = Math.max(largestWrite, len);
            writes++;
            super.write(b, off, len);
        }

        @Override
        public synchronized void write(int b) {
            largestWrite = Math.max(largestWrite, 1);
            writes++;
            super.write(b);
        }
    }
}
