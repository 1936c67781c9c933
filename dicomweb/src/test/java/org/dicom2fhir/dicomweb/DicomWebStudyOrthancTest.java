package org.dicom2fhir.dicomweb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dicom2fhir.api.Disposition;
import org.dicom2fhir.core.ConversionResult;
import org.dicom2fhir.core.Converter;
import org.dicom2fhir.core.FileReport;
import org.dicom2fhir.core.RunOptions;
import org.dicom2fhir.http.BasicCredentials;
import org.dicom2fhir.testkit.GeneratedStudy;
import org.dicom2fhir.testkit.StudyGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link DicomWebStudy} against a real PACS: Orthanc with its DICOMweb plugin ({@link OrthancServer}), one without
 * and one with HTTP Basic authentication, started once for the class.
 */
class DicomWebStudyOrthancTest {
    private static final Path SAMPLE = Path.of("..", "samples", "ct-chest");
    private static final String SAMPLE_UID = "2.25.269364087422272050427759780864141531954";

    @TempDir
    static Path tmp;
    private static OrthancServer orthanc;
    private static OrthancServer guarded;
    private static GeneratedStudy generated;
    private static Path generatedFolder;

    @BeforeAll
    static void startOrthanc() throws Exception {
        orthanc = OrthancServer.start(Files.createDirectories(tmp.resolve("open")));
        guarded = OrthancServer.start(Files.createDirectories(tmp.resolve("guarded")), "alice", "wonder:land");
        System.out.println("Orthanc ready in " + orthanc.startUp.toMillis() + " ms, with Basic authentication in "
                + guarded.startUp.toMillis() + " ms");
        assertThat(orthanc.uploadFolder(SAMPLE)).isEmpty();
        assertThat(guarded.uploadFolder(SAMPLE)).isEmpty();
        generated = StudyGenerator.builder().seed(16).series(4).instancesPerSeries(5).build();
        generatedFolder = Files.createDirectories(tmp.resolve("generated"));
        generated.writeTo(generatedFolder);
        assertThat(orthanc.uploadFolder(generatedFolder)).isEmpty();
    }

    @AfterAll
    static void stopOrthanc() throws Exception {
        if (orthanc != null) {
            orthanc.close();
        }
        if (guarded != null) {
            guarded.close();
        }
    }

    @Test
    void theSampleStudyFromOrthancEqualsTheFolderConversionExceptTheEndpoint() throws Exception {
        DicomWebStudy study = DicomWebStudy.builder(orthanc.studyUrl(SAMPLE_UID)).build();
        Converter web = Conversions.converter(study.baseUrl().toString(), false);
        ConversionResult fromWeb = web.convert(study, RunOptions.defaults());
        Converter folder = Conversions.converter(null, false);
        ConversionResult fromFolder = folder.convert(SAMPLE);

        JsonNode webTree = Conversions.validatedTrees(web, fromWeb).get(0);
        JsonNode folderTree = Conversions.validatedTrees(folder, fromFolder).get(0);
        assertThat(Conversions.withoutEndpoint(webTree)).isEqualTo(folderTree);
        assertThat(webTree.path("endpoint").get(0).path("reference").asText()).isEqualTo("#endpoint");
        assertThat(webTree.path("contained").findValue("address").asText()).isEqualTo(orthanc.dicomWebBase());
        assertThat(fromWeb.report().files()).extracting(FileReport::path)
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 12).mapToObj(i -> "metadata#" + i).toList());
        assertThat(fromWeb.report().totals().included()).isEqualTo(12);
    }

    @Test
    void aStudyAboveTheThresholdIsFetchedSeriesBySeriesWithTheSameResult() throws Exception {
        String url = orthanc.studyUrl(generated.studyInstanceUid());
        Converter converter = Conversions.converter(orthanc.dicomWebBase(), false);
        ConversionResult whole = converter.convert(DicomWebStudy.builder(url).build(), RunOptions.defaults());
        ConversionResult bySeries = converter.convert(DicomWebStudy.builder(url).seriesThreshold(19).build(),
                RunOptions.defaults());

        assertThat(whole.report().files()).allSatisfy(f -> assertThat(f.path()).startsWith("metadata#"));
        assertThat(bySeries.report().files()).hasSize(20).allSatisfy(f -> {
            assertThat(f.path()).matches("series/[0-9.]+/metadata#[0-4]");
            assertThat(f.disposition()).isEqualTo(Disposition.INCLUDED);
        });
        assertThat(Conversions.validatedTrees(converter, bySeries)).isEqualTo(Conversions.validatedTrees(converter, whole));
        assertThat(Conversions.withoutEndpoint(Conversions.validatedTrees(converter, whole).get(0))).isEqualTo(
                Conversions.validatedTrees(Conversions.converter(null, false),
                        Conversions.converter(null, false).convert(generatedFolder)).get(0));
    }

    @Test
    void basicCredentialsFromAFileOpenAGuardedOrthanc() throws Exception {
        Path file = Files.writeString(tmp.resolve("pacs-credentials"), "alice:wonder:land\n");
        DicomWebStudy study = DicomWebStudy.builder(guarded.studyUrl(SAMPLE_UID))
                .credentials(BasicCredentials.fromFile(file)).build();
        ConversionResult result = Conversions.converter(null, false).convert(study, RunOptions.defaults());
        assertThat(result.report().totals().included()).isEqualTo(12);
        assertThat(study.toString()).doesNotContain("alice").doesNotContain("wonder");
    }

    @Test
    void withoutOrWithWrongCredentialsTheStudyIsRefusedWithTheStatusInTheSentence() throws Exception {
        Path wrong = Files.writeString(tmp.resolve("wrong-credentials"), "alice:guess\n");
        assertThatThrownBy(() -> Conversions.converter(null, false).convert(
                DicomWebStudy.builder(guarded.studyUrl(SAMPLE_UID)).build(), RunOptions.defaults()))
                .isInstanceOf(DicomWebException.class).hasMessageContaining("HTTP 401")
                .hasMessageContaining("--dicomweb-credentials-file")
                .satisfies(e -> assertThat(((DicomWebException) e).status()).isEqualTo(401));
        assertThatThrownBy(() -> Conversions.converter(null, false).convert(
                DicomWebStudy.builder(guarded.studyUrl(SAMPLE_UID)).credentials(BasicCredentials.fromFile(wrong)).build(),
                RunOptions.defaults()))
                .isInstanceOf(DicomWebException.class).hasMessageContaining("HTTP 401")
                .hasMessageContaining("check the credentials").hasMessageNotContaining("guess");
    }

    @Test
    void aStudyOrthancDoesNotHoldIsA404NamingTheUid() {
        assertThatThrownBy(() -> Conversions.converter(null, false).convert(
                DicomWebStudy.builder(orthanc.studyUrl("1.2.3.404")).build(), RunOptions.defaults()))
                .isInstanceOf(DicomWebException.class)
                .hasMessageContaining("HTTP 404").hasMessageContaining("1.2.3.404");
    }

    @Test
    void orthancCompressesTheMetadataWhenAskedAndTheBodyIsInflatedAgainstTheLimit() throws Exception {
        // Orthanc's metadata of the sample is about 60 KB inflated, a few KB gzipped: the inflated bytes count
        DicomWebStudy study = DicomWebStudy.builder(orthanc.studyUrl(SAMPLE_UID)).maxResponseBytes(30_000).build();
        ConversionResult result = Conversions.converter(null, false).convert(study, RunOptions.defaults());
        List<FileReport> failed = result.report().files(Disposition.FAILED);
        assertThat(failed).hasSize(1).first().satisfies(f -> {
            assertThat(f.reason()).isEqualTo(org.dicom2fhir.api.ReasonCode.RESPONSE_TOO_LARGE);
            assertThat(f.message()).contains("--max-response-mib");
        });
        assertThat(result.report().totals().included()).isBetween(1, 11);
    }
}
