package org.dicom2fhir.reader.pixelmed;

import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.dicom2fhir.api.Limit;
import org.dicom2fhir.api.ReasonCode;
import org.dicom2fhir.api.dicom.DicomDataSet;
import org.dicom2fhir.api.dicom.DicomElement;
import org.dicom2fhir.api.dicom.DicomReadException;
import org.dicom2fhir.api.dicom.DicomReadResult;
import org.dicom2fhir.api.dicom.LimitExceededException;
import org.dicom2fhir.api.dicom.ReadDamage;
import org.dicom2fhir.api.dicom.ReadOptions;
import org.dicom2fhir.api.dicom.Tags;
import org.dicom2fhir.codec.internal.ElementHeader;
import org.dicom2fhir.codec.internal.Encoding;
import org.dicom2fhir.codec.internal.Feed;
import org.dicom2fhir.codec.internal.FileStart;
import org.dicom2fhir.codec.internal.GuardedReader;
import org.dicom2fhir.codec.internal.InflatingFeed;
import org.dicom2fhir.codec.internal.ReadWarnings;

/**
 * The pixelmed reader: this reader's checks first ({@link FileStart}, {@link HeaderScan}), then
 * PixelMed parses exactly the bytes they let through ({@link Library}), then {@link Conversion}. See
 * {@link PixelmedReaderProvider} for the outcomes; {@link GuardedReader} is the file boundary. Holds
 * no per-read state: thread-safe.
 */
final class PixelmedReader extends GuardedReader {
    /** PixelMed recurses on nesting and allocates by declared length: its errors fail the file, not the run. */
    @Override
    protected DicomReadException contain(Error e) {
        if (e instanceof StackOverflowError) {
            return new LimitExceededException(Limit.MAX_NESTING_DEPTH, "The sequences of this file nest deeper than the reader's "
                    + "stack can follow.", DicomReadException.NO_TAG, DicomReadException.NO_OFFSET);
        }
        return unexpected(e); // OutOfMemoryError, a library's LinkageError...
    }

    @Override
    protected DicomReadResult readHeader(Feed feed, ReadOptions options) throws IOException {
        ReadWarnings warnings = new ReadWarnings();
        Input input = new Input(feed, options.maxHeaderBytes(), 0);
        Copy meta = new Copy(512);
        ElementHeader header = new ElementHeader(Dictionary::vrOf);
        FileStart.Start start = FileStart.read(input, header, warnings, (h, pos) -> {
            input.skip(pos - input.position()); // the preamble and DICM marker, before the first element
            input.consume(h.size(), meta); // FileStart has read the header: it is buffered
            return input.copy(h.length(), meta);
        });
        input.skip(start.dataSetPos() - input.position()); // the DICM marker of a file without File Meta
        DicomDataSet fileMeta = fileMeta(meta, start.metaEncoding());
        Input data = input;
        Encoding encoding = start.encoding();
        InflatingFeed inflating = null;
        try {
            if (start.deflated()) {
                inflating = new InflatingFeed(start.dataSetPos(), options.maxInflatedBytes(), input.rest());
                data = new Input(inflating, options.maxHeaderBytes(), start.dataSetPos());
                encoding = FileStart.verify(data, start.dataSetPos(), encoding, start.transferSyntaxUid(), header, warnings);
            }
            HeaderScan.Result scan = new HeaderScan(data, header, encoding, options, warnings).scan();
            if (scan.damage() != null && scan.kept() == 0) {
                throw scan.damage().toException();
            }
            List<DicomElement> elements = dataSet(scan, encoding, options, warnings);
            ReadDamage damage = scan.damage() == null ? null : scan.damage().toReadDamage();
            return new DicomReadResult(start.transferSyntaxUid(), fileMeta, DicomDataSet.of(elements), warnings.toList(),
                    damage);
        } finally {
            if (inflating != null) {
                inflating.close();
            }
        }
    }

    /** The File Meta group (its bytes, as {@link FileStart} walked them) as PixelMed reads it; damage there fails the file. */
    private static DicomDataSet fileMeta(Copy bytes, Encoding encoding) throws DicomReadException {
        if (bytes.size() == 0) {
            return DicomDataSet.empty();
        }
        Library.Parsed meta = Library.parse(bytes.array(), bytes.size(), encoding);
        try {
            if (meta.failure() == null) {
                return new Conversion(false, Map.of(), Map.of(), offset -> offset, new ReadWarnings()).fileMeta(meta.list());
            }
        } catch (DicomException | RuntimeException e) {
            // reported below
        }
        throw new DicomReadException(ReasonCode.MALFORMED, "The File Meta Information could not be read (PixelMed: "
                + (meta.failure() == null ? "values" : meta.failure().getClass().getSimpleName()) + ").",
                DicomReadException.NO_TAG, 0);
    }

    /** Most elements PixelMed may fail on before the data set counts as unreadable. */
    private static final int MAX_DROPPED = 16;

    /**
     * PixelMed parses the scan's copy; its attributes and the scan's bulk elements make the data set.
     * An element PixelMed fails on is left out, with a warning, and the rest is parsed again: a
     * damaged later attribute is simply absent (reliability.md), whatever it was that PixelMed
     * could not take.
     */
    private static List<DicomElement> dataSet(HeaderScan.Result scan, Encoding encoding, ReadOptions options,
            ReadWarnings warnings) throws IOException {
        List<List<String>> declarations = new ArrayList<>(scan.itemCharsets().values());
        if (scan.charset() != null) {
            declarations.add(scan.charset());
        }
        boolean ownDecoding = !declarations.stream().allMatch(Charsets::pixelmedDecodes);
        byte[] bytes = scan.copy().array();
        if (ownDecoding) {
            for (int[] value : scan.charsetValues()) {
                Arrays.fill(bytes, value[0], value[0] + value[1], (byte) ' ');
            }
        }
        List<HeaderScan.Passed> passed = scan.passed();
        boolean[] dropped = new boolean[passed.size()];
        int droppedCount = 0;
        Buffer buffer;
        Library.Parsed parsed;
        while (true) {
            buffer = new Buffer(bytes, scan.copy().size(), passed, dropped);
            parsed = Library.parse(buffer.bytes, buffer.length, encoding);
            if (parsed.failure() == null) {
                break;
            }
            Throwable failure = parsed.failure();
            if (failure instanceof StackOverflowError) {
                throw new LimitExceededException(Limit.MAX_NESTING_DEPTH, "The sequences of this file nest deeper than PixelMed "
                        + "can follow.", DicomReadException.NO_TAG, DicomReadException.NO_OFFSET);
            }
            int failing = failingElement(buffer, parsed, passed, dropped, encoding);
            if (failing < 0 || droppedCount == MAX_DROPPED) {
                throw new DicomReadException(ReasonCode.MALFORMED, "PixelMed could not read the data set ("
                        + failure.getClass().getSimpleName() + ").", DicomReadException.NO_TAG, DicomReadException.NO_OFFSET);
            }
            dropped[failing] = true;
            droppedCount++;
            HeaderScan.Passed p = passed.get(failing);
            warnings.add(ReadWarnings.MALFORMED, "PixelMed could not read element " + Tags.format(p.tag()) + " at byte " + p.offset()
                    + " (" + failure.getClass().getSimpleName() + "); it was left out.");
        }
        List<DicomElement> elements;
        try {
            elements = new Conversion(ownDecoding, scan.itemCharsets(), scan.renamed(), buffer::copyOffset, warnings)
                    .topLevel(parsed.list(), scan.charset(), options::wants, encoding);
        } catch (DicomException e) {
            throw new DicomReadException(ReasonCode.MALFORMED, "PixelMed could not give the values it read ("
                    + e.getClass().getSimpleName() + ").", DicomReadException.NO_TAG, DicomReadException.NO_OFFSET, e);
        }
        for (HeaderScan.Bulk bulk : scan.bulk()) {
            elements.add(bulk.element());
        }
        for (int i = 0; i < passed.size(); i++) {
            HeaderScan.Passed p = passed.get(i);
            if (!dropped[i] && options.wants(p.tag()) && !parsed.list().containsKey(pixelmedTag(p.copyTag()))) {
                warnings.add(ReadWarnings.MALFORMED, "PixelMed could not read element " + Tags.format(p.tag()) + " at byte "
                        + p.offset() + " (its value does not fit its VR); it was left out.");
            }
        }
        if (elements.isEmpty() && droppedCount > 0) {
            throw new DicomReadException(ReasonCode.MALFORMED, "PixelMed could read none of the requested elements.",
                    DicomReadException.NO_TAG, DicomReadException.NO_OFFSET);
        }
        return elements;
    }

    /**
     * The element PixelMed failed on: the one after the last it put in its list, unless the bytes up to
     * that one already fail (the last one was then cut short); -1 when it cannot be told.
     */
    private static int failingElement(Buffer buffer, Library.Parsed parsed, List<HeaderScan.Passed> passed, boolean[] dropped,
            Encoding encoding) {
        int last = -1;
        for (int i = 0; i < passed.size(); i++) {
            if (!dropped[i] && parsed.list().containsKey(pixelmedTag(passed.get(i).copyTag()))) {
                last = i;
            }
        }
        int next = last + 1;
        while (next < passed.size() && dropped[next]) {
            next++;
        }
        if (last < 0) {
            return next < passed.size() ? next : -1;
        }
        int cut = next < passed.size() ? buffer.bufferOffset(passed.get(next).copyStart()) : buffer.length;
        boolean lastIsWhole = Library.parse(buffer.bytes, cut, encoding).failure() == null;
        return lastIsWhole ? (next < passed.size() ? next : -1) : last;
    }

    /**
     * The copy without the elements PixelMed failed on: what is handed to PixelMed, and the way back
     * from its offsets to the copy's (the keys of the items' character sets).
     */
    private static final class Buffer {
        final byte[] bytes;
        final int length;
        private final int[] bufferStarts;
        private final int[] copyStarts;

        Buffer(byte[] copy, int copyLength, List<HeaderScan.Passed> passed, boolean[] dropped) {
            // the copy is the empty character set, then each passed element, back to back
            List<int[]> kept = new ArrayList<>(); // {copyStart, copyEnd}
            kept.add(new int[] {0, passed.isEmpty() ? copyLength : passed.get(0).copyStart()});
            for (int i = 0; i < passed.size(); i++) {
                if (!dropped[i]) {
                    kept.add(new int[] {passed.get(i).copyStart(), i + 1 < passed.size() ? passed.get(i + 1).copyStart()
                            : copyLength});
                }
            }
            bufferStarts = new int[kept.size()];
            copyStarts = new int[kept.size()];
            if (kept.size() == passed.size() + 1) {
                bytes = copy;
                length = copyLength;
                for (int k = 0; k < kept.size(); k++) {
                    bufferStarts[k] = kept.get(k)[0];
                    copyStarts[k] = kept.get(k)[0];
                }
                return;
            }
            byte[] out = new byte[copyLength];
            int n = 0;
            for (int k = 0; k < kept.size(); k++) {
                int[] range = kept.get(k);
                bufferStarts[k] = n;
                copyStarts[k] = range[0];
                System.arraycopy(copy, range[0], out, n, range[1] - range[0]);
                n += range[1] - range[0];
            }
            bytes = out;
            length = n;
        }

        int copyOffset(int bufferOffset) {
            int k = segment(bufferStarts, bufferOffset);
            return copyStarts[k] + bufferOffset - bufferStarts[k];
        }

        int bufferOffset(int copyOffset) {
            int k = segment(copyStarts, copyOffset);
            return bufferStarts[k] + copyOffset - copyStarts[k];
        }

        private static int segment(int[] starts, int offset) {
            int k = Arrays.binarySearch(starts, offset);
            return k >= 0 ? k : Math.max(0, -k - 2);
        }
    }

    private static AttributeTag pixelmedTag(int tag) {
        return new AttributeTag(tag >>> 16, tag & 0xFFFF);
    }
}
