package org.dicom2fhir.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dicom2fhir.testkit.Bytes.ascii;
import static org.dicom2fhir.testkit.Bytes.cat;
import static org.dicom2fhir.testkit.Bytes.hex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Stream;
import org.dicom2fhir.api.dicom.Tags;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Text encoding per Specific Character Set: byte equality with the worked examples of PS3.5 (Annexes H,
 * I, J, K) and with the real files in pydicom's charset_files, and round trips through pydicom/dcmtk.
 */
class CharacterSetsTest {
    @TempDir
    Path dir;

    private static final String ESC_JIS = "1B 24 42";      // ESC $ B   JIS X 0208 into G0
    private static final String ESC_ASCII = "1B 28 42";    // ESC ( B   ASCII into G0
    private static final String ESC_ROMAN = "1B 28 4A";    // ESC ( J   JIS X 0201 Romaji into G0
    private static final String ESC_KSC = "1B 24 29 43";   // ESC $ ) C KS X 1001 into G1
    private static final String ESC_GB = "1B 24 29 41";    // ESC $ ) A GB 2312 into G1

    @Test
    void annexH31JapaneseKanjiPersonName() {
        byte[] expected = cat(ascii("Yamada^Tarou="), hex(ESC_JIS), ascii(";3ED"), hex(ESC_ASCII), ascii("^"),
                hex(ESC_JIS), ascii("B@O:"), hex(ESC_ASCII), ascii("="), hex(ESC_JIS), ascii("$d$^$@"),
                hex(ESC_ASCII), ascii("^"), hex(ESC_JIS), ascii("$?$m$&"), hex(ESC_ASCII));
        assertThat(CharacterSets.encode("Yamada^Tarou=山田^太郎=やまだ^たろう", "PN", "\\ISO 2022 IR 87"))
                .isEqualTo(expected);
        assertThat(CharacterSets.encode("Yamada^Tarou=山田^太郎=やまだ^たろう", "PN", "ISO 2022 IR 6\\ISO 2022 IR 87"))
                .isEqualTo(expected);
    }

    @Test
    void annexH32KatakanaAndKanjiPersonName() {
        byte[] expected = cat(hex("D4 CF C0 DE"), ascii("^"), hex("C0 DB B3"), ascii("="), hex(ESC_JIS),
                ascii(";3ED"), hex(ESC_ROMAN), ascii("^"), hex(ESC_JIS), ascii("B@O:"), hex(ESC_ROMAN), ascii("="),
                hex(ESC_JIS), ascii("$d$^$@"), hex(ESC_ROMAN), ascii("^"), hex(ESC_JIS), ascii("$?$m$&"),
                hex(ESC_ROMAN));
        assertThat(CharacterSets.encode("ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう", "PN", "ISO 2022 IR 13\\ISO 2022 IR 87"))
                .isEqualTo(expected);
    }

    @Test
    void annexI2KoreanPersonNameAndLongText() {
        byte[] name = cat(ascii("Hong^Gildong="), hex(ESC_KSC), hex("FB F3"), ascii("^"), hex(ESC_KSC),
                hex("D1 CE D4 D7"), ascii("="), hex(ESC_KSC), hex("C8 AB"), ascii("^"), hex(ESC_KSC),
                hex("B1 E6 B5 BF"));
        assertThat(CharacterSets.encode("Hong^Gildong=洪^吉洞=홍^길동", "PN", "\\ISO 2022 IR 149")).isEqualTo(name);

        // Korean usage designates KS X 1001 at the start of each line that needs it
        byte[] text = cat(hex(ESC_KSC), ascii("The 1st line includes "), hex("B1 E6 B5 BF"), ascii(".\r\n"),
                hex(ESC_KSC), ascii("The 2nd line includes "), hex("B1 E6 B5 BF"), ascii(", too.\r\n"),
                ascii("The 3rd line."));
        assertThat(CharacterSets.encode("The 1st line includes 길동.\r\nThe 2nd line includes 길동, too.\r\n"
                + "The 3rd line.", "LT", "\\ISO 2022 IR 149")).isEqualTo(text);
    }

    @Test
    void annexJUtf8AndGb18030() {
        assertThat(CharacterSets.encode("Wang^XiaoDong=王^小東=", "PN", "ISO_IR 192")).isEqualTo(
                hex("57 61 6e 67 5e 58 69 61 6f 44 6f 6e 67 3d e7 8e 8b 5e e5 b0 8f e6 9d b1 3d"));
        assertThat(CharacterSets.encode("Wang^XiaoDong=王^小东=", "PN", "GB18030")).isEqualTo(
                hex("57 61 6e 67 5e 58 69 61 6f 44 6f 6e 67 3d cd f5 5e d0 a1 b6 ab 3d"));
        assertThat(CharacterSets.encode("The first line includes中文.\r\n", "LT", "GB18030")).isEqualTo(
                cat(ascii("The first line includes"), hex("d6 d0 ce c4"), ascii(".\r\n")));
        assertThat(CharacterSets.encode("中文", "LO", "GBK")).isEqualTo(hex("d6 d0 ce c4"));
    }

    @Test
    void annexKChineseGb2312CodeExtension() {
        assertThat(CharacterSets.encode("Zhang^XiaoDong=张^小东=", "PN", "\\ISO 2022 IR 58")).isEqualTo(cat(
                ascii("Zhang^XiaoDong="), hex(ESC_GB), hex("D5 C5"), ascii("^"), hex(ESC_GB), hex("D0 A1 B6 AB"),
                ascii("=")));
        byte[] text = cat(
                ascii("1."), hex(ESC_GB), hex("B5 DA D2 BB D0 D0 CE C4 D7 D6 A1 A3"), ascii("\r\n"),
                ascii("2."), hex(ESC_GB), hex("B5 DA B6 FE D0 D0 CE C4 D7 D6 A1 A3"), ascii("\r\n"),
                ascii("3."), hex(ESC_GB), hex("B5 DA C8 FD D0 D0 CE C4 D7 D6 A1 A3"), ascii("\r\n"));
        assertThat(CharacterSets.encode("1.第一行文字。\r\n2.第二行文字。\r\n3.第三行文字。\r\n", "LT", "\\ISO 2022 IR 58"))
                .isEqualTo(text);
    }

    @Test
    void supplementaryKanjiIr159IsDerivedFromEucJp() {
        // the expectation pydicom's own test suite holds for this name (鷗 is only in JIS X 0212)
        byte[] expected = hex("4d 6f 72 69 5e 4f 67 61 69 3d 1b 24 42 3f 39 1b 28 42 5e 1b 24 28 44 6c 3f 1b 24 42 33 30"
                + " 1b 28 42 3d 1b 24 42 24 62 24 6a 1b 28 42 5e 1b 24 42 24 2a 24 26 24 2c 24 24 1b 28 42");
        assertThat(CharacterSets.encode("Mori^Ogai=森^鷗外=もり^おうがい", "PN",
                "ISO 2022 IR 6\\ISO 2022 IR 87\\ISO 2022 IR 159")).isEqualTo(expected);
    }

    @Test
    void singleByteCodeExtensionsDesignateG1() {
        assertThat(CharacterSets.encode("Dionysios=Διονυσιος", "PN", "ISO 2022 IR 100\\ISO 2022 IR 126"))
                .isEqualTo(cat(ascii("Dionysios="), hex("1b 2d 46 c4 e9 ef ed f5 f3 e9 ef f2")));
        // value 1's G1 set needs no escape; a multi-valued string goes back to it after '\'
        assertThat(CharacterSets.encode("Jérôme\\Люк\\Jé", "LO", "ISO 2022 IR 100\\ISO 2022 IR 144"))
                .isEqualTo(cat(ascii("J"), hex("e9"), ascii("r"), hex("f4"), ascii("me\\"), hex("1b 2d 4c bb ee da"),
                        ascii("\\J"), hex("e9")));
        // mistyped "ISO_IR 100" inside a multi-valued set behaves as "ISO 2022 IR 100"
        assertThat(CharacterSets.encode("é", "LO", "ISO_IR 100\\ISO 2022 IR 87")).isEqualTo(hex("e9"));
    }

    @Test
    void unencodableTextIsRefusedWithoutQuotingIt() {
        assertThatThrownBy(() -> CharacterSets.encode("Jérôme", "PN", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("J");
        assertThatThrownBy(() -> DicomFileWriter.toBytes(new DicomObject().set(Tags.PATIENT_NAME, "PN", "山田"),
                DicomFileSpec.of(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(0010,0010)")
                .hasMessageNotContaining("山");
        assertThatThrownBy(() -> CharacterSets.encode("한", "PN", "\\ISO 2022 IR 58"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CharacterSets.encode("😀", "LO", "\\ISO 2022 IR 87"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unknownTermsFallBackToLatin1AndDefaultRepertoireVrsIgnoreTheCharset() {
        assertThat(CharacterSets.encode("Jérôme", "PN", "ISO_IR 999")).isEqualTo(hex("4a e9 72 f4 6d 65"));
        byte[] out = DicomFileWriter.toBytes(new DicomObject().set(Tags.SPECIFIC_CHARACTER_SET, "CS", "ISO_IR 192")
                .set(Tags.MODALITY, "CS", "É"), DicomFileSpec.of(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN)
                .withPreamble(false).withFileMeta(false));
        assertThat(Bytes.toHex(out)).endsWith("c9 20"); // CS is default repertoire: one byte, not UTF-8
    }

    /** The patient names of pydicom's charset files, re-encoded, give the files' bytes exactly. */
    @ParameterizedTest
    @MethodSource("charsetFiles")
    void sameBytesAsRealFiles(String file) throws Exception {
        Oracles.assumePydicom();
        Path path = Oracles.PYDICOM_CHARSET_FILES.resolve(file);
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(path), "pydicom charset files absent");
        String script = String.join("\n",
                "import sys, json, pydicom",
                "ds = pydicom.dcmread(sys.argv[1])",
                "raw = ds.get_item(0x00100010).value",
                "ds.decode()",
                "cs = ds.SpecificCharacterSet",
                "cs = '\\\\'.join(cs) if isinstance(cs, (list, pydicom.multival.MultiValue)) else cs",
                "print(json.dumps({'charset': cs, 'name': str(ds.PatientName), 'raw': raw.hex()}, ensure_ascii=False))");
        JsonNode r = new ObjectMapper().readTree(Oracles.python(script, path.toString()).stdoutOrFail());
        byte[] raw = HexFormat.of().parseHex(r.get("raw").asText());
        int end = raw.length;
        while (end > 0 && (raw[end - 1] == ' ' || raw[end - 1] == 0)) {
            end--; // padding
        }
        // pydicom drops an empty trailing component group ("...=王^小東=" reads as "...=王^小東")
        String name = r.get("name").asText() + (raw[end - 1] == '=' ? "=" : "");
        byte[] encoded = CharacterSets.encode(name, "PN", r.get("charset").asText());
        assertThat(Bytes.toHex(encoded)).isEqualTo(Bytes.toHex(Bytes.slice(raw, 0, end)));
    }

    static Stream<String> charsetFiles() {
        return Stream.of("chrH31.dcm", "chrH32.dcm", "chrI2.dcm", "chrJapMulti.dcm", "chrX1.dcm", "chrX2.dcm",
                "chrFren.dcm", "chrGerm.dcm", "chrGreek.dcm", "chrRuss.dcm", "chrArab.dcm", "chrHbrw.dcm");
    }

    /** Specific Character Set, a name and a description in it. */
    static Stream<Arguments> samples() {
        return Stream.of(
                Arguments.of("", "Doe^John", "plain"),
                Arguments.of("ISO_IR 100", "Buc^Jérôme", "Röntgen"),
                Arguments.of("ISO_IR 101", "Dvořák^Antonín", "Płuca"),
                Arguments.of("ISO_IR 109", "Ċensu^Ħabib", "Ġilda"),
                Arguments.of("ISO_IR 110", "Bērziņš^Jūlija", "Šķēle"),
                Arguments.of("ISO_IR 144", "Люкceмбypг", "Рентген"),
                Arguments.of("ISO_IR 127", "قباني^لنزار", "صدر"),
                Arguments.of("ISO_IR 126", "Διονυσιος", "Θώρακας"),
                Arguments.of("ISO_IR 138", "שרון^דבורה", "חזה"),
                Arguments.of("ISO_IR 148", "Çelik^Gülşen", "Göğüs"),
                Arguments.of("ISO_IR 203", "Œuvre^Zoë", "€ 5"),
                Arguments.of("ISO_IR 13", "ﾔﾏﾀﾞ^ﾀﾛｳ", "ｹﾝｻ"),
                Arguments.of("ISO_IR 166", "สมชาย^ใจดี", "ทรวงอก"),
                Arguments.of("ISO_IR 192", "Wang^XiaoDong=王^小東=", "胸部 CT ✓"),
                Arguments.of("GB18030", "Wang^XiaoDong=王^小东=", "胸部"),
                Arguments.of("GBK", "Wang^XiaoDong=王^小东=", "胸部"),
                Arguments.of("\\ISO 2022 IR 87", "Yamada^Tarou=山田^太郎=やまだ^たろう", "胸部 CT"),
                Arguments.of("ISO 2022 IR 13\\ISO 2022 IR 87", "ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう", "ｹﾝｻ 胸部"),
                Arguments.of("ISO 2022 IR 6\\ISO 2022 IR 87\\ISO 2022 IR 159", "Mori^Ogai=森^鷗外=もり^おうがい", "鷗外 test"),
                Arguments.of("\\ISO 2022 IR 149", "Hong^Gildong=洪^吉洞=홍^길동", "흉부 CT"),
                Arguments.of("\\ISO 2022 IR 58", "Zhang^XiaoDong=张^小东=", "胸部 CT"),
                Arguments.of("ISO 2022 IR 100\\ISO 2022 IR 126", "Dionysios=Διονυσιος", "Röntgen Θώρακας"),
                Arguments.of("ISO 2022 IR 100\\ISO 2022 IR 144", "Jérôme=Люк", "Röntgen Рентген"));
    }

    /** pydicom decodes what we wrote (its ISO_IR 203 support postdates 2.3, so that one is decoded by Python's codec). */
    @ParameterizedTest
    @MethodSource("samples")
    void pydicomDecodesWhatWasWritten(String charset, String name, String description) throws Exception {
        Oracles.assumePydicom();
        Path file = dir.resolve("cs.dcm");
        DicomObject ds = OracleRoundTripTest.instance().set(Tags.SPECIFIC_CHARACTER_SET, "CS", charset.split("\\\\", -1))
                .set(Tags.PATIENT_NAME, "PN", name).set(Tags.STUDY_DESCRIPTION, "LO", description)
                .set(0x001021B0, "LT", description + "\r\n" + description + "\\" + description);
        DicomFileWriter.write(file, ds, DicomFileSpec.of(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
        if (charset.equals("ISO_IR 203")) {
            String script = "import sys, pydicom\nds = pydicom.dcmread(sys.argv[1])\n"
                    + "print(ds.get_item(0x00100010).value.decode('iso8859_15').rstrip())";
            assertThat(Oracles.python(script, file.toString()).stdoutOrFail().strip()).isEqualTo(name);
            return;
        }
        org.junit.jupiter.api.Assumptions.assumeFalse(charset.endsWith("IR 58"),
                "pydicom 2.3 leaves 'ESC $ ) A' in the text even for PS3.5 K.2's own bytes; see annexKChineseGb2312CodeExtension");
        JsonNode s = OracleSupport.pydicomSummary(file, false);
        // pydicom drops an empty trailing component group
        assertThat(s.get("name").asText()).isEqualTo(name.endsWith("=") ? name.substring(0, name.length() - 1) : name);
        assertThat(s.get("description").asText()).isEqualTo(description);
        assertThat(s.get("history").asText()).isEqualTo(description + "\r\n" + description + "\\" + description);
    }

    /** dcmtk (built on iconv here) as a second decoder, for the sets its converter supports. */
    @ParameterizedTest
    @MethodSource("samples")
    void dcmdumpDecodesWhatWasWritten(String charset, String name, String description) throws Exception {
        Oracles.assumeDcmdump();
        Path file = dir.resolve("cs.dcm");
        DicomObject ds = OracleRoundTripTest.instance().set(Tags.SPECIFIC_CHARACTER_SET, "CS", charset.split("\\\\", -1))
                .set(Tags.PATIENT_NAME, "PN", name).set(Tags.STUDY_DESCRIPTION, "LO", description);
        DicomFileWriter.write(file, ds, DicomFileSpec.of(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
        Oracles.ProcessResult r = Oracles.dcmdump(file, "+U8");
        org.junit.jupiter.api.Assumptions.assumeFalse(r.stderr().contains("not supported"),
                "dcmtk's converter lacks " + charset);
        Map<String, String> v = OracleSupport.dcmdumpValues(r.stdoutOrFail());
        assertThat(v.get("(0010,0010)")).isEqualTo(name);
        assertThat(v.get("(0008,1030)")).isEqualTo(description);
    }
}
