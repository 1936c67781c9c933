package org.dicom2fhir.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading files back with pydicom and dcmdump in tests. */
final class OracleSupport {
    private OracleSupport() {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Prints a JSON summary of one file: meta TS, UIDs, decoded names and text, pixel data shape. */
    static final String SUMMARY_SCRIPT = String.join("\n",
            "import sys, json, pydicom",
            "from pydicom.encaps import decode_data_sequence",
            "ds = pydicom.dcmread(sys.argv[1], force=True)",
            "encapsulated = len(sys.argv) > 2 and sys.argv[2] == 'encapsulated'",
            "fm = getattr(ds, 'file_meta', None)",
            "def s(v):",
            "    return None if v is None else str(v)",
            "out = {",
            "  'ts': s(fm.get('TransferSyntaxUID')) if fm is not None else None,",
            "  'mediaSopClass': s(fm.get('MediaStorageSOPClassUID')) if fm is not None else None,",
            "  'mediaSop': s(fm.get('MediaStorageSOPInstanceUID')) if fm is not None else None,",
            "  'sopClass': s(ds.get('SOPClassUID')), 'sop': s(ds.get('SOPInstanceUID')),",
            "  'study': s(ds.get('StudyInstanceUID')), 'series': s(ds.get('SeriesInstanceUID')),",
            "  'name': s(ds.get('PatientName')), 'description': s(ds.get('StudyDescription')),",
            "  'history': s(ds.get('AdditionalPatientHistory')),",
            "  'items': [s(i.get('CodeMeaning')) for i in ds.get('ProcedureCodeSequence', [])],",
            "}",
            "if 'PixelData' in ds:",
            "    if encapsulated:",
            "        out['fragments'] = [len(f) for f in decode_data_sequence(ds.PixelData)]",
            "    else:",
            "        out['pixelBytes'] = len(ds.PixelData)",
            "print(json.dumps(out, ensure_ascii=False))");

    static JsonNode pydicomSummary(Path file, boolean encapsulated) throws Exception {
        String out = encapsulated ? Oracles.python(SUMMARY_SCRIPT, file.toString(), "encapsulated").stdoutOrFail()
                : Oracles.python(SUMMARY_SCRIPT, file.toString()).stdoutOrFail();
        return JSON.readTree(out);
    }

    private static final Pattern DUMP_LINE = Pattern.compile("^\\s*\\(([0-9a-f]{4}),([0-9a-f]{4})\\) (\\w\\w) (?:\\[(.*?)\\]|=(\\S+))?",
            Pattern.CASE_INSENSITIVE);

    /** Top-level and nested values dcmdump printed, by tag "(gggg,eeee)" (upper case); the first occurrence wins. */
    static Map<String, String> dcmdumpValues(String dump) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : dump.split("\n")) {
            Matcher m = DUMP_LINE.matcher(line);
            if (m.find()) {
                String tag = ("(" + m.group(1) + "," + m.group(2) + ")").toUpperCase();
                String value = m.group(4) != null ? m.group(4) : m.group(5);
                values.putIfAbsent(tag, value);
            }
        }
        return values;
    }
}
