package org.dicom2fhir.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.dicom2fhir.api.Disposition;
import org.dicom2fhir.api.ReasonCode;
import org.dicom2fhir.api.model.InstanceData;
import org.dicom2fhir.api.model.SeriesData;
import org.dicom2fhir.api.model.StudyData;
import org.dicom2fhir.api.spi.FhirRelease;
import org.dicom2fhir.api.spi.FhirValidator;
import org.dicom2fhir.api.spi.OutputFormat;
import org.dicom2fhir.api.spi.ValidationIssue;
import org.dicom2fhir.api.spi.WriteOptions;
import org.dicom2fhir.testkit.Oracles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Folders and files written by other people's tools (Debian's python3-pydicom test data) convert to
 * what an independent reader (pydicom) says they hold. Skipped where the package is absent.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class IndependentFilesTest {
    private static final Path DICOMDIR_TESTS = Oracles.PYDICOM_TEST_FILES.resolve("dicomdirtests");

    /** Per file pydicom reads: relative path, study, series, SOP instance UID, SOP class UID, patient name. */
    private static final String LIST_FILES = String.join("\n",
            "import os, sys, pydicom",
            "root = sys.argv[1]",
            "for d, dirs, files in os.walk(root):",
            "    dirs.sort()",
            "    for f in sorted(files):",
            "        p = os.path.join(d, f)",
            "        try:",
            "            ds = pydicom.dcmread(p, stop_before_pixels=True)",
            "        except Exception:",
            "            continue",
            "        if str(ds.file_meta.get('MediaStorageSOPClassUID', '')) == '1.2.840.10008.1.3.10':",
            "            continue",
            "        vals = [str(ds.get(k, '')).strip() for k in ('StudyInstanceUID', 'SeriesInstanceUID', 'SOPInstanceUID', 'SOPClassUID')]",
            "        if not all(vals[:3]):",
            "            continue",
            "        name = str(ds.get('PatientName', '')).rstrip('=^ ')",
            "        print('\\t'.join([os.path.relpath(p, root)] + vals + [name]))");

    private static FhirValidator validator;

    private record PydicomFile(String path, String study, String series, String sop, String sopClass, String name) {
    }

    @BeforeAll
    static void setUp() {
        Oracles.assumePydicom();
        validator = Backends.discover().validator(null);
    }

    private static List<PydicomFile> pydicomFiles(Path folder) {
        String out = Oracles.python(LIST_FILES, folder.toString()).stdoutOrFail();
        return out.lines().filter(l -> !l.isBlank()).map(l -> l.split("\t", -1))
                .map(c -> new PydicomFile(c[0], c[1], c[2], c[3], c[4], c[5])).toList();
    }

    private static Set<String> triples(List<StudyData> studies) {
        Set<String> triples = new TreeSet<>();
        for (StudyData study : studies) {
            String studyUid = study.studyInstanceUid();
            for (SeriesData series : study.series()) {
                for (InstanceData instance : series.instances()) {
                    triples.add(studyUid + " " + series.uid() + " " + instance.uid());
                }
            }
        }
        return triples;
    }

    private static void assertValid(ConversionResult result) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        result.writeTo(out, WriteOptions.json());
        List<ValidationIssue> errors = validator.validate(out.toByteArray(), OutputFormat.JSON, FhirRelease.R4)
                .stream().filter(ValidationIssue::isError).toList();
        assertThat(errors).as("validation errors of %s", out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    static Stream<String> patientFolders() {
        return Stream.of("77654033", "98892001", "98892003", "TINY_ALPHA");
    }

    @ParameterizedTest
    @MethodSource("patientFolders")
    void eachPatientFolderOfPydicomsDicomdirTestsHoldsTheInstancesPydicomFinds(String folder) throws IOException {
        Path dir = DICOMDIR_TESTS.resolve(folder);
        List<PydicomFile> expected = pydicomFiles(dir);
        assertThat(expected).isNotEmpty();

        ConversionResult result = Converter.builder().split(true).build().convert(dir);

        assertThat(triples(result.studies())).isEqualTo(expected.stream()
                .map(f -> f.study() + " " + f.series() + " " + f.sop()).collect(Collectors.toCollection(TreeSet::new)));
        Map<String, String> sopClassOfInstance = new HashMap<>();
        result.studies().forEach(s -> s.series().forEach(se -> se.instances()
                .forEach(i -> sopClassOfInstance.put(i.uid(), i.sopClass().code()))));
        for (PydicomFile f : expected) {
            assertThat(sopClassOfInstance.get(f.sop())).as(f.path()).isEqualTo("urn:oid:" + f.sopClass());
        }
        assertThat(result.report().totals().failed()).isZero();
        assertValid(result);
    }

    @Test
    void theWholeDicomdirTestsFolderIsSeveralStudiesNamedWithTheirFileCounts() {
        Map<String, Integer> expected = new HashMap<>();
        for (PydicomFile f : pydicomFiles(DICOMDIR_TESTS)) {
            expected.merge(f.study(), 1, Integer::sum);
        }
        assertThat(expected).hasSizeGreaterThan(1);

        assertThatThrownBy(() -> Converter.builder().build().convert(DICOMDIR_TESTS))
                .isInstanceOfSatisfying(MultipleStudiesException.class, e -> {
                    assertThat(e.filesPerStudy()).isEqualTo(expected);
                    expected.keySet().forEach(uid -> assertThat(e.getMessage()).contains(uid));
                    assertThat(e.report().files()).filteredOn(f -> f.path().startsWith("DICOMDIR"))
                            .isNotEmpty()
                            .allSatisfy(f -> assertThat(f.reason()).isIn(ReasonCode.DICOMDIR, ReasonCode.NOT_DICOM));
                });
    }

    @Test
    void splitModeGivesOneValidImagingStudyPerStudyOfTheFolder() throws IOException {
        List<PydicomFile> expected = pydicomFiles(DICOMDIR_TESTS);
        ConversionResult result = Converter.builder().split(true).build().convert(DICOMDIR_TESTS);

        assertThat(triples(result.studies())).isEqualTo(expected.stream()
                .map(f -> f.study() + " " + f.series() + " " + f.sop()).collect(Collectors.toCollection(TreeSet::new)));
        assertThat(result.report().files(Disposition.SKIPPED)).extracting(FileReport::reason)
                .contains(ReasonCode.DICOMDIR);
        assertValid(result);
    }

    static Stream<Path> charsetFiles() throws IOException {
        if (!Files.isDirectory(Oracles.PYDICOM_CHARSET_FILES)) {
            return Stream.empty();
        }
        try (Stream<Path> files = Files.list(Oracles.PYDICOM_CHARSET_FILES)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".dcm")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("charsetFiles")
    void eachCharsetFileAloneGivesThePatientNamePydicomDecodes(Path file) throws IOException {
        List<PydicomFile> expected = pydicomFiles(file.getParent()).stream()
                .filter(f -> f.path().equals(file.getFileName().toString())).toList();
        org.junit.jupiter.api.Assumptions.assumeFalse(expected.isEmpty(), "pydicom cannot read " + file.getFileName());
        PydicomFile oracle = expected.get(0);

        Converter converter = Converter.builder().build();
        FileOutcome outcome = converter.readFile(file, file.getFileName().toString()).get(0);
        assertThat(outcome.report().disposition()).isEqualTo(Disposition.INCLUDED);
        String name = outcome.facts().patient().name();
        assertThat(name == null ? "" : name.replaceAll("[=^ ]+$", "")).isEqualTo(oracle.name());

        StudyConversion study = converter.mapStudy(List.of(outcome.facts()));
        assertThat(study.study().series().get(0).instances().get(0).uid()).isEqualTo(oracle.sop());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        converter.writer().write(study.study(), out, WriteOptions.json());
        List<ValidationIssue> errors = validator.validate(out.toByteArray(), OutputFormat.JSON, FhirRelease.R4)
                .stream().filter(ValidationIssue::isError).toList();
        assertThat(errors).isEmpty();
    }
}
