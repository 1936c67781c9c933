package org.dicom2fhir.reader.part10;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.dicom2fhir.api.dicom.DicomReadException;
import org.dicom2fhir.api.dicom.DicomReadResult;
import org.dicom2fhir.api.dicom.NotDicomException;
import org.dicom2fhir.api.dicom.ReadOptions;
import org.dicom2fhir.api.dicom.Tags;
import org.dicom2fhir.api.spi.DicomReader;
import org.junit.jupiter.api.Test;

/** Every file pydicom ships for its own tests, read by us and by pydicom: same UIDs, no stray exception. */
class PydicomFilesTest {
    private static final String SCRIPT = String.join("\n",
            "import sys, warnings",
            "warnings.simplefilter('ignore')",
            "import pydicom",
            "def s(ds, k):",
            "    v = ds.get(k)",
            "    return '' if v is None else str(v)",
            "for f in sys.argv[1:]:",
            "    try:",
            "        ds = pydicom.dcmread(f, stop_before_pixels=True)",
            "        how = 'read'",
            "    except Exception:",
            "        try:",
            "            ds = pydicom.dcmread(f, stop_before_pixels=True, force=True)",
            "            ds.get('SOPInstanceUID')",
            "            how = 'forced'",
            "        except Exception:",
            "            print(f + '\\tfailed')",
            "            continue",
            "    try:",
            "        row = [how] + [s(ds, k) for k in ('StudyInstanceUID', 'SeriesInstanceUID', 'SOPInstanceUID', 'SOPClassUID', 'PatientName')]",
            "    except Exception:",
            "        row = ['failed']",
            "    print(f + '\\t' + '\\t'.join(x.replace('\\t', ' ').replace('\\n', ' ') for x in row))");

    private final DicomReader reader = new Part10ReaderProvider().create();

    @Test
    void agreesWithPydicomOnEveryTestFile() throws Exception {
        Pydicom.assume(Pydicom.TEST_FILES);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Pydicom.TEST_FILES)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        Map<String, List<String>> oracle = Pydicom.table(SCRIPT, files);
        assertThat(oracle).hasSize(files.size());

        SoftAssertions soft = new SoftAssertions();
        int compared = 0;
        for (Path file : files) {
            List<String> py = oracle.get(file.toString());
            String how = py.get(0);
            DicomReadResult ours = null;
            try {
                ours = reader.read(file, ReadOptions.defaults());
            } catch (NotDicomException e) {
                soft.assertThat(how).as("%s: pydicom reads it, we say not DICOM", file).isNotEqualTo("read");
                continue;
            } catch (DicomReadException e) {
                soft.assertThat(how).as("%s: pydicom reads it, we fail: %s", file, e.getMessage()).isNotEqualTo("read");
                continue;
            } catch (Exception e) {
                soft.fail("%s: unexpected %s", file, e);
                continue;
            }
            if (how.equals("failed") || py.get(3).isEmpty()) {
                continue; // nothing to compare: pydicom has no instance UID either
            }
            compared++;
            soft.assertThat(ours.dataSet().string(Tags.STUDY_INSTANCE_UID)).as("%s study", file).isEqualTo(orNull(py.get(1)));
            soft.assertThat(ours.dataSet().string(Tags.SERIES_INSTANCE_UID)).as("%s series", file).isEqualTo(orNull(py.get(2)));
            soft.assertThat(ours.dataSet().string(Tags.SOP_INSTANCE_UID)).as("%s instance", file).isEqualTo(py.get(3));
            soft.assertThat(ours.dataSet().string(Tags.SOP_CLASS_UID)).as("%s class", file).isEqualTo(orNull(py.get(4)));
            if (!py.get(5).isEmpty()) {
                soft.assertThat(ours.dataSet().string(Tags.PATIENT_NAME)).as("%s name", file).isEqualTo(py.get(5));
            }
        }
        soft.assertAll();
        assertThat(compared).isGreaterThan(100);
    }

    private static String orNull(String s) {
        return s.isEmpty() ? null : s;
    }
}
