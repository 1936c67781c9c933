package org.dicom2fhir.reader.pixelmed;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dicom2fhir.api.BackendSelectionException;
import org.dicom2fhir.api.spi.DicomReader;
import org.dicom2fhir.api.spi.DicomReaderProvider;

/**
 * The reader {@value #NAME}: DICOM headers parsed by the PixelMed toolkit (Debian's libpixelmed-java,
 * {@code /usr/share/java/pixelmed.jar}, on the class path next to this module's jar), behind this
 * reader's own checks. The same behaviour contract as the built-in reader ({@code part10}), so that
 * the two give the same attributes for the same file:
 *
 * <ul>
 *   <li>header only: reading stops at (7FE0,0008) and later top-level tags (Pixel Data); only the
 *       requested top-level elements (and the Specific Character Set) are handed to PixelMed;</li>
 *   <li>not DICOM (no {@code DICM} at byte 128 and no plausible group 0002/0008 element at the
 *       start): {@link org.dicom2fhir.api.dicom.NotDicomException};</li>
 *   <li>damage in the preamble or File Meta group, or in the data set before any requested element
 *       was read: {@link org.dicom2fhir.api.dicom.DicomReadException} with reason {@code TRUNCATED},
 *       {@code LENGTH_EXCEEDS_FILE}, {@code MALFORMED} or {@code UNSUPPORTED_TRANSFER_SYNTAX};
 *       damage after a requested element was read: a result holding the elements before it whose
 *       {@link org.dicom2fhir.api.dicom.DicomReadResult#damage() damage()} says the reason, element and
 *       byte offset (never a warning);</li>
 *   <li>the limits of {@link org.dicom2fhir.api.dicom.ReadOptions} always throw a
 *       {@link org.dicom2fhir.api.dicom.LimitExceededException} naming the {@link org.dicom2fhir.api.Limit}:
 *       nesting, inflated bytes, header bytes (every byte loaded before Pixel Data counts; values not
 *       requested are skipped without loading);</li>
 *   <li>bounded memory: this reader walks the structure itself first and checks every declared
 *       length against the bytes there are, so PixelMed, which allocates by declared length and
 *       recurses on nesting, only parses bytes already known to be whole and shallow enough;</li>
 *   <li>every failure of the library (its exceptions, {@link StackOverflowError},
 *       {@link OutOfMemoryError}) is contained at the file boundary: elements PixelMed read before it
 *       are kept with a {@code MALFORMED} warning, else the file fails with our reason code.</li>
 * </ul>
 * Differences from part10, all on damaged input: inside a requested sequence a stray item delimiter,
 * an item lacking its delimiter or anything but an item in a sequence is damage here (PixelMed's own
 * recovery would read another structure), where part10 reads on with a warning; and an element whose
 * value PixelMed refuses (a short-VR value over 64 KiB in implicit VR, a binary value of the wrong
 * length) is left out with a warning. Where PixelMed on its own reads a good file wrongly (character
 * sets it does not know or decodes badly, UN-encoded sequences and binary numbers, undefined-length
 * elements with creator-like tags), this reader corrects it; see {@code Charsets} and
 * {@code Conversion}.
 */
public final class PixelmedReaderProvider implements DicomReaderProvider {
    /** The name users select this reader by. */
    public static final String NAME = "pixelmed";

    private static final String PIXELMED_CLASS = "com.pixelmed.dicom.AttributeList";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        String version = pixelmedVersion();
        String library = version == null ? "PixelMed toolkit (not on the class path)"
                : version.isEmpty() ? "PixelMed toolkit" : "PixelMed toolkit " + version;
        return library + " behind dicom2fhir's own bounds checks";
    }

    /** A thread-safe reader; no option is read. */
    @Override
    public DicomReader create() {
        if (!pixelmedPresent()) {
            throw new BackendSelectionException("The pixelmed reader needs the PixelMed toolkit on the class path "
                    + "(on Debian: apt-get install libpixelmed-java, which installs /usr/share/java/pixelmed.jar).");
        }
        return new PixelmedReader();
    }

    private static boolean pixelmedPresent() {
        try {
            Class.forName(PIXELMED_CLASS, false, PixelmedReaderProvider.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * The version in the jar's file name (Debian's pixelmed.jar links to pixelmed-20220618.jar), "" when
     * the name holds none, null when PixelMed is not on the class path.
     */
    private static String pixelmedVersion() {
        if (!pixelmedPresent()) {
            return null;
        }
        try {
            Class<?> c = Class.forName(PIXELMED_CLASS, false, PixelmedReaderProvider.class.getClassLoader());
            Path jar = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
            Matcher m = Pattern.compile("pixelmed-([0-9][0-9.]*)\\.jar").matcher(Files.isSymbolicLink(jar)
                    ? jar.toRealPath().getFileName().toString() : jar.getFileName().toString());
            return m.matches() ? m.group(1) : "";
        } catch (Exception | LinkageError e) {
            return "";
        }
    }
}
