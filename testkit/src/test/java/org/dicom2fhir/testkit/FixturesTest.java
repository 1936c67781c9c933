package org.dicom2fhir.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.InflaterInputStream;
import org.dicom2fhir.api.dicom.Tags;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each fixture is what its name says: checked structurally, and by pydicom/dcmtk where that is meaningful. */
class FixturesTest {
    @TempDir
    Path dir;

    private static final String UIDS_SCRIPT = String.join("\n",
            "import sys, json, pydicom",
            "try:",
            "    ds = pydicom.dcmread(sys.argv[1], force=len(sys.argv) > 2)",
            "    fm = getattr(ds, 'file_meta', None)",
            "    print(json.dumps({'ok': True, 'type': type(ds).__name__,",
            "        'sop': ds.get('SOPInstanceUID'), 'study': ds.get('StudyInstanceUID'),",
            "        'series': ds.get('SeriesInstanceUID'), 'name': str(ds.get('PatientName')),",
            "        'ts': fm.get('TransferSyntaxUID') if fm is not None else None}))",
            "except Exception as e:",
            "    print(json.dumps({'ok': False, 'error': type(e).__name__}))");

    private JsonNode pydicom(byte[] file, boolean force) throws Exception {
        Path p = Files.write(dir.resolve("f" + System.nanoTime() + ".dcm"), file);
        String out = force ? Oracles.python(UIDS_SCRIPT, p.toString(), "force").stdoutOrFail()
                : Oracles.python(UIDS_SCRIPT, p.toString()).stdoutOrFail();
        return new ObjectMapper().readTree(out);
    }

    private static void assertAllUids(JsonNode r) {
        assertThat(r.get("ok").asBoolean()).as(r.toString()).isTrue();
        assertThat(r.get("sop").asText()).isEqualTo(Fixtures.SOP_INSTANCE_UID);
        assertThat(r.get("study").asText()).isEqualTo(Fixtures.STUDY_INSTANCE_UID);
        assertThat(r.get("series").asText()).isEqualTo(Fixtures.SERIES_INSTANCE_UID);
    }

    @Test
    void validFilesCarryTheFixtureUidsInEverySyntax() throws Exception {
        Oracles.assumePydicom();
        for (TransferSyntax ts : List.of(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN, TransferSyntax.EXPLICIT_VR_BIG_ENDIAN,
                TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN)) {
            JsonNode r = pydicom(Fixtures.valid(ts), false);
            assertAllUids(r);
            assertThat(r.get("ts").asText()).isEqualTo(ts.uid());
        }
        assertThat(Fixtures.dataSet().getString(Tags.PATIENT_NAME)).isEqualTo("Fixture^Patient");
    }

    @Test
    void rawDataSetsHaveNeitherPreambleNorMetaAndStartWithGroup0008() throws Exception {
        byte[] implicit = Fixtures.rawImplicitLittleEndian();
        byte[] explicit = Fixtures.rawExplicitLittleEndian();
        byte[] big = Fixtures.rawExplicitBigEndian();
        assertThat(Bytes.slice(implicit, 0, 8)).isEqualTo(Bytes.hex("08 00 05 00 0A 00 00 00"));
        assertThat(Bytes.slice(explicit, 0, 8)).isEqualTo(Bytes.cat(Bytes.hex("08 00 05 00"), Bytes.ascii("CS"), Bytes.hex("0A 00")));
        assertThat(Bytes.slice(big, 0, 8)).isEqualTo(Bytes.cat(Bytes.hex("00 08 00 05"), Bytes.ascii("CS"), Bytes.hex("00 0A")));
        Oracles.assumePydicom();
        assertAllUids(pydicom(implicit, true));
        assertAllUids(pydicom(explicit, true));
        assertAllUids(pydicom(big, true));
    }

    @Test
    void rawBigEndianIsReadByDcmdumpAsABigEndianDataSet() throws Exception {
        Oracles.assumeDcmdump();
        Path p = Files.write(dir.resolve("raw-be.dcm"), Fixtures.rawExplicitBigEndian());
        var values = OracleSupport.dcmdumpValues(Oracles.dcmdump(p, "-f", "-tb").stdoutOrFail());
        assertThat(values.get("(0020,000D)")).isEqualTo(Fixtures.STUDY_INSTANCE_UID);
        assertThat(values.get("(0010,0010)")).isEqualTo("Fixture^Patient");
    }

    @Test
    void dicomdirIsADicomdirWithConsistentRecordOffsets() throws Exception {
        byte[] file = Fixtures.dicomdir();
        assertThat(new String(file, 128, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("DICM");
        assertThat(Bytes.toHex(file)).contains(Bytes.toHex(Bytes.ascii(Fixtures.DICOMDIR_SOP_CLASS_UID)));
        Oracles.assumePydicom();
        Path p = Files.write(dir.resolve("DICOMDIR"), file);
        String script = String.join("\n",
                "import sys, pydicom",
                "ds = pydicom.dcmread(sys.argv[1])",
                "print(ds.file_meta.MediaStorageSOPClassUID)",
                "p = ds.patient_records[0]",
                "st = p.children[0]; se = st.children[0]; im = se.children[0]",
                "print(len(ds.patient_records), p.DirectoryRecordType, st.DirectoryRecordType, se.DirectoryRecordType,",
                "      im.DirectoryRecordType, '/'.join(im.ReferencedFileID), im.ReferencedSOPInstanceUIDInFile)");
        String[] lines = Oracles.python(script, p.toString()).stdoutOrFail().strip().split("\n");
        assertThat(lines[0]).isEqualTo(Fixtures.DICOMDIR_SOP_CLASS_UID);
        assertThat(lines[1]).isEqualTo("1 PATIENT STUDY SERIES IMAGE IMAGES/IM000001 " + Fixtures.SOP_INSTANCE_UID);
    }

    @Test
    void truncatedFilesAreThePrefix() throws Exception {
        byte[] valid = Fixtures.valid(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        byte[] cut = Fixtures.truncatedValid(valid.length - 30);
        assertThat(cut).isEqualTo(Bytes.slice(valid, 0, valid.length - 30));
        assertThat(Fixtures.truncated(valid, 0)).isEmpty();
        assertThatThrownBy(() -> Fixtures.truncated(valid, valid.length + 1)).isInstanceOf(IllegalArgumentException.class);
        Oracles.assumePydicom();
        // cut inside the Series Instance UID: pydicom cannot read the last elements
        JsonNode r = pydicom(cut, false);
        assertThat(r.get("ok").asBoolean() && Fixtures.SERIES_INSTANCE_UID.equals(r.path("series").asText())).isFalse();
    }

    @Test
    void declaredLengthPastEndOfFile() throws Exception {
        byte[] before = Fixtures.declaredLengthPastEof();
        // the last element declares 0xFFFFFFF0 bytes and only 16 follow
        assertThat(Bytes.slice(before, before.length - 28, before.length - 16)).isEqualTo(
                Bytes.cat(Bytes.hex("09 00 01 10"), Bytes.ascii("OB"), Bytes.hex("00 00 F0 FF FF FF")));
        byte[] after = Fixtures.declaredLengthPastEofAfterUids();
        assertThat(Bytes.slice(after, after.length - 28, after.length - 24)).isEqualTo(Bytes.hex("29 00 01 10"));
        byte[] implicit = Fixtures.withDeclaredLength(Fixtures.dataSet(), TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN,
                Tags.PATIENT_NAME, "PN", 0x7FFFFFFEL, 4);
        assertThat(Bytes.slice(implicit, implicit.length - 12, implicit.length - 4))
                .isEqualTo(Bytes.hex("10 00 10 00 FE FF FF 7F"));
        Oracles.assumePydicom();
        JsonNode r = pydicom(before, false);
        assertThat(r.path("study").isNull() || !r.get("ok").asBoolean()).as(r.toString()).isTrue();
        JsonNode a = pydicom(after, false);
        if (a.get("ok").asBoolean()) {
            assertAllUids(a); // pydicom reads what precedes the damage
        }
    }

    @Test
    void deeplyNestedFixturesReachTheRequestedDepth() throws Exception {
        byte[] file = Fixtures.deeplyNested(50);
        int metaEnd = (int) (144 + new Walker(file, true, false, Set.of()).u32(140));
        List<Walker.Element> elements = new Walker(file, true, false, Set.of()).walk(metaEnd, file.length);
        assertThat(elements).filteredOn(e -> "SQ".equals(e.vr())).hasSize(50);
        assertThat(elements).filteredOn(e -> e.tag() == Tags.SEQUENCE_DELIMITATION_ITEM).hasSize(50);
        Oracles.assumePydicom();
        String script = String.join("\n",
                "import sys, pydicom",
                "ds = pydicom.dcmread(sys.argv[1])",
                "item = ds.ProcedureCodeSequence[0]; depth = 1",
                "while 'ContentSequence' in item:",
                "    item = item.ContentSequence[0]; depth += 1",
                "print(depth, item.CodeMeaning, ds.StudyInstanceUID)");
        Path p = Files.write(dir.resolve("nested.dcm"), file);
        assertThat(Oracles.python(script, p.toString()).stdoutOrFail().strip())
                .isEqualTo("50 leaf " + Fixtures.STUDY_INSTANCE_UID);
    }

    @Test
    void tenThousandLevelsAreWrittenOnASmallStack() throws Exception {
        AtomicReference<Object> result = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                result.set(Fixtures.deeplyNested(10_000, TransferSyntax.EXPLICIT_VR_BIG_ENDIAN, false));
            } catch (Throwable e) {
                result.set(e);
            }
        }, "small-stack", 128 * 1024);
        t.start();
        t.join();
        assertThat(result.get()).isInstanceOf(byte[].class);
        byte[] file = (byte[]) result.get();
        int metaEnd = (int) (144 + new Walker(file, true, false, Set.of()).u32(140));
        List<Walker.Element> elements = new Walker(file, true, true, Set.of()).walk(metaEnd, file.length);
        assertThat(elements).filteredOn(e -> "SQ".equals(e.vr())).hasSize(10_000);
        assertThat(elements.stream().mapToInt(Walker.Element::depth).max().orElseThrow()).isEqualTo(20_000);
        assertThat(elements.get(elements.size() - 1).tag()).isEqualTo(Tags.INSTANCE_NUMBER);
    }

    @Test
    void deflateBombInflatesPastTheRequestedSize() throws Exception {
        byte[] bomb = Fixtures.deflateBomb(16);
        assertThat(bomb.length).isLessThan(64 * 1024);
        int metaEnd = (int) (144 + new Walker(bomb, true, false, Set.of()).u32(140));
        long inflated;
        try (InflaterInputStream in = new InflaterInputStream(
                new ByteArrayInputStream(bomb, metaEnd, bomb.length - metaEnd), new java.util.zip.Inflater(true))) {
            inflated = in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        assertThat(inflated).isGreaterThan(16L << 20).isLessThan((16L << 20) + 4096);
        Oracles.assumePydicom();
        JsonNode r = pydicom(bomb, false); // 16 MiB is harmless for pydicom
        assertAllUids(r);
        assertThat(r.get("ts").asText()).isEqualTo(TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN.uid());
    }

    @Test
    void undefinedLengthSequenceEndsWithoutDelimiters() throws Exception {
        for (boolean beforeUids : new boolean[] {true, false}) {
            byte[] file = Fixtures.undefinedLengthSequenceWithoutDelimiter(beforeUids);
            int metaEnd = (int) (144 + new Walker(file, true, false, Set.of()).u32(140));
            assertThatThrownBy(() -> new Walker(file, true, false, Set.of()).walk(metaEnd, file.length))
                    .hasMessageContaining("still open");
            assertThat(Bytes.toHex(file)).doesNotContain("fe ff 0d e0").doesNotContain("fe ff dd e0");
            String hex = Bytes.toHex(file);
            assertThat(hex.contains(Bytes.toHex(Bytes.ascii(Fixtures.STUDY_INSTANCE_UID)))).isEqualTo(!beforeUids);
            if (Oracles.pydicomAvailable()) {
                JsonNode r = pydicom(file, false);
                assertThat(r.get("ok").asBoolean()).as("pydicom hits the end of file inside the sequence").isFalse();
            }
        }
    }

    @Test
    void missingUidFilesLackExactlyThatUid() throws Exception {
        byte[] file = Fixtures.missingUid(Tags.SERIES_INSTANCE_UID);
        assertThat(Bytes.toHex(file)).doesNotContain(Bytes.toHex(Bytes.ascii(Fixtures.SERIES_INSTANCE_UID)))
                .contains(Bytes.toHex(Bytes.ascii(Fixtures.STUDY_INSTANCE_UID)));
        byte[] noSop = Fixtures.missingUid(Tags.SOP_INSTANCE_UID);
        assertThat(Bytes.toHex(noSop)).doesNotContain(Bytes.toHex(Bytes.ascii(Fixtures.SOP_INSTANCE_UID)));
        assertThatThrownBy(() -> Fixtures.missingUid(Tags.PATIENT_ID)).isInstanceOf(IllegalArgumentException.class);
        Oracles.assumePydicom();
        JsonNode r = pydicom(Fixtures.missingUid(Tags.STUDY_INSTANCE_UID), false);
        assertThat(r.get("study").isNull()).isTrue();
        assertThat(r.get("series").asText()).isEqualTo(Fixtures.SERIES_INSTANCE_UID);
    }

    @Test
    void notDicomIsRejectedByPydicomAndUnknownSyntaxIsDeclared() throws Exception {
        byte[] text = Fixtures.notDicom();
        assertThat(text.length).isGreaterThan(132);
        assertThat(new String(text, 128, 4, java.nio.charset.StandardCharsets.US_ASCII)).isNotEqualTo("DICM");
        assertThat(Fixtures.empty()).isEmpty();
        Oracles.assumePydicom();
        JsonNode r = pydicom(text, false);
        assertThat(r.get("ok").asBoolean()).isFalse();
        assertThat(r.get("error").asText()).isEqualTo("InvalidDicomError");
        JsonNode u = pydicom(Fixtures.unknownTransferSyntax(), false);
        assertThat(u.get("ts").asText()).isEqualTo(Fixtures.UNKNOWN_TRANSFER_SYNTAX_UID);
        assertAllUids(u);
    }

    @Test
    void trailingZerosAndOddLengths() throws Exception {
        byte[] valid = Fixtures.valid(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        byte[] padded = Fixtures.trailingZeroPadding(100);
        assertThat(Bytes.slice(padded, 0, valid.length)).isEqualTo(valid);
        assertThat(Bytes.slice(padded, valid.length, padded.length)).hasSize(100).containsOnly(0);
        byte[] odd = Fixtures.oddLengthValues();
        assertThat(Bytes.toHex(odd)).contains(Bytes.toHex(Bytes.cat(Bytes.hex("10 00 20 00"), Bytes.ascii("LO"),
                Bytes.hex("03 00"), Bytes.ascii("ODD"))));
        Oracles.assumePydicom();
        assertAllUids(pydicom(padded, false));
        JsonNode r = pydicom(odd, false);
        assertAllUids(r); // the odd-length elements come before the UIDs, so their lengths were honoured
    }
}
