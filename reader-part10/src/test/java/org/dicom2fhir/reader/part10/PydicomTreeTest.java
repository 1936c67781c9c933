package org.dicom2fhir.reader.part10;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.SoftAssertions;
import org.dicom2fhir.api.dicom.DicomDataSet;
import org.dicom2fhir.api.dicom.DicomElement;
import org.dicom2fhir.api.dicom.DicomReadResult;
import org.dicom2fhir.api.dicom.ReadOptions;
import org.dicom2fhir.api.dicom.Tags;
import org.dicom2fhir.api.dicom.Vr;
import org.dicom2fhir.api.spi.DicomReader;
import org.dicom2fhir.testkit.DicomFileSpec;
import org.dicom2fhir.testkit.DicomFileWriter;
import org.dicom2fhir.testkit.DicomObject;
import org.dicom2fhir.testkit.Fixtures;
import org.dicom2fhir.testkit.MappedAttributes;
import org.dicom2fhir.testkit.TransferSyntax;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The extended mapping's attributes as pydicom reads them and as we do: the whole tree (every tag,
 * VR, value and item, at every depth) in every uncompressed layout and in character sets with code
 * extensions. The trees are compared as lines "path tag VR json-values" that both sides print alike.
 */
class PydicomTreeTest {
    /** Prints, per file, its tree as tab-separated lines; bulk values (bytes) are left out on both sides. */
    private static final String SCRIPT = String.join("\n",
            "import sys, json, warnings",
            "warnings.simplefilter('ignore')",
            "import pydicom",
            "from pydicom.multival import MultiValue",
            "def vr(e):",
            "    return str(getattr(e.VR, 'value', e.VR))",
            "def values(v):",
            "    if v is None or v == '':",
            "        return []",
            "    if isinstance(v, (list, MultiValue)):",
            "        return ['' if x is None else str(x) for x in v]",
            "    return [str(v)]",
            "def dump(ds, path, out):",
            "    for e in ds:",
            "        key = path + '%08X' % e.tag",
            "        if vr(e) == 'SQ':",
            "            out.append('%s SQ %d' % (key, len(e.value)))",
            "            for i, item in enumerate(e.value):",
            "                dump(item, key + '/' + str(i) + '/', out)",
            "        elif not isinstance(e.value, bytes):",
            "            out.append('%s %s %s' % (key, vr(e), json.dumps(values(e.value))))",
            "for f in sys.argv[1:]:",
            "    out = []",
            "    dump(pydicom.dcmread(f, stop_before_pixels=True), '', out)",
            "    print(f + '\\t' + '\\t'.join(out))");
    private static final Set<Vr> BULK = Set.of(Vr.OB, Vr.OD, Vr.OF, Vr.OL, Vr.OV, Vr.OW, Vr.UN);

    private final DicomReader reader = new Part10ReaderProvider().create();

    /** The fixtures: every layout of the mapped attributes with per-frame groups, and three-group names. */
    private static Map<String, byte[]> fixtures() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        DicomObject mapped = Fixtures.dataSet().putAll(MappedAttributes.all())
                .setSequence(Tags.PER_FRAME_FUNCTIONAL_GROUPS_SEQUENCE, MappedAttributes.perFrameGroups(50));
        for (TransferSyntax ts : List.of(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN,
                TransferSyntax.EXPLICIT_VR_BIG_ENDIAN, TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN)) {
            files.put("mapped-" + ts, DicomFileWriter.toBytes(mapped, DicomFileSpec.of(ts)));
            files.put("mapped-undefined-" + ts, DicomFileWriter.toBytes(mapped, DicomFileSpec.of(ts).withUndefinedLengths(true)));
        }
        String[][] charsets = {
            {"\\ISO 2022 IR 87", "Yamada^Tarou=山田^太郎=やまだ^たろう", "Sato^Hanako=佐藤^花子=さとう^はなこ"},
            {"ISO 2022 IR 13\\ISO 2022 IR 87", "ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう", "ｻﾄｳ^ﾊﾅｺ=佐藤^花子=さとう^はなこ"},
            {"\\ISO 2022 IR 149", "Hong^Gildong=洪^吉洞=홍^길동", "Kim^Minsu=金^民洙=김^민수"},
            {"ISO_IR 192", "Wang^XiaoDong=王^小東=ワン^シャオドン", "Yamada^Tarou=山田^太郎=やまだ^たろう"}};
        for (int n = 0; n < charsets.length; n++) {
            String[] c = charsets[n];
            DicomObject ds = Fixtures.dataSet()
                    .set(Tags.SPECIFIC_CHARACTER_SET, "CS", c[0].split("\\\\", -1))
                    .set(Tags.REFERRING_PHYSICIAN_NAME, "PN", c[1])
                    .set(Tags.PERFORMING_PHYSICIAN_NAME, "PN", c[1], c[2])
                    .set(Tags.OPERATORS_NAME, "PN", c[2], "", c[1])
                    .setSequence(Tags.PERFORMING_PHYSICIAN_IDENTIFICATION_SEQUENCE, MappedAttributes.person(
                            "Example", MappedAttributes.code("P-1", "L", c[2].replace('^', ' ').replace('=', ' '))));
            for (TransferSyntax ts : List.of(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN)) {
                files.put("names-" + n + "-" + ts, DicomFileWriter.toBytes(ds, DicomFileSpec.of(ts)));
            }
        }
        return files;
    }

    @Test
    void readsTheMappedAttributesAsPydicomDoes(@TempDir Path dir) throws IOException {
        Pydicom.assume(Pydicom.TEST_FILES);
        Map<Path, byte[]> files = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> f : fixtures().entrySet()) {
            files.put(Files.write(dir.resolve(f.getKey() + ".dcm"), f.getValue()), f.getValue());
        }
        Map<String, List<String>> oracle = Pydicom.table(SCRIPT, List.copyOf(files.keySet()));
        assertThat(oracle).as("files pydicom read").hasSize(files.size());

        SoftAssertions soft = new SoftAssertions();
        for (Path file : files.keySet()) {
            DicomReadResult ours = reader.read(file, ReadOptions.defaults());
            List<String> lines = new ArrayList<>();
            dump(ours.dataSet(), "", lines);
            soft.assertThat(lines).as("%s: our tree, pydicom's", file.getFileName()).isEqualTo(oracle.get(file.toString()));
            // not two empty trees: the deepest item of the mapped attributes, the names' values
            String name = file.getFileName().toString();
            soft.assertThat(oracle.get(file.toString())).as("%s: pydicom's tree", name).contains(name.startsWith("mapped")
                    ? "52009229/0/00209071/0/00082218/0/00082220/0/00080104 LO [\"Left\"]"
                    : "00081050 PN " + json(ours.dataSet().strings(Tags.PERFORMING_PHYSICIAN_NAME)));
            soft.assertThat(ours.dataSet().strings(Tags.PERFORMING_PHYSICIAN_NAME)).as("%s", name).hasSize(2);
        }
        soft.assertAll();
    }

    /** The tree as the script prints it. */
    private static void dump(DicomDataSet ds, String path, List<String> out) {
        for (DicomElement e : ds.elements()) {
            String key = path + String.format("%08X", e.tag());
            if (e.isSequence()) {
                out.add(key + " SQ " + e.items().size());
                for (int i = 0; i < e.items().size(); i++) {
                    dump(e.items().get(i), key + "/" + i + "/", out);
                }
            } else if (!BULK.contains(e.vr())) {
                out.add(key + " " + e.vr() + " " + json(e.values()));
            }
        }
    }

    /** Python's json.dumps of a list of strings (ASCII only: anything outside space..~ as a \\u escape). */
    private static String json(List<String> values) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            sb.append(i > 0 ? ", \"" : "\"");
            for (char c : values.get(i).toCharArray()) {
                switch (c) {
                    case '"' -> sb.append("\\\"");
                    case '\\' -> sb.append("\\\\");
                    case '\n' -> sb.append("\\n");
                    case '\r' -> sb.append("\\r");
                    case '\t' -> sb.append("\\t");
                    case '\b' -> sb.append("\\b");
                    case '\f' -> sb.append("\\f");
                    default -> sb.append(c >= ' ' && c <= '~' ? String.valueOf(c) : String.format("\\u%04x", (int) c));
                }
            }
            sb.append('"');
        }
        return sb.append(']').toString();
    }
}
