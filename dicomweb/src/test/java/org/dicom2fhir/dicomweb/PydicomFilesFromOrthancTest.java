package org.dicom2fhir.dicomweb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.dicom2fhir.api.Disposition;
import org.dicom2fhir.core.ConversionResult;
import org.dicom2fhir.core.Converter;
import org.dicom2fhir.core.FileReport;
import org.dicom2fhir.core.InstanceFacts;
import org.dicom2fhir.core.RunOptions;
import org.dicom2fhir.testkit.Oracles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The equality acceptance of issue 16 on independent files: every pydicom test file (python3-pydicom's
 * {@code test_files} and {@code charset_files}) is uploaded to Orthanc; for every study Orthanc stores, the DICOMweb
 * conversion equals the conversion of the stored files as a folder, as JSON trees, except the Endpoint and the
 * differences named below (docs/dicomweb.md). Every output is validated with validator-hapi.
 */
class PydicomFilesFromOrthancTest {
    /**
     * The files Orthanc 1.10 refuses ({@code POST /instances} does not answer 200), in upload order: no DICOM (text,
     * JSON, dumps, gzip), DICOMDIRs, files without File Meta or transfer syntax, cut files, and a few whose private
     * or undefined-length sequences or character sets it cannot parse.
     */
    static final List<String> REFUSED = List.of(
            "test_files/MR_truncated.dcm",
            "test_files/README.txt",
            "test_files/SC_rgb_jpeg.dcm",
            "test_files/UN_sequence.dcm",
            "test_files/dicomdirtests/DICOMDIR",
            "test_files/dicomdirtests/DICOMDIR-bigEnd",
            "test_files/dicomdirtests/DICOMDIR-empty.dcm",
            "test_files/dicomdirtests/DICOMDIR-implicit",
            "test_files/dicomdirtests/DICOMDIR-nooffset",
            "test_files/dicomdirtests/DICOMDIR-nopatient",
            "test_files/dicomdirtests/DICOMDIR-reordered",
            "test_files/dicomdirtests/README.txt",
            "test_files/dicomdirtests/TINY_ALPHA/DICOMDIR",
            "test_files/dicomdirtests/TINY_ALPHA/README",
            "test_files/empty_charset_LEI.dcm",
            "test_files/meta_missing_tsyntax.dcm",
            "test_files/nested_priv_SQ.dcm",
            "test_files/no_meta.dcm",
            "test_files/no_meta_group_length.dcm",
            "test_files/priv_SQ.dcm",
            "test_files/rtplan.dump",
            "test_files/rtplan_truncated.dcm",
            "test_files/rtstruct.dump",
            "test_files/test1.json",
            "test_files/test_PN.json",
            "test_files/zipMR.gz",
            "charset_files/FileInfo.txt",
            "charset_files/chrSQEncoding.dcm",
            "charset_files/chrSQEncoding1.dcm");

    /**
     * Studies whose conversions differ, by the files they are made of, and why: what DICOMweb cannot carry (the
     * File Meta) or bytes Orthanc decodes its own way.
     */
    static final Map<String, String> DIFFERENCES = Map.of(
            "charset_files/chrH32.dcm", "ISO 2022 IR 13 with IR 87: Orthanc decodes the ideographic and phonetic groups of"
                    + " the patient's name into other characters (the folder gives 山田^太郎 and やまだ^たろう)",
            "test_files/J2K_pixelrep_mismatch.dcm", "ISO_IR 13: Orthanc decodes byte 0x5C as a yen sign, which joins the"
                    + " values of Image Type into one (the instance's title differs)",
            "test_files/badVR.dcm", "stored by Orthanc, but its DICOMweb plugin answers 404 for the study's metadata");

    @TempDir
    Path tmp;

    @Test
    void everyStudyOrthancStoresConvertsAsItsFilesDoExceptTheNamedDifferences() throws Exception {
        Oracles.assumePydicom();
        try (OrthancServer orthanc = OrthancServer.start(Files.createDirectories(tmp.resolve("orthanc")))) {
            Path stored = Files.createDirectories(tmp.resolve("stored"));
            List<String> refused = new ArrayList<>();
            for (Path root : List.of(Oracles.PYDICOM_TEST_FILES, Oracles.PYDICOM_CHARSET_FILES)) {
                List<Path> files;
                try (Stream<Path> walk = Files.walk(root)) {
                    files = walk.filter(Files::isRegularFile).sorted().toList();
                }
                for (Path file : files) {
                    String name = root.getFileName() + "/" + root.relativize(file);
                    if (orthanc.upload(file) == 200) {
                        Path copy = stored.resolve(name);
                        Files.createDirectories(copy.getParent());
                        Files.copy(file, copy);
                    } else {
                        refused.add(name);
                    }
                }
            }
            System.out.println("Orthanc refused " + refused.size() + " files: " + refused);

            Converter folder = Conversions.converter(null, true);
            ConversionResult fromFolder = folder.convert(stored);
            Map<String, List<String>> filesByStudy = new TreeMap<>();
            for (FileReport report : fromFolder.report().files(Disposition.INCLUDED)) {
                for (InstanceFacts facts : folder.readFile(stored.resolve(report.path()), report.path()).stream()
                        .filter(o -> o.facts() != null).map(o -> o.facts()).toList()) {
                    filesByStudy.computeIfAbsent(facts.studyInstanceUid(), k -> new ArrayList<>()).add(report.path());
                }
            }
            List<JsonNode> folderTrees = Conversions.validatedTrees(folder, fromFolder);
            Map<String, String> differing = new TreeMap<>();
            int equal = 0;
            for (int i = 0; i < fromFolder.studies().size(); i++) {
                String uid = fromFolder.studies().get(i).studyInstanceUid();
                Converter web = Conversions.converter(orthanc.dicomWebBase(), false);
                DicomWebStudy study = DicomWebStudy.builder(orthanc.studyUrl(uid)).build();
                ConversionResult fromWeb;
                try {
                    fromWeb = web.convert(study, RunOptions.defaults());
                } catch (Exception e) {
                    differing.put(String.join(" ", filesByStudy.get(uid)), e.getClass().getSimpleName() + ": " + e.getMessage());
                    continue;
                }
                JsonNode webTree = Conversions.withoutEndpoint(Conversions.validatedTrees(web, fromWeb).get(0));
                if (webTree.equals(folderTrees.get(i))) {
                    equal++;
                } else {
                    differing.put(String.join(" ", filesByStudy.get(uid)), "web " + webTree + "\nfolder " + folderTrees.get(i));
                }
            }
            System.out.println(equal + " studies equal; differing: " + differing.size());
            System.out.println("differing studies (their files): " + differing.keySet());
            assertThat(refused).containsExactlyElementsOf(REFUSED);
            assertThat(differing.keySet()).containsExactlyInAnyOrderElementsOf(DIFFERENCES.keySet());
            assertThat(differing.get("test_files/badVR.dcm")).startsWith("DicomWebException").contains("HTTP 404");
            assertThat(differing.get("charset_files/chrH32.dcm")).startsWith("web ");
            assertThat(differing.get("test_files/J2K_pixelrep_mismatch.dcm")).startsWith("web ").contains("¥");
            assertThat(equal).isGreaterThan(20);
        }
    }
}
