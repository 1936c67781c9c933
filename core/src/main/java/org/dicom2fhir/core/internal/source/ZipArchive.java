package org.dicom2fhir.core.internal.source;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.dicom2fhir.api.Limit;
import org.dicom2fhir.api.Limits;
import org.dicom2fhir.api.ReasonCode;
import org.dicom2fhir.api.dicom.DicomReadException;
import org.dicom2fhir.api.dicom.LimitExceededException;

/**
 * Reads a ZIP archive in place (random access through its central directory, nothing extracted):
 * each file entry, in sorted name order, is handed to {@link Entries} as a stream, or reported as not
 * read with its reason. The inflated bytes the entries' readers actually take count against
 * {@link Limit#MAX_ARCHIVE_READ_BYTES}; an archive with more entries than
 * {@link Limit#MAX_ARCHIVE_ENTRIES} is not opened (its central directory is counted first, because
 * opening it holds every entry in memory). Declared compression ratios are not judged: zero-filled
 * Pixel Data compresses far beyond any bomb threshold, and readers stop before it.
 */
public final class ZipArchive {
    /** What becomes of each entry; {@code path} is {@code archive!/entry/name}. */
    public interface Entries {
        /** An entry to read; the stream counts against the archive's budget and is closed afterwards. */
        void read(String path, InputStream content);

        /** An entry that is not read, and why. */
        void notRead(String path, ReasonCode reason, String message);
    }

    static final String ENCRYPTED_MESSAGE = "an encrypted ZIP entry; it is not decrypted";
    static final String UNSUPPORTED_MESSAGE = "a ZIP entry compressed with a method that cannot be read";
    static final String BUDGET_SPENT_MESSAGE = "not read: the archive's entries already inflated past the limit"
            + " (raise --" + Limit.MAX_ARCHIVE_READ_BYTES.optionName() + ")";

    /**
     * The compression methods Commons Compress reads on its own: stored, shrunk, imploded, deflated,
     * deflate64, bzip2. It also claims zstd and xz, but those need libraries that are not here (reading
     * such an entry would throw NoClassDefFoundError).
     */
    private static final java.util.Set<Integer> READABLE_METHODS = java.util.Set.of(0, 1, 6, 8, 9, 12);

    private static final int EOCD_SIGNATURE = 0x06054b50;
    private static final int ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
    private static final int ZIP64_EOCD_SIGNATURE = 0x06064b50;
    private static final int CENTRAL_HEADER_SIGNATURE = 0x02014b50;
    private static final int EOCD_SIZE = 22;
    private static final int CENTRAL_HEADER_SIZE = 46;

    private ZipArchive() {
    }

    /**
     * Reads the archive's entries.
     *
     * @param archivePath the archive's report path
     * @throws DicomReadException the archive itself cannot be read: {@code TRUNCATED} (no end of central
     *                            directory), {@code MALFORMED}, {@code TOO_MANY_ENTRIES}
     * @throws IOException        the file cannot be read
     */
    public static void read(Path file, String archivePath, Limits limits, Entries entries) throws IOException {
        try (SeekableByteChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            read(channel, archivePath, limits, entries);
        }
    }

    /**
     * Reads the entries of an archive open as a channel (a file of another file system, e.g. Hadoop's); the caller
     * closes it.
     */
    public static void read(SeekableByteChannel channel, String archivePath, Limits limits, Entries entries)
            throws IOException {
        checkEntryCount(channel, limits.maxArchiveEntries());
        channel.position(0);
        List<ZipArchiveEntry> files;
        ZipFile zip;
        try {
            zip = ZipFile.builder().setSeekableByteChannel(channel).setIgnoreLocalFileHeader(true).get();
        } catch (IOException | RuntimeException e) {
            throw new DicomReadException(ReasonCode.MALFORMED, "The ZIP archive's central directory is broken.",
                    DicomReadException.NO_TAG, DicomReadException.NO_OFFSET, e);
        }
        try (zip) {
            files = fileEntries(zip);
            if (files.size() > limits.maxArchiveEntries()) {
                throw tooManyEntries(limits.maxArchiveEntries());
            }
            readEntries(zip, files, archivePath, limits.maxArchiveReadBytes(), entries);
        }
    }

    private static List<ZipArchiveEntry> fileEntries(ZipFile zip) {
        List<ZipArchiveEntry> files = new ArrayList<>();
        for (Enumeration<ZipArchiveEntry> e = zip.getEntries(); e.hasMoreElements();) {
            ZipArchiveEntry entry = e.nextElement();
            if (!entry.isDirectory()) {
                files.add(entry);
            }
        }
        // the order of a folder scan: sorted relative paths
        files.sort(Comparator.comparing(ZipArchiveEntry::getName));
        return files;
    }

    private static void readEntries(ZipFile zip, List<ZipArchiveEntry> files, String archivePath, long budget,
            Entries entries) {
        Budget spent = new Budget(budget);
        for (ZipArchiveEntry entry : files) {
            String path = archivePath + "!/" + entry.getName();
            if (entry.getGeneralPurposeBit().usesEncryption()) {
                entries.notRead(path, ReasonCode.ENCRYPTED, ENCRYPTED_MESSAGE);
            } else if (!READABLE_METHODS.contains(entry.getMethod()) || !zip.canReadEntryData(entry)) {
                entries.notRead(path, ReasonCode.UNSUPPORTED_COMPRESSION, UNSUPPORTED_MESSAGE);
            } else if (spent.exhausted()) {
                entries.notRead(path, ReasonCode.ARCHIVE_READ_TOO_LARGE, BUDGET_SPENT_MESSAGE);
            } else {
                InputStream raw;
                try {
                    raw = zip.getInputStream(entry);
                } catch (IOException | RuntimeException e) {
                    entries.notRead(path, ReasonCode.MALFORMED, "the ZIP entry's local header is broken");
                    continue;
                } catch (LinkageError e) {
                    entries.notRead(path, ReasonCode.UNSUPPORTED_COMPRESSION, UNSUPPORTED_MESSAGE);
                    continue;
                }
                try (InputStream content = new EntryStream(raw, spent)) {
                    entries.read(path, content);
                } catch (IOException e) {
                    // closing an entry stream: nothing was lost, the entry has its outcome already
                }
            }
        }
    }

    /**
     * Finds the end of the central directory (none: the archive is cut) and counts the directory's
     * headers without building entries, stopping past {@code max}: the memory of opening the archive
     * grows with this count, whatever the end record declares.
     */
    static void checkEntryCount(SeekableByteChannel channel, int max) throws IOException {
        long size = channel.size();
        long directory = centralDirectoryOffset(channel, size);
        if (size / CENTRAL_HEADER_SIZE <= max) {
            return; // cannot hold more
        }
        ByteBuffer header = ByteBuffer.allocate(CENTRAL_HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        long pos = directory;
        long count = 0;
        while (pos + CENTRAL_HEADER_SIZE <= size) {
            header.clear();
            readFully(channel, header, pos);
            if (header.getInt(0) != CENTRAL_HEADER_SIGNATURE) {
                return;
            }
            if (++count > max) {
                throw tooManyEntries(max);
            }
            pos += CENTRAL_HEADER_SIZE + Short.toUnsignedInt(header.getShort(28)) + Short.toUnsignedInt(header.getShort(30))
                    + Short.toUnsignedInt(header.getShort(32));
        }
    }

    private static long centralDirectoryOffset(SeekableByteChannel channel, long size) throws IOException {
        int tail = (int) Math.min(size, EOCD_SIZE + 0xFFFF);
        ByteBuffer end = ByteBuffer.allocate(tail).order(ByteOrder.LITTLE_ENDIAN);
        readFully(channel, end, size - tail);
        for (int i = tail - EOCD_SIZE; i >= 0; i--) {
            if (end.getInt(i) == EOCD_SIGNATURE) {
                long offset = Integer.toUnsignedLong(end.getInt(i + 16));
                long eocd = size - tail + i;
                if (offset == 0xFFFFFFFFL && eocd >= 20) {
                    return zip64DirectoryOffset(channel, eocd - 20);
                }
                return offset;
            }
        }
        throw new DicomReadException(ReasonCode.TRUNCATED, "The ZIP archive has no end of central directory: it is cut"
                + " or incomplete.", DicomReadException.NO_TAG, DicomReadException.NO_OFFSET);
    }

    private static long zip64DirectoryOffset(SeekableByteChannel channel, long locator) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN);
        readFully(channel, b, locator);
        if (b.getInt(0) != ZIP64_LOCATOR_SIGNATURE) {
            throw malformed();
        }
        long record = b.getLong(8);
        ByteBuffer r = ByteBuffer.allocate(56).order(ByteOrder.LITTLE_ENDIAN);
        if (record < 0 || record + 56 > channel.size()) {
            throw malformed();
        }
        readFully(channel, r, record);
        if (r.getInt(0) != ZIP64_EOCD_SIGNATURE) {
            throw malformed();
        }
        return r.getLong(48);
    }

    private static void readFully(SeekableByteChannel channel, ByteBuffer into, long pos) throws IOException {
        channel.position(pos);
        while (into.hasRemaining()) {
            if (channel.read(into) < 0) {
                throw new DicomReadException(ReasonCode.TRUNCATED, "The ZIP archive ends inside its central directory.",
                        DicomReadException.NO_TAG, pos);
            }
        }
    }

    private static DicomReadException malformed() {
        return new DicomReadException(ReasonCode.MALFORMED, "The ZIP archive's ZIP64 end records are broken.");
    }

    private static LimitExceededException tooManyEntries(int max) {
        return new LimitExceededException(Limit.MAX_ARCHIVE_ENTRIES, "The ZIP archive holds more than " + max
                + " entries; none was read (raise --" + Limit.MAX_ARCHIVE_ENTRIES.optionName() + ").",
                DicomReadException.NO_TAG, DicomReadException.NO_OFFSET);
    }

    /** The inflated bytes left for one archive's entries. Used by the one thread that reads the archive. */
    private static final class Budget {
        private long left;

        Budget(long max) {
            this.left = max;
        }

        boolean exhausted() {
            return left < 0;
        }

        void spend(int n) throws LimitExceededException {
            left -= n;
            if (left < 0) {
                throw new LimitExceededException(Limit.MAX_ARCHIVE_READ_BYTES, "The archive's entries inflated past the"
                        + " limit while this entry was read (raise --" + Limit.MAX_ARCHIVE_READ_BYTES.optionName() + ").",
                        DicomReadException.NO_TAG, DicomReadException.NO_OFFSET);
            }
        }
    }

    /**
     * An entry's inflated bytes: counted against the budget, and the archive's damage as reason codes
     * (a cut entry TRUNCATED, corrupt compressed data MALFORMED) so that a reader fails the entry with them.
     */
    private static final class EntryStream extends FilterInputStream {
        private final Budget budget;
        private long position;

        EntryStream(InputStream in, Budget budget) {
            super(in);
            this.budget = budget;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n;
            try {
                n = in.read(b, off, len);
            } catch (EOFException e) {
                throw new DicomReadException(ReasonCode.TRUNCATED, "The ZIP entry ends early (the archive is cut).",
                        DicomReadException.NO_TAG, position, e);
            } catch (IOException | RuntimeException e) {
                throw new DicomReadException(ReasonCode.MALFORMED, "The ZIP entry's compressed data is corrupt.",
                        DicomReadException.NO_TAG, position, e);
            }
            if (n > 0) {
                position += n;
                budget.spend(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            // through read, so that skipped bytes are inflated, counted and checked like read ones
            byte[] scratch = new byte[(int) Math.min(8192, Math.max(n, 1))];
            long skipped = 0;
            while (skipped < n) {
                int r = read(scratch, 0, (int) Math.min(scratch.length, n - skipped));
                if (r < 0) {
                    break;
                }
                skipped += r;
            }
            return skipped;
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
