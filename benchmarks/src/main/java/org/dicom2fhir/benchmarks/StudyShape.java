package org.dicom2fhir.benchmarks;

import java.util.Locale;
import org.dicom2fhir.testkit.GeneratedStudy;
import org.dicom2fhir.testkit.StudyGenerator;
import org.dicom2fhir.testkit.TransferSyntax;

/**
 * A benchmark study shape, named as a JMH parameter: an instance count ({@code 100}, {@code 1k},
 * {@code 10k}, {@code 100k}), optionally followed by {@code -sparse} for 512x512x16-bit Pixel Data
 * left as a sparse hole on disk (header-only reading never touches it, the disk is not filled).
 *
 * <p>Every shape: CT and MR series of at most 500 instances each (up to 20 series, then larger
 * series), headers of about {@link StudyGenerator#REALISTIC_HEADER_BYTES}, transfer syntaxes rotated
 * over explicit and implicit VR little endian with one instance in ten explicit VR big endian.
 */
record StudyShape(String key, int instances, boolean sparsePixels) {
    /** Bump when the generated content changes, so that stale cached folders are not reused. */
    static final int LAYOUT_VERSION = 1;

    private static final long SEED = 20_241_129L;
    private static final TransferSyntax[] SYNTAX_ROTATION = {
        TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN,
        TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN,
        TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN,
        TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN,
        TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, TransferSyntax.EXPLICIT_VR_BIG_ENDIAN,
    };

    static StudyShape parse(String key) {
        String k = key.trim().toLowerCase(Locale.ROOT);
        boolean sparse = k.endsWith("-sparse");
        String count = sparse ? k.substring(0, k.length() - "-sparse".length()) : k;
        int multiplier = 1;
        if (count.endsWith("k")) {
            multiplier = 1_000;
            count = count.substring(0, count.length() - 1);
        } else if (count.endsWith("m")) {
            multiplier = 1_000_000;
            count = count.substring(0, count.length() - 1);
        }
        int n;
        try {
            n = Math.multiplyExact(Integer.parseInt(count), multiplier);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("a study shape is an instance count like 100, 1k, 10k or 100k,"
                    + " optionally with -sparse; not: " + key, e);
        }
        if (n < 1) {
            throw new IllegalArgumentException("a study shape needs at least one instance: " + key);
        }
        return new StudyShape(k, n, sparse);
    }

    int seriesCount() {
        return Math.min(20, Math.max(1, (instances + 499) / 500));
    }

    GeneratedStudy generate() {
        int series = seriesCount();
        StudyGenerator.Builder b = realistic(SEED)
                .series(series)
                .instancesPerSeries(Math.max(1, instances / series));
        return sparsePixels ? b.sparsePixelData(512, 512).build() : b.noPixelData().build();
    }

    /** The files of every benchmark: CT and MR, realistic header sizes, transfer syntaxes rotated. */
    static StudyGenerator.Builder realistic(long seed) {
        return StudyGenerator.builder()
                .seed(seed)
                .modalities("CT", "MR")
                .headerBytes(StudyGenerator.REALISTIC_HEADER_BYTES)
                .transferSyntaxes(SYNTAX_ROTATION);
    }

    /** The cache folder name: changes whenever the content would. */
    String folderName() {
        return key + "-v" + LAYOUT_VERSION;
    }
}
