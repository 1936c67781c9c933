package org.dicom2fhir.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.dicom2fhir.api.Disposition;
import org.dicom2fhir.api.ReasonCode;
import org.dicom2fhir.api.model.InstanceData;
import java.util.function.Function;
import org.dicom2fhir.api.model.SeriesData;
import org.dicom2fhir.api.model.StudyData;
import org.dicom2fhir.testkit.Oracles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every file of Debian's python3-pydicom test data ({@code test_files/**} and {@code charset_files/*}),
 * copied (no links) into a temporary folder, converted alone and all together in split mode. Files
 * pydicom reads with all three UIDs give the instance pydicom describes (SOP Instance, SOP Class, Study
 * and Series UID, patient name); the others end skipped or failed with a documented reason; nothing
 * escapes and no file is missing from a report. Skipped where pydicom is absent.
 */
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class PydicomCorpusTest {
    /**
     * Per file: path, pydicom's verdict (ok / dicomdir / error), study, series, SOP instance, SOP class, patient
     * name, then the attributes of {@link #ATTRIBUTES} (multiple values joined with a backslash, empty ones left
     * out, names without trailing separators).
     */
    private static final String DESCRIBE = String.join("\n",
            "import os, sys, pydicom",
            "from pydicom.multival import MultiValue",
            "root = sys.argv[1]",
            "KEYS = ('ReferringPhysicianName', 'PerformingPhysicianName', 'OperatorsName',"
                    + " 'NameOfPhysiciansReadingStudy', 'StudyID', 'Manufacturer', 'ManufacturerModelName',"
                    + " 'DeviceSerialNumber', 'StationName', 'InstitutionName', 'InstitutionalDepartmentName')",
            "def val(ds, k):",
            "    try:",
            "        v = ds.get(k, None)",
            "    except Exception:",
            "        return '<error>'  # pydicom cannot decode it: nothing to compare",
            "    vs = list(v) if isinstance(v, MultiValue) else ([] if v is None else [v])",
            "    vs = [str(x).strip('\\x00 ').rstrip('=^ ').replace('\\t', ' ').replace('\\n', ' ') for x in vs]",
            "    return '\\\\'.join(x for x in vs if x)",
            "for d, dirs, files in os.walk(root):",
            "    dirs.sort()",
            "    for f in sorted(files):",
            "        p = os.path.join(d, f)",
            "        rel = os.path.relpath(p, root)",
            "        try:",
            "            ds = pydicom.dcmread(p, stop_before_pixels=True, force=True)",
            "            meta = getattr(ds, 'file_meta', None) or {}",
            "            msc = str(meta.get('MediaStorageSOPClassUID', '') and meta.MediaStorageSOPClassUID).strip()",
            "            if msc == '1.2.840.10008.1.3.10' or 'DirectoryRecordSequence' in ds:",
            "                print('\\t'.join([rel, 'dicomdir', '', '', '', '', ''] + [''] * len(KEYS)))",
            "                continue",
            "            vals = [str(ds.get(k, '')).strip('\\x00 ') for k in ('StudyInstanceUID', 'SeriesInstanceUID', 'SOPInstanceUID')]",
            "            cls = str(ds.get('SOPClassUID', '')).strip('\\x00 ') or msc",
            "            name = str(ds.get('PatientName', '')).rstrip('=^ ')",
            "            extra = [val(ds, k) for k in KEYS]",
            "            print('\\t'.join([rel, 'ok' if all(vals) and cls else 'incomplete'] + vals + [cls, name] + extra))",
            "        except Exception as e:",
            "            print('\\t'.join([rel, 'error', '', '', '', '', ''] + [''] * len(KEYS)))");

    /** Our reading of the attributes the script prints after the patient name, in its order. */
    private static final List<Function<InstanceFacts, String>> ATTRIBUTES = List.of(
            f -> f.study().referrer() == null ? null : f.study().referrer().name(),
            f -> names(f.series().performers()), f -> names(f.series().operators()),
            f -> names(f.study().readers()), f -> f.study().studyId(),
            f -> f.series().equipment() == null ? null : f.series().equipment().manufacturer(),
            f -> f.series().equipment() == null ? null : f.series().equipment().model(),
            f -> f.series().equipment() == null ? null : f.series().equipment().serialNumber(),
            f -> f.series().equipment() == null ? null : f.series().equipment().station(),
            f -> f.series().institution(), f -> f.series().department());

    private static String names(List<InstanceFacts.Person> people) {
        return String.join("\\", people.stream().map(InstanceFacts.Person::name).filter(n -> n != null).toList());
    }

    /** As the script normalises: trimmed, no trailing name separators, tabs and newlines as spaces. */
    private static String normalised(String value) {
        if (value == null) {
            return "";
        }
        return value.replaceAll("[\\x00 ]+$", "").replaceAll("^[\\x00 ]+", "").replaceAll("[=^ ]+$", "")
                .replace('\t', ' ').replace('\n', ' ');
    }

    private static final java.util.regex.Pattern FHIR_ID = java.util.regex.Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    /** Reasons a file of other people's test data may legitimately have when it is not included. */
    private static final Set<ReasonCode> DOCUMENTED = Set.of(ReasonCode.NOT_DICOM, ReasonCode.DICOMDIR,
            ReasonCode.NOT_AN_INSTANCE, ReasonCode.TRUNCATED, ReasonCode.LENGTH_EXCEEDS_FILE, ReasonCode.MISSING_UIDS,
            ReasonCode.MISSING_SOP_CLASS, ReasonCode.INVALID_UID, ReasonCode.UNSUPPORTED_TRANSFER_SYNTAX,
            ReasonCode.MALFORMED);

    record Oracle(String path, String verdict, String study, String series, String sop, String sopClass, String name,
            List<String> attributes) {
        boolean describesAnInstance() {
            return verdict.equals("ok") && FHIR_ID.matcher(series).matches() && FHIR_ID.matcher(sop).matches();
        }
    }

    @TempDir
    static Path tmp;

    private static Path corpus;
    private static Map<String, Oracle> oracle;
    private static Converter converter;

    @BeforeAll
    static void setUp() throws IOException {
        corpus = copyCorpus(tmp.resolve("corpus"));
        oracle = new TreeMap<>();
        String out = Oracles.python(DESCRIBE, corpus.toString()).stdoutOrFail();
        out.lines().filter(l -> !l.isBlank()).map(l -> l.split("\t", -1))
                .forEach(c -> oracle.put(c[0], new Oracle(c[0], c[1], c[2], c[3], c[4], c[5], c[6],
                        List.of(c).subList(7, c.length))));
        converter = Converter.builder().reader("part10").writer(FakeWriter.provider()).split(true).build();
    }

    /** pydicom's test and character-set files copied under {@code to} (the test is skipped without pydicom). */
    static Path copyCorpus(Path to) throws IOException {
        Oracles.assumePydicom();
        copyTree(Oracles.PYDICOM_TEST_FILES, to.resolve("test_files"));
        copyTree(Oracles.PYDICOM_CHARSET_FILES, to.resolve("charset_files"));
        return to;
    }

    /** Regular files only, copied (symbolic links would be skipped, and the corpus has none to keep). */
    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                Files.createDirectories(target.getParent());
                Files.copy(p, target);
            }
        }
    }

    /** A conversion's report, whether it converted something or nothing. */
    private static ConversionResultOrReport convert(Path dir) throws IOException {
        try {
            ConversionResult result = converter.convert(dir);
            return new ConversionResultOrReport(result.studies(), result.report());
        } catch (NoDicomFilesException e) {
            return new ConversionResultOrReport(List.of(), e.report());
        }
    }

    record ConversionResultOrReport(List<StudyData> studies, ConversionReport report) {
        /** SOP Instance UID -> [study UID, series UID, SOP class]. */
        Map<String, List<String>> instances() {
            Map<String, List<String>> map = new HashMap<>();
            for (StudyData study : studies) {
                String studyUid = study.studyInstanceUid();
                for (SeriesData series : study.series()) {
                    for (InstanceData instance : series.instances()) {
                        map.put(instance.uid(), List.of(studyUid, series.uid(), instance.sopClass().code().substring("urn:oid:".length())));
                    }
                }
            }
            return map;
        }
    }

    @Test
    void eachFileAloneEndsAsPydicomAndTheRuleSay() throws IOException {
        assertThat(oracle).hasSizeGreaterThan(150);
        int included = 0;
        int attributesCompared = 0;
        int n = 0;
        List<String> problems = new ArrayList<>();
        for (Oracle o : oracle.values()) {
            Path alone = Files.createDirectories(tmp.resolve("alone").resolve(Integer.toString(n++)));
            Path source = corpus.resolve(o.path());
            String name = source.getFileName().toString();
            Files.copy(source, alone.resolve(name));
            ConversionResultOrReport r = convert(alone);
            // one entry per file; pydicom's DICOM JSON files (test1.json, ...) one per instance, name#index
            assertThat(r.report().files()).as(o.path()).isNotEmpty()
                    .allSatisfy(x -> assertThat(fileOf(x.path())).isEqualTo(name));
            if (!name.endsWith(".json")) {
                assertThat(r.report().files()).as(o.path()).hasSize(1);
            }
            FileReport f = r.report().files().get(0);
            String where = o + " -> " + f;
            if (o.describesAnInstance()) {
                if (f.disposition() != Disposition.INCLUDED) {
                    problems.add("pydicom reads an instance, we did not: " + where);
                    continue;
                }
                included++;
                assertThat(r.instances()).as(where).containsOnlyKeys(o.sop());
                assertThat(r.instances().get(o.sop())).as(where).containsExactly(o.study(), o.series(), o.sopClass());
                FileOutcome read = converter.readFile(alone.resolve(name), name).get(0);
                String ours = read.facts().patient().name();
                assertThat(ours == null ? "" : ours.replaceAll("[=^ ]+$", "")).as(where).isEqualTo(o.name());
                for (int i = 0; i < ATTRIBUTES.size(); i++) {
                    String value = normalised(ATTRIBUTES.get(i).apply(read.facts()));
                    if (!value.isEmpty() || !o.attributes().get(i).isEmpty()) {
                        attributesCompared++;
                    }
                    if (!o.attributes().get(i).equals("<error>")) {
                        assertThat(value).as("attribute %d of %s", i, where).isEqualTo(o.attributes().get(i));
                    }
                }
            } else if (o.verdict().equals("dicomdir")) {
                assertThat(f.reason()).as(where).isEqualTo(ReasonCode.DICOMDIR);
            } else if (f.disposition() != Disposition.INCLUDED) {
                assertThat(f.reason()).as(where).isIn(DOCUMENTED);
                assertThat(f.message()).as(where).isNotBlank().doesNotContain("internal error");
            }
        }
        assertThat(problems).isEmpty();
        assertThat(included).isGreaterThan(100);
        assertThat(attributesCompared).as("values of the new attributes compared with pydicom's").isGreaterThan(100);
    }

    @Test
    void theWholeCorpusTogetherIncludesEachInstanceOnceAndReportsEveryFile() throws IOException {
        ConversionResult result = converter.convert(corpus);
        ConversionReport report = result.report();

        assertThat(report.files()).extracting(FileReport::path).doesNotHaveDuplicates();
        assertThat(report.files().stream().map(x -> fileOf(x.path())).distinct().toList())
                .containsExactlyInAnyOrderElementsOf(oracle.keySet());
        Map<String, List<String>> instances = new ConversionResultOrReport(result.studies(), report).instances();
        Set<String> expectedSops = new HashSet<>();
        for (Oracle o : oracle.values()) {
            FileReport f = report.files().stream().filter(x -> fileOf(x.path()).equals(o.path())).findFirst().orElseThrow();
            String where = o + " -> " + f;
            if (o.describesAnInstance()) {
                expectedSops.add(o.sop());
                assertThat(f.disposition() == Disposition.INCLUDED || f.reason() == ReasonCode.DUPLICATE_INSTANCE).as(where).isTrue();
                assertThat(instances).as(where).containsKey(o.sop());
            } else if (o.verdict().equals("dicomdir")) {
                assertThat(f.reason()).as(where).isEqualTo(ReasonCode.DICOMDIR);
            } else if (f.disposition() != Disposition.INCLUDED) {
                assertThat(f.reason()).as(where).isIn(union(DOCUMENTED, ReasonCode.DUPLICATE_INSTANCE));
            }
        }
        assertThat(instances.keySet()).containsAll(expectedSops);
        assertThat(report.totals().included()).isEqualTo(instances.size());
        assertThat(report.totals().files()).isGreaterThanOrEqualTo(oracle.size());
    }

    /** The file of a report entry: a DICOM JSON instance's path without its {@code #index}. */
    private static String fileOf(String reportPath) {
        int hash = reportPath.lastIndexOf('#');
        return hash > 0 && reportPath.substring(hash + 1).chars().allMatch(Character::isDigit) ? reportPath.substring(0, hash)
                : reportPath;
    }

    private static Set<ReasonCode> union(Set<ReasonCode> set, ReasonCode one) {
        Set<ReasonCode> all = new HashSet<>(set);
        all.add(one);
        return all;
    }
}
