package org.dicom2fhir.core;

import org.dicom2fhir.api.Limits;
import org.dicom2fhir.api.WarningCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.dicom2fhir.api.Disposition;
import org.dicom2fhir.api.ReasonCode;
import org.dicom2fhir.api.Warning;
import org.dicom2fhir.api.dicom.ReadOptions;
import org.dicom2fhir.core.internal.mapping.FactsExtractor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Step 1, one file to its facts or its disposition, for every way a read can end. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ReadFileTest {
    @TempDir
    Path dir;

    private final FakeReader reader = new FakeReader();
    private final Converter converter = Converter.builder().reader(reader).writer(FakeWriter.provider())
            .limits(Limits.defaults().withMaxNestingDepth(7).withMaxHeaderBytes(1234).withMaxInflatedBytes(5678))
            .build();

    private FileOutcome read(String content) throws IOException {
        Path file = dir.resolve("f");
        Files.writeString(file, content);
        return converter.readFile(file, "sub/f").get(0);
    }

    @Test
    void aGoodFileIsIncludedWithItsFactsAndWarnings() throws IOException {
        FileOutcome o = read(FakeReader.instance("1.2.3", "1.2.3.1", "1.2.3.1.1") + "warn=CHARACTER_SET\n");
        assertThat(o.included()).isTrue();
        assertThat(o.report()).isEqualTo(FileReport.included("sub/f",
                java.util.List.of(new Warning(WarningCode.CHARACTER_SET, "fake reader warning"))));
        assertThat(o.facts().path()).isEqualTo("sub/f");
        assertThat(o.facts().studyInstanceUid()).isEqualTo("1.2.3");
        assertThat(o.facts().seriesInstanceUid()).isEqualTo("1.2.3.1");
        assertThat(o.facts().sopInstanceUid()).isEqualTo("1.2.3.1.1");
        assertThat(o.facts().warnings()).extracting(Warning::code).contains(WarningCode.CHARACTER_SET);
    }

    @Test
    void theReaderIsAskedForTheMappingsTagsWithinTheLimits() throws IOException {
        read(FakeReader.instance("1.2.3", "1.2.3.1", "1.2.3.1.1"));
        assertThat(reader.optionsSeen).containsExactly(
                new ReadOptions(FactsExtractor.REQUIRED_TAGS, Limits.defaults().withMaxNestingDepth(7).withMaxHeaderBytes(1234).withMaxInflatedBytes(5678)));
    }

    @Test
    void aFileThatIsNotDicomIsSkipped() throws IOException {
        FileOutcome o = read("just some notes");
        assertThat(o.facts()).isNull();
        assertThat(o.report()).isEqualTo(FileReport.notIncluded("sub/f", ReasonCode.NOT_DICOM,
                "no DICOM preamble or data set", java.util.List.of()));
    }

    @Test
    void aDicomdirIsSkipped() throws IOException {
        FileOutcome o = read("throw=DICOMDIR");
        assertThat(o.report().disposition()).isEqualTo(Disposition.SKIPPED);
        assertThat(o.report().reason()).isEqualTo(ReasonCode.DICOMDIR);
    }

    @Test
    void aDicomdirFoundByTheExtractorIsSkipped() throws IOException {
        FileOutcome o = read(FakeReader.instance("1.2.3", "1.2.3.1", "1.2.3.1.1") + "sopclass=1.2.840.10008.1.3.10\n");
        assertThat(o.report().reason()).isEqualTo(ReasonCode.DICOMDIR);
        assertThat(o.report().disposition()).isEqualTo(Disposition.SKIPPED);
    }

    @ParameterizedTest
    @EnumSource(value = ReasonCode.class, names = {"TRUNCATED", "LENGTH_EXCEEDS_FILE", "NESTING_TOO_DEEP",
            "INFLATED_TOO_LARGE", "HEADER_TOO_LARGE", "UNSUPPORTED_TRANSFER_SYNTAX", "MALFORMED", "UNREADABLE"})
    void aMalformedFileFailsWithTheReadersReasonAndMessage(ReasonCode reason) throws IOException {
        FileOutcome o = read("throw=" + reason.name());
        assertThat(o.report()).isEqualTo(FileReport.notIncluded("sub/f", reason,
                "file ends inside (0010,0010) at byte 912", java.util.List.of()));
        assertThat(o.report().disposition()).isEqualTo(Disposition.FAILED);
    }

    @Test
    void missingUidsFailAndKeepTheReadWarnings() throws IOException {
        FileOutcome o = read("study=1.2.3\nseries=1.2.3.1\nwarn=CHARACTER_SET\n");
        assertThat(o.report().reason()).isEqualTo(ReasonCode.MISSING_UIDS);
        assertThat(o.report().disposition()).isEqualTo(Disposition.FAILED);
        assertThat(o.report().warnings()).extracting(Warning::code).containsExactly(WarningCode.CHARACTER_SET);
    }

    @Test
    void aMissingSopClassFails() throws IOException {
        FileOutcome o = read(FakeReader.instance("1.2.3", "1.2.3.1", "1.2.3.1.1") + "sopclass=-\n");
        assertThat(o.report().reason()).isEqualTo(ReasonCode.MISSING_SOP_CLASS);
    }

    @Test
    void anIoErrorFailsAsUnreadableWithoutTheJdksMessage() throws IOException {
        FileOutcome o = read("throw=IO");
        assertThat(o.report().reason()).isEqualTo(ReasonCode.UNREADABLE);
        assertThat(o.report().message()).isEqualTo("the file cannot be read (I/O error)")
                .doesNotContain(FakeReader.SECRET);
    }

    @Test
    void aFileTheReaderMayNotOpenFailsAsUnreadable() throws IOException {
        FileOutcome o = read("throw=DENIED");
        assertThat(o.report().reason()).isEqualTo(ReasonCode.UNREADABLE);
        assertThat(o.report().message()).isEqualTo("the file cannot be read (permission denied)");
    }

    @Test
    void aReaderThrowingARuntimeExceptionFailsTheFileOnly() throws IOException {
        FileOutcome o = read("throw=RUNTIME");
        assertThat(o.report().reason()).isEqualTo(ReasonCode.UNREADABLE);
        assertThat(o.report().disposition()).isEqualTo(Disposition.FAILED);
        assertThat(o.report().message()).contains("reader failed").doesNotContain(FakeReader.SECRET);
    }

    @Test
    void aReaderOverflowingItsStackFailsTheFileOnly() throws IOException {
        FileOutcome o = read("throw=STACK_OVERFLOW");
        assertThat(o.report().reason()).isEqualTo(ReasonCode.UNREADABLE);
        assertThat(o.report().message()).contains("reader failed").contains("stack overflow");
    }

    @Test
    void aReaderThrowingAnErrorFailsTheFileOnly() throws IOException {
        FileOutcome o = read("throw=ERROR");
        assertThat(o.report().reason()).isEqualTo(ReasonCode.UNREADABLE);
        assertThat(o.report().message()).contains("reader failed").doesNotContain(FakeReader.SECRET);
    }

    @Test
    void aReaderReturningNothingFailsTheFile() throws IOException {
        FileOutcome o = read("throw=NULL");
        assertThat(o.report().reason()).isEqualTo(ReasonCode.UNREADABLE);
    }

    @Test
    void aSeriesUidThatCannotBeAFhirIdFails() throws IOException {
        FileOutcome o = read(FakeReader.instance("1.2.3", "1.2.3.1_bad!", "1.2.3.1.1"));
        assertThat(o.report().reason()).isEqualTo(ReasonCode.INVALID_UID);
    }

    @Test
    void aSymlinkIsReportedAndNeverOpened() throws IOException {
        Path target = dir.resolve("target");
        Files.writeString(target, FakeReader.instance("1.2.3", "1.2.3.1", "1.2.3.1.1"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), target);
        FileOutcome o = converter.readFile(link, "link").get(0);
        assertThat(o.report().reason()).isEqualTo(ReasonCode.SYMLINK);
        assertThat(o.report().disposition()).isEqualTo(Disposition.SKIPPED);
        assertThat(reader.reads).hasValue(0);
    }

    @Test
    void aFifoIsReportedAndNeverOpened() throws Exception {
        Path fifo = dir.resolve("pipe");
        assumeTrue(org.dicom2fhir.core.internal.pipeline.FolderScannerTestAccess.mkfifo(fifo), "mkfifo is not available");
        FileOutcome o = converter.readFile(fifo, "pipe").get(0);
        assertThat(o.report().reason()).isEqualTo(ReasonCode.SPECIAL_FILE);
        assertThat(reader.reads).hasValue(0);
    }

    @Test
    void aMissingFileFailsAsUnreadable() {
        FileOutcome o = converter.readFile(dir.resolve("gone"), "gone").get(0);
        assertThat(o.report().reason()).isEqualTo(ReasonCode.UNREADABLE);
        assertThat(o.report().message()).isEqualTo("the file disappeared during the run");
    }

    @Test
    void aFolderGivenAsAFileFails() throws IOException {
        FileOutcome o = converter.readFile(Files.createDirectories(dir.resolve("sub")), "sub").get(0);
        assertThat(o.report().disposition()).isEqualTo(Disposition.FAILED);
    }

    @Test
    void anUnreadableFileFails() throws IOException {
        assumeTrue(!org.dicom2fhir.core.internal.pipeline.FolderScannerTestAccess.isRoot(), "root reads everything");
        Path file = dir.resolve("locked");
        Files.writeString(file, FakeReader.instance("1.2.3", "1.2.3.1", "1.2.3.1.1"));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        FileOutcome o = converter.readFile(file, "locked").get(0);
        assertThat(o.report().reason()).isEqualTo(ReasonCode.UNREADABLE);
        assertThat(o.report().message()).contains("permission denied");
    }
}
