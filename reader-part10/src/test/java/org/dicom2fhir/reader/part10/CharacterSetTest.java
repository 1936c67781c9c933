package org.dicom2fhir.reader.part10;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.dicom2fhir.api.Warning;
import org.dicom2fhir.api.WarningCode;
import org.dicom2fhir.api.dicom.DicomDataSet;
import org.dicom2fhir.api.dicom.DicomReadResult;
import org.dicom2fhir.api.dicom.ReadOptions;
import org.dicom2fhir.api.dicom.Tags;
import org.dicom2fhir.api.spi.DicomReader;
import org.dicom2fhir.codec.internal.ReadWarnings;
import org.dicom2fhir.codec.internal.SpecificCharacterSet;
import org.dicom2fhir.codec.internal.TransferSyntaxes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CharacterSetTest {
    private static final byte[] ESC = {0x1B};
    private final DicomReader reader = new Part10ReaderProvider().create();

    // ----- against pydicom's charset files

    @Test
    void patientNamesEqualPydicomsOnItsCharsetFiles() throws Exception {
        Pydicom.assume(Pydicom.CHARSET_FILES);
        List<Path> files;
        try (Stream<Path> walk = Files.list(Pydicom.CHARSET_FILES)) {
            files = walk.filter(p -> p.getFileName().toString().matches("chr.*\\.dcm")).sorted().toList();
        }
        String script = String.join("\n",
                "import sys, warnings",
                "warnings.simplefilter('ignore')",
                "import pydicom",
                "for f in sys.argv[1:]:",
                "    ds = pydicom.dcmread(f)",
                "    top = str(ds.PatientName) if 'PatientName' in ds else ''",
                "    seq = ds.get('RequestedProcedureCodeSequence')",
                "    item = str(seq[0].PatientName) if seq and 'PatientName' in seq[0] else ''",
                "    other = '|'.join(str(n) for n in ds.OtherPatientNames) if 'OtherPatientNames' in ds else ''",
                "    print(f + '\\t' + top + '\\t' + item + '\\t' + other)");
        Map<String, List<String>> oracle = Pydicom.table(script, files);

        SoftAssertions soft = new SoftAssertions();
        for (Path file : files) {
            List<String> py = oracle.get(file.toString());
            DicomReadResult r = reader.read(file, ReadOptions.defaults());
            DicomDataSet ds = r.dataSet();
            if (!py.get(0).isEmpty()) {
                soft.assertThat(ds.string(Tags.PATIENT_NAME)).as(file.getFileName().toString()).isEqualTo(py.get(0));
            }
            if (!py.get(1).isEmpty()) {
                soft.assertThat(ds.items(0x00321064).get(0).string(Tags.PATIENT_NAME)).as(file.getFileName() + " item")
                        .isEqualTo(py.get(1));
            }
            if (!py.get(2).isEmpty()) {
                soft.assertThat(String.join("|", ds.strings(0x00101001))).as(file.getFileName() + " other names")
                        .isEqualTo(py.get(2));
            }
            soft.assertThat(r.warnings()).as(file.getFileName() + " warnings").isEmpty();
        }
        soft.assertAll();
        assertThat(files).hasSizeGreaterThan(15);
    }

    // ----- single-byte sets without code extensions

    @ParameterizedTest
    @CsvSource({
        "ISO_IR 100, ISO-8859-1, Jérôme Äneas",
        "ISO_IR 101, ISO-8859-2, Łódź Żółć",
        "ISO_IR 109, ISO-8859-3, Ħal Għargħur",
        "ISO_IR 110, ISO-8859-4, Ķēķis Ŗ",
        "ISO_IR 144, ISO-8859-5, Люксембург",
        "ISO_IR 127, ISO-8859-6, قباني",
        "ISO_IR 126, ISO-8859-7, Διονυσιος",
        "ISO_IR 138, ISO-8859-8, שרון",
        "ISO_IR 148, ISO-8859-9, Şişli İğde",
        "ISO_IR 203, ISO-8859-15, Œuvre €",
        "ISO_IR 166, TIS-620, สมชาย",
        "ISO_IR 192, UTF-8, 王小東 Ελλάδα",
        "GB18030, GB18030, 王小东",
        "GBK, GBK, 王小东",
    })
    void decodesSingleTermCharacterSets(String term, String javaCharset, String text) {
        ReadWarnings warnings = new ReadWarnings();
        SpecificCharacterSet cs = SpecificCharacterSet.of(List.of(term), warnings);
        byte[] bytes = text.getBytes(Charset.forName(javaCharset));

        assertThat(decode(cs, bytes, SpecificCharacterSet.Delimiters.MULTI_TEXT, warnings)).isEqualTo(text);
        assertThat(warnings.toList()).isEmpty();
    }

    @Test
    void isoIr13DecodesHalfWidthKatakanaAndRomanAsAscii() {
        ReadWarnings warnings = new ReadWarnings();
        SpecificCharacterSet cs = SpecificCharacterSet.of(List.of("ISO_IR 13"), warnings);
        byte[] bytes = {(byte) 0xD4, (byte) 0xCF, (byte) 0xC0, (byte) 0xDE, '^', (byte) 0xC0, (byte) 0xDB, (byte) 0xB3, '\\', 'A'};

        assertThat(decode(cs, bytes, SpecificCharacterSet.Delimiters.PERSON_NAME, warnings)).isEqualTo("ﾔﾏﾀﾞ^ﾀﾛｳ\\A");
        assertThat(warnings.toList()).isEmpty();
    }

    @Test
    void gbkKeepsATrailingByteThatLooksLikeABackslashInsideItsCharacter() throws Exception {
        Charset gbk = Charset.forName("GBK");
        String tricky = null;
        for (char c = '\u4E00'; c < '\u9FA5' && tricky == null; c++) {
            byte[] b = String.valueOf(c).getBytes(gbk);
            if (b.length == 2 && b[1] == '\\') {
                tricky = String.valueOf(c);
            }
        }
        assertThat(tricky).isNotNull();
        byte[] file = DataSetBytes.part10(TransferSyntaxes.EXPLICIT_VR_LITTLE_ENDIAN, DataSetBytes.explicitLittle()
                .text(Tags.SPECIFIC_CHARACTER_SET, "CS", "GBK")
                .text(Tags.PATIENT_NAME, "PN", tricky + "^A\\B", gbk)
                .toBytes());

        DicomReadResult r = reader.read(file, ReadOptions.defaults());

        assertThat(r.dataSet().strings(Tags.PATIENT_NAME)).containsExactly(tricky + "^A", "B");
    }

    // ----- ISO 2022 code extensions

    @Test
    void japaneseWithEscapesAsIso2022Jp() {
        ReadWarnings warnings = new ReadWarnings();
        SpecificCharacterSet cs = SpecificCharacterSet.of(List.of("", "ISO 2022 IR 87"), warnings);
        byte[] bytes = "Yamada^Tarou=山田^太郎".getBytes(Charset.forName("ISO-2022-JP"));

        assertThat(decode(cs, bytes, SpecificCharacterSet.Delimiters.PERSON_NAME, warnings)).isEqualTo("Yamada^Tarou=山田^太郎");
        assertThat(warnings.toList()).isEmpty();
    }

    @Test
    void jisX0212IsDecodedThroughItsEscape() {
        Charset eucJp = Charset.forName("EUC-JP");
        String supplementary = null;
        for (char c = '\u4E00'; c < '\u9FA5' && supplementary == null; c++) {
            byte[] b = String.valueOf(c).getBytes(eucJp);
            if (b.length == 3 && (b[0] & 0xFF) == 0x8F) {
                supplementary = String.valueOf(c);
            }
        }
        assertThat(supplementary).isNotNull();
        byte[] euc = supplementary.getBytes(eucJp);
        byte[] bytes = concat(ascii("A"), ESC, ascii("$(D"), new byte[] {(byte) (euc[1] & 0x7F), (byte) (euc[2] & 0x7F)},
                ESC, ascii("(BZ"));
        ReadWarnings warnings = new ReadWarnings();
        SpecificCharacterSet cs = SpecificCharacterSet.of(List.of("", "ISO 2022 IR 159"), warnings);

        assertThat(decode(cs, bytes, SpecificCharacterSet.Delimiters.MULTI_TEXT, warnings)).isEqualTo("A" + supplementary + "Z");
        assertThat(warnings.toList()).isEmpty();
    }

    @Test
    void koreanAndChineseAreDesignatedToG1() {
        ReadWarnings warnings = new ReadWarnings();
        byte[] korean = concat(ascii("Hong^Gildong="), ESC, ascii("$)C"), "洪".getBytes(Charset.forName("EUC-KR")), ascii("^"),
                ESC, ascii("$)C"), "吉洞".getBytes(Charset.forName("EUC-KR")));
        byte[] chinese = concat(ascii("Wang^XiaoDong="), ESC, ascii("$)A"), "王".getBytes(Charset.forName("GB2312")), ascii("^"),
                ESC, ascii("$)A"), "小东".getBytes(Charset.forName("GB2312")));

        assertThat(decode(SpecificCharacterSet.of(List.of("", "ISO 2022 IR 149"), warnings), korean,
                SpecificCharacterSet.Delimiters.PERSON_NAME, warnings)).isEqualTo("Hong^Gildong=洪^吉洞");
        assertThat(decode(SpecificCharacterSet.of(List.of("", "ISO 2022 IR 58"), warnings), chinese,
                SpecificCharacterSet.Delimiters.PERSON_NAME, warnings)).isEqualTo("Wang^XiaoDong=王^小东");
        assertThat(warnings.toList()).isEmpty();
    }

    @Test
    void theCodeElementResetsAtPersonNameDelimitersButNotInsideAComponent() {
        ReadWarnings warnings = new ReadWarnings();
        SpecificCharacterSet cs = SpecificCharacterSet.of(List.of("ISO 2022 IR 100", "ISO 2022 IR 126"), warnings);
        // Greek designated to G1, then '^' without re-designation: back to Latin-1 for the next bytes
        byte[] bytes = concat(ESC, ascii("-F"), "Δι".getBytes(Charset.forName("ISO-8859-7")), ascii("^"),
                "é".getBytes(StandardCharsets.ISO_8859_1), ascii("="), "è".getBytes(StandardCharsets.ISO_8859_1));

        assertThat(decode(cs, bytes, SpecificCharacterSet.Delimiters.PERSON_NAME, warnings)).isEqualTo("Δι^é=è");
        // in free text '^' is no delimiter: Greek stays designated
        assertThat(decode(cs, bytes, SpecificCharacterSet.Delimiters.TEXT, warnings))
                .isEqualTo("Δι^" + new String(new byte[] {(byte) 0xE9}, Charset.forName("ISO-8859-7")) + "="
                        + new String(new byte[] {(byte) 0xE8}, Charset.forName("ISO-8859-7")));
    }

    @Test
    void theCodeElementResetsAtLineEndsAndBetweenValues() {
        ReadWarnings warnings = new ReadWarnings();
        SpecificCharacterSet cs = SpecificCharacterSet.of(List.of("ISO 2022 IR 100", "ISO 2022 IR 144"), warnings);
        byte[] cyrillic = "Ж".getBytes(Charset.forName("ISO-8859-5"));
        byte[] latin = "ö".getBytes(StandardCharsets.ISO_8859_1);
        byte[] multi = concat(ESC, ascii("-L"), cyrillic, ascii("\\"), latin);
        byte[] text = concat(ESC, ascii("-L"), cyrillic, ascii("\r\n"), latin, ascii("\\"), latin);

        assertThat(decode(cs, multi, SpecificCharacterSet.Delimiters.MULTI_TEXT, warnings)).isEqualTo("Ж\\ö");
        assertThat(decode(cs, text, SpecificCharacterSet.Delimiters.TEXT, warnings)).isEqualTo("Ж\r\nö\\ö");
        assertThat(warnings.toList()).isEmpty();
    }

    // ----- bad input: never throw, fall back, warn

    @Test
    void anUnknownTermFallsBackToLatin1WithAWarning() {
        ReadWarnings warnings = new ReadWarnings();
        SpecificCharacterSet cs = SpecificCharacterSet.of(List.of("KLINGON"), warnings);

        assertThat(decode(cs, "Jérôme".getBytes(StandardCharsets.ISO_8859_1), SpecificCharacterSet.Delimiters.TEXT, warnings))
                .isEqualTo("Jérôme");
        assertThat(warnings.toList()).extracting(Warning::code).containsExactly(WarningCode.CHARACTER_SET);
        assertThat(warnings.toList().get(0).message()).doesNotContain("KLINGON");
    }

    @Test
    void nonStandardSpellingsOfDefinedTermsAreUnderstood() {
        ReadWarnings warnings = new ReadWarnings();
        SpecificCharacterSet cs = SpecificCharacterSet.of(List.of("iso-ir 144"), warnings);

        assertThat(decode(cs, "Ж".getBytes(Charset.forName("ISO-8859-5")), SpecificCharacterSet.Delimiters.TEXT, warnings))
                .isEqualTo("Ж");
        assertThat(warnings.toList()).extracting(Warning::code).containsExactly(WarningCode.CHARACTER_SET);
    }

    @Test
    void invalidUtf8BecomesReplacementCharactersWithAWarning() {
        ReadWarnings warnings = new ReadWarnings();
        SpecificCharacterSet cs = SpecificCharacterSet.of(List.of("ISO_IR 192"), warnings);

        assertThat(decode(cs, new byte[] {'A', (byte) 0xC3, 'B'}, SpecificCharacterSet.Delimiters.TEXT, warnings))
                .isEqualTo("A\uFFFDB");
        assertThat(warnings.toList()).extracting(Warning::code).containsExactly(WarningCode.CHARACTER_SET);
    }

    @Test
    void highBytesInTheDefaultRepertoireAreReadAsLatin1WithAWarning() {
        ReadWarnings warnings = new ReadWarnings();

        assertThat(decode(SpecificCharacterSet.DEFAULT, "Müller".getBytes(StandardCharsets.ISO_8859_1),
                SpecificCharacterSet.Delimiters.PERSON_NAME, warnings)).isEqualTo("Müller");
        assertThat(warnings.toList()).extracting(Warning::code).containsExactly(WarningCode.CHARACTER_SET);
    }

    @Test
    void unknownEscapeSequencesAndLoneBytesBecomeReplacementCharacters() {
        ReadWarnings warnings = new ReadWarnings();
        SpecificCharacterSet cs = SpecificCharacterSet.of(List.of("", "ISO 2022 IR 87"), warnings);
        byte[] unknownEscape = concat(ascii("A"), ESC, ascii("$Z"), ascii("B"));
        byte[] cutEscape = concat(ascii("A"), ESC, ascii("$"));
        byte[] oddKanji = concat(ESC, ascii("$B"), ascii(";3E"));

        assertThat(decode(cs, unknownEscape, SpecificCharacterSet.Delimiters.TEXT, warnings)).isEqualTo("A\uFFFDB");
        assertThat(decode(cs, cutEscape, SpecificCharacterSet.Delimiters.TEXT, warnings)).startsWith("A\uFFFD");
        assertThat(decode(cs, oddKanji, SpecificCharacterSet.Delimiters.TEXT, warnings)).isEqualTo("山\uFFFD");
        assertThat(warnings.toList()).extracting(Warning::code).containsOnly(WarningCode.CHARACTER_SET);
    }

    @Test
    void everyByteStringDecodesWithoutThrowingInEveryCharacterSet() {
        List<List<String>> sets = List.of(List.of(""), List.of("ISO_IR 100"), List.of("ISO_IR 13"), List.of("ISO_IR 166"),
                List.of("ISO_IR 192"), List.of("GB18030"), List.of("GBK"), List.of("", "ISO 2022 IR 87", "ISO 2022 IR 159"),
                List.of("ISO 2022 IR 13", "ISO 2022 IR 87"), List.of("", "ISO 2022 IR 149"), List.of("", "ISO 2022 IR 58"),
                List.of("ISO 2022 IR 6", "ISO 2022 IR 100", "ISO 2022 IR 144", "ISO 2022 IR 166"));
        java.util.Random random = new java.util.Random(42);
        for (List<String> terms : sets) {
            ReadWarnings warnings = new ReadWarnings();
            SpecificCharacterSet cs = SpecificCharacterSet.of(terms, warnings);
            for (int n = 0; n < 2000; n++) {
                byte[] b = new byte[random.nextInt(24)];
                random.nextBytes(b);
                if (b.length > 2 && random.nextBoolean()) {
                    b[random.nextInt(b.length)] = 0x1B;
                }
                for (SpecificCharacterSet.Delimiters d : SpecificCharacterSet.Delimiters.values()) {
                    assertThat(cs.decode(b, 0, b.length, d, warnings, Tags.PATIENT_NAME)).isNotNull();
                }
            }
        }
    }

    // ----- in a file: items with their own Specific Character Set

    @Test
    void aSequenceItemMayDeclareItsOwnCharacterSet() throws Exception {
        Charset greek = Charset.forName("ISO-8859-7");
        DataSetBytes item = DataSetBytes.explicitLittle()
                .text(Tags.SPECIFIC_CHARACTER_SET, "CS", "ISO_IR 126")
                .text(Tags.PATIENT_NAME, "PN", "Διονυσιος", greek);
        DataSetBytes plainItem = DataSetBytes.explicitLittle()
                .text(Tags.PATIENT_NAME, "PN", "Jérôme");
        byte[] file = DataSetBytes.part10(TransferSyntaxes.EXPLICIT_VR_LITTLE_ENDIAN, DataSetBytes.explicitLittle()
                .text(Tags.SPECIFIC_CHARACTER_SET, "CS", "ISO_IR 100")
                .text(Tags.PATIENT_NAME, "PN", "Jérôme")
                .sequence(0x00321064, item, plainItem)
                .text(0x00321070, "LO", "Äneas")
                .toBytes());

        DicomReadResult r = reader.read(file, ReadOptions.defaults().withTags(Tags.PATIENT_NAME, 0x00321064, 0x00321070));

        assertThat(r.dataSet().string(Tags.PATIENT_NAME)).isEqualTo("Jérôme");
        assertThat(r.dataSet().items(0x00321064)).extracting(i -> i.string(Tags.PATIENT_NAME))
                .containsExactly("Διονυσιος", "Jérôme");
        assertThat(r.dataSet().string(0x00321070)).isEqualTo("Äneas");
        assertThat(r.dataSet().contains(Tags.SPECIFIC_CHARACTER_SET)).isFalse();
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void anEmptySpecificCharacterSetIsTheDefaultRepertoire() throws Exception {
        byte[] file = DataSetBytes.part10(TransferSyntaxes.IMPLICIT_VR_LITTLE_ENDIAN, DataSetBytes.implicitLittle()
                .raw(Tags.SPECIFIC_CHARACTER_SET, "CS", new byte[0])
                .text(Tags.PATIENT_NAME, "PN", "Doe^John")
                .toBytes());

        DicomReadResult r = reader.read(file, ReadOptions.defaults());

        assertThat(r.dataSet().string(Tags.PATIENT_NAME)).isEqualTo("Doe^John");
        assertThat(r.dataSet().get(Tags.SPECIFIC_CHARACTER_SET).values()).isEmpty();
        assertThat(r.warnings()).isEmpty();
    }

    private static String decode(SpecificCharacterSet cs, byte[] b, SpecificCharacterSet.Delimiters d, ReadWarnings w) {
        return cs.decode(b, 0, b.length, d, w, Tags.PATIENT_NAME);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
