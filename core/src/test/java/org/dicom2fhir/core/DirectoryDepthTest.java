package org.dicom2fhir.core;

import org.dicom2fhir.api.Limits;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.dicom2fhir.api.Disposition;
import org.dicom2fhir.api.ReasonCode;
import org.dicom2fhir.testkit.BadInputs;
import org.dicom2fhir.testkit.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The directory depth limit (reliability.md: 32 by default) through {@link Converter#convert}: a folder
 * at the limit is reported once and not entered, and the walk itself does not recurse, so a limit far
 * above the default walks a thousand levels.
 */
class DirectoryDepthTest {
    @TempDir
    Path tmp;

    /** {@code levels} nested folders "d" below {@code root}, a file in the deepest; returns that folder's path. */
    private static Path nest(Path root, int levels) throws Exception {
        Path deepest = root.resolve("d" + "/d".repeat(levels - 1));
        Files.createDirectories(deepest);
        Files.write(deepest.resolve("deep.dcm"), BadInputs.otherInstance(Fixtures.SOP_INSTANCE_UID + ".2"));
        return deepest;
    }

    @Test
    void fortyLevelsStopAtTheDefaultLimitOfThirtyTwo() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("study"));
        Files.write(root.resolve("top.dcm"), BadInputs.otherInstance(Fixtures.SOP_INSTANCE_UID + ".1"));
        nest(root, 40);

        ConversionReport report = Converter.builder().reader("part10").writer(FakeWriter.provider()).build().convert(root).report();

        assertThat(report.files()).hasSize(2);
        assertThat(report.files().get(0).path()).isEqualTo("d" + "/d".repeat(31));
        assertThat(report.files().get(0).reason()).isEqualTo(ReasonCode.TOO_DEEP);
        assertThat(report.files().get(1).path()).isEqualTo("top.dcm");
        assertThat(report.files().get(1).disposition()).isEqualTo(Disposition.INCLUDED);
    }

    @Test
    void aThousandLevelsAreWalkedWithoutRecursionWhenTheLimitAllowsThem() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("study"));
        nest(root, 1000);

        ConversionReport report = Converter.builder().reader("part10").writer(FakeWriter.provider())
                .limits(Limits.defaults().withMaxDirectoryDepth(1001)).build().convert(root).report();

        assertThat(report.files()).singleElement().satisfies(f -> {
            assertThat(f.path()).isEqualTo("d" + "/d".repeat(999) + "/deep.dcm");
            assertThat(f.disposition()).isEqualTo(Disposition.INCLUDED);
        });
    }
}
