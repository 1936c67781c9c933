package org.dicom2fhir.reader.part10;

import java.io.IOException;
import java.util.Arrays;
import org.dicom2fhir.api.dicom.DicomDataSet;
import org.dicom2fhir.api.dicom.DicomReadException;
import org.dicom2fhir.api.dicom.DicomReadResult;
import org.dicom2fhir.api.dicom.LimitExceededException;
import org.dicom2fhir.api.dicom.ReadDamage;
import org.dicom2fhir.api.dicom.ReadOptions;
import org.dicom2fhir.codec.internal.Damage;
import org.dicom2fhir.codec.internal.ElementHeader;
import org.dicom2fhir.codec.internal.Encoding;
import org.dicom2fhir.codec.internal.Feed;
import org.dicom2fhir.codec.internal.FileStart;
import org.dicom2fhir.codec.internal.GuardedReader;
import org.dicom2fhir.codec.internal.InflatingFeed;
import org.dicom2fhir.codec.internal.ReadWarnings;

/**
 * The part10 reader: see {@link Part10ReaderProvider} for what it does with damaged files;
 * {@link GuardedReader} is the file boundary. Holds no per-read state; every read builds its own
 * window, parser and warnings, so one instance serves any number of threads.
 */
final class Part10Reader extends GuardedReader {
    /** The sorted tag list of the last options seen: options are usually one instance for a whole run. */
    private record Plan(ReadOptions options, int[] wanted) {
    }

    private volatile Plan plan;

    @Override
    protected DicomReadResult readHeader(Feed feed, ReadOptions options) throws IOException {
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
                inflating = new InflatingFeed(start.dataSetPos(), options.maxInflatedBytes(), window.from(start.dataSetPos()));
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
