package org.dicom2fhir.reader.pixelmed;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomInputStream;
import java.io.ByteArrayInputStream;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.dicom2fhir.codec.internal.Encoding;

/**
 * The calls into PixelMed, each contained: whatever the library throws, {@link StackOverflowError}
 * and {@link OutOfMemoryError} included, comes back as a value, never as an exception.
 */
final class Library {
    /**
     * PixelMed logs through SLF4J, which Debian's jar routes to java.util.logging; its lines may quote
     * attribute values (patient data). They are switched off unless someone configured them.
     */
    private static final Logger PIXELMED_LOG = Logger.getLogger("com.pixelmed");

    static {
        if (PIXELMED_LOG.getLevel() == null) {
            PIXELMED_LOG.setLevel(Level.OFF);
        }
    }

    private Library() {
    }

    /**
     * What PixelMed read from some bytes.
     *
     * @param list    the attributes read (up to the failure, when there was one)
     * @param failure what PixelMed threw, or null
     */
    record Parsed(AttributeList list, Throwable failure) {
    }

    /** PixelMed's reading of {@code length} bytes of a data set (or File Meta group) in {@code encoding}. */
    static Parsed parse(byte[] bytes, int length, Encoding encoding) {
        AttributeList list = new AttributeList();
        try {
            list.setDecompressPixelData(false);
            DicomInputStream in = new DicomInputStream(new ByteArrayInputStream(bytes, 0, length), encoding.uid(), false);
            list.read(in);
            return new Parsed(list, null);
        } catch (Throwable t) { // the file boundary: the library's errors, stack overflow included, are this file's
            if (t instanceof ThreadDeath death) {
                throw death;
            }
            return new Parsed(list, t);
        }
    }
}
