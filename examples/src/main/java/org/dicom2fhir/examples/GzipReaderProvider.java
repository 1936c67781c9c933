package org.dicom2fhir.examples;

// example:third-party-reader
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.dicom2fhir.api.Limit;
import org.dicom2fhir.api.ReasonCode;
import org.dicom2fhir.api.dicom.DicomReadException;
import org.dicom2fhir.api.dicom.DicomReadResult;
import org.dicom2fhir.api.dicom.LimitExceededException;
import org.dicom2fhir.api.dicom.ReadOptions;
import org.dicom2fhir.api.spi.DicomReader;
import org.dicom2fhir.api.spi.DicomReaderProvider;

/**
 * A third-party reader, "part10-gzip": DICOM files compressed with gzip (say, an archive's
 * {@code .dcm.gz} export) are inflated as they are read and parsed by the built-in "part10" reader
 * (found by name, so this class needs dicom2fhir-api only); every other file goes to part10 untouched.
 * The inflated bytes count against the limit max-inflated-mib; a cut or corrupt gzip stream fails the
 * file as TRUNCATED or MALFORMED. A plain file whose preamble starts with gzip's magic bytes (1F 8B 08)
 * is taken for gzip and fails.
 */
public final class GzipReaderProvider implements DicomReaderProvider {
    @Override
    public String name() {
        return "part10-gzip";
    }

    @Override
    public String description() {
        return "gzip-compressed or plain DICOM files, parsed by the part10 reader";
    }

    @Override
    public DicomReader create() {
        for (DicomReaderProvider p : ServiceLoader.load(DicomReaderProvider.class, getClass().getClassLoader())) {
            if (p.name().equals("part10")) {
                return new GzipReader(p.create());
            }
        }
        throw new IllegalStateException("part10-gzip delegates to the part10 reader: add dicom2fhir-reader-part10");
    }

    private static final class GzipReader implements DicomReader {
        private final DicomReader part10;

        GzipReader(DicomReader part10) {
            this.part10 = part10;
        }

        @Override
        public DicomReadResult read(Path file, ReadOptions options) throws IOException {
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
                if (isGzip(in)) {
                    try (Inflated inflated = Inflated.of(in, options.maxInflatedBytes())) {
                        return part10.read(inflated, options);
                    }
                }
            }
            return part10.read(file, options); // plain: part10 reads the file its own way
        }

        @Override
        public DicomReadResult read(InputStream in, ReadOptions options) throws IOException {
            InputStream source = in.markSupported() ? in : new BufferedInputStream(in);
            if (!isGzip(source)) {
                return part10.read(source, options);
            }
            try (Inflated inflated = Inflated.of(source, options.maxInflatedBytes())) {
                return part10.read(inflated, options);
            }
        }

        private static boolean isGzip(InputStream in) throws IOException {
            in.mark(3);
            byte[] magic = in.readNBytes(3);
            in.reset();
            return magic.length == 3 && magic[0] == (byte) 0x1F && magic[1] == (byte) 0x8B && magic[2] == 8;
        }
    }

    /** The inflated bytes, at most {@code max}; gzip's errors become reason codes. Never closes its source. */
    private static final class Inflated extends GZIPInputStream {
        private final long max;
        private long count;

        private Inflated(InputStream source, long max) throws IOException {
            super(source); // reads the gzip header
            this.max = max;
        }

        static Inflated of(InputStream source, long max) throws IOException {
            try {
                return new Inflated(source, max);
            } catch (IOException e) {
                throw damaged(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n;
            try {
                n = super.read(b, off, len);
            } catch (IOException e) {
                throw damaged(e);
            }
            count += Math.max(n, 0);
            if (count > max) {
                throw new LimitExceededException(Limit.MAX_INFLATED_BYTES, "The gzip stream inflates to more than "
                        + max + " bytes.", DicomReadException.NO_TAG, DicomReadException.NO_OFFSET);
            }
            return n;
        }

        @Override
        public void close() {
            inf.end(); // frees the inflater; the source belongs to the caller
        }

        private static IOException damaged(IOException e) {
            if (e instanceof EOFException) {
                return new DicomReadException(ReasonCode.TRUNCATED, "The gzip stream ends early.",
                        DicomReadException.NO_TAG, DicomReadException.NO_OFFSET, e);
            }
            if (e instanceof ZipException) {
                return new DicomReadException(ReasonCode.MALFORMED, "The gzip stream is corrupt.",
                        DicomReadException.NO_TAG, DicomReadException.NO_OFFSET, e);
            }
            return e; // the file itself could not be read
        }
    }
}
// end-example
