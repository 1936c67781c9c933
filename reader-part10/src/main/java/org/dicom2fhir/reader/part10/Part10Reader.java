package org.dicom2fhir.reader.part10;

import org.dicom2fhir.api.dicom.LimitExceededException;
import org.dicom2fhir.api.dicom.ReadDamage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Objects;
import org.dicom2fhir.api.ReasonCode;
import org.dicom2fhir.api.dicom.DicomDataSet;
import org.dicom2fhir.api.dicom.DicomReadException;
import org.dicom2fhir.api.dicom.DicomReadResult;
import org.dicom2fhir.api.dicom.ReadOptions;
import org.dicom2fhir.api.spi.DicomReader;
import org.dicom2fhir.codec.internal.Damage;
import org.dicom2fhir.codec.internal.ElementHeader;
import org.dicom2fhir.codec.internal.Encoding;
import org.dicom2fhir.codec.internal.FileStart;
import org.dicom2fhir.codec.internal.ReadWarnings;

/**
 * The part10 reader: see {@link Part10ReaderProvider} for what it does with damaged files. Holds no
 * per-read state; every read builds its own window, parser and warnings, so one instance serves
 * any number of threads.
 */
final class Part10Reader implements DicomReader {
    private static final System.Logger LOG = System.getLogger(Part10Reader.class.getName());

    /** The sorted tag list of the last options seen: options are usually one instance for a whole run. */
    private record Plan(ReadOptions options, int[] wanted) {
    }

    private volatile Plan plan;

    @Override
    public DicomReadResult read(Path file, ReadOptions options) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(options, "options");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return guarded(new PositionedFeed.OfChannel(channel), options);
        }
    }

    @Override
    public DicomReadResult read(InputStream in, ReadOptions options) throws IOException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(options, "options");
        return guarded(new ForwardFeed.OfStream(in), options);
    }

    @Override
    public DicomReadResult read(byte[] content, ReadOptions options) throws DicomReadException {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(options, "options");
        try {
            return guarded(new PositionedFeed.OfArray(content), options);
        } catch (DicomReadException e) {
            throw e;
        } catch (IOException e) {
            throw new DicomReadException(ReasonCode.UNREADABLE, "The bytes could not be read.", DicomReadException.NO_TAG,
                    DicomReadException.NO_OFFSET, e);
        }
    }

    /** The boundary: only DicomReadException or a plain IOException of the file itself leave it. */
    private DicomReadResult guarded(Feed feed, ReadOptions options) throws IOException {
        try {
            return readHeader(feed, options);
        } catch (IOException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "unexpected failure in the part10 reader", e);
            throw new DicomReadException(ReasonCode.MALFORMED, "The header could not be parsed (unexpected "
                    + e.getClass().getSimpleName() + ").", DicomReadException.NO_TAG, DicomReadException.NO_OFFSET, e);
        }
    }

    private DicomReadResult readHeader(Feed feed, ReadOptions options) throws IOException {
        ReadWarnings warnings = new ReadWarnings();
        Window window = Window.withThreadBuffer(feed, options.maxHeaderBytes());
        InflatingFeed inflating = null;
        try {
            FileMeta meta = new FileMeta(window, warnings);
            ElementHeader header = new ElementHeader(VrDictionary::lookup);
            FileStart.Start start = FileStart.read(window, header, warnings, meta);
            Window data = window;
            Encoding encoding = start.encoding();
            if (start.deflated()) {
                inflating = new InflatingFeed(window, start.dataSetPos(), options.maxInflatedBytes());
                data = new Window(inflating, options.maxHeaderBytes());
                encoding = FileStart.verify(data, start.dataSetPos(), encoding, start.transferSyntaxUid(), header, warnings);
            }
            DataSetParser parser = new DataSetParser(data, header, start.dataSetPos(), encoding, wanted(options),
                    options.maxNestingDepth(), warnings);
            ReadDamage damage = null;
            try {
                parser.parse();
            } catch (Damage d) {
                damage = keepWhatWasRead(parser, d.toReadDamage(), d.toException());
            } catch (LimitExceededException e) {
                throw e;
            } catch (DicomReadException e) {
                damage = keepWhatWasRead(parser, new ReadDamage(e.reason(), e.tag(), e.offset(), e.getMessage()), e);
            }
            return new DicomReadResult(start.transferSyntaxUid(), meta.dataSet(), DicomDataSet.of(parser.elements()),
                    warnings.toList(), damage);
        } finally {
            if (inflating != null) {
                inflating.close();
            }
            window.release();
        }
    }

    /**
     * Damage after some elements were read keeps them, reported as the result's damage (core decides
     * from the UIDs whether the file is usable); damage before any element was read fails the file.
     * Limits guard against hostile input: they fail the file whatever was read before.
     */
    private static ReadDamage keepWhatWasRead(DataSetParser parser, ReadDamage damage, DicomReadException failure)
            throws DicomReadException {
        if (parser.elements().isEmpty()) {
            throw failure;
        }
        return damage;
    }

    private int[] wanted(ReadOptions options) {
        Plan p = plan;
        if (p != null && p.options() == options) {
            return p.wanted();
        }
        int[] wanted = null;
        if (!options.tags().isEmpty()) {
            wanted = new int[options.tags().size()];
            int n = 0;
            for (Integer tag : options.tags()) {
                wanted[n++] = tag ^ Integer.MIN_VALUE; // sort as unsigned
            }
            Arrays.sort(wanted);
            for (int i = 0; i < n; i++) {
                wanted[i] ^= Integer.MIN_VALUE;
            }
        }
        plan = new Plan(options, wanted);
        return wanted;
    }
}
