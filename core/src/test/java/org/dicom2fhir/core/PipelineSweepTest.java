package org.dicom2fhir.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.dicom2fhir.api.Disposition;
import org.dicom2fhir.api.ReasonCode;
import org.dicom2fhir.api.dicom.Tags;
import org.dicom2fhir.testkit.DicomFileSpec;
import org.dicom2fhir.testkit.DicomFileWriter;
import org.dicom2fhir.testkit.DicomObject;
import org.dicom2fhir.testkit.Fixtures;
import org.dicom2fhir.testkit.TransferSyntax;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Truncation and bit-flip sweeps through the pipeline's read step ({@link Converter#readFile}, the
 * part10 reader and the facts extraction): every valid testkit fixture (each transfer syntax; for each
 * distinct encoding also with sequences of defined and undefined length, with Pixel Data, and without
 * preamble and File Meta) cut at every byte offset, and with a bit flipped in every header byte. Each case ends in exactly one disposition with a
 * value-free message, nothing escapes, and the cut cases follow the skipped/failed rule of
 * reliability.md.
 */
class PipelineSweepTest {
    /** Failures that a cut before the three UIDs may give: damage, or a data set that happens to end cleanly there. */
    private static final Set<ReasonCode> CUT_BEFORE_UIDS = Set.of(ReasonCode.TRUNCATED, ReasonCode.LENGTH_EXCEEDS_FILE,
            ReasonCode.MISSING_UIDS, ReasonCode.NOT_AN_INSTANCE);

    private static Converter converter;

    @TempDir
    static Path tmp;

    /** One fixture: its bytes, and where the last of the three UIDs ends (-1: not visible, the data set is deflated). */
    record Fixture(String name, byte[] bytes, boolean preamble, int uidsEnd) {
    }

    @BeforeAll
    static void setUp() {
        converter = Converter.builder().reader("part10").writer(FakeWriter.provider()).ioThreads(1).build();
    }

    static List<Fixture> fixtures() {
        DicomObject withSequences = Fixtures.dataSet()
                .setSequence(Tags.PROCEDURE_CODE_SEQUENCE, new DicomObject().set(Tags.CODE_VALUE, "SH", "X1")
                        .set(Tags.CODING_SCHEME_DESIGNATOR, "SH", "99FIX").set(Tags.CODE_MEANING, "LO", "Fixture code"),
                        new DicomObject().set(Tags.CODE_VALUE, "SH", "X2"))
                .setSequence(Tags.REQUEST_ATTRIBUTES_SEQUENCE, new DicomObject()
                        .setSequence(Tags.PROCEDURE_CODE_SEQUENCE, new DicomObject().set(Tags.CODE_VALUE, "SH", "X3")));
        List<Fixture> fixtures = new ArrayList<>();
        Set<TransferSyntax> everyVariant = Set.of(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN,
                TransferSyntax.EXPLICIT_VR_BIG_ENDIAN, TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN,
                TransferSyntax.JPEG_BASELINE, TransferSyntax.RLE_LOSSLESS);
        for (TransferSyntax ts : TransferSyntax.values()) {
            DicomFileSpec spec = DicomFileSpec.of(ts);
            fixtures.add(fixture(ts + " plain", Fixtures.dataSet(), spec));
            if (!everyVariant.contains(ts)) {
                continue; // the other encapsulated syntaxes differ from JPEG_BASELINE in their UID only
            }
            fixtures.add(fixture(ts + " sequences", withSequences, spec));
            fixtures.add(fixture(ts + " undefined-length sequences", withSequences, spec.withUndefinedLengths(true)));
            if (!ts.deflated()) {
                fixtures.add(fixture(ts + " pixel data", Fixtures.dataSet(), spec.withPixelData(new byte[512])));
            }
            if (!ts.deflated() && !ts.encapsulated()) {
                DicomFileSpec raw = spec.withPreamble(false).withFileMeta(false);
                fixtures.add(fixture(ts + " no File Meta", Fixtures.dataSet(), raw));
                fixtures.add(fixture(ts + " no File Meta, sequences", withSequences, raw.withUndefinedLengths(true)));
            }
        }
        return fixtures;
    }

    private static Fixture fixture(String name, DicomObject ds, DicomFileSpec spec) {
        byte[] bytes = DicomFileWriter.toBytes(ds, spec);
        int uidsEnd = -1;
        if (!spec.transferSyntax().deflated()) {
            // The Series Instance UID is the last of the three in tag order; its value ends the region.
            byte[] series = Fixtures.SERIES_INSTANCE_UID.getBytes(StandardCharsets.US_ASCII);
            int at = lastIndexOf(bytes, series);
            assertThat(at).as(name).isPositive();
            uidsEnd = at + series.length;
        }
        return new Fixture(name, bytes, spec.preamble(), uidsEnd);
    }

    private static int lastIndexOf(byte[] haystack, byte[] needle) {
        for (int i = haystack.length - needle.length; i >= 0; i--) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }

    private static FileOutcome read(Path file, byte[] bytes) throws Exception {
        Files.write(file, bytes);
        FileOutcome outcome = converter.readFile(file, "f.dcm").get(0);
        FileReport report = outcome.report();
        assertThat(report.path()).isEqualTo("f.dcm");
        if (report.disposition() != Disposition.INCLUDED) {
            assertThat(report.message()).isNotBlank().doesNotContain("Fixture").doesNotContain("FIXTURE")
                    .doesNotContain("internal error").doesNotContain("unexpected").doesNotContain("stack overflow");
        }
        return outcome;
    }

    @Test
    @Timeout(value = 600, unit = TimeUnit.SECONDS)
    void everyFixtureCutAtEveryOffsetEndsAsTheRuleSays() throws Exception {
        Path file = tmp.resolve("cut.dcm");
        Map<ReasonCode, Integer> counts = new EnumMap<>(ReasonCode.class);
        int cases = 0;
        int includedWithWarnings = 0;
        for (Fixture f : fixtures()) {
            assertThat(read(file, f.bytes()).included()).as(f.name() + " whole").isTrue();
            for (int length = 0; length < f.bytes().length; length++) {
                FileReport r = read(file, Arrays.copyOf(f.bytes(), length)).report();
                String where = f.name() + " cut at " + length + ": " + r;
                cases++;
                if (r.reason() != null) {
                    counts.merge(r.reason(), 1, Integer::sum);
                }
                if (f.preamble() && length < 132) {
                    assertThat(r.reason()).as(where).isEqualTo(ReasonCode.NOT_DICOM);
                } else if (f.uidsEnd() >= 0 && length < f.uidsEnd()) {
                    assertThat(r.reason()).as(where).isIn(f.preamble() ? CUT_BEFORE_UIDS : withNotDicom());
                } else if (f.uidsEnd() >= 0) {
                    assertThat(r.disposition()).as(where).isEqualTo(Disposition.INCLUDED);
                    if (!r.warnings().isEmpty()) {
                        includedWithWarnings++;
                    }
                } else {
                    assertThat(r.disposition() == Disposition.INCLUDED || CUT_BEFORE_UIDS.contains(r.reason()))
                            .as(where).isTrue();
                }
            }
        }
        assertThat(cases).isGreaterThan(30_000);
        // most cuts before the UIDs land inside an element: damage, not a clean end
        assertThat(counts.getOrDefault(ReasonCode.TRUNCATED, 0) + counts.getOrDefault(ReasonCode.LENGTH_EXCEEDS_FILE, 0))
                .as(counts.toString())
                .isGreaterThan(counts.getOrDefault(ReasonCode.MISSING_UIDS, 0) + counts.getOrDefault(ReasonCode.NOT_AN_INSTANCE, 0));
        assertThat(includedWithWarnings).as("cuts after the UIDs inside an element warn").isPositive();
    }

    /** Without a preamble, a cut in the first bytes may leave nothing that looks like a data set. */
    private static Set<ReasonCode> withNotDicom() {
        Set<ReasonCode> set = new java.util.HashSet<>(CUT_BEFORE_UIDS);
        set.add(ReasonCode.NOT_DICOM);
        return set;
    }

    @Test
    @Timeout(value = 600, unit = TimeUnit.SECONDS)
    void aBitFlippedInAnyHeaderByteEndsInOneDisposition() throws Exception {
        Path file = tmp.resolve("flip.dcm");
        Map<Disposition, Integer> counts = new EnumMap<>(Disposition.class);
        for (Fixture f : fixtures()) {
            // every bit of two fixtures, one bit per byte (rotating) of the others
            boolean allBits = f.name().equals(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN + " sequences")
                    || f.name().equals(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN + " plain");
            byte[] b = f.bytes().clone();
            for (int at = 0; at < b.length; at++) {
                for (int bit = allBits ? 0 : at % 8; bit < 8; bit += allBits ? 1 : 8) {
                    b[at] ^= (byte) (1 << bit);
                    FileReport r = read(file, b).report();
                    counts.merge(r.disposition(), 1, Integer::sum);
                    b[at] ^= (byte) (1 << bit);
                }
            }
        }
        assertThat(counts.values().stream().mapToInt(Integer::intValue).sum()).as(counts.toString()).isGreaterThan(40_000);
        assertThat(counts).as("flips in values leave most files readable").containsKey(Disposition.INCLUDED);
    }
}
